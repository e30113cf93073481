"""What the relation checks (footing, compare, range, unique, periods, member_total) share.

`solve` tries a relation under every joint alignment of the rows it involves and returns
the violations only when no alignment satisfies it. An alignment under which the relation
cannot be evaluated (the operands share no column) is passed over, as in `equal`: the rows
are compared where the page lets them meet. With `vacuous=True` such an alignment satisfies
the relation instead (cross-footing: a row may leave its total column empty).
Duration cells ("5 years 6 months") are not in PageFacts; `value_rows` adds them, in days.
"""
from __future__ import annotations

import re
from decimal import Decimal
from itertools import product
from typing import NamedTuple

from checker.ast.model import ValueKind
from checker.findings.alignments import agreement, cells_placed, joint_placements
from checker.findings.diagnosis import Diagnosis, diagnose, either
from checker.findings.facts import ZERO, Fact, FactRow, describe
from checker.rules.selectors import normal_label

DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(year|month|week|day)s?", re.IGNORECASE)
DAYS = {"year": Decimal("365.25"), "month": Decimal("30.4375"), "week": Decimal(7), "day": Decimal(1)}


def duration_days(raw: str) -> Decimal | None:
    """'5 years 4 months 24 days' -> days; None when the text is not only a duration."""
    parts = DURATION_PART.findall(raw)
    if not parts or DURATION_PART.sub("", raw).strip(" ,and") != "":
        return None
    return sum((Decimal(n) * DAYS[unit.lower()] for n, unit in parts), ZERO)


def duration_rows(ctx) -> list[FactRow]:
    """The page's rows of durations as FactRows (unit 'duration', value in days, exact), built once a page."""
    cached = getattr(ctx.facts, "_duration_rows", None)
    if cached is not None:
        return cached
    out = []
    for index in ctx.facts.with_durations:  # item rows with a duration cell, noted as the page's facts were read
        row = ctx.page.rows[index]
        facts = {}
        for i, cell in enumerate(row.cells):
            days = duration_days(cell.raw) if cell.kind is ValueKind.duration else None
            if days is not None:
                facts[i] = Fact(cell, days, ZERO, days)
        if facts:
            out.append(FactRow(row, index, normal_label(row.label), "duration", row.cells, facts))
    ctx.facts._duration_rows = out
    return out


def select(compiled, name: str, ctx, durations: bool = False) -> list[FactRow]:
    rows = compiled.rows(name, ctx)
    if durations:
        test = compiled.selectors[name]
        rows = rows + [r for r in duration_rows(ctx) if test(r.row, ctx.page, r.unit)]
    return rows


def compatible(unit: str, other: str) -> bool:
    """Same unit class; a plain number sits with money (only the first row of a table prints its $)."""
    return unit == other or {unit, other} == {"money", "number"}


def scales(frow) -> frozenset[int]:
    """The page scales the parser applied to a row's values (thousands for money, units for share counts)."""
    return frozenset(f.cell.scale for f in frow.facts.values() if f.printed)


HOLDS = "holds"  # a relation that holds: what a caller of solve passes as `held`, and a search returns


def solve(rows: list[FactRow], test, vacuous: bool = False, rank=None, held=None):
    """The violations of the alignment with the fewest, or None when some alignment satisfies `test` (`held`
    then, when given, for a caller that must tell the two apart) or none can evaluate it. Among alignments
    with as few, the first of the lowest `rank(violations, maps)` when given (a slip explains them; the other
    columns hold), else the first.

    `test(maps)` gets one {column: Fact} per row (shared: read only) and returns a list of violations (empty: holds)
    or None (not comparable under this alignment)."""
    combos = joint_placements(rows)
    if combos is None:
        return None
    ties: list[tuple] = []  # (violations, maps) of the alignments with the fewest so far (only the first without rank)
    for maps in combos:
        bad = test(maps)
        if bad is None and not vacuous:
            continue
        if not bad:
            return held
        if not ties or len(bad) < len(ties[0][0]):
            ties = [(bad, maps)]
        elif rank is not None and len(bad) == len(ties[0][0]):
            ties.append((bad, maps))
    if not ties:
        return None
    if rank is not None and len(ties) > 1:
        return min(ties, key=lambda tie: rank(*tie))[0]  # the first of the lowest
    return ties[0][0]


def agreed_cells(rows: list[FactRow], holds):
    """(line, column) for the cells of rows that leave their columns open, where every joint alignment under which
    `holds(maps)` puts them: nothing when none holds, or there are more alignments than `solve` tries (for the
    HTML report's grid, engine.settled_columns)."""
    if all(r.exact for r in rows) or joint_placements(rows) is None:
        return
    held = [chosen for chosen in product(*[range(len(r.alignments)) for r in rows])
            if holds([r.placement(i) for r, i in zip(rows, chosen)])]
    yield from cells_placed(rows, agreement(rows, held))


def ambiguous(rows: list[FactRow]) -> bool:
    return not all(r.exact for r in rows)


