"""Selectors compiled once per RuleSet into plain predicates on AST rows and pages."""
from __future__ import annotations

import re
from typing import Callable

from checker.ast.model import Page, Row, ValueKind
from checker.rules.model import PageSelector, Selector

UNIT_TAIL = re.compile(r"\s*(\|\s*\S.*|\((in|In) [^)]*\))\s*$")
SPACES = re.compile(r"\s+")


def normal_label(label: str) -> str:
    """'Net loss (in shares) | shares' -> 'net loss': what synonyms are compared against."""
    return SPACES.sub(" ", UNIT_TAIL.sub("", label)).strip().lower()


class Memo:
    """Results that depend on nothing but a string, kept for the rules compiled together (one batch run).

    About half the row labels of a corpus recur across pages, and rules share patterns, so most
    label searches and label normalisations are answered from here. Each table is emptied when it
    reaches LIMIT entries: memory stays flat over long batches."""

    LIMIT = 1 << 15

    def __init__(self) -> None:
        self.norms: dict[str, str] = {}
        self.searches: dict[str, Callable[[str], bool]] = {}

    def normal_label(self, label: str) -> str:
        found = self.norms.get(label)
        if found is None:
            if len(self.norms) >= self.LIMIT:
                self.norms.clear()
            found = self.norms[label] = normal_label(label)
        return found

    def search(self, pattern: str) -> Callable[[str], bool]:
        """Does the pattern occur in a text (case-insensitive)? One remembered answer per distinct text."""
        found = self.searches.get(pattern)
        if found is None:
            rx = re.compile(pattern, re.IGNORECASE)
            seen: dict[str, bool] = {}

            def found(text: str) -> bool:
                hit = seen.get(text)
                if hit is None:
                    if len(seen) >= self.LIMIT:
                        seen.clear()
                    hit = seen[text] = rx.search(text) is not None
                return hit

            self.searches[pattern] = found
        return found


def unit_class(row: Row, page: Page) -> str:
    """money, shares, per_share, percent or number, from the row's unit, label and cells."""
    unit = (row.unit or "").lower()
    label = row.label.lower()
    if any(c.kind is ValueKind.percent for c in row.cells):
        return "percent"
    if "/" in unit or "per share" in label or "per unit" in label or "(in dollars per share)" in label:
        return "per_share"
    if unit == "shares" or "(in shares)" in label:
        return "shares"
    if unit in ("$", "€", "£", "¥", "usd", "eur", "gbp") or any(c.currency for c in row.cells):
        return "money"
    return "number"


RowTest = Callable[..., bool]  # (row, page, unit=None): unit is the row's unit class when known


def compile_selector(sel: Selector, memo: Memo | None = None) -> RowTest:
    """One predicate for the selector: the cheap tests (unit, members) run before the label patterns.

    Pattern results and normal labels come from `memo` (shared by the selectors compiled together)."""
    memo = memo or Memo()
    tests: list[RowTest] = []
    if sel.unit is not None:
        units = frozenset(u.value for u in sel.unit)
        tests.append(lambda row, page, unit=None: (unit or unit_class(row, page)) in units)
    if sel.no_member:
        tests.append(lambda row, page, unit=None: not row.member_path)
    if sel.member is not None:
        in_members = memo.search(sel.member)
        tests.append(lambda row, page, unit=None: in_members(" | ".join(row.member_path)))
    if sel.labels is not None:
        names = frozenset(normal_label(x) for x in sel.labels)
        norm = memo.normal_label
        tests.append(lambda row, page, unit=None: norm(row.label) in names)
    if sel.label is not None:
        in_label = memo.search(sel.label)
        tests.append(lambda row, page, unit=None: in_label(row.label))
    if sel.not_label is not None:
        in_not_label = memo.search(sel.not_label)
        tests.append(lambda row, page, unit=None: not in_not_label(row.label))
    if sel.section is not None:
        in_section = memo.search(sel.section)
        tests.append(lambda row, page, unit=None: row.section is not None and in_section(row.section))
    if sel.concept is not None:
        tests.append(lambda row, page, unit=None: False)  # text renderings carry no concept names per row

    def selects(row: Row, page: Page, unit: str | None = None) -> bool:
        for test in tests:
            if not test(row, page, unit):
                return False
        return True

    return selects


PageTest = Callable[[Page], bool]


def compile_page_selector(sel: PageSelector) -> PageTest:
    tests: list[PageTest] = []
    if sel.statement is not None:
        kinds = frozenset(sel.statement)
        tests.append(lambda page: page.title is not None and page.title.kind in kinds)
    if sel.title is not None:
        tx = re.compile(sel.title, re.IGNORECASE)
        tests.append(lambda page: page.title is not None and tx.search(page.title.text) is not None)
    if sel.not_title is not None:
        ntx = re.compile(sel.not_title, re.IGNORECASE)
        tests.append(lambda page: page.title is None or ntx.search(page.title.text) is None)
    if sel.definition is not None:
        dx = re.compile(sel.definition, re.IGNORECASE)
        tests.append(lambda page: any(d.text and dx.search(d.text) for d in page.definitions))
    if len(tests) <= 1:  # most rules: no page test, or one (the page is asked once a rule)
        return tests[0] if tests else lambda page: True
    return lambda page: all(t(page) for t in tests)
