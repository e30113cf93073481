"""rollforward and continuity: balances that roll.

rollforward: beginning balance + the activity rows between it and the ending balance =
ending balance, in each column where both balances are printed (an activity row with no
value in a column adds nothing there). continuity: a period's beginning balance is the
ending balance of the column whose period ends when it begins. Both are evaluated under
every alignment consistent with the page and flagged only when none satisfies them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from checker.findings.checks.relations import solve
from checker.findings.diagnosis import diagnose, fmt
from checker.findings.facts import ZERO, agree, describe

# words that say which end of the period a balance is at, and dates: what pairs "Allowance,
# beginning balance" with "Allowance, ending balance" once taken out
ENDPOINT = re.compile(r"\b(beginning|ending|opening|closing|begin|end|start|of|the|at|as|period|year|balance|"
                      r"balances|outstanding|in|on)\b|[a-z]{3}\.? \d{1,2}, \d{4}|\b(january|february|march|april|"
                      r"may|june|july|august|september|october|november|december)( \d{1,2})?,?( \d{4})?|\d{4}|[^a-z ]")


def compatible(unit: str, other: str) -> bool:
    """Same unit class; a plain number sits with money (only the first row of a table prints its $)."""
    return unit == other or {unit, other} == {"money", "number"}


@lru_cache(maxsize=4096)
def stem(norm_label: str) -> str:
    return " ".join(ENDPOINT.sub(" ", norm_label).split())


def scales(frow) -> frozenset[int]:
    """The page scales the parser applied to a row's values (thousands for money, units for share counts)."""
    return frozenset(f.cell.scale for f in frow.facts.values() if f.printed)


def pairs(compiled, ctx, max_rows: int | None = None):
    """(begin, end, rows between) for each beginning row and the nearest ending row below it, with at most
    max_rows between when given; found once a page for the rules that select begin and end alike
    (rollforward and continuity)."""
    key = ("rollforward pairs", compiled.keys["begin"], compiled.keys["end"])
    found = ctx.facts.cache.get(key)
    if found is None:
        found = ctx.facts.cache[key] = _pairs(compiled, ctx)
    if max_rows is None:
        return found
    return [(b, e, between) for b, e, between in found if e.index - b.index <= max_rows + 1]


def _pairs(compiled, ctx):
    """pairs, however many rows lie between.

    All must be read at one scale: 'Warrant liability, beginning $ 38' (money, thousands) and
    'Warrant liability, ending 38' read as a count of warrants are not comparable, whatever they print."""
    begins, ends = compiled.rows("begin", ctx), compiled.rows("end", ctx)
    if not begins:
        return []
    position = {id(r): i for i, r in enumerate(ctx.facts.rows)}
    out = []
    for b in begins:
        key = stem(b.norm)
        e = next((e for e in ends if e.index > b.index and e.row.member_path == b.row.member_path
                  and e.row.section == b.row.section and compatible(e.unit, b.unit) and stem(e.norm) == key), None)
        if e is None:
            continue
        begin_scales = scales(b)
        if scales(e) != begin_scales:
            continue
        between = [r for r in ctx.facts.rows[position[id(b)] + 1:position[id(e)]]
                   if r.row.member_path == b.row.member_path and compatible(r.unit, b.unit)]
        if all(scales(r) <= begin_scales for r in between):
            out.append((b, e, between))
    return out


def previous_column(ctx) -> dict[int, int]:
    """column -> the column whose period ends where this one's begins (same duration)."""
    cols = ctx.page.columns
    ending: dict[tuple, int] = {}  # (months, month the period ends) -> the first such column
    for b in cols:
        if b.end_date is not None:
            ending.setdefault((b.months, b.end_date.year * 12 + b.end_date.month), b.index)
    out = {}
    for a in cols:
        if a.end_date is None or not a.months:
            continue
        found = ending.get((a.months, a.end_date.year * 12 + a.end_date.month - a.months))
        if found is not None:
            out[a.index] = found
    return out


