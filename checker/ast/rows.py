"""Finishing rows once a page is read: row kinds, member paths, sections and cell scales."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import cached_property

from checker.ast.construct import assign, trusted
from checker.ast.kinds import ABSTRACT_ROW, EMPTY, ITEM_ROW, MEMBER_ROW, MONEY, NUMBER, TEXT
from checker.ast.model import Cell, Page, Row, Title
from checker.ast.textblock import is_year

NEW_ROW = trusted(Row)  # typed values only: skip validation (see construct.py)


def split_year_rows(page: Page) -> None:
    """Rows of a schedule by year whose labels were read as values.

    '|2023' over '|8,816' is a row labelled 2023 and its amount, printed exactly as two values
    would be, so a maturity schedule (2022 (remaining), 2023, ..., Thereafter) reads as one row
    holding years and amounts in turn. A row holds no more values than the page has columns;
    in one that does, each bare year (EDGAR prints amounts of 1,900 and more with a comma) that
    a value follows starts a row of its own, owning the year's lines."""
    width = len(page.columns)
    if not width or all(len(row.cells) <= width for row in page.rows):
        return
    rows, split = [], False
    for row in page.rows:
        rows.append(row)
        cells = row.cells
        starts = [i for i in range(len(cells) - 1) if is_bare_year(cells[i]) and not is_bare_year(cells[i + 1])
                  and cells[i + 1].kind not in (TEXT, EMPTY)] if len(cells) > width else []
        for start, end in zip(starts, starts[1:] + [len(cells)]):
            year = cells[start]
            rows.append(NEW_ROW(line=year.line, source=year.source, label=year.raw.strip(),
                                cells=cells[start + 1:end]))
        if starts:
            del cells[starts[0]:]
            split = True
    if split:
        page.rows[:] = rows


def is_bare_year(cell: Cell) -> bool:
    return cell.kind is NUMBER and is_year(cell.raw.strip())


def close_rows(page: Page) -> None:
    """Row kinds and cell scales, now that every row has its cells."""
    title = page.title
    members: list[str] = []
    section: str | None = None
    sections: set[str] = set()  # section labels seen so far on the page
    items: set[str] = set()     # labels of the rows with values seen so far outside any section or member
    scaled = title is not None and bool(title.money_scale or title.shares_scale)
    valued = [any(c.kind is not EMPTY for c in row.cells) for row in page.rows]
    twins = money_twins(page.rows) if scaled else set()
    for i, row in enumerate(page.rows):
        has_values = valued[i]
        if row.kind is MEMBER_ROW or not has_values and (
                names_members(row.label) or heads_member_section(page.rows, valued, i)
                or heads_repeated_section(page.rows, valued, i, sections, items)):
            assign(row, "kind", MEMBER_ROW)
            members = [part.strip() for part in row.label.split(" | ")]
            section = None
        elif not has_values:
            assign(row, "kind", ABSTRACT_ROW)
            section = row.label
            sections.add(row.label)
        assign(row, "member_path", [*members])  # its own list: rows under one heading must not share one
        if row.kind is ITEM_ROW:
            assign(row, "section", section)
            if has_values and section is None and not members:
                items.add(row.label)
            if scaled and has_values:  # on an unscaled page every scale stays 0
                scale_cells(row, title, twins)


def names_members(label: str) -> bool:
    # US GAAP's, IFRS's; and a typed dimension's value ("... Start Date [Axis]: 2025-03-30")
    return " | " in label or "[Member]" in label or "[member]" in label or "[Axis]: " in label


def heads_repeated_section(rows: list[Row], valued: list[bool], i: int, sections: set[str],
                           items: set[str]) -> bool:
    """A heading the rendering printed without "[Member]": the row under it repeats a section or an item above.

    EDGAR prints a member's rows as a member heading, then the table's line-item sections
    again ("Loans", then "Liabilities from financing activities" a second time), or its items
    ("Products", then "Net sales", which the statement printed for the whole above, under no
    heading); a plain section heading ("Liabilities:") does not bring back a section already
    seen, and rows repeated under two headings ("Financial assets", "Financial liabilities",
    each over "Gross amount") are those headings' sections.
    """
    if rows[i].label in sections or not _bare_heading(rows, valued, i) or i + 1 >= len(rows):
        return False
    following = rows[i + 1].label
    return following in items if valued[i + 1] else following in sections


def heads_member_section(rows: list[Row], valued: list[bool], i: int) -> bool:
    """The first heading the rendering printed without "[Member]" over a table's line items: right above
    "... [Line Items]" ("Pension", then "Defined Benefit Plans ... [Line Items]": in a table only a member heads
    them), or above an XBRL abstract that another such heading below opens again ("Allowance for doubtful
    accounts", then "SEC Schedule, 12-09, ... [Roll Forward]", which "Valuation allowance on deferred tax assets"
    repeats). A filer's own heading over a section repeated below is not enough: "Valuation method" over
    "Monte Carlo simulation" is a heading of the filer's."""
    if not _bare_heading(rows, valued, i) or i + 1 >= len(rows) or valued[i + 1]:
        return False
    section = rows[i + 1].label
    if section.endswith(("[Line Items]", "[line items]")):  # US GAAP's, IFRS's
        return True
    return section.endswith(("[Roll Forward]", "[Abstract]", "[abstract]")) and any(
        rows[k].label == section and not valued[k] and _bare_heading(rows, valued, k - 1)
        for k in range(i + 2, len(rows)))


