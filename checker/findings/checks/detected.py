"""detected_footing: a run of rows right above a row that foots into it in every column but one.

No labels needed: on a page with two or more columns, a run of 2..N full rows whose signed
sum equals the row below in all columns but one, where the odd column is off by exactly
what one mistyped digit in one of its cells would explain, is a total that does not foot.
Each row may be added or subtracted (income statements print costs positive), the top row
always added. A one-column page gives no second column to vouch for the run, so there the
row below must read as a total or balance and the rows add as printed.
Arithmetic is exact on the printed digits, before any page scale: a detected run is only trusted
when it foots exactly, and a row the parser reads at another scale (a 'Common stock ... shares
authorized' label on a $ in Millions balance sheet) still adds as printed.
"""
from __future__ import annotations

import re
from decimal import Decimal

from checker.findings.diagnosis import diagnose, fmt
from checker.findings.facts import FactRow

TOTAL_LABEL = re.compile(r"\btotal|\bending|\bend of|\bbalance|\bnet\b|, net|outstanding,? (at|end)|closing",
                         re.IGNORECASE)
SLIPS = ("one_digit", "transposition")


def shaped_runs(ctx) -> list[tuple[FactRow, tuple | None, int]]:
    """Each numeric row with its shape (the candidate columns of its cells; None for a row without a shape:
    some cell is not a value, or it is a percentage; else its facts are its cells in order) and how many rows
    of its shape lie directly above it (nothing but such rows in between).

    Rows of one shape line up cell by cell under the alignment that puts them in the same
    columns; when that shape is not exact, a finding on them says the alignment was ambiguous."""
    out = []
    run, last_shape, last_index = 0, None, -2  # no row sits at position -1: the first row has none above
    for r in ctx.facts.rows:
        if len(r.facts) != len(r.cells) or r.unit == "percent":
            shape = None
        else:
            shape = tuple([f.columns for f in r.facts.values()])
        run = run + 1 if shape == last_shape and r.index == last_index + 1 else 0
        out.append((r, shape, run))
        last_shape, last_index = shape, r.index
    return out


MICRO = Decimal("1E6")  # a printed value in millionths: times 1E6 is value.scaleb(6), without converting the 6


def _units(value: Decimal) -> int:
    return int(value * MICRO)  # exact: printed values have at most 6 decimals


def check(compiled, ctx):
    rule = compiled.rule
    out = []
    for total, shape, near in near_runs(ctx, rule.min_rows, rule.max_rows):
        for run, signs, col, got in near:
            finding = _explain(compiled, ctx, total, run, signs, col, got, shape)
            if finding is not None:
                out.append(finding)
                break
    return out


def near_runs(ctx, min_rows: int, max_rows: int):
    """(total row, its shape, runs off in one column) for each row that may be a total: searched once a
    page for all rules with these bounds (FT001 and FT002 differ only in which runs they explain)."""
    key = ("detected_footing", min_rows, max_rows)
    found = ctx.facts.cache.get(key)
    if found is not None:
        return found
    rows = shaped_runs(ctx)
    vectors: dict[int, tuple[tuple[int, ...], int]] = {}  # row position -> (values as integers, packed)

    def vector(s: int) -> tuple[tuple[int, ...], int]:
        """Worked out only for the rows a run or its total needs: most rows have no run of full rows above."""
        found = vectors.get(s)
        if found is None:
            vec = tuple([int(f.printed * MICRO) for f in rows[s][0].facts.values()])  # as _units, inline
            found = vectors[s] = (vec, _pack(vec))
        return found

    found = ctx.facts.cache[key] = []
    for t, (total, shape, run) in enumerate(rows):
        if run < min_rows:
            continue  # most rows: no run long enough above them
        n = min(run, max_rows)
        if shape is None or n < min_rows:
            continue
        tvec, tpacked = vector(t)
        if max(map(abs, tvec)) < 10 ** 7:  # total at least 10 as printed
            continue
        width = len(tvec)
        if width == 1 and not TOTAL_LABEL.search(total.row.label):
            continue
        window = [(rows[s][0], vector(s)[1]) for s in range(t - 1, t - 1 - n, -1)]  # nearest first
        near = _search(window, tvec, tpacked, width, min_rows)
        if near:
            found.append((total, shape, near))
    return found


FIELD = 96  # bits per column when a row's values are packed into one integer (sums of printed values fit)


def _pack(vec: tuple[int, ...]) -> int:
    """The row's values as one integer, a field of FIELD bits per column: one addition adds every column."""
    packed, shift = 0, 0
    for v in vec:
        packed += v << shift
        shift += FIELD
    return packed


HALF_FIELD = 1 << (FIELD - 1)
LOW_FIELD = (1 << FIELD) - 1  # the bits of column 0 (x & LOW_FIELD is x modulo 2**FIELD, negative x too)


