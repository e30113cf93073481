"""footing: a total equals the signed sum of its components, by declaration.

Two ways to name the components (a total column is cross_footing's):
- a list of selectors (assets = liabilities + equity): DQC habits, so a required component
  that is missing skips the total, rows pair only with the total's member path, a
  component matched by several rows (or optional) is tried every way, and one finding is
  made per total row, naming every operand with its period and member;
- `above`: the run of rows right above a `Total ...` row, up to the heading that opens it;
  an earlier total inside the run stands for the rows it totals. Any shorter run that foots
  also satisfies it (the label does not say where the run starts), and a run ends at a
  row `stop_after` selects (a roll-forward's ending balance).
Values are intervals of half a display unit; a finding needs every alignment to fail.
"""
from __future__ import annotations

import re
from decimal import Decimal
from itertools import islice, product

from checker.findings.checks.relations import ambiguous, compatible, footing_slips, operand, slip_diagnosis, solve
from checker.findings.diagnosis import diagnose, fmt
from checker.findings.facts import ZERO, rounding

MAX_CHOICES = 32
SUBTOTAL = re.compile(r"(sub)?total\b", re.IGNORECASE)  # a row inside a section that sums some of its rows


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


def _nil_misses(signs, exact: bool):
    """A rank for `solve`: in how many of the total's columns the components printed there (the others nil, as an
    empty cell is) miss it. A page that leaves a component's column open (investing cash flows in one year of
    four) fails under every placement of it in the one column each compares; this one fails in the fewest."""
    def rank(bad, maps) -> int:
        total, parts = maps[0], maps[1:]
        misses = 0
        for c, tfact in total.items():
            present = [(s, {c: m[c]}) for s, m in zip(signs, parts) if c in m]
            if present:  # the column alone, with the components it prints: foots' own test
                misses += bool(foots([s for s, _ in present], exact)([{c: tfact}] + [m for _, m in present]))
        return misses
    return rank


def as_printed(value: Decimal, like) -> Decimal:
    """A scaled sum as the total's cell would print it (page scale and decimals)."""
    return value.scaleb(-like.cell.scale).quantize(Decimal(1).scaleb(-like.cell.decimals))


def check(compiled, ctx):
    if compiled.rule.components == "above":
        return _above(compiled, ctx)
    return _declared(compiled, ctx)


def _declared(compiled, ctx):
    rule = compiled.rule
    exact = rule.tolerance == "exact"
    totals = compiled.rows("total", ctx)
    if not totals:
        return []  # most pages: no component need be looked for
    pools = [compiled.rows(i, ctx) for i in range(len(compiled.components))]
    out = []
    for total in totals:
        options = []
        for comp, pool in zip(rule.components, pools):
            found = [r for r in pool if r is not total and r.row.member_path == total.row.member_path
                     and compatible(r.unit, total.unit)]
            if not found and not comp.optional:
                break
            options.append(found + [None] * comp.optional)
        else:
            best = _best_choice(total, rule.components, options, exact)
            if best is not None:
                out.append(_finding(compiled, ctx, total, *best))
    return out


def _best_choice(total, comps, options, exact):
    """(components, signs, violation) of the choice with the fewest violations; None if one foots."""
    best = None
    for choice in islice(product(*options), MAX_CHOICES):
        used = [(r, c.sign) for r, c in zip(choice, comps) if r is not None]
        rows = [r for r, _ in used]
        if not rows or len({id(r) for r in rows}) < len(rows):
            continue
        signs = [s for _, s in used]
        bad = solve([total] + rows, foots(signs, exact), rank=_nil_misses(signs, exact))
        if not bad:
            return None
        if best is None or len(bad) < len(best[2]):
            best = (rows, signs, bad)
    return None if best is None else (best[0], best[1], best[2][0])


def _finding(compiled, ctx, total, rows, signs, bad, slip=None, unsure: bool | None = None):
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


def _run_above(rows, t, is_total, max_rows, stops=frozenset()):
    """(candidate runs of rows[t], nearest first and shortest first; position of the topmost row covered).

    The run is the rows right above the total with no heading between, up to a row in `stops` (ids), which
    it takes last; an earlier total in it stands for the rows it totals, which are skipped."""
    total = rows[t]
    run, runs = [], []
    k, top, index = t - 1, t, total.index
    while k >= 0 and len(run) < max_rows:
        r = rows[k]
        if r.index != index - 1 or r.row.member_path != total.row.member_path or not compatible(r.unit, total.unit):
            break
        run.append(r)
        runs.append(list(run))
        top, index = k, r.index
        if id(r) in stops:
            break
        if is_total(r):
            inner, inner_top = _run_above(rows, k, is_total, max_rows, stops)
            if inner:
                top, index = inner_top, rows[inner_top].index
        k = top - 1
    return runs, top


def _section(rows, t, is_total, starts: list[int], max_rows: int) -> list:
    """The rows of rows[t]'s section, nearest first: those below the nearest heading above it (page positions
    `starts`) or the previous total, whichever is nearer, through the headings between. None when neither bounds
    it, or when it holds more than max_rows rows, a row of another member or unit, or a subtotal."""
    total = rows[t]
    start = max((i for i in starts if i < total.index), default=-1)
    run = []
    for k in range(t - 1, -1, -1):
        r = rows[k]
        if r.index <= start or is_total(r):
            return run
        if r.row.member_path != total.row.member_path or not compatible(r.unit, total.unit) or len(run) == max_rows \
                or SUBTOTAL.match(r.row.label):
            return None  # a subtotal inside would count its rows twice: which rows it sums is not known
        run.append(r)
    return run if start >= 0 else None


