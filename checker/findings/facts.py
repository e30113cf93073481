"""A lean view of a page for the checks: numeric rows, their values and their possible alignments.

Values are compared scaled (page scale applied) as intervals of half a display unit
either side (Calculations 1.1 round-to-nearest). A dash is an exact zero. Built once per
page and shared by every rule, with no pydantic work per cell.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from checker.ast.model import Cell, Page, Row, RowKind, ValueKind
from checker.findings.alignments import joint_placements, positional, row_alignments
from checker.findings.model import Involved
from checker.rules.selectors import Memo, for_cells, unit_from

ZERO = Decimal(0)


@dataclass(eq=False, slots=True)
class Fact:
    """One value cell: scaled value, rounding half-width, and where it may sit."""
    cell: Cell
    value: Decimal
    half: Decimal
    printed: Decimal
    columns: list[int] | tuple[int, ...] = ()  # candidate columns: the cell's own list (read only, not copied),
                                               # or by position where the page gives none

    @property
    def shown(self) -> str:
        """The value as the page prints it: the cell's raw text keeps any spaces after the "|" ("| (15,588)")."""
        return self.cell.raw.strip()


class FactRow:
    """One numeric row of a page. A plain class with slots: a page makes one per row, and a dataclass's
    instance dict (with the class's shared keys given up once a row caches its alignments) costs more to
    build and to read."""
    __slots__ = ("row", "index", "norm", "unit", "cells", "facts", "candidates", "_alignments", "_placed")

    def __init__(self, row: Row, index: int, norm: str, unit: str, cells: list[Cell], facts: dict[int, Fact],
                 candidates: list[list[int]] | None = None):
        self.row = row
        self.index = index              # position among the page's rows
        self.norm = norm                # normal_label(row.label)
        self.unit = unit                # unit_class
        self.cells = cells              # every cell of the row (text and dashes occupy columns too)
        self.facts = facts              # cell position -> numeric fact
        self.candidates = candidates    # each cell's possible columns when not the cells' own
        self._alignments: list[tuple[int, ...]] | None = None
        self._placed: dict[int, dict[int, Fact]] | None = None

    @property
    def alignments(self) -> list[tuple[int, ...]]:
        """The column of every cell, per alignment: worked out only for the rows a check pairs or solves."""
        found = self._alignments
        if found is None:
            found = self._alignments = row_alignments(self.cells, candidates=self.candidates)
        return found

    @property
    def line(self) -> int:
        return self.row.line

    @property
    def exact(self) -> bool:
        return len(self.alignments) == 1

    def pinned(self, i: int) -> FactRow:
        """The row under its alignment i alone, for a test that fixes where this row's cells sit."""
        return self._view([self.alignments[i]])

    def avoiding(self, col: int) -> FactRow:
        """The row under its alignments that leave column `col` empty (all of them when none does)."""
        kept = [a for a in self.alignments if col not in a]
        return self._view(kept) if kept and len(kept) < len(self.alignments) else self

    def _view(self, alignments: list[tuple[int, ...]]) -> FactRow:
        row = FactRow(self.row, self.index, self.norm, self.unit, self.cells, self.facts, self.candidates)
        row._alignments = alignments
        return row

    def at(self, alignment: tuple[int, ...]) -> dict[int, Fact]:
        """column -> fact under one alignment."""
        facts = self.facts
        if len(facts) == len(alignment):  # every cell a fact (positions 0, 1, ... in order): the usual row
            return dict(zip(alignment, facts.values()))
        return {alignment[i]: f for i, f in facts.items()}

    def placement(self, i: int) -> dict[int, Fact]:
        """`at` of alignment i, made once, as the checks try each with every alignment of other rows (read only);
        only those a search reaches are made (most stop at the first joint alignment that holds)."""
        placed = self._placed
        if placed is None:
            placed = self._placed = {}
        found = placed.get(i)
        if found is None:
            found = placed[i] = self.at(self.alignments[i])
        return found


NUMERIC = frozenset((ValueKind.money, ValueKind.number, ValueKind.percent))
DASH = ValueKind.dash
DURATION = ValueKind.duration
PERCENT = ValueKind.percent
ITEM = RowKind.item


class PowersOfTen(dict):
    """scale -> Decimal 1E<scale>, made on first use."""
    def __missing__(self, scale: int) -> Decimal:
        found = self[scale] = Decimal(1).scaleb(scale)
        return found


POWERS_OF_TEN = PowersOfTen()


@lru_cache(maxsize=256)
def half_unit(scale: int, decimals: int) -> Decimal:
    """Half a display unit, scaled (Cell.half_unit, computed once per scale and precision)."""
    return Decimal(5).scaleb(scale - decimals - 1)


