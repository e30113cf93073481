"""Whole-row sums of a roll-forward whose cells' columns the page does not all show.

An equity statement heads its columns with members (Common Stock, Additional Paid-in Capital,
..., Total) and prints a row's values only in the columns it fills. A balance row fills most, a
movement row two or three, so the rows' joint alignments run into the thousands and the
column-by-column test (roll_search.roll) cannot be tried. But when every column rolls, with an
empty cell counting nil, the sums of whole rows roll too: the beginning row's values plus every
activity row's values add up to the ending row's, whatever column each value sits in. A
mismatch there means some column does not roll under any placement, and a keying slip in one
cell that explains the difference says which. Cells of rows that add up to their Total are named
last: a slip in one of them would have broken that sum too.

Some companies tag a movement in its member column only, and the statement leaves its Total
empty (Apple: "Common stock issued | 752" in one column of four). Their Total column does not
roll, so it is left out (`sparse_total`): of whole rows, the members' values are added up.
"""
from __future__ import annotations

from decimal import Decimal
from operator import attrgetter

from checker.findings.checks.relations import leaves_total_empty, slip_diagnosis, slipped, total_column
from checker.findings.diagnosis import Diagnosis, diagnose, fmt, trimmed
from checker.findings.facts import ZERO, Fact, FactRow


def sparse_total(page, begin: FactRow, activity: list[FactRow]) -> int | None:
    """The Total column of an amounts roll whose movements leave it empty (see relations.leaves_total_empty);
    a roll of share counts leaves the Total (an amount) empty throughout."""
    total = total_column(page)
    if total is None or begin.unit == "shares" or not leaves_total_empty(activity):
        return None
    return total


def split_total(frow: FactRow, total: int) -> tuple[Fact, list[Fact]] | None:
    """(the row's Total cell, its other values): the cell in that column when the row's columns are known,
    else the value at the Total's end of the row; None when the row has no Total cell or nothing beside it."""
    if frow.exact:
        placed = frow.placement(0)
        if total not in placed or len(placed) < 2:
            return None
        return placed[total], [f for c, f in placed.items() if c != total]
    facts = list(frow.facts.values())
    if len(facts) < 2:
        return None
    return (facts[0], facts[1:]) if total == 0 else (facts[-1], facts[:-1])


def adds_up(split: tuple[Fact, list[Fact]] | None) -> bool:
    """Do the other values add up to the Total cell, within rounding?"""
    if split is None:
        return False
    end, rest = split
    return abs(sum((f.value for f in rest), ZERO) - end.value) <= end.half + sum((f.half for f in rest), ZERO)


def members(frow: FactRow, total: int) -> list[Fact]:
    """The row's values but its Total: the cell in that column when the row's columns are known, else the
    value at the Total's end of the row when the others add up to it."""
    if frow.exact:
        return [f for c, f in frow.placement(0).items() if c != total]
    split = split_total(frow, total)
    return split[1] if adds_up(split) else list(frow.facts.values())


def mismatch(values: list[list[Fact]], exact: bool) -> Decimal | None:
    """begin + activity - end over values = [begin's, end's] + activity's, scaled; None within rounding."""
    diff = slack = ZERO
    for i, facts in enumerate(values):
        sign = -1 if i == 1 else 1
        for fact in facts:
            diff += sign * fact.value
            slack += fact.half
    return diff if abs(diff) > (ZERO if exact else slack) else None


def slips(values: list[list[Fact]], diff: Decimal) -> list[tuple[Fact, Diagnosis]]:
    """The cells one keying slip in which would explain `diff`: the ending row is short by diff, a beginning
    or activity value long by it."""
    return slipped([(fact, fact.value + (diff if i == 1 else -diff))
                    for i, facts in enumerate(values) for fact in facts])


def finding(rule, ctx, rows: list[FactRow], skip: int | None = None):
    """The finding for rows = [begin, end] + activity when their whole-row sums (without column `skip`) do
    not roll and one keying slip explains it (rule.require_slip) or however they differ; None when they roll."""
    values = [list(r.facts.values()) if skip is None else members(r, skip) for r in rows]
    diff = mismatch(values, rule.tolerance == "exact")
    if diff is None:
        return None
    culprits = slips(values, diff)
    if rule.require_slip and not culprits:
        return None
    total = total_column(ctx.page) if skip is None else None
    if total is not None:  # a slip in a row that adds up to its Total would have broken that too: such rows last
        footed = {id(f) for frow in rows if adds_up(split_total(frow, total)) for f in frow.facts.values()}
        culprits.sort(key=lambda culprit: id(culprit[0]) in footed)
    b, e = rows[0], rows[1]
    scale = next(iter(e.facts.values())).cell.scale
    decimals = max(f.cell.decimals for facts in values for f in facts)
    end_sum = sum((f.value for f in values[1]), ZERO)
    expected = trimmed((end_sum + diff).scaleb(-scale), decimals)
    printed = trimmed(end_sum.scaleb(-scale), decimals)
    diagnosis = (slip_diagnosis(culprits, attrgetter("shown"), ctx.facts) or diagnose(printed, expected)).text
    columns = "all columns" if skip is None else "all columns but Total"
    message = (f"Added across {columns}, {b.row.label} (line {b.line}) plus the activity below it comes to "
               f"{fmt(expected)}, but {e.row.label} (line {e.line}) comes to {fmt(printed)}: {diagnosis}")
    roles = {0: "begin", 1: "end"}
    cells = [ctx.facts.involved(frow, fact, roles.get(i, "activity"), None)
             for i, (frow, facts) in enumerate(zip(rows, values)) for fact in facts]
    return ctx.finding(rule, message, cells, diagnosis, ambiguous=True)