def _above(compiled, ctx):
    rule = compiled.rule
    exact = rule.tolerance == "exact"
    totals = {id(r) for r in compiled.rows("total", ctx)}  # a run's inner totals are asked for again and again
    if not totals:
        return []
    rows = ctx.facts.rows
    is_total = lambda r: id(r) in totals  # noqa: E731
    stops = frozenset(id(r) for r in compiled.rows("stop_after", ctx)) if rule.stop_after else frozenset()
    starts = None
    if rule.start_after:  # headings too: any row of the page, with or without values
        test, page = compiled.selectors["start_after"], ctx.page
        starts = [i for i, row in enumerate(page.rows) if test(row, page)]
    out = []
    for t, total in enumerate(rows):
        if not is_total(total):
            continue
        unsure = None
        if starts is not None:  # the total's section, whole: its rows without a value in the column still count
            section = _section(rows, t, is_total, starts, rule.max_rows)
            found = _unfooted_section(total, section, exact, rule.require_slip, ctx.facts) if section else None
            unsure = section and ambiguous([total] + section)
        else:
            runs, _ = _run_above(rows, t, is_total, rule.max_rows, stops)
            if not runs or len(runs) == 1 and id(runs[0][0]) in stops:
                continue  # an ending balance alone above a total is no run (the part of it that would affect taxes)
            found = _unfooted(total, runs, exact, rule.require_slip, ctx.facts)
        if found is not None:
            run, bad, slip = found
            out.append(_finding(compiled, ctx, total, run[::-1], [1] * len(run), _reorder(bad), slip, unsure))
    return out


def _unfooted(total, runs, exact: bool, require_slip: bool, facts):
    """(the longest run, its violation, the slip explaining it) when no run foots the total, else None.

    A finding only ever names the longest run, so that run is tried first: most totals foot with their whole
    run (the shorter ones need not be tried) or, when a slip is required, miss by more than a slip explains;
    the shorter runs are tried only for a total that would be flagged, as any of them footing clears it.
    A run of one row (the rows above it empty, or a heading) is a sum only if the total repeats it in every
    column but the one that fails: a total one digit off a single row may well add rows above a heading."""
    run = runs[-1]
    rows = [total] + run
    bad = solve(rows, foots([1] * len(run), exact), rank=lambda bad, _: _slip(bad[0], rows) is None)
    if not bad or len(run) == 1 and not _repeats_elsewhere(total, run[0], bad):
        return None
    slip = _slip(bad[0], rows, facts)
    if require_slip and not slip:
        return None
    if any(not solve([total] + shorter, foots([1] * len(shorter), exact)) for shorter in runs[:-1]):
        return None
    return run, bad[0], slip


def _unfooted_section(total, section, exact: bool, require_slip: bool, facts):
    """(the section's rows that print a value in the column that fails, its violation, the slip explaining it)
    when no placement of the section's rows makes them sum to the total in each of its columns, else None."""
    row_of = {id(f): r for r in section for f in r.facts.values()}

    def slip(bad):
        return _slip(bad, [total] + [row_of[id(t)] for t in bad[3]], facts)

    bad = solve([total] + section, _section_foots(exact), rank=lambda bad, _: slip(bad[0]) is None)
    if not bad:
        return None
    found = slip(bad[0])
    if require_slip and not found:
        return None
    return [row_of[id(t)] for t in bad[0][3]], bad[0], found


def _section_foots(exact: bool):
    """The test for `solve` on a total and its section: in each of the total's columns, the rows with a value
    there sum to it (a row without one adds nothing: an empty cell is nil); a column no row prints in is not
    compared. Violations as foots' (column, sum, total, terms)."""
    def test(maps):
        total, parts = maps[0], maps[1:]
        bad, compared = [], False
        for c in sorted(total):
            terms = [m[c] for m in parts if c in m]
            if terms:
                compared = True
                got = sum((t.value for t in terms), ZERO)
                if abs(got - total[c].value) > rounding([total[c], *terms], exact):
                    bad.append((c, got, total[c], terms))
        return bad if compared else None
    return test


def _repeats_elsewhere(total, row, bad) -> bool:
    """Does the total print the row's values in two columns or more, all but the one of `bad`?"""
    return len(bad) == 1 and len(total.facts) >= 2 and len(row.facts) == len(total.facts)


def _reorder(bad):
    col, got, tfact, terms = bad
    return col, got, tfact, terms[::-1]


def _slip(bad, rows, facts=None):
    """The keying slips (one digit, two swapped) in the total or one component that would each explain the
    difference, as one Diagnosis naming the row of each (see footing_slips); None when no single slip does."""
    col, got, tfact, terms = bad
    row_of = {id(tfact): rows[0], **{id(t): r for r, t in zip(rows[1:], terms)}}
    return slip_diagnosis(footing_slips(tfact, terms, got - tfact.value), lambda fact: repr(row_of[id(fact)].row.label),
                          facts)