def read_cells(cells: list[Cell]) -> tuple[dict[int, Fact], bool, bool, bool, bool]:
    """(cell position -> Fact for numeric cells and dashes, some cell is a duration, some a percentage, some prints
    a currency, some names its column(s)): one plain loop, as this runs on every row of every page. Each cell's
    fields are read from its __dict__ (where pydantic keeps them, as checker.ast.construct writes them): a pydantic
    attribute read costs about twice a dict lookup. A row's cells mostly share scale and precision: their half
    unit and scale factor are reused. Scaling multiplies by 1E<scale>: the same Decimal as value.scaleb(scale)
    (coefficient kept, exponents added) for a binary operator's cost instead of a method call's argument parsing."""
    facts: dict[int, Fact] = {}
    durations = percent = currency = placed = False
    scale = decimals = half = factor = None
    for i, cell in enumerate(cells):
        fields = cell.__dict__
        kind = fields["kind"]
        columns = fields["columns"]
        if columns:
            placed = True
        if fields["currency"]:
            currency = True
        if kind is DASH:
            facts[i] = Fact(cell, ZERO, ZERO, ZERO, columns)
        elif kind in NUMERIC:
            if kind is PERCENT:
                percent = True
            if (value := fields["value"]) is not None:
                if scale != fields["scale"] or decimals != fields["decimals"]:
                    scale, decimals = fields["scale"], fields["decimals"]
                    half = half_unit(scale, decimals)
                    factor = POWERS_OF_TEN[scale] if scale else None
                facts[i] = Fact(cell, value * factor if factor else value, half, value, columns)
        elif kind is DURATION:
            durations = True
    return facts, durations, percent, currency, placed


class PageFacts:
    """The numeric rows of one page, in order."""

    def __init__(self, page: Page, memo: Memo | None = None):
        memo = memo or Memo()
        self.page = page
        self.rows: list[FactRow] = []
        self.cache: dict = {}  # what several rules derive from the same page (selected rows, footing runs)
        self.with_durations: list[int] = []  # positions of the item rows with a duration cell
        rows = self.rows
        unplaced: list[FactRow] = []  # rows none of whose cells names its column
        label_info = memo.label_info
        for index, row in enumerate(page.rows):
            fields = row.__dict__
            cells = fields["cells"]
            if fields["kind"] is not ITEM or not cells:
                continue
            facts, durations, percent, currency, placed = read_cells(cells)
            if durations:
                self.with_durations.append(index)
            if facts:
                norm, named = label_info(fields["label"])
                named = for_cells(named, fields["label"], cells)
                frow = FactRow(row, index, norm, unit_from(fields["unit"], named, percent, currency), cells, facts)
                rows.append(frow)
                if not placed:
                    unplaced.append(frow)
        if unplaced:
            self._place(unplaced)

    @staticmethod
    def _place(unplaced: list[FactRow]) -> None:
        """Candidate columns by position for the rows that name none, in a table as wide as the widest of them
        (their alignments are not worked out yet)."""
        width = max(len(r.cells) for r in unplaced)
        for frow in unplaced:
            frow.candidates = candidates = positional(len(frow.cells), width)
            for i, fact in frow.facts.items():
                fact.columns = candidates[i]

    def printed_counts(self) -> Counter:
        """How often the page prints each value, unsigned (worked out once, when a finding asks)."""
        counts = self.cache.get("printed_counts")
        if counts is None:
            counts = self.cache["printed_counts"] = Counter(abs(f.printed) for r in self.rows for f in r.facts.values())
        return counts

    def column_label(self, col: int | None) -> str | None:
        if col is None or not 0 <= col < len(self.page.columns):
            return None
        return self.page.columns[col].label

    def involved(self, frow: FactRow, fact: Fact, role: str, col: int | None = None) -> Involved:
        if col is None:
            col = fact.cell.column
        return Involved(line=fact.cell.line, raw=fact.shown, label=frow.row.label,
                        member_path=tuple(frow.row.member_path), column=self.column_label(col), role=role)


def period_month(column, at_start: bool = False) -> int | None:
    """The month, counted from year 0, in which a column's period ends, or with at_start begins (its months
    before); None when the column has no date, or for its start no months."""
    if column.end_date is None or at_start and not column.months:
        return None
    return column.end_date.year * 12 + column.end_date.month - (column.months if at_start else 0)


def paired(left: FactRow, right: FactRow):
    """(left's column -> fact, right's column -> fact, shared columns) under each joint alignment of two rows,
    or None when there are too many alignments to try."""
    combos = joint_placements([left, right])
    if combos is None:
        return None
    return ((fl, fr, sorted(fl.keys() & fr.keys())) for fl, fr in combos)


def rounding(facts, exact: bool = False) -> Decimal:
    """The most a sum of these printed values can be off the sum of the quantities they round (none when the rule
    reads them as exact)."""
    return ZERO if exact else sum((f.half for f in facts), ZERO)


def agree(a: Fact, b: Fact, exact: bool = False) -> bool:
    """Could both print the same quantity? Rounded to the same precision, one number prints one way,
    so equal precision means equal digits; otherwise the rounding intervals must overlap."""
    if exact or a.half == b.half:
        return a.value == b.value
    slack = a.half + b.half
    return abs(a.value - b.value) <= slack


def labelled(frow: FactRow) -> str:
    """'Label [Member | Member]': a row as messages name it."""
    return frow.row.label + (f" [{' | '.join(frow.row.member_path)}]" if frow.row.member_path else "")


def describe(frow: FactRow, fact: Fact, col_label: str | None = None) -> str:
    """'Label [Member] (column) 1,234 at line 12' for messages."""
    column = f" ({col_label})" if col_label else ""
    return f"{labelled(frow)}{column} = {fact.shown} (line {fact.cell.line})"
