"""Where a row's cells may sit: the page's columns each cell can take, and the joint alignments of rows.

EDGAR drops empty cells, so a row with fewer values than the page has columns could sit in several;
a relation is evaluated under every joint alignment of its rows and flagged only when none satisfies it.
"""
from __future__ import annotations

from itertools import combinations, islice
from typing import TYPE_CHECKING

from checker.ast.model import Cell

if TYPE_CHECKING:  # the rows are facts' FactRows, which are aligned with row_alignments
    from checker.findings.facts import FactRow

MAX_ALIGNMENTS = 256  # beyond this many joint alignments a relation is not evaluated (never flag what might hold)


def positional(count: int, width: int) -> list[list[int]]:
    """Candidate columns of the cells of a row of `count` cells in a table `width` cells wide, when the page
    names no columns (an excerpt without its header, a table inside a note): the cells keep their order."""
    spare = width - count
    return [list(range(i, i + spare + 1)) for i in range(count)] if spare >= 0 else [[] for _ in range(count)]


def standard_width(candidates: list[list[int]]) -> int:
    """n when cell i of the row may sit in exactly columns i .. i + n - k (the plain left-to-right case), else 0."""
    if not candidates or not candidates[0] or candidates[0][0] != 0:
        return 0
    spare = len(candidates[0]) - 1
    for i, cols in enumerate(candidates):
        if len(cols) != spare + 1 or cols[0] != i or cols[-1] != i + spare:
            return 0
    return len(candidates) + spare


def row_alignments(cells: list[Cell], limit: int = MAX_ALIGNMENTS,
                   candidates: list[list[int]] | None = None) -> list[tuple[int, ...]]:
    """Every strictly increasing choice of one candidate column per cell (at most `limit`)."""
    if candidates is None:
        candidates = [c.columns for c in cells]
    if set(map(len, candidates)) == {1}:  # every cell names its column (map: no generator made for each row)
        return [tuple([c[0] for c in candidates])]
    standard = standard_width(candidates)
    if standard:  # cell i may sit in columns i .. i + spare: every increasing choice of columns is one
        return list(islice(combinations(range(standard), len(candidates)), limit))
    out: list[tuple[int, ...]] = []

    def walk(i: int, last: int, chosen: tuple[int, ...]) -> None:
        if len(out) >= limit:
            return
        if i == len(cells):
            out.append(chosen)
            return
        for col in candidates[i]:
            if col > last:
                walk(i + 1, col, chosen + (col,))

    walk(0, -1, ())
    return out


def joint_placements(rows: list[FactRow], limit: int = MAX_ALIGNMENTS):
    """Each row's column -> fact under each joint alignment of the rows, or None when there are more than
    `limit` joint alignments to try."""
    total = 1
    for r in rows:
        total *= len(r.alignments)
        if total > limit:
            return None
    return _joint(rows)


def _joint(rows: list[FactRow]):
    """The placements of the rows under each joint alignment, in the order of itertools.product (the last row's
    alignment changing fastest), each placement made when first reached."""
    sizes = [len(r.alignments) for r in rows]
    if 0 in sizes:
        return
    chosen = [0] * len(rows)
    current = [r.placement(0) for r in rows]
    while True:
        yield tuple(current)
        k = len(rows) - 1
        while k >= 0:  # the next choice, as an odometer turns
            chosen[k] += 1
            if chosen[k] < sizes[k]:
                current[k] = rows[k].placement(chosen[k])
                break
            chosen[k] = 0
            current[k] = rows[k].placement(0)
            k -= 1
        if k < 0:
            return


def agreement(rows: list[FactRow], readings) -> dict[int, int]:
    """Row position -> the alignment every reading (an alignment index for each row) gives it, for the rows of
    several alignments on which the readings all agree; empty when there is no reading."""
    return {k: chosen[0] for k, chosen in enumerate(zip(*readings))
            if len(rows[k].alignments) > 1 and len(set(chosen)) == 1}


def cells_placed(rows: list[FactRow], agreed: dict[int, int]):
    """(line, column) of each cell of the rows `agreed` places (row position -> alignment)."""
    for k, i in agreed.items():
        yield from ((fact.cell.line, col) for col, fact in rows[k].placement(i).items())
