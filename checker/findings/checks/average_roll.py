"""average_roll: weighted-average prices roll with the share counts they weigh.

A roll-forward of share counts (options, RSUs, warrants: beginning + movements = ending) often comes with
the weighted-average price of each of its rows (exercise price, grant-date fair value) in the same order.
The amounts then roll too: each count times its price, beginning plus movements, is the ending count times
its price, exactly for the true figures, and within what the rounding of every printed count and price
allows for the printed ones.

A roll of prices is read with the roll of counts it pairs with: the only one of the same member, with as
many movements, each pair of rows naming the same movement (granted with granted) and printing values in
as many columns. The counts must roll with their signs as printed, and every placement of them that rolls
must put their values in the same columns, which the prices then take. A column is reported only when it
is the only one that fails and one keying slip in one price (one digit, two swapped) brings it within
rounding: a price roll that misses by what no slip explains is more likely a modification or repricing the
table does not show than a typing error. The diagnosis names each price one slip could mend, with the slip
where only one change of that price does, else with the values it could have been (a price weighing few
shares can be off by much and still roll).
"""
from __future__ import annotations

import operator
import re
from collections import Counter
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import lru_cache, reduce

from checker.findings.checks.roll_search import bad_columns, bounded_roll
from checker.findings.checks.rollforward import pairs
from checker.findings.diagnosis import diagnose, either, fmt
from checker.findings.facts import ZERO, describe

PRICE = "per_share"
COUNTED = frozenset({PRICE, "shares", "number"})
SETTLED = "every placement under which the share counts roll puts them there"


def check(compiled, ctx):
    if not any(r.unit == PRICE for r in ctx.facts.rows):
        return []  # most pages: no price, so no price roll
    found = pairs(compiled, ctx, compiled.rule.max_rows)
    if not any(b.unit == PRICE for b, _, _ in found):
        return []
    rolls = [_roll(ctx.facts.rows, b, e) for b, e, _ in found]
    prices = [roll for roll in rolls if roll[0].unit == PRICE and len(roll) > 2]
    counts = [roll for roll in rolls if roll[0].unit != PRICE and len(roll) > 2]
    out = []
    for price in prices:
        partners = [count for count in counts if _paired(count, price)]
        if len(partners) == 1 and (finding := _check_pair(compiled, ctx, partners[0], price)) is not None:
            out.append(finding)
    return out


def _roll(rows, b, e) -> list:
    """[begin, end] + the rows between them of the member and of the same kind: prices, or counts (a row "Granted"
    read as a number, another "Exercised (in shares)" as shares)."""
    prices = b.unit == PRICE
    return [b, e] + [r for r in rows if b.index < r.index < e.index and r.row.member_path == b.row.member_path
                     and (r.unit == PRICE) == prices and r.unit in COUNTED]


def _paired(count, price) -> bool:
    """Does the roll of prices weigh the roll of counts, row for row?"""
    return count[0].row.member_path == price[0].row.member_path and len(count) == len(price) \
        and _movements(count) == _movements(price) and all(len(c.facts) == len(p.facts) for c, p in zip(count, price))


@lru_cache(maxsize=1)
def _movement() -> re.Pattern:
    """The words that say which movement a row is: a price row pairs with the count row that names the same
    (compiled for the first page that prints a price roll, not at every start)."""
    return re.compile(r"grant|exercis|forfeit|cancel|expir|vest|releas|issu|assum|settl|repurchas|modif|transfer|"
                      r"adjust|award|convert|perform|acqui")


def _movements(roll) -> list[Counter]:
    """The movement words each row names, less those every row of the roll has ('Weighted average exercise price,
    Exercised' names one exercise)."""
    found = [Counter(_movement().findall(r.norm)) for r in roll]
    common = reduce(operator.and_, found)
    return [words - common for words in found]


def _settled(rows):
    """Each count row's {column: fact} under which the counts roll, when every placement that rolls agrees on
    it; else None."""
    if all(r.exact for r in rows):
        placed = [r.placement(0) for r in rows]
        return placed if bad_columns(placed, False) == [] else None
    bounded = bounded_roll(rows, False, None)
    agreed = {} if bounded is None else bounded.agreed()
    if any(not r.exact and k not in agreed for k, r in enumerate(rows)):
        return None
    return [r.placement(agreed.get(k, 0)) for k, r in enumerate(rows)]


def _placed_like(row, columns) -> dict | None:
    """The price row's {column: fact} under its alignment that fills the columns its count row fills."""
    for i in range(len(row.alignments)):
        placed = row.placement(i)
        if placed.keys() == columns:
            return placed
    return None


