"""Whole-row sums of a roll-forward whose cells' columns the page does not all show.

An equity statement heads its columns with members (Common Stock, Additional Paid-in Capital,
..., Total) and prints a row's values only in the columns it fills. A balance row fills most, a
movement row two or three, so the rows' joint alignments run into the thousands and the
column-by-column test (rollforward.roll) cannot be tried. But when every column rolls, with an
empty cell counting nil, the sums of whole rows roll too: the beginning row's values plus every
activity row's values add up to the ending row's, whatever column each value sits in. A
mismatch there means some column does not roll under any placement, and a keying slip in one
cell that explains the difference says which.
"""
from __future__ import annotations

from decimal import Decimal

from checker.findings.checks.relations import slipped
from checker.findings.diagnosis import Diagnosis, diagnose, either, fmt, trimmed
from checker.findings.facts import ZERO, Fact, FactRow


def mismatch(rows: list[FactRow], exact: bool) -> Decimal | None:
    """begin + activity - end over every value of rows = [begin, end] + activity, scaled; None within rounding."""
    diff = slack = ZERO
    for i, frow in enumerate(rows):
        sign = -1 if i == 1 else 1
        for fact in frow.facts.values():
            diff += sign * fact.value
            slack += fact.half
    return diff if abs(diff) > (ZERO if exact else slack) else None


def slips(rows: list[FactRow], diff: Decimal) -> list[tuple[Fact, Diagnosis]]:
    """The cells one keying slip in which would explain `diff`: the ending row is short by diff, a beginning
    or activity value long by it."""
    return slipped([(fact, fact.value + (diff if i == 1 else -diff))
                    for i, frow in enumerate(rows) for fact in frow.facts.values()])


def finding(rule, ctx, rows: list[FactRow]):
    """The finding for rows = [begin, end] + activity when their whole-row sums do not roll and one keying slip
    explains it (rule.require_slip) or however they differ; None when they roll."""
    diff = mismatch(rows, rule.tolerance == "exact")
    if diff is None:
        return None
    culprits = slips(rows, diff)
    if rule.require_slip and not culprits:
        return None
    b, e = rows[0], rows[1]
    scale = next(iter(e.facts.values())).cell.scale
    decimals = max(f.cell.decimals for r in rows for f in r.facts.values())
    end_sum = sum((f.value for f in e.facts.values()), ZERO)
    expected = trimmed((end_sum + diff).scaleb(-scale), decimals)
    printed = trimmed(end_sum.scaleb(-scale), decimals)
    if culprits:
        diagnosis = either([f"{slip.text} in {fact.shown} (line {fact.cell.line})" for fact, slip in culprits])
    else:
        diagnosis = diagnose(printed, expected).text
    message = (f"Added across all columns, {b.row.label} (line {b.line}) plus the activity below it comes to "
               f"{fmt(expected)}, but {e.row.label} (line {e.line}) comes to {fmt(printed)}: {diagnosis}")
    roles = {0: "begin", 1: "end"}
    cells = [ctx.facts.involved(frow, fact, roles.get(i, "activity"), None)
             for i, frow in enumerate(rows) for fact in frow.facts.values()]
    return ctx.finding(rule, message, cells, diagnosis, ambiguous=True)
