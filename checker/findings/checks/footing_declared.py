"""footing: a total equals the signed sum of its components, by declaration.

The components are a list of selectors (assets = liabilities + equity): DQC habits, so a
required component that is missing skips the total, rows pair only with the total's member
path, a component matched by several rows (or optional) is tried every way, as is the sign of
one whose sign is `either`, and one finding is made per total row, naming every operand with
its period and member. With `other_columns_hold`, where labels may pick rows that are not the
sum (net income beside discontinued operations), a finding needs the other columns to foot
and no row between to print the difference. Components found above the total are
footing_above's; a total column is cross_footing's. The test, the finding and the slips in it
serve both.
Values are intervals of half a display unit; a finding needs every alignment to fail.
"""
from __future__ import annotations

from decimal import Decimal
from functools import partial
from itertools import islice, product

from checker.findings.checks.relations import (HOLDS, agreed_cells, ambiguous, compatible, footing_slips, operand,
                                               slip_diagnosis, solve)
from checker.findings.diagnosis import diagnose, fmt
from checker.findings.facts import ZERO, rounding

MAX_CHOICES = 32


def foots(signs, exact: bool):
    """The test for `solve`: maps[0] is the total, the rest its components with `signs`."""
    def test(maps):
        # plain loops (this runs under every joint alignment), summing in the same order as ever
        total, parts = maps[0], maps[1:]
        shared = set(total)
        for m in parts:
            shared &= m.keys()
        if not shared:
            return None
        bad = []
        for c in sorted(shared):
            terms = [m[c] for m in parts]
            got = halves = ZERO
            for s, t in zip(signs, terms):
                got += s * t.value
            for t in terms:
                halves += t.half
            slack = ZERO if exact else total[c].half + halves
            if abs(got - total[c].value) > slack:
                bad.append((c, got, total[c], terms))
        return bad
    return test


def nil_foots(signs, exact: bool):
    """The test for `solve` where a component without a value in a column adds nothing there (an empty cell is
    nil): in each of the total's columns, the components printed there, with `signs`, sum to it; a column none
    prints in is not compared (None when none is). Violations as foots'."""
    def test(maps):
        total, parts = maps[0], maps[1:]
        bad, compared = [], False
        for c in sorted(total):
            present = [(s, m[c]) for s, m in zip(signs, parts) if c in m]
            if present:
                compared = True
                terms = [t for _, t in present]
                got = sum((s * t.value for s, t in present), ZERO)
                if abs(got - total[c].value) > rounding([total[c], *terms], exact):
                    bad.append((c, got, total[c], terms))
        return bad if compared else None
    return test


def _nil_misses(signs, exact: bool):
    """A rank for `solve`: in how many of the total's columns the components printed there (the others nil, as an
    empty cell is) miss it. A page that leaves a component's column open (investing cash flows in one year of
    four) fails under every placement of it in the one column each compares; this one fails in the fewest."""
    test = nil_foots(signs, exact)
    return lambda bad, maps: len(test(maps) or ())


def as_printed(value: Decimal, like) -> Decimal:
    """A scaled sum as the total's cell would print it (page scale and decimals)."""
    return value.scaleb(-like.cell.scale).quantize(Decimal(1).scaleb(-like.cell.decimals))


def check(compiled, ctx):
    """The findings of a rule whose components are declared (a list of selectors)."""
    rule = compiled.rule
    exact = rule.tolerance == "exact"
    out = []
    for total, readings in _totals(compiled, ctx):
        best = _best_reading(total, readings, exact, rule.other_columns_hold)
        if best is None:
            continue
        rows, signs, bad = best
        if rule.other_columns_hold and _printed_between(ctx.facts.rows, total, rows, bad, exact):
            continue
        slip = total_slip(bad, [total] + rows, ctx.facts, signs) if rule.require_slip else None
        if slip is not None or not rule.require_slip:
            out.append(finding(compiled, ctx, total, rows, signs, bad, slip))
    return out


def _totals(compiled, ctx):
    """(total row, its readings) for each total whose required components the page prints; a reading is (rows,
    signs) for one choice of rows (a component matched by several rows, or optional, is tried every way) and of
    the signs of those whose sign is "either"."""
    rule = compiled.rule
    totals = compiled.rows("total", ctx)
    if not totals:
        return  # most pages: no component need be looked for
    pools = [compiled.rows(i, ctx) for i in range(len(rule.components))]
    for total in totals:
        options = []
        for comp, pool in zip(rule.components, pools):
            found = [r for r in pool if r is not total and r.row.member_path == total.row.member_path
                     and compatible(r.unit, total.unit)]
            if not found and not comp.optional:
                break
            options.append(found + [None] * comp.optional)
        else:
            yield total, _readings(rule.components, options)


