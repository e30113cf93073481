"""member_total: a member's value is not larger than the total of the same item (the row without members).

The total is the first row with the same label and no member (member lines reset the section); the member rows are
those below it with the same label and a member path. Only where every value of the item
in that column is non-negative (a negative member, such as eliminations, lets another
exceed the total). One finding per member row, naming the member and the period.
"""
from __future__ import annotations

import re

from checker.findings.checks.relations import ambiguous, compatible, fits, operand, solve


def check(compiled, ctx):
    rule = compiled.rule
    rows = compiled.rows("item", ctx)
    if len(rows) < 2:
        return []
    pick = re.compile(rule.member, re.IGNORECASE) if rule.member else None
    totals = {}
    for frow in rows:
        if not frow.row.member_path:
            totals.setdefault(frow.norm, frow)
    members = [r for r in rows if r.row.member_path and (pick is None or any(pick.search(m) for m in r.row.member_path))]
    exact = rule.tolerance == "exact"
    out = []
    for frow in members:
        total = totals.get(frow.norm)
        if total is None or total.index > frow.index or not compatible(total.unit, frow.unit):
            continue
        if any(f.value < 0 for f in total.facts.values()) or any(
                f.value < 0 for r in rows if r.norm == frow.norm for f in r.facts.values()):
            continue

        def test(maps):
            t, m = maps
            common = sorted(t.keys() & m.keys())
            return [(c, m[c], t[c]) for c in common if not fits(m[c], t[c], False, exact)] if common else None

        bad = solve([total, frow], test, vacuous=True)
        if bad:
            out.append(_finding(ctx, rule, frow, total, bad[0]))
    return out


def _finding(ctx, rule, frow, total, bad):
    col, mf, tf = bad
    unsure = ambiguous([frow, total])
    where = None if unsure else col
    names = {"member": operand(ctx, frow, mf, col, unsure), "total": operand(ctx, total, tf, col, unsure),
             "title": rule.title, "diagnosis": ""}
    names["operands"] = f"{names['member']}; {names['total']}"
    template = rule.message or "{member} is larger than the total {total}"
    cells = [ctx.facts.involved(frow, mf, "member", where), ctx.facts.involved(total, tf, "total", where)]
    return ctx.finding(rule, template.format_map(names), cells, None, unsure)