def _search(window, tvec, target, width, min_rows):
    """Runs off in exactly one column, shortest first; empty when some run foots fully.

    Sums are kept packed (one integer a run, see _pack; `target` is the total's). The sums of the first n
    rows are in the order of the bit mask of the rows subtracted (nearest first): sum i subtracts the rows
    of the bits of i, and the n-th row is always added. This loop meets up to 2**max_rows sums a total, so
    it is written out plainly."""
    sums: list[int] = []
    near = []
    low, below, above = target & LOW_FIELD, target - HALF_FIELD, target + HALF_FIELD
    free = width > 1
    for n, (_, packed) in enumerate(window, start=1):
        tops = [total + packed for total in sums] if sums else [packed]
        if n >= min_rows:
            if target in tops:
                return []
            if len(near) < 64:  # enough near runs kept beyond that
                # a sum off in one column only matches the total in the lowest field, or differs from it by
                # less than half a field (off in column 0 alone): two cheap tests pass over nearly every sum
                for mask in [m for m, total in enumerate(tops) if total & LOW_FIELD == low or below < total < above]:
                    # off in one column only: the lowest non-zero field holds all of the difference
                    diff = tops[mask] - target
                    k = ((diff & -diff).bit_length() - 1) // FIELD
                    if k < width and -HALF_FIELD < (value := diff >> (FIELD * k)) < HALF_FIELD:
                        signs = tuple(-1 if mask >> i & 1 else 1 for i in range(n))
                        near.append((window[:n], signs, k, tvec[k] + value))
                        if len(near) >= 64:
                            break
        if n == len(window):
            break  # the longest run tried: no sums to grow for another row
        if not free:
            sums = tops  # one column: the rows add as printed (mask 0 only)
        elif sums:
            sums = tops + [total - packed for total in sums]  # masks with bit n - 1 set follow those without
        else:
            sums = [packed, -packed]
    return near


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


def _explain(compiled, ctx, total, run, signs, col, got, shape):
    """A finding when one cell's single mistyped digit explains the odd column, else None."""
    rule = compiled.rule
    tfact = total.facts[col]
    diff = Decimal(got - _units(tfact.printed)).scaleb(-6)  # sum - total, as printed
    if max(abs(tfact.printed), abs(tfact.printed + diff)) < 10:
        return None  # counts of a few items: too small for a digit slip to stand out
    last_unit = tfact.cell.scale > 0 and abs(diff) <= Decimal(1).scaleb(-tfact.cell.decimals)  # rounded, one unit off
    if last_unit != (rule.last_unit == "only"):
        return None
    if not slip_gap(got - _units(tfact.printed)):
        return None  # no cell's one digit, nor two swapped, can be off by this much: nothing to diagnose
    culprits = []
    for (r, _), sign in [((total, None), 0)] + list(zip(run, signs)):
        fact = r.facts[col]
        wanted = fact.printed + diff if sign == 0 else fact.printed - sign * diff
        slip = diagnose(fact.printed, wanted)
        if slip is not None and slip.kind in SLIPS:
            culprits.append((r, fact, slip))
    if not culprits:
        return None
    facts = ctx.facts
    exact = len(shape[col]) == 1
    column = facts.column_label(shape[col][0]) if exact else None
    where_col = shape[col][0] if exact else None
    cells = [facts.involved(total, tfact, "total", where_col)] + [
        facts.involved(r, r.facts[col], "component", where_col) for r, _ in run]
    terms = " ".join(("+ " if g > 0 else "- ") + r.facts[col].shown for (r, _), g in
                     zip(reversed(run), reversed(signs)))
    where = "; or ".join(f"{c_slip.text} in {r.row.label!r} (line {fact.cell.line})" for r, fact, c_slip in
                         culprits[:3])
    message_vars = {
        "title": rule.title, "total": f"{total.row.label} = {tfact.shown} (line {tfact.cell.line})",
        "sum": fmt(Decimal(got).scaleb(-6).quantize(Decimal(1).scaleb(-tfact.cell.decimals))),
        "diagnosis": where,
        "operands": terms.lstrip("+ "),
    }
    message_vars.update(n=len(run), column=column or f"#{col + 1} of the row")
    if len(shape) > 1:  # the other columns vouch for the run
        default = "{total} but the {n} rows above it sum to {sum} in column {column} while they foot exactly " \
                  "in every other column: {diagnosis}"
    else:  # one value a row: the total's label vouches for it (see near_runs)
        default = "{total} but the {n} rows above it sum to {sum}" + (" in column {column}" if column else "") + \
                  ": {diagnosis}"
    template = rule.message or default
    ambiguous = not all(len(c) == 1 for c in shape)
    return ctx.finding(rule, template.format_map(message_vars), cells, where, ambiguous)
