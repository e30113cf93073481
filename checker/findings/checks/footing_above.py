"""footing, components: above: a total equals the run of rows above it, found from the layout.

- The run of rows right above a `Total ...` row, up to the heading that opens it; an earlier
  total inside the run stands for the rows it totals. Any shorter run that foots also satisfies
  it (the label does not say where the run starts), and a run ends at a row `stop_after`
  selects (a roll-forward's ending balance).
- With `start_after`, the total's section: every row below the heading it selects (or the
  previous total) through the headings between (a cash flow statement's net cash of each
  activity); a row without a value in a column adds nothing there, and a subtotal that adds up
  the rows right above it stands for them. A section whose rows
  allow more placements than `solve` tries is read on its printed digits (section_search).
  With `own_heading`, the heading is the one the total names ("Other income (loss):" for
  "Total other income (loss)"), and a total inside the section stands for the rows it adds up,
  as a subtotal does.
Rows add as printed (signs as the page prints them); see footing_declared for the test, the
finding and its slips.
"""
from __future__ import annotations

import re

from checker.findings.alignments import joint_placements
from checker.findings.checks.footing_declared import finding, foots, nil_foots, total_slip
from checker.findings.checks.relations import HOLDS, ambiguous, compatible, scales, solve
from checker.findings.checks.section_search import readings
from checker.rules.selectors import normal_label

SUBTOTAL = re.compile(r"(sub)?total\b", re.IGNORECASE)  # a row inside a section that sums some of its rows
TOTAL_WORD = re.compile(r"^\s*total\b[\s,:-]*", re.IGNORECASE)  # what own_heading takes off a total's label


def headings(page) -> dict[str, list[int]]:
    """The positions of the page's rows printed without values, by label (trailing colons and case aside)."""
    out: dict[str, list[int]] = {}
    for i, row in enumerate(page.rows):
        if all(cell.value is None for cell in row.cells):
            out.setdefault(normal_label(row.label).rstrip(" :"), []).append(i)
    return out


def own_heading(named: dict[str, list[int]], total) -> list[int]:
    """The positions of the headings (see headings) above the total whose label is the total's less its 'Total'
    ('Other income (loss):' for 'Total other income (loss)')."""
    name = normal_label(TOTAL_WORD.sub("", total.row.label)).rstrip(" :")
    if not name:
        return []  # a bare "Total" names no heading (a blank row is none)
    return [i for i in named.get(name, ()) if i < total.index]


def _never(row) -> bool:
    return False


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


def _section(rows, t, is_total, starts: list[int], max_rows: int, opening: bool = False) -> list:
    """The rows of rows[t]'s section, nearest first: those below the nearest heading above it (page positions
    `starts`) or the previous total, whichever is nearer, through the headings between. A subtotal inside
    ("Total adjustments") stands for the rows right above it when it adds them up; None when it does not (which
    rows it sums is then not known), when neither a heading nor a total bounds the section, or when it holds more
    than max_rows rows or a row of another member or unit.

    With `opening` (start_at), the section is the rows from the nearest of `starts` down, that row included and
    rows of another unit or scale passed over, and None unless it reaches that row and holds another."""
    total = rows[t]
    start = max((i for i in starts if i < total.index), default=-1)
    scale = scales(total) if opening else None
    run, bounded, k = [], start >= 0, t - 1
    while k >= 0:
        r = rows[k]
        if r.index < start or r.index == start and not opening or is_total(r):
            bounded = True
            break
        k -= 1
        if opening and (not compatible(r.unit, total.unit) or scales(r) != scale):
            continue  # a shares reconciliation interleaves the per-share amounts and the net income
        if r.row.member_path != total.row.member_path or not compatible(r.unit, total.unit) or len(run) == max_rows:
            return None
        if SUBTOTAL.match(r.row.label):
            parts = _subtotalled(rows, k + 1, start)
            if parts is None:
                return None  # read with its rows, a subtotal would count them twice
            k -= len(parts)
        run.append(r)
    if opening:
        return run if len(run) >= 2 and run[-1].index == start else None
    return run if bounded else None


def _subtotalled(rows, s: int, start: int) -> list | None:
    """The rows rows[s], a subtotal inside a section, adds up: the two or more right above it (no heading between,
    below the section's start, of its member and unit), when they sum to it in every column; else None."""
    sub, parts = rows[s], []
    for r in reversed(rows[:s]):
        if r.index != (parts[-1] if parts else sub).index - 1 or r.index <= start or SUBTOTAL.match(r.row.label) \
                or r.row.member_path != sub.row.member_path or not compatible(r.unit, sub.unit):
            break
        parts.append(r)
    if len(parts) < 2 or solve([sub] + parts, nil_foots([1] * len(parts), False), held=HOLDS) is not HOLDS:
        return None
    return parts


