"""periods: a non-negative flow for a shorter period is not larger than the longer period ending on the same date.

Three months ended June 30 is part of six months ended June 30, so for an item that cannot
be negative in any sub-period (revenue, depreciation, interest expense) the shorter
period's value cannot exceed the longer one's. Both columns must be durations with a known
end date; values printed negative are left alone. One finding per row and column pair.
"""
from __future__ import annotations

from checker.findings.checks.relations import ambiguous, fits, operand, solve


def nested_columns(page) -> list[tuple[int, int]]:
    """(shorter, longer) column pairs ending on the same date."""
    cols = [c for c in page.columns if c.months and c.end_date is not None]
    return [(a.index, b.index) for a in cols for b in cols if a.end_date == b.end_date and a.months < b.months]


def check(compiled, ctx):
    rule = compiled.rule
    pairs = nested_columns(ctx.page)
    if not pairs:
        return []
    exact = rule.tolerance == "exact"
    out = []
    for frow in compiled.rows("item", ctx):
        if len(frow.facts) < 2:
            continue

        def test(maps):
            m = maps[0]
            common = [(s, g) for s, g in pairs if s in m and g in m and m[s].value >= 0 and m[g].value >= 0]
            return [(s, g, m[s], m[g]) for s, g in common if not fits(m[s], m[g], False, exact)] if common else None

        bad = solve([frow], test, vacuous=True)  # a value may sit in neither column
        if not bad:
            continue
        unsure = ambiguous([frow])
        for violation in bad if not unsure else bad[:1]:
            out.append(_finding(ctx, rule, frow, violation, unsure))
    return out


def _finding(ctx, rule, frow, violation, unsure):
    s, g, short, long_ = violation
    names = {"shorter": operand(ctx, frow, short, s, unsure), "longer": operand(ctx, frow, long_, g, unsure),
             "title": rule.title, "diagnosis": ""}
    names["operands"] = f"{names['shorter']}; {names['longer']}"
    template = rule.message or "{shorter} is larger than {longer}, the longer period ending on the same date"
    where = (None, None) if unsure else (s, g)
    cells = [ctx.facts.involved(frow, short, "shorter", where[0]), ctx.facts.involved(frow, long_, "longer", where[1])]
    return ctx.finding(rule, template.format_map(names), cells, None, unsure)