def _readings(comps, options):
    """(rows, signs) for each choice of the components' rows (MAX_CHOICES at most) and of their signs."""
    for choice in islice(product(*options), MAX_CHOICES):
        used = [(r, c.sign) for r, c in zip(choice, comps) if r is not None]
        rows = [r for r, _ in used]
        if rows and len({id(r) for r in rows}) == len(rows):
            for signs in product(*[(1, -1) if sign == "either" else (sign,) for _, sign in used]):
                yield rows, list(signs)


def _best_reading(total, readings, exact, alone: bool = False):
    """(components, signs, violation) of the reading with the fewest violations; None if one foots. With `alone`
    (other_columns_hold), only alignments under which one column fails and another foots are read."""
    best = None
    for rows, signs in readings:
        test = foots(signs, exact)
        bad = solve([total] + rows, _one_column_off(test) if alone else test, rank=_nil_misses(signs, exact),
                    held=HOLDS)
        if bad is HOLDS:
            return None
        if bad is not None and (best is None or len(bad) < len(best[2])):
            best = (rows, signs, bad)
    return None if best is None else (best[0], best[1], best[2][0])


def settled_cells(compiled, ctx):
    """(line, column) for the cells whose column the page leaves open, where every alignment under which a reading
    of a total foots, in two columns or more, puts them (for the HTML report's grid)."""
    if compiled.rule.components == "above":
        return
    exact = compiled.rule.tolerance == "exact"
    for total, readings in _totals(compiled, ctx):
        for rows, signs in readings:
            yield from agreed_cells([total] + rows, partial(_foots_in_two, foots(signs, exact)))


def _foots_in_two(test, maps) -> bool:
    return test(maps) == [] and _shared(maps) >= 2


def _one_column_off(test):
    """`test`, where an alignment under which two columns or more fail, or no other column foots, is no reading
    (None): the other columns must vouch for the rows and signs."""
    def alone(maps):
        bad = test(maps)
        if bad and (len(bad) > 1 or _shared(maps) < 2):
            return None
        return bad
    return alone


def _shared(maps) -> int:
    """The columns the total and each component print in under one alignment."""
    return len(set(maps[0]).intersection(*maps[1:]))


def _printed_between(rows, total, operands, bad, exact: bool) -> bool:
    """Does a row between the operands and the total, of the total's members and none of them, print the difference
    in the column that fails (bad) as a value? A line printed for one period only, such as discontinued operations
    between the income taxes and net income, makes that difference; no slip does."""
    col, got, tfact, terms = bad
    diff = abs(got - tfact.value)
    ends = [r.index for r in (total, *operands)]
    taken = {id(r) for r in (total, *operands)}
    return any(abs(abs(f.value) - diff) <= rounding([tfact, *terms, f], exact)
               for r in rows if min(ends) < r.index < max(ends) and id(r) not in taken
               and r.row.member_path == total.row.member_path for f in r.facts.values())


def finding(compiled, ctx, total, rows, signs, bad, slip=None, unsure: bool | None = None):
    """The finding on the total's column that does not foot; `unsure` (else: some operand's columns are open)
    when the reading rests on more rows than the operands named."""
    rule = compiled.rule
    col, got, tfact, terms = bad
    unsure = ambiguous([total] + rows) if unsure is None else unsure
    where = None if unsure else col
    expected = as_printed(got, tfact)
    found = slip or diagnose(tfact.printed, expected)
    parts = " ".join(("+ " if s > 0 else "- ") + operand(ctx, r, t, col, unsure) for r, s, t in zip(rows, signs, terms))
    names = {"total": operand(ctx, total, tfact, col, unsure), "sum": fmt(expected),
             "operands": parts.removeprefix("+ "), "title": rule.title, "diagnosis": found.text if found else ""}
    template = rule.message or "{total} but its components sum to {sum}: {operands}; {diagnosis}"
    cells = [ctx.facts.involved(total, tfact, "total", where)] + [
        ctx.facts.involved(r, t, "component", where) for r, t in zip(rows, terms)]
    return ctx.finding(rule, template.format_map(names), cells, found.text if found else None, unsure)


def total_slip(bad, rows, facts=None, signs=None):
    """The keying slips (one digit, two swapped) in the total or one component (added, or with `signs`) that would
    each explain the difference, as one Diagnosis naming the row of each (see footing_slips); None when no single
    slip does."""
    col, got, tfact, terms = bad
    row_of = {id(tfact): rows[0], **{id(t): r for r, t in zip(rows[1:], terms)}}
    return slip_diagnosis(footing_slips(tfact, terms, got - tfact.value, signs),
                          lambda fact: repr(row_of[id(fact)].row.label), facts)