def check(compiled, ctx):
    """The findings of a rule whose components are the rows above the total (components: above)."""
    rule = compiled.rule
    exact = rule.tolerance == "exact"
    totals = {id(r) for r in compiled.rows("total", ctx)}  # a run's inner totals are asked for again and again
    if not totals:
        return []
    rows = ctx.facts.rows
    is_total = lambda r: id(r) in totals  # noqa: E731
    stops = frozenset(id(r) for r in compiled.rows("stop_after", ctx)) if rule.stop_after else frozenset()
    starts = None
    bound = "start_at" if rule.start_at else "start_after" if rule.start_after else None
    if bound:  # headings too: any row of the page, with or without values
        test, page = compiled.selectors[bound], ctx.page
        starts = [i for i, row in enumerate(page.rows) if test(row, page)]
    named = headings(ctx.page) if rule.own_heading else {}
    out = []
    for t, total in enumerate(rows):
        if not is_total(total):
            continue
        if rule.own_heading:
            starts = own_heading(named, total)
            if not starts:
                continue
        unsure = None
        if starts is not None:  # the total's section, whole: its rows without a value in the column still count
            # under its own heading, a total's section is bounded by that heading: an inner total ("Total change in
            # unrealized gains" under "Other comprehensive income:") stands for the rows it adds up, as a subtotal
            bounds = _never if rule.own_heading else is_total
            section = _section(rows, t, bounds, starts, rule.max_rows, bound == "start_at")
            if rule.own_heading and section and len(section) < 2:
                continue  # one row under its heading: no sum
            found = _unfooted_section(total, section, exact, rule.require_slip, ctx.facts) if section else None
            unsure = section and ambiguous([total] + section)
        else:
            runs, _ = _run_above(rows, t, is_total, rule.max_rows, stops)
            if not runs or len(runs) == 1 and id(runs[0][0]) in stops:
                continue  # an ending balance alone above a total is no run (the part of it that would affect taxes)
            found = _unfooted(total, runs, exact, rule.require_slip, ctx.facts)
        if found is not None:
            run, bad, slip = found
            out.append(finding(compiled, ctx, total, run[::-1], [1] * len(run), _reorder(bad), slip, unsure))
    return out


def _unfooted(total, runs, exact: bool, require_slip: bool, facts):
    """(the longest run, its violation, the slip explaining it) when no run foots the total, else None.

    A finding only ever names the longest run, so that run is tried first: most totals foot with their whole
    run (the shorter ones need not be tried) or, when a slip is required, miss by more than a slip explains;
    the shorter runs are tried only for a total that would be flagged, as any of them footing clears it.
    A run of one row (the rows above it empty, or a heading) is a sum only if the total repeats it in every
    column but the one that fails: a total one digit off a single row may well add rows above a heading."""
    run = runs[-1]
    if len(run) == 1 and not _repeats_but_one(total, run[0]):
        return None  # (most single rows: a total of rows above a heading; tried no further, as that costs)
    rows = [total] + run
    bad = solve(rows, foots([1] * len(run), exact), rank=lambda bad, _: total_slip(bad[0], rows) is None)
    if not bad or len(run) == 1 and len(bad) != 1:
        return None
    slip = total_slip(bad[0], rows, facts)
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
        return total_slip(bad, [total] + [row_of[id(t)] for t in bad[3]], facts)

    test = nil_foots([1] * len(section), exact)
    if joint_placements([total] + section) is not None:  # few enough for solve
        bad = solve([total] + section, test, rank=lambda bad, _: slip(bad[0]) is None)
    else:  # read on the printed digits, exactly (section_search): the readings that fail in one column
        found = readings(total, section)
        if found is None or found == HOLDS:
            return None
        bad = None
        for placed in found:
            violations = test([total.placement(0)] + placed)
            if violations == []:
                return None  # within the rounding of the printed figures
            if violations and len(violations) == 1 and slip(violations[0]) is not None:
                bad = violations
                break
    if not bad:
        return None
    found = slip(bad[0])
    if require_slip and not found:
        return None
    return [row_of[id(t)] for t in bad[0][3]], bad[0], found


def _repeats_but_one(total, row) -> bool:
    """Does the total print the row's values, cell for cell, in all its cells but one, two or more?"""
    if len(total.facts) < 2 or len(row.facts) != len(total.facts):
        return False
    return sum(a.printed != b.printed for a, b in zip(total.facts.values(), row.facts.values())) == 1


def _reorder(bad):
    col, got, tfact, terms = bad
    return col, got, tfact, terms[::-1]
