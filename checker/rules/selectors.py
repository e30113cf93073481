"""Selectors compiled once per RuleSet into plain predicates on AST rows and pages."""
from __future__ import annotations

import re
from typing import Callable

from checker.ast.model import Page, Row
from checker.rules.model import PageSelector, Selector

UNIT_TAIL = re.compile(r"\s*(\|\s*\S.*|\((in|In) [^)]*\))\s*$")
SPACES = re.compile(r"\s+")


def normal_label(label: str) -> str:
    """'Net loss (in shares) | shares' -> 'net loss': what synonyms are compared against."""
    return SPACES.sub(" ", UNIT_TAIL.sub("", label)).strip().lower()


def unit_class(row: Row, page: Page) -> str:
    """money, shares, per_share, percent or number, from the row's unit, label and cells."""
    unit = (row.unit or "").lower()
    label = row.label.lower()
    if any(c.kind.value == "percent" for c in row.cells):
        return "percent"
    if "/" in unit or "per share" in label or "per unit" in label or "(in dollars per share)" in label:
        return "per_share"
    if unit == "shares" or "(in shares)" in label:
        return "shares"
    if unit in ("$", "€", "£", "¥", "usd", "eur", "gbp") or any(c.currency for c in row.cells):
        return "money"
    return "number"


RowTest = Callable[..., bool]  # (row, page, unit=None): unit is the row's unit class when known


def compile_selector(sel: Selector) -> RowTest:
    """One predicate for the selector: the cheap tests (unit, members) run before the label patterns."""
    tests: list[RowTest] = []
    flags = re.IGNORECASE
    if sel.unit is not None:
        units = frozenset(u.value for u in sel.unit)
        tests.append(lambda row, page, unit=None: (unit or unit_class(row, page)) in units)
    if sel.no_member:
        tests.append(lambda row, page, unit=None: not row.member_path)
    if sel.member is not None:
        mx = re.compile(sel.member, flags)
        tests.append(lambda row, page, unit=None: mx.search(" | ".join(row.member_path)) is not None)
    if sel.labels is not None:
        names = frozenset(normal_label(x) for x in sel.labels)
        tests.append(lambda row, page, unit=None: normal_label(row.label) in names)
    if sel.label is not None:
        rx = re.compile(sel.label, flags)
        tests.append(lambda row, page, unit=None: rx.search(row.label) is not None)
    if sel.not_label is not None:
        nx = re.compile(sel.not_label, flags)
        tests.append(lambda row, page, unit=None: nx.search(row.label) is None)
    if sel.section is not None:
        sx = re.compile(sel.section, flags)
        tests.append(lambda row, page, unit=None: row.section is not None and sx.search(row.section) is not None)
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
    return lambda page: all(t(page) for t in tests)