def operand(ctx, frow: FactRow, fact: Fact, col: int | None, unsure: bool) -> str:
    """'Label [member] (period) = 1,234 (line 12)': each operand with its period (when sure) and member."""
    return describe(frow, fact, ctx.facts.column_label(col) if col is not None and not unsure else None)


def fits(low: Fact, high: Fact, strict: bool = False, exact: bool = False) -> bool:
    """Could low's quantity be <= (or <) high's, given each prints a rounded value?"""
    slack = ZERO if exact else low.half + high.half
    return low.value - slack < high.value if strict else low.value - slack <= high.value


# what a slip changes a value by, in units of the place it happens in: one digit for another (1..9), or two
# adjacent digits swapped (xy -> yx changes it by 9 * (x - y))
SLIP_GAPS = frozenset(range(1, 10)) | frozenset(9 * d for d in range(2, 10))


def slip_gap(gap: int) -> bool:
    """Can two values this far apart (any unit) read as one digit mistyped or two adjacent digits swapped?
    Only if the gap, less its trailing zeros, is in SLIP_GAPS: else diagnose finds neither in any cell."""
    gap = abs(gap)
    while gap and not gap % 10:
        gap //= 10
    return gap in SLIP_GAPS


class Culprit(NamedTuple):
    """A cell one keying slip in which would explain a mismatch."""
    fact: Fact
    slip: Diagnosis
    wanted: Decimal  # the value, as printed, that would make the relation hold


def slipped(wanted: list[tuple[Fact, Decimal]], least: int = 100) -> list[Culprit]:
    """The cells one keying slip in which (one digit, two swapped) would explain a mismatch, each given with
    the value (scaled) that would make the relation hold, with that slip; in line order, as the page reads.
    Only values of at least `least` as printed: nearly any difference of a few units is one digit of a small
    value (a rule that asks for a slip on top of other evidence may take them all)."""
    found = []
    for fact, value in wanted:
        if abs(fact.printed) < least:
            continue
        target = value.scaleb(-fact.cell.scale)
        if not slip_gap(int("".join(map(str, (target - fact.printed).as_tuple().digits)))):
            continue  # the gap's digits rule out both slips: diagnose would find neither
        slip = diagnose(fact.printed, target)
        if slip is not None and slip.kind in ("one_digit", "transposition"):
            found.append(Culprit(fact, slip, target))
    return sorted(found, key=lambda culprit: culprit.fact.cell.line)


def footing_slips(total: Fact, terms: list[Fact], diff: Decimal, signs=None) -> list[Culprit]:
    """The slips (any size of value) in a total that its terms (added, or with `signs`) sum to `diff` more than,
    or in one term: the total first, the likeliest culprit, named before `either` folds the rest into a count;
    the terms in line order."""
    signs = signs or [1] * len(terms)
    return slipped([(total, total.value + diff)], least=0) + slipped(
        [(t, t.value - sign * diff) for sign, t in zip(signs, terms)], least=0)


def slip_diagnosis(culprits: list[Culprit], name, facts=None) -> Diagnosis | None:
    """The culprits' slips as one Diagnosis, each naming its cell by name(fact) and its line (see `either`),
    of the first's kind; None when there are none. With the page's `facts`, the likeliest come first (see
    likeliest_first)."""
    if not culprits:
        return None
    if facts is not None:
        culprits = likeliest_first(culprits, facts.printed_counts())
    return Diagnosis(culprits[0].slip.kind,
                     either([f"{slip.text} in {name(fact)} (line {fact.cell.line})" for fact, slip, _ in culprits]))


REPEAT_LEAST = 10  # a value printed twice says something only from this size up: small numbers recur by chance


def likeliest_first(culprits: list[Culprit], counts) -> list[Culprit]:
    """The culprits in the order the page makes likely, else as given: first a cell whose right value the page
    prints elsewhere (a balance carried over: the slip broke a repeat), last one whose own value it prints again
    (the repeat vouches for it). `counts`: how often the page prints each value, unsigned."""
    def weight(culprit: Culprit) -> int:
        wanted, own = abs(culprit.wanted), abs(culprit.fact.printed)
        return (own >= REPEAT_LEAST and counts[own] > 1) - (wanted >= REPEAT_LEAST and counts[wanted] > 0)
    return sorted(culprits, key=weight)


TOTAL = re.compile(r"^total$", re.IGNORECASE)


def total_column(page) -> int | None:
    """The column headed 'Total' when it is the page's first or last (where EDGAR puts it), else None."""
    ends = page.columns[:1] + page.columns[-1:]
    return next((c.index for c in ends if c.header and TOTAL.match(c.header[-1].strip())), None)


def leaves_total_empty(rows: list[FactRow]) -> bool:
    """Does some row print one value other than nil? A movement fills its member column and, when the company
    tags it, the Total; one printed alone left the Total empty (Apple: 'Common stock issued | 752' in one
    column of four), and that Total column does not add up the rows above it."""
    return any(len(r.facts) == 1 and any(f.value for f in r.facts.values()) for r in rows)
