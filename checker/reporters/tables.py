"""The pages the HTML report re-renders, as plain tables independent of the AST.

A `PageTable` is a light copy of a page's grid, made only for pages that have
findings and only when the HTML report is asked for, so that a batch of thousands
of files never keeps its ASTs alive; it pickles cheaply from a worker process.
A run without the report never imports this module.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the AST is only needed to build tables, never at import
    from checker.ast.model import Page, Row


@dataclass(frozen=True)
class TableCell:
    """A value cell as the HTML report re-renders it: its line, text and candidate columns."""

    line: int
    raw: str
    columns: tuple[int, ...]
    settled: int | None = None      # of several columns, the one the page's arithmetic puts it in (a roll-forward)


@dataclass(frozen=True)
class TableRow:
    """A row of a page's table as the HTML report re-renders it."""

    label: str
    member_path: tuple[str, ...]
    kind: str                       # item | abstract | member (a heading row naming a member)
    cells: tuple[TableCell, ...]


@dataclass(frozen=True)
class PageTable:
    """A page's table kept for the HTML report, independent of the AST."""

    index: int
    title: str
    line: int
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]


def page_table(page: Page, settled: dict[int, int] | None = None) -> PageTable:
    """The page's grid; `settled`: line -> column of cells the page leaves open (checker.findings.engine's
    settled_columns)."""
    settled = settled or {}
    return PageTable(
        index=page.index,
        title=page.name,
        line=page.line,
        columns=tuple(column.label for column in page.columns),
        rows=tuple(_table_row(row, settled) for row in page.rows),
    )


def _table_row(row: Row, settled: dict[int, int]) -> TableRow:
    return TableRow(
        label=row.label,
        member_path=tuple(row.member_path),
        kind=row.kind.value,
        cells=tuple(TableCell(cell.line, cell.raw, tuple(cell.columns),
                              settled.get(cell.line) if len(cell.columns) > 1 else None) for cell in row.cells),
    )
