"""compare: left OP right for rows paired by label and member (Minimum <= Maximum; outstanding <= issued).

Rows pair when their labels agree (after `label_ignore` is taken out of both) and their
member paths agree once the members matching `ignore_members` are left out. Durations
compare in days. Each pair is one matched set: one finding, only when no alignment
consistent with the page satisfies the comparison in every column the two share.
"""
from __future__ import annotations

import re

from checker.findings.checks.relations import ambiguous, compatible, fits, operand, select, solve

FLIP = {"<=": ">=", "<": ">", ">=": "<=", ">": "<"}


def holds(op: str, a, b, exact: bool) -> bool:
    if op in ("<=", "<"):
        return fits(a, b, op == "<", exact)
    return fits(b, a, op == ">", exact)


def _keys(rule):
    strip = re.compile(rule.label_ignore, re.IGNORECASE) if rule.label_ignore else None
    drop = re.compile(rule.ignore_members, re.IGNORECASE) if rule.ignore_members else None

    def key(frow):
        label = " ".join(strip.sub(" ", frow.norm).split()) if strip else frow.norm
        members = tuple(m for m in frow.row.member_path if not (drop and drop.search(m)))
        return (label if rule.pair_by_label else None, members, frow.row.section if rule.pair_by_label else None)
    return key


def check(compiled, ctx):
    rule = compiled.rule
    lefts = select(compiled, "left", ctx, durations=True)
    if not lefts:
        return []
    rights = select(compiled, "right", ctx, durations=True)
    key = getattr(compiled, "_pair_key", None) or _keys(rule)
    compiled._pair_key = key
    exact = rule.tolerance == "exact"
    out = []
    for left in lefts:
        lkey = key(left)
        for right in rights:
            if right is left or not compatible(left.unit, right.unit) or key(right) != lkey:
                continue

            def test(maps, left=left, right=right):
                lf, rf = maps
                common = [c for c in sorted(lf.keys() & rf.keys())
                          if not rule.nonnegative or (lf[c].value >= 0 and rf[c].value >= 0)]
                if not common:
                    return None
                return [(c, lf[c], rf[c]) for c in common if not holds(rule.op, lf[c], rf[c], exact)]

            bad = solve([left, right], test)
            if bad:
                out.append(_finding(compiled, ctx, left, right, bad[0]))
    return out


def _finding(compiled, ctx, left, right, bad):
    rule = compiled.rule
    col, lf, rf = bad
    unsure = ambiguous([left, right])
    where = None if unsure else col
    names = {"left": operand(ctx, left, lf, col, unsure), "right": operand(ctx, right, rf, col, unsure),
             "op": rule.op, "title": rule.title, "diagnosis": ""}
    names["operands"] = f"{names['left']}; {names['right']}"
    template = rule.message or "{left} should be {op} {right}"
    cells = [ctx.facts.involved(left, lf, "left", where), ctx.facts.involved(right, rf, "right", where)]
    return ctx.finding(rule, template.format_map(names), cells, None, unsure)