def check_continuity(compiled, ctx):
    rule = compiled.rule
    prev = previous_column(ctx)
    if not prev:
        return []
    out = []
    for b, e, _ in pairs(compiled, ctx):
        if not (b.exact or e.exact):
            continue  # both rows float across the columns: too little to pin a period on either

        def mismatches(placed):
            bf, ef = placed
            common = [(a, prev[a]) for a in sorted(bf) if a in prev and prev[a] in ef]
            if not common:
                return None
            return [(a, p, bf[a], ef[p]) for a, p in common if not agree(bf[a], ef[p], rule.tolerance == "exact")]

        best = solve([b, e], mismatches)
        if best is None:
            continue
        ambiguous = not (b.exact and e.exact)
        a, p, bfact, efact = best[0]
        found = diagnose(bfact.printed, efact.printed)
        facts = ctx.facts
        names = {"begin": describe(b, bfact, None if ambiguous else facts.column_label(a)),
                 "end": describe(e, efact, None if ambiguous else facts.column_label(p)),
                 "diagnosis": found.text if found else "", "title": rule.title}
        names["operands"] = f"{names['begin']}; {names['end']}"
        template = rule.message or "{begin} is not the previous period's {end}: {diagnosis}"
        cells = [facts.involved(b, bfact, "begin", None if ambiguous else a),
                 facts.involved(e, efact, "end", None if ambiguous else p)]
        out.append(ctx.finding(rule, template.format_map(names), cells, found.text if found else None, ambiguous))
    return out


def check_rollforward(compiled, ctx):
    rule = compiled.rule
    exact = rule.tolerance == "exact"
    out = []
    for b, e, between in pairs(compiled, ctx, rule.max_rows):
        if not between:
            continue
        best = solve([b, e] + between, rolling(exact))
        if best is None:
            continue
        finding = _rollforward_finding(rule, ctx, b, e, between, best[0])
        if finding is not None:
            out.append(finding)
    return out


def rolling(exact: bool):
    """The test `solve` needs: (column, sum, activity, begin, end) for each shared column where begin +
    activity != end, under one joint alignment of [begin, end] + activity rows.

    solve turns the last row's alignment fastest, so the sums over every row but the last are kept from
    the previous alignment while those rows stay put (a long roll may have hundreds of alignments); each
    sum still adds its terms in row order, so the Decimal results are the same bit for bit."""
    kept: list = [None, None]  # the placements of every row but the last, and their sums by column

    def test(placed):
        head, last = placed[:-1], placed[-1]
        if kept[0] is None or any(a is not b for a, b in zip(head, kept[0])):
            kept[0], kept[1] = head, _partial_sums(head)
        bad = []
        for col, begin, end, terms, moved, halves in kept[1] or ():
            t = last.get(col)
            if t is not None:
                terms, moved, halves = terms + [t], moved + t.value, halves + t.half
            total = begin.value + moved
            slack = ZERO if exact else begin.half + end.half + halves
            if abs(total - end.value) > slack:
                bad.append((col, total, terms, begin, end))
        return bad if kept[1] else None
    return test


def _partial_sums(head):
    """(column, begin, end, activity terms, their sum, their halves' sum) over the rows in `head` (begin, end
    and all activity rows but the last), for each column begin and end share."""
    bf, ef, acts = head[0], head[1], head[2:]
    out = []
    for col in sorted(bf.keys() & ef.keys()):
        terms = [t for a in acts if (t := a.get(col)) is not None]
        moved = halves = ZERO
        for t in terms:
            moved += t.value
            halves += t.half
        out.append((col, bf[col], ef[col], terms, moved, halves))
    return out


def _rollforward_finding(rule, ctx, b, e, between, bad):
    col, total, terms, bfact, efact = bad
    ambiguous = not all(r.exact for r in [b, e] + between)
    facts = ctx.facts
    where = None if ambiguous else col
    expected = total.scaleb(-efact.cell.scale)
    found = diagnose(efact.printed, expected)
    if rule.require_slip and not (found and found.keying):
        return None  # a different number altogether: more likely a sign or subtotal convention than an error
    by_fact = {id(f): r for r in between for f in r.facts.values()}
    cells = [facts.involved(b, bfact, "begin", where), facts.involved(e, efact, "end", where)] + [
        facts.involved(by_fact[id(t)], t, "activity", where) for t in terms]
    names = {"begin": describe(b, bfact, None if ambiguous else facts.column_label(col)),
             "end": describe(e, efact), "sum": fmt(expected), "title": rule.title,
             "diagnosis": found.text if found else ""}
    names["operands"] = f"{names['begin']}; {names['end']}"
    template = rule.message or "{begin} plus the activity below it comes to {sum}, but {end}: {diagnosis}"
    return ctx.finding(rule, template.format_map(names), cells, found.text if found else None, ambiguous)