def _bare_heading(rows: list[Row], valued: list[bool], i: int) -> bool:
    """A row without values whose label names no XBRL abstract, member or heading ending in ':'."""
    label = rows[i].label
    return not valued[i] and bool(label) and "[" not in label and not label.endswith(":")


class AnyCase:
    """A case-insensitive regular expression, searched fast on ASCII labels (nearly all of them).

    re.IGNORECASE folds case character by character at every position tried, several times the
    work of a case-sensitive search of the lower-cased label, and these run on every row of a
    scaled page.  On ASCII text both find the same; beyond it re's folding is not str.lower
    ("ſ" matches "s", "İ" lowers to two characters), so other labels keep the IGNORECASE search,
    compiled when one first needs it.
    """

    def __init__(self, pattern: str):
        if re.search(r"\\[A-Z]", pattern):  # lower-casing \B, \S, \W, \D would change what it means
            raise ValueError(f"{pattern!r}: an upper-case escape cannot be lower-cased")
        self.pattern = pattern
        self.lower = re.compile(pattern.lower())

    @cached_property
    def any_case(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.I)

    def search(self, text: str) -> bool:
        if text.isascii():
            return self.lower.search(text.lower()) is not None
        return self.any_case.search(text) is not None


SHARE_LABEL = AnyCase(r"\bshares?\b|\bunits?\b|\boptions?\b|\bwarrants?\b|\bRSUs?\b|\bstock awards?\b")
# "per share", "per common share", "per Class A unit"
PER_SHARE = r"per (?:(?:common|ordinary|basic|diluted|preferred|class [a-z]) )?(?:share|unit)"
PER_SHARE_LABEL = AnyCase(PER_SHARE + r"|price|\$ / shares|/ ?share")
# an amount of money whose label still speaks of shares: "Warrant liability", "Common stock,
# $0.00001 par value: 50,400,000 shares authorized", "Value of shares repurchased", "Common stock withheld related
# to net share settlement of equity awards"
MONEY_LABEL = AnyCase(r"\bvalues?\b|\bamounts?\b|liabilit|capital|paid-in|\bpar\b|\bcosts?\b|expense|proceeds"
                      r"|\bincome\b|revenue|\bcash\b|dividends?|compensation|settlement|\$")
# an equity statement's share-count rows: "Stock issued, shares", "Beginning balance, shares at Dec. 31, 2021",
# "Common stock, shares issued" (the label's last part, a date's own comma aside, names shares; lower case)
SHARES_ENDING = r", shares\b[^,]*(?:, \d{4})?$"
SHARE_COUNT = AnyCase(r"\(in shares\)|\bnumber of\b|\bshares? (?:outstanding|issued|authorized)\b|"
                      r"\bweighted[- ]average (?:\w+ )?shares\b|" + SHARES_ENDING)
# an equity statement prints a movement twice: its amount ("Stock issued for the exercise of stock options")
# and its shares, the same label with ", shares" or " (in shares)" added
IN_SHARES = re.compile(r"\(in shares\)$", re.IGNORECASE)
# a rate the label quotes for its amount: "Cash Dividends, $.94, $.92, and $.90 per share for the years ..."
QUOTED_RATE = re.compile(r"\$ ?(\d*\.\d+) per (?:(?:common|ordinary|preferred) )?share", re.IGNORECASE)
SHARES_TWIN = re.compile(r"^(?P<label>.+?)(?:, shares| \(in shares\))$", re.IGNORECASE)


def money_twins(rows: list[Row]) -> set[str]:
    """Labels of rows that print an amount because another row prints the same movement's shares."""
    labels = {row.label for row in rows}
    return {m["label"] for row in rows if "shares" in row.label.lower() and (m := SHARES_TWIN.match(row.label))
            and m["label"] in labels}


def scale_cells(row: Row, title: Title, twins: set[str]) -> None:
    """Which page scale a cell's number is printed in: money, shares, or none (per-share amounts)."""
    label = row.label
    # a count of shares whose label speaks of a per-share amount ("Shares used in computing loss per share (in
    # shares)"): the renderer's note of the unit says so
    per_share = row.unit == "$ / shares" or PER_SHARE_LABEL.search(label) and not IN_SHARES.search(label) \
        and not quotes_rate(label, row.cells)
    number_scale = None  # the label searches for share counts run only for a row with a plain number
    for cell in row.cells:
        if cell.kind is MONEY:
            assign(cell, "scale", 0 if per_share else title.money_scale)
        elif cell.kind is NUMBER:
            if number_scale is None:
                number_scale = title.shares_scale if counts_shares(row, per_share, twins) \
                    else 0 if per_share else title.money_scale
            assign(cell, "scale", number_scale)


def quotes_rate(label: str, cells: list[Cell]) -> bool:
    """Does the label speak of a per-share amount only to quote the rate of the amounts its row prints? ("Cash
    Dividends, $.94 ... per share" over (11,811) in thousands.) Not when a value is the rate itself ("Exercise
    price, $1.25 per share" over $ 1.25)."""
    rates = {Decimal(rate) for rate in QUOTED_RATE.findall(label)}
    return bool(rates) and not any(c.value is not None and abs(c.value) in rates for c in cells)


def counts_shares(row: Row, per_share: bool, twins: set[str]) -> bool:
    """A number on this row is a count of shares (options, units...), not an amount of money."""
    label = row.label
    if row.unit == "shares":
        return True
    if per_share or not SHARE_LABEL.search(label) or label in twins:
        return False
    money = any(c.kind is MONEY for c in row.cells) or MONEY_LABEL.search(label)
    return not money or SHARE_COUNT.search(label) and "$" not in label
