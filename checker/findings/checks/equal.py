"""equal: two facts reporting the same quantity agree wherever an alignment puts them in one column.

A pair of rows is compared only if some alignment consistent with the page gives them a
common column; it is a violation only when every such alignment has a mismatch there.
"""
from __future__ import annotations

from checker.findings.diagnosis import diagnose
from checker.findings.facts import FactRow, agree, describe, paired


def mismatches(left: FactRow, right: FactRow, exact: bool):
    """(satisfied, mismatching pairs of the best alignment, ambiguous) or None when never comparable."""
    pairs = paired(left, right)
    if pairs is None:
        return None
    best = None
    for lf, rf, common in pairs:
        if not common:
            continue
        bad = [(col, lf[col], rf[col]) for col in common if not agree(lf[col], rf[col], exact)]
        if not bad:
            return True, [], False
        if best is None or len(bad) < len(best):
            best = bad
    if best is None:
        return None
    return False, best, not (left.exact and right.exact)


def check(compiled, ctx):
    rule = compiled.rule
    lefts = compiled.rows("left", ctx)
    if not lefts:
        return []  # most pages: the right operand's rows are not selected for nothing
    rights = compiled.rows("right", ctx)
    out = []
    for left in lefts:
        for right in rights:
            if right is left or right.unit != left.unit and "percent" in (left.unit, right.unit):
                continue
            if rule.same_member and right.row.member_path != left.row.member_path:
                continue
            result = mismatches(left, right, rule.tolerance == "exact")
            if result is None or result[0]:
                continue
            _, bad, ambiguous = result
            col, lf, rf = bad[0]
            label = ctx.facts.column_label(col) if not ambiguous else None
            found = diagnose(rf.printed, lf.printed) if lf.cell.scale == rf.cell.scale else None
            names = {"left": describe(left, lf, label), "right": describe(right, rf, label),
                     "diagnosis": found.text if found else "", "title": rule.title}
            names["operands"] = f"{names['left']}; {names['right']}"
            template = rule.message or "{left} but {right}: {diagnosis}"
            cells = [ctx.facts.involved(left, lf, "left", None if ambiguous else col),
                     ctx.facts.involved(right, rf, "right", None if ambiguous else col)]
            out.append(ctx.finding(rule, template.format_map(names), cells, found.text if found else None,
                                   ambiguous))
    return out
