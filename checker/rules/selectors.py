"""Selectors compiled once per RuleSet into plain predicates on AST rows and pages."""
from __future__ import annotations

import re
from typing import Callable

from checker.ast.model import Page, Row, ValueKind
from checker.ast.rows import PER_SHARE, SHARES_ENDING, quotes_rate
from checker.rules.model import PageSelector, Selector
from checker.rules.words import required_words

UNIT_TAIL = re.compile(r"\s*(\|\s*\S.*|\((in|In) [^)]*\))\s*$")
SHARES_PART = re.compile(SHARES_ENDING)  # searched in the lower-cased label


def normal_label(label: str) -> str:
    """'Net loss (in shares) | shares' -> 'net loss': what synonyms are compared against."""
    if "|" in label or "(in " in label or "(In " in label:  # a unit tail needs one of these: most labels lack all
        label = UNIT_TAIL.sub("", label)  # (the regex tries every position of a label that has none)
    return " ".join(label.split()).lower()  # split() and \s agree on what is whitespace


class Memo:
    """Results that depend on nothing but a string, kept for the rules compiled together (one batch run).

    About half the row labels of a corpus recur across pages, and rules share patterns, so most
    label searches and label normalisations are answered from here. Each table is emptied when it
    reaches LIMIT entries: memory stays flat over long batches."""

    LIMIT = 1 << 15

    def __init__(self) -> None:
        self.labels: dict[str, tuple[str, str | None]] = {}
        self.searches: dict[str, tuple[dict[str, bool], Callable[[str], bool]]] = {}

    def label_info(self, label: str) -> tuple[str, str | None]:
        """(normal_label, label_unit) of a label: what a page's facts read from every row's label."""
        found = self.labels.get(label)
        if found is None:
            if len(self.labels) >= self.LIMIT:
                self.labels.clear()
            found = self.labels[label] = (normal_label(label), label_unit(label))
        return found

    def search(self, pattern: str) -> Callable[[str], bool]:
        """Does the pattern occur in a text (case-insensitive)? One remembered answer per distinct text."""
        return self.search_table(pattern)[1]

    def search_table(self, pattern: str) -> tuple[dict[str, bool], Callable[[str], bool]]:
        """(the answers known so far, the search): a caller that runs for every row looks an answer up
        itself before it calls the search."""
        found = self.searches.get(pattern)
        if found is None:
            words = required_words(pattern)
            seen: dict[str, bool] = {}
            compiled: list[re.Pattern[str]] = []  # made when a text first needs it: on one page most never do

            def search(text: str) -> bool:
                if not compiled:
                    compiled.append(re.compile(pattern, re.IGNORECASE))
                return compiled[0].search(text) is not None

            def found(text: str) -> bool:
                hit = seen.get(text)
                if hit is None:
                    if len(seen) >= self.LIMIT:
                        seen.clear()
                    if words is not None and text.isascii():  # most labels lack every word: no regex run
                        low = text.lower()
                        hit = False
                        for w in words:
                            if w in low:
                                hit = search(text)
                                break
                    else:
                        hit = search(text)
                    seen[text] = hit
                return hit

            found = self.searches[pattern] = (seen, found)
        return found


def unit_class(row: Row, page: Page) -> str:
    """money, shares, per_share, percent or number, from the row's unit, label and cells (a page's facts
    call unit_from themselves, with what they learn as they read the cells)."""
    return unit_from(row.unit, for_cells(label_unit(row.label), row.label, row.cells),
                     any(c.kind is ValueKind.percent for c in row.cells), any(c.currency for c in row.cells))


def for_cells(named: str | None, label: str, cells) -> str | None:
    """A label's label_unit, once its row's cells are known: not per_share when the label only quotes the rate
    of the amounts the row prints ("Cash dividends, $.94 per share", see checker.ast.rows.quotes_rate)."""
    return None if named == "per_share" and quotes_rate(label, cells) else named


PER_SHARE_WORDS = re.compile(PER_SHARE)  # on a lower-cased label


def label_unit(label: str) -> str | None:
    """per_share or shares when the label names that unit, else None: the part of unit_class that depends on
    the label alone (a page's facts look it up once per distinct label, see Memo.label_info)."""
    label = label.lower()
    if label.endswith("(in shares)"):  # the renderer's own note of the unit outweighs the words before it
        return "shares"
    if PER_SHARE_WORDS.search(label) or "(in dollars per share)" in label:
        return "per_share"
    if "(in shares)" in label or SHARES_PART.search(label):
        return "shares"
    return None


CURRENCIES = frozenset(("$", "€", "£", "¥", "usd", "eur", "gbp"))


def unit_from(unit: str | None, named: str | None, percent: bool, currency: bool) -> str:
    """unit_class from the row's unit, its label_unit and its cells (some percentage, some currency)."""
    if percent:
        return "percent"
    if unit is None:  # nearly every row: only the label and the cells tell
        return named or ("money" if currency else "number")
    unit = unit.lower()
    if "/" in unit or named == "per_share":
        return "per_share"
    if unit == "shares" or named == "shares":
        return "shares"
    if unit in CURRENCIES or currency:
        return "money"
    return "number"


RowTest = Callable[..., bool]  # (row, page, unit=None): unit is the row's unit class when known


def compile_selector(sel: Selector, memo: Memo | None = None) -> RowTest:
    """One predicate for the selector: the cheap tests (unit, members) run before the label patterns.

    Pattern results and normal labels come from `memo` (shared by the selectors compiled together)."""
    memo = memo or Memo()
    if sel.concept is not None:
        return lambda row, page, unit=None: False  # text renderings carry no concept names per row
    units = None if sel.unit is None else frozenset(u.value for u in sel.unit)
    no_member = sel.no_member
    in_members = None if sel.member is None else memo.search(sel.member)
    names = None if sel.labels is None else frozenset(normal_label(x) for x in sel.labels)
    label_info = memo.label_info
    label_seen, in_label = (None, None) if sel.label is None else memo.search_table(sel.label)
    not_label_seen, in_not_label = (None, None) if sel.not_label is None else memo.search_table(sel.not_label)
    in_section = None if sel.section is None else memo.search(sel.section)

    def selects(row: Row, page: Page, unit: str | None = None) -> bool:
        # one function, not one per test: this runs for every row of every page, for each selector
        if units is not None and (unit or unit_class(row, page)) not in units:
            return False
        if no_member and row.member_path:
            return False
        if in_members is not None and not in_members(" | ".join(row.member_path)):
            return False
        if names is not None and label_info(row.label)[0] not in names:
            return False
        if in_label is not None:  # the label searches answered from their memo inline, most of the time
            hit = label_seen.get(row.label)
            if not (in_label(row.label) if hit is None else hit):
                return False
        if in_not_label is not None:
            hit = not_label_seen.get(row.label)
            if in_not_label(row.label) if hit is None else hit:
                return False
        if in_section is not None and (row.section is None or not in_section(row.section)):
            return False
        return True

    return selects


def selector_fields(sel: Selector) -> tuple[tuple[str, object], ...]:
    """The fields a selector sets to other than their defaults, in field order: selectors that give the same
    select the same rows. Read from the fields, not pydantic's serializer: the precompiled packs never build it."""
    fields = type(sel).model_fields
    return tuple((name, value) for name, value in sel.__dict__.items() if value != fields[name].default)


PageTest = Callable[[Page], bool]


def every_page(page: Page) -> bool:
    """The page test of a rule that names no pages (the engine need not call it)."""
    return True


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
        return tests[0] if tests else every_page
    return lambda page: all(t(page) for t in tests)
