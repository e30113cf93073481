"""ratio: quotient = numerator / denominator, column by column (earnings per share = net income / weighted
average shares).

Each quotient row is tried with every numerator and denominator row of its member path. Values are
intervals of half a display unit, so the relation holds in a column when some numerator and denominator
within their rounding divide to a quotient within its own. A finding needs the three rows to share two
columns or more and, under the alignment and choice of rows with the fewest failures, the relation to hold
in all of them but one: the columns that hold say these are the rows the quotient is made of (a numerator
the quotient does not divide, such as net income before preferred dividends, fails in every column). Any
alignment or choice under which it holds everywhere clears the quotient. The failing column must be
explained by one keying slip (one digit, two adjacent swapped) in one of the three cells.
"""
from __future__ import annotations

from decimal import Decimal
from functools import partial
from itertools import islice, product

from checker.findings.checks.relations import HOLDS, Culprit, ambiguous, operand, select, slip_diagnosis, solve
from checker.findings.diagnosis import diagnose, fmt

MAX_CHOICES = 16  # (numerator, denominator) rows tried for one quotient row
ONE = Decimal(1)
# the denominator as read, or in thousands or millions the other way: "In Thousands, except Share data" pages
# that print their share counts in thousands all the same; the columns that agree say which
FACTORS = (ONE, Decimal(1000), Decimal("0.001"), Decimal(10) ** 6, Decimal("0.000001"))


def _span(low: Decimal, high: Decimal, low_d: Decimal, high_d: Decimal) -> tuple[Decimal, Decimal] | None:
    """The lowest and highest x / y for x in [low, high] and y in [low_d, high_d]; None when y may be zero."""
    if low_d <= 0 <= high_d:
        return None
    corners = [x / y for x in (low, high) for y in (low_d, high_d)]
    return min(corners), max(corners)


def _around(fact, factor: Decimal = ONE) -> tuple[Decimal, Decimal]:
    return (fact.value - fact.half) * factor, (fact.value + fact.half) * factor


def holds(numerator, denominator, quotient, factor: Decimal = ONE) -> bool | None:
    """Could the quotient be the numerator over the denominator (times factor)? None when that may be zero. The
    quotient may be off by a whole display unit: filers round it from figures finer than those printed, or
    truncate it (0.3255 printed 0.32)."""
    span = _span(*_around(numerator), *_around(denominator, factor))
    if span is None:
        return None
    slack = 2 * quotient.half
    return span[0] <= quotient.value + slack and quotient.value - slack <= span[1]


def _test(maps, factor: Decimal):
    """The columns where the ratio fails, None unless the rows share two columns or more (and none may divide
    by zero)."""
    nf, df, qf = maps
    shared = sorted(nf.keys() & df.keys() & qf.keys())
    if len(shared) < 2:
        return None
    results = [(c, holds(nf[c], df[c], qf[c], factor)) for c in shared]
    if any(result is None for _, result in results):
        return None
    return [(c, nf[c], df[c], qf[c]) for c, result in results if not result]


def check(compiled, ctx):
    quotient_rows = select(compiled, "quotient", ctx)
    if not quotient_rows:
        return []
    numerators, denominators = select(compiled, "numerator", ctx), select(compiled, "denominator", ctx)
    out = []
    for quotient in quotient_rows:
        path = quotient.row.member_path
        choices = product([r for r in numerators if r.row.member_path == path],
                          [r for r in denominators if r.row.member_path == path])
        best = None
        for (numerator, denominator), factor in product(islice(choices, MAX_CHOICES), FACTORS):
            found = solve([numerator, denominator, quotient], partial(_test, factor=factor), held=HOLDS)
            if found is HOLDS:
                best = None
                break  # the ratio holds with these rows: the quotient is accounted for
            if found is not None and len(found) == 1 and best is None:
                best = (numerator, denominator, found[0], factor)
        finding = None if best is None else _finding(compiled, ctx, quotient, *best)
        if finding is not None:
            out.append(finding)
    return out


