"""unique: the same item (label), member path and section reported twice must carry one value per period.

Two rows are the same item when their labels are the same once case, spacing and unit
suffixes are ignored, under the same heading and member path, in the same unit. They
disagree when every alignment consistent with the page puts them in a common column with
different values (equal precision compares digits; otherwise rounding intervals overlap).
One finding per pair of rows, naming both with their period and member.
"""
from __future__ import annotations

from checker.findings.checks.relations import ambiguous, operand, solve
from checker.findings.diagnosis import diagnose
from checker.findings.facts import agree


def check(compiled, ctx):
    rule = compiled.rule
    blocks = heading_blocks(ctx)
    groups: dict[tuple, list] = {}
    for frow in compiled.rows("item", ctx):
        unit = "money" if frow.unit == "number" else frow.unit  # only a table's first row prints its $
        key = (frow.norm, tuple(frow.row.member_path), blocks[frow.index], unit)
        groups.setdefault(key, []).append(frow)
    exact = rule.tolerance == "exact"
    out = []
    for rows in groups.values():
        for i, first in enumerate(rows):
            for second in rows[i + 1:]:
                def test(maps):
                    a, b = maps
                    common = sorted(a.keys() & b.keys())
                    return [(c, a[c], b[c]) for c in common if not agree(a[c], b[c], exact)] if common else None

                bad = solve([first, second], test, vacuous=True)
                if bad:
                    out.append(_finding(ctx, rule, first, second, bad[0]))
    return out


def heading_blocks(ctx) -> list[int]:
    """For each page row, the position of the last row above it that is not a numeric row; -1 before any.

    Members are often printed as plain lines (newer renderings drop "[Member]", and the AST knows
    such a line for a member only by what follows it): any row without numbers may be a heading,
    so two rows under different such rows may be different members."""
    numeric = {r.index for r in ctx.facts.rows}
    out, current = [], -1
    for i in range(len(ctx.page.rows)):
        if i not in numeric:
            current = i
        out.append(current)
    return out


def _finding(ctx, rule, first, second, bad):
    col, a, b = bad
    unsure = ambiguous([first, second])
    where = None if unsure else col
    found = diagnose(b.printed, a.printed) if a.cell.scale == b.cell.scale else None
    names = {"first": operand(ctx, first, a, col, unsure), "second": operand(ctx, second, b, col, unsure),
             "title": rule.title, "diagnosis": found.text if found else ""}
    names["operands"] = f"{names['first']}; {names['second']}"
    template = rule.message or "{first} but {second}: {diagnosis}"
    cells = [ctx.facts.involved(first, a, "first", where), ctx.facts.involved(second, b, "second", where)]
    return ctx.finding(rule, template.format_map(names), cells, found.text if found else None, unsure)
