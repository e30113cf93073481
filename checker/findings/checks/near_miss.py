"""near_miss: two values of one unit on a page that differ only by a keying slip.

A pair of rows with different labels whose values could sit in the same column and that
differ by one digit, two adjacent digits swapped or (optionally) a factor of 1000, where
the values are long enough (significant digits, size) that such closeness is unlikely to
be chance. A value also printed exactly elsewhere on the page vouches for itself and is
not paired, and so does a pair whose gap is printed on the page (shares issued between
two balances, a repayment between proceeds and net financing cash).
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from checker.findings.diagnosis import diagnose
from checker.findings.checks.rollforward import stem
from checker.findings.facts import describe


def related(a: str, b: str) -> bool:
    """Labels that name the same item: equal once endpoints, dates, 'balance' and 'total' are out."""
    sa, sb = stem(a).replace("total", "").strip(), stem(b).replace("total", "").strip()
    return sa == sb


DATE = re.compile(r"[A-Z][a-z]{2}\.? \d{1,2}, \d{4}|(?:January|February|March|April|May|June|July|August|September|"
                  r"October|November|December) \d{1,2},? \d{4}")


@lru_cache(maxsize=4096)
def dates(label: str) -> tuple[str, ...]:
    return tuple(DATE.findall(label))


def dated_apart(a: str, b: str) -> bool:
    """Both labels name a date and the dates differ: two instants, free to differ."""
    da, db = dates(a), dates(b)
    return bool(da and db and da != db)


def significant(value: Decimal) -> int:
    digits = str(abs(value)).replace(".", "").lstrip("0").rstrip("0")
    return len(digits)


def candidates(compiled, ctx):
    rule = compiled.rule
    test = compiled.selectors["item"]
    out = []
    for r in ctx.facts.rows:
        if r.unit in ("percent", "per_share") or not test(r.row, ctx.page, r.unit):
            continue
        for fact in r.facts.values():
            if abs(fact.printed) >= rule.min_value and significant(fact.printed) >= rule.min_significant:
                out.append((r, fact))
    return out


def close_digits(a: str, b: str) -> bool:
    """Same length and at most two digits apart: the cheap test before any diagnosis."""
    if len(a) != len(b):
        return False
    apart = 0
    for x, y in zip(a, b):
        if x != y:
            apart += 1
            if apart > 2:
                return False
    return apart > 0


def check(compiled, ctx):
    rule = compiled.rule
    cells = candidates(compiled, ctx)
    if len(cells) < 2:
        return []
    printed: dict[Decimal, int] = {}
    for _, f in cells:
        printed[f.printed] = printed.get(f.printed, 0) + 1
    cells = [(r, f, f"{abs(f.printed):f}".replace(".", "")) for r, f in cells if printed[f.printed] == 1]
    anywhere = None
    out = []
    for i, (r1, f1, d1) in enumerate(cells):
        for r2, f2, d2 in cells[i + 1:]:
            if not close_digits(d1, d2) or r1 is r2 or r1.norm == r2.norm or (f1.printed < 0) != (f2.printed < 0):
                continue
            if dated_apart(r1.row.label, r2.row.label):
                continue
            if rule.same_column and not set(f1.cell.columns) & set(f2.cell.columns):
                continue
            if rule.related_labels and not related(r1.norm, r2.norm):
                continue
            found = diagnose(f2.printed, f1.printed)
            if found is None or found.kind not in rule.slips:
                continue
            if anywhere is None:
                anywhere = {abs(f.printed) for r in ctx.facts.rows for f in r.facts.values()}
            if abs(f2.printed - f1.printed) in anywhere:
                continue  # the gap is itself printed on the page: likely a real movement, not a slip
            names = {"left": describe(r1, f1), "right": describe(r2, f2), "diagnosis": found.text,
                     "title": rule.title}
            names["operands"] = f"{names['left']}; {names['right']}"
            template = rule.message or "{left} and {right} are nearly the same number: {diagnosis}"
            involved = [ctx.facts.involved(r1, f1, "left"), ctx.facts.involved(r2, f2, "right")]
            out.append(ctx.finding(rule, template.format_map(names), involved, found.text))
    return out