def _culprits(nf, df, qf, factor: Decimal) -> list[Culprit]:
    """The keying slips in one of the three cells that would make the ratio hold, each with the value wanted."""
    wanted = [(qf, ONE, _span(*_around(nf), *_around(df, factor))),
              (nf, ONE, _products(qf, df, factor)),
              (df, factor, _span(*_around(nf), *_around(qf)))]
    out = []
    for fact, times, span in wanted:
        if span is not None:  # the fact's own rounding widens what it may print (as read, times the factor)
            slack = 2 * fact.half if fact is qf else fact.half  # as in holds
            low, high = span[0] / times - slack, span[1] / times + slack
            keyed = _slips_into(fact, low, high)
            if keyed:  # of a cell's slips that would do, the one nearest what the others make it
                middle = (low + high) / 2
                value = min(keyed, key=lambda v: abs(v.scaleb(fact.cell.scale) - middle))
                out.append(Culprit(fact, diagnose(fact.printed, value), value))
    return sorted(out, key=lambda culprit: culprit.fact.cell.line)


def _products(qf, df, factor: Decimal) -> tuple[Decimal, Decimal]:
    corners = [q * d for q in _around(qf) for d in _around(df, factor)]
    return min(corners), max(corners)


def _slips_into(fact, low: Decimal, high: Decimal) -> list[Decimal]:
    """The printed values one digit changed, or two adjacent digits swapped, makes of the fact's that fall
    within [low, high] (scaled); a leading digit does not become 0 (0.89's may stay)."""
    decimals, scale = fact.cell.decimals, fact.cell.scale
    digits = f"{abs(fact.printed):.{decimals}f}".replace(".", "")
    sign = -1 if fact.printed < 0 else 1
    keyed = set()
    for i, digit in enumerate(digits):
        keyed.update(digits[:i] + other + digits[i + 1:] for other in "0123456789" if other != digit)
        if i + 1 < len(digits) and digits[i + 1] != digit:
            keyed.add(digits[:i] + digits[i + 1] + digit + digits[i + 2:])
    values = (sign * Decimal(k).scaleb(-decimals) for k in keyed if k[0] != "0" or digits[0] == "0")
    return sorted(v for v in values if low <= v.scaleb(scale) <= high)


def _finding(compiled, ctx, quotient, numerator, denominator, bad, factor: Decimal):
    rule = compiled.rule
    col, nf, df, qf = bad
    rows = {id(nf): numerator, id(df): denominator, id(qf): quotient}
    found = slip_diagnosis(_culprits(nf, df, qf, factor), lambda fact: repr(rows[id(fact)].row.label), ctx.facts)
    if found is None:
        return None  # a different number in one period (a numerator adjusted that year), not a slip
    unsure = ambiguous([numerator, denominator, quotient])
    where = None if unsure else col
    expected = (nf.value / (df.value * factor)).quantize(Decimal(1).scaleb(-qf.cell.decimals))
    names = {"quotient": operand(ctx, quotient, qf, col, unsure), "numerator": operand(ctx, numerator, nf, col, unsure),
             "denominator": operand(ctx, denominator, df, col, unsure), "title": rule.title, "diagnosis": found.text,
             "expected": fmt(expected) + ("" if factor == ONE else f" (the denominator read x{fmt(factor)}, "
                                                                   "as the other columns agree)")}
    names["operands"] = f"{names['numerator']} / {names['denominator']}"
    template = rule.message or ("{quotient} but {numerator} / {denominator} = {expected}, while the three agree in "
                                "every other column: {diagnosis}")
    cells = [ctx.facts.involved(numerator, nf, "numerator", where),
             ctx.facts.involved(denominator, df, "denominator", where),
             ctx.facts.involved(quotient, qf, "quotient", where)]
    return ctx.finding(rule, template.format_map(names), cells, found.text, unsure)