def _check_pair(compiled, ctx, count_rows: list, price_rows: list):
    counts = _settled(count_rows)
    if counts is None:
        return None
    prices = [_placed_like(row, placed.keys()) for row, placed in zip(price_rows, counts)]
    if any(p is None for p in prices):
        return None
    bad = []
    for col in sorted(counts[0].keys() & counts[1].keys()):
        terms = [(k, counts[k][col], prices[k][col]) for k in range(len(counts)) if col in counts[k]]
        value, slack = _amounts(terms)
        if abs(value) > slack:
            bad.append((col, terms, value, slack))
    if len(bad) != 1:
        return None  # all roll, or several columns fail: no one slip
    col, terms, value, slack = bad[0]
    if not counts[1][col].value:
        return None  # nothing left outstanding: no ending price to weigh
    found = [slip for k, n, p in sorted(terms, key=lambda t: t[2].cell.line)
             if (slip := _price_slip(k, n, p, value, slack, price_rows[k].row.label)) is not None]
    if not found:
        return None  # more likely a repricing the table does not show than a typing error
    return _finding(compiled, ctx, count_rows, price_rows, bad[0], either(found))


def _amounts(terms) -> tuple[Decimal, Decimal]:
    """(beginning + movements - ending, each count at its price; what rounding the printed figures allows)."""
    value = slack = ZERO
    for k, n, p in terms:
        price = abs(p.value)  # a price printed "(0.28)" on an exercise's row says which way the count moves
        value += -n.value * price if k == 1 else n.value * price
        slack += abs(n.value) * p.half + price * n.half + n.half * p.half
    return value, slack


def _price_slip(k: int, n, p, value: Decimal, slack: Decimal, label: str) -> str | None:
    """How one keying slip in price p (row k; 1 is the ending balance) would bring the roll within rounding: the
    slip, when one change of the price does; the values it could have been, when several do; else None."""
    if not n.value:
        return None
    weight = -n.value if k == 1 else n.value
    unit = Decimal(1).scaleb(p.cell.scale)  # the price's scale: printed figures are value / unit
    wanted, reach = (abs(p.value) - value / weight) / unit, slack / abs(weight) / unit
    found = sorted(v for v in slips(abs(p.printed), p.cell.decimals) if abs(v - wanted) <= reach)
    where = f"{label!r} (line {p.cell.line})"
    if len(found) == 1:
        return f"{diagnose(abs(p.printed), found[0]).text} in {where}"
    if found:
        return f"one digit of {where}: {fmt(found[0])} to {fmt(found[-1])} would roll"
    return None


def slips(printed: Decimal, decimals: int) -> list[Decimal]:
    """The values one keying slip turns a non-negative printed value into, at its decimals: each digit changed for
    another, two adjacent digits swapped (none that starts the whole number with a zero)."""
    digits = f"{printed:.{decimals}f}".replace(".", "")
    out = set()
    for i, digit in enumerate(digits):
        out.update(digits[:i] + d + digits[i + 1:] for d in "0123456789" if d != digit)
        if i + 1 < len(digits) and digits[i + 1] != digit:
            out.add(digits[:i] + digits[i + 1] + digit + digits[i + 2:])
    return [Decimal(v).scaleb(-decimals) for v in out if v[0] != "0" or len(v) - decimals == 1]


def _finding(compiled, ctx, count_rows, price_rows, bad, diagnosis: str):
    rule, facts = compiled.rule, ctx.facts
    col, terms, value, slack = bad
    _, end_count, end_price = next(t for t in terms if t[0] == 1)
    before = value + end_count.value * abs(end_price.value)  # beginning + movements, each count at its price
    unit = Decimal(1).scaleb(end_price.cell.scale)
    step = Decimal(1).scaleb(-end_price.cell.decimals)
    implied = before / end_count.value / unit
    reach = slack / abs(end_count.value) / unit
    low = ((implied - reach) / step).to_integral_value(ROUND_FLOOR) * step
    high = ((implied + reach) / step).to_integral_value(ROUND_CEILING) * step
    ambiguous = not all(r.exact for r in count_rows + price_rows)
    begin_price = next(p for k, _, p in terms if k == 0)
    names = {"begin": describe(price_rows[0], begin_price, facts.column_label(col)),
             "end": describe(price_rows[1], end_price, facts.column_label(col)), "title": rule.title,
             "diagnosis": diagnosis,
             "implied": f"{fmt(implied.quantize(step))} ({fmt(low)} to {fmt(high)} within the rounding of the "
                        "printed counts and prices)"}
    names["operands"] = f"{names['begin']}; {names['end']}"
    template = rule.message or ("{end} but the beginning balance and the movements, each count at its price, imply "
                                "{implied}: {diagnosis}")
    role = {0: "begin", 1: "end"}
    cells = [cell for k, n, p in terms for cell in (
        facts.involved(price_rows[k], p, role.get(k, "activity"), col),
        facts.involved(count_rows[k], n, "count", col))]
    return ctx.finding(rule, template.format_map(names), cells, diagnosis, ambiguous, placements=SETTLED)
