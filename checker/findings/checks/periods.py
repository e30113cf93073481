"""periods: how a flow for a period relates to the flows for the periods within it.

check: three months ended June 30 is part of six months ended June 30, so for an item that
cannot be negative in any sub-period (revenue, depreciation, interest expense) the shorter
period's value cannot exceed the longer one's. Both columns must be durations with a known
end date; values printed negative are left alone. One finding per row and column pair.

check_sum: where a page prints the periods that make up a longer one (four quarters and their
fiscal year, in a 10-K's quarterly data or on a statement of quarters and years), a flow for
the longer period is their sum. Each row is read in every such longer period it prints with
all its parts; one that fails where another adds up, the row's own evidence that it is a flow
and not a balance, is reported when one keying slip explains it.
"""
from __future__ import annotations

from datetime import timedelta

from checker.findings.checks.relations import ambiguous, fits, footing_slips, operand, slip_diagnosis, solve
from checker.findings.diagnosis import fmt, trimmed
from checker.findings.facts import ZERO, rounding

DRIFT_DAYS = 10  # how far a part may end from where the next begins: fiscal quarters of 13 weeks, 53-week years


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


def tilings(page) -> list[tuple[int, list[int]]]:
    """(longer, [its parts, latest first]) for each duration column whose period shorter columns make up one after
    another: the latest ends when it ends, each earlier one ends when the next begins (within DRIFT_DAYS), and
    their months add up to its months."""
    cols = [c for c in page.columns if c.months and c.end_date is not None]
    out = []
    for longer in cols:
        parts, end, left = [], longer.end_date, longer.months
        while left > 0:
            part = next((c for c in cols if c.months < longer.months and c.months <= left
                         and abs((c.end_date - end).days) <= DRIFT_DAYS and c.index not in parts), None)
            if part is None:
                break
            parts.append(part.index)
            left -= part.months
            end = part.end_date - timedelta(days=round(part.months * 30.44))
        if left == 0 and len(parts) >= 2:
            out.append((longer.index, parts))
    return out


def check_sum(compiled, ctx):
    """A flow for a longer period that is not the sum of its parts where another longer period's is."""
    found = tilings(ctx.page)
    if len(found) < 2:
        return []  # a row's other longer period vouches that it is a flow: one alone says nothing
    exact = compiled.rule.tolerance == "exact"
    out = []
    for frow in compiled.rows("item", ctx):
        if len(frow.facts) < 3 or not frow.exact:
            continue  # columns left open: which value is which period's is not known
        placed = frow.placement(0)
        held, failed = 0, []
        for longer, parts in found:
            if longer in placed and all(p in placed for p in parts):
                total, terms = placed[longer], [placed[p] for p in parts]
                got = sum((t.value for t in terms), ZERO)
                if abs(got - total.value) > rounding([total, *terms], exact):
                    failed.append((longer, parts, got, total, terms))
                elif total.value:
                    held += 1
        if held and len(failed) == 1:
            finding = _sum_finding(compiled.rule, ctx, frow, *failed[0])
            if finding is not None:
                out.append(finding)
    return out


def _sum_finding(rule, ctx, frow, longer, parts, got, total, terms):
    """The finding on a longer period whose parts do not add up to it, when one keying slip explains it."""
    facts = ctx.facts
    period = {id(total): longer, **{id(t): p for p, t in zip(parts, terms)}}
    found = slip_diagnosis(footing_slips(total, terms, got - total.value),
                           lambda fact: repr(facts.column_label(period[id(fact)])), facts)
    if found is None:
        return None
    names = {"title": rule.title, "total": operand(ctx, frow, total, longer, False),
             "sum": fmt(trimmed(got.scaleb(-total.cell.scale), total.cell.decimals)), "diagnosis": found.text,
             "operands": " + ".join(f"{t.shown} ({facts.column_label(p)})" for p, t in zip(parts, terms))}
    template = rule.message or "{total} but the periods that make it up sum to {sum}: {operands}; {diagnosis}"
    cells = [facts.involved(frow, total, "total", longer)] + [
        facts.involved(frow, t, "component", p) for p, t in zip(parts, terms)]
    return ctx.finding(rule, template.format_map(names), cells, found.text, False)
