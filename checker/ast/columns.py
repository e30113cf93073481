"""Column inference: which duration group each column is in, and where each cell can sit.

The rendering drops empty cells, so a row with k values on a page of n columns
only says that its values keep their left-to-right order: value i sits in one
of the columns i .. i + n - k.  A bare "|" (a cell that rendered empty) still
counts as a cell, so it narrows the range of its neighbours.
"""
from __future__ import annotations

from checker.ast.construct import assign
from checker.ast.model import Page


def align(page: Page) -> None:
    assign_groups(page)
    n = len(page.columns)
    indices = list(range(n))  # value i's columns are a slice of it: a new list, without a range per cell
    for row in page.rows:
        spare = n - len(row.cells)
        for i, cell in enumerate(row.cells):
            assign(cell, "columns", indices[i:i + spare + 1] if spare >= 0 else [])


def assign_groups(page: Page) -> None:
    """Split the columns into the groups' runs, where the dates say so unambiguously.

    Within a group the periods run from latest to earliest, so a date later than
    the one before it starts a new group.  When those starts give exactly one
    run per group, the assignment is certain; otherwise columns keep no group.
    """
    groups, columns = page.groups, page.columns
    if not groups or not columns:
        return
    if len(groups) == len(columns):
        runs = [[i] for i in range(len(columns))]
    else:
        dates = [c.end_date for c in columns]
        if any(d is None for d in dates):
            return
        starts = [0] + [i for i in range(1, len(dates)) if dates[i] > dates[i - 1]]
        if len(starts) != len(groups):
            return
        bounds = starts + [len(columns)]
        runs = [list(range(bounds[g], bounds[g + 1])) for g in range(len(groups))]
    for group, run in zip(groups, runs):
        group.columns = run
        for i in run:
            columns[i].group = group.text
            columns[i].months = group.months
