"""range: values within fixed bounds, compared as printed (51.00% is 51; page scale not applied).

A value is out of range only when its whole rounding interval is. The column does not
matter, so alignment never decides the outcome. One finding per page: every value of the
page outside the bounds is named in it (one slip often repeats down a column).
A value that a power of ten would bring inside the bounds is diagnosed as a scale slip.
"""
from __future__ import annotations

from decimal import Decimal

from checker.findings.checks.relations import operand
from checker.findings.diagnosis import fmt

FACTORS = (10, 100, 1000)


def outside(rule, fact) -> str | None:
    half = Decimal(5).scaleb(-fact.cell.decimals - 1)  # rounding half-width as printed
    low, high = fact.printed - half, fact.printed + half
    if rule.min is not None and high < rule.min:
        return f"below {fmt(rule.min)}"
    if rule.max is not None and low > rule.max:
        return f"above {fmt(rule.max)}"
    return None


def scale_slip(rule, fact) -> str | None:
    value, places = fact.printed, fact.cell.decimals
    for factor in FACTORS:
        for scaled, word in ((value / factor, "too large"), (value * factor, "too small")):
            if (rule.min is None or scaled >= rule.min) and (rule.max is None or scaled <= rule.max) and scaled:
                return f"scale slip: {fmt(value)} is x{factor} {word} (likely {scaled:,.{places}f})"
    return None


def check(compiled, ctx):
    rule = compiled.rule
    bad = []
    for frow in compiled.rows("value", ctx):
        for fact in frow.facts.values():
            if fact.cell.kind.value == "dash":
                continue
            why = outside(rule, fact)
            if why:
                bad.append((frow, fact, why))
    if not bad:
        return []
    names = {"title": rule.title,
             "value": "; ".join(f"{operand(ctx, r, f, f.cell.column, False)} {why}" for r, f, why in bad),
             "bound": _bounds(rule)}
    slips = [s for s in (scale_slip(rule, f) for _, f, _ in bad) if s]
    diagnosis = slips[0] if len(slips) == len(bad) else None
    names["diagnosis"] = diagnosis or ""
    names["operands"] = names["value"]
    template = rule.message or "{value} (allowed: {bound})"
    message = template.format_map(names)
    if diagnosis:
        message += f": {diagnosis}"
    cells = [ctx.facts.involved(r, f, "value") for r, f, _ in bad]
    return [ctx.finding(rule, message, cells, diagnosis)]


def _bounds(rule) -> str:
    if rule.min is not None and rule.max is not None:
        return f"{fmt(rule.min)} to {fmt(rule.max)}"
    return f">= {fmt(rule.min)}" if rule.min is not None else f"<= {fmt(rule.max)}"
