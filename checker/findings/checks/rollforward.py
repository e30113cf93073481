"""rollforward: balances that roll.

Beginning balance + the activity rows between it and the ending balance = ending balance,
in each column where both balances are printed (an activity row with no value in a column
adds nothing there), evaluated under every alignment consistent with the page and flagged
only when none satisfies it. The pairs of beginning and ending rows are shared with
continuity (checker.findings.checks.continuity).
"""
from __future__ import annotations

import re
from functools import lru_cache, partial
from decimal import Decimal
from operator import add, attrgetter, gt, methodcaller

from checker.ast.values import header_date
from checker.findings.checks import row_sums
from checker.findings.checks.relations import compatible, slip_diagnosis, slipped, solve
from checker.findings.diagnosis import diagnose, fmt, trimmed
from checker.findings.facts import ZERO, describe

# words that say which end of the period a balance is at, and dates: what pairs "Allowance,
# beginning balance" with "Allowance, ending balance" once taken out; an opening balance restated
# ("Opening net book value (recast)", "Beginning balance, as adjusted") still opens the same roll
ENDPOINT = re.compile(r"\b(beginning|ending|opening|closing|begin|end|start|of|the|at|as|period|year|balance|"
                      r"balances|outstanding|in|on|recast|restated|adjusted)\b|[a-z]{3}\.? \d{1,2}, \d{4}"
                      r"|\b(january|february|march|april|may|june|july|august|september|october|november|december)"
                      r"( \d{1,2})?,?( \d{4})?|\d{4}|[^a-z ]")
# a date in a row label: EDGAR's ("Balance at Dec. 31, 2017") or the filer's ("as of December 31, 2012")
DATE = re.compile(r"[A-Z][a-z]{2}\.? \d{1,2}, \d{4}|(?:January|February|March|April|May|June|July|August|September|"
                  r"October|November|December) \d{1,2},? \d{4}")
EXPONENT = attrgetter("exponent")
# joint alignments a roll tries: more than relations in general (MAX_ALIGNMENTS), as the integer walk tries
# 4,096 in a few milliseconds; a Details page of nil movements ("Retirement | 0") reaches 729 with one
# roll-forward of three columns
ROLL_ALIGNMENTS = 4096


@lru_cache(maxsize=4096)
def stem(norm_label: str) -> str:
    return " ".join(ENDPOINT.sub(" ", norm_label).split())


def scales(frow) -> frozenset[int]:
    """The page scales the parser applied to a row's values (thousands for money, units for share counts)."""
    return frozenset(f.cell.scale for f in frow.facts.values() if f.printed)


def pairs(compiled, ctx, max_rows: int | None = None):
    """(begin, end, rows between) for each beginning row and the nearest ending row below it, with at most
    max_rows between when given; found once a page for the rules that select begin and end alike
    (rollforward and continuity)."""
    key = ("rollforward pairs", compiled.keys["begin"], compiled.keys["end"])
    found = ctx.facts.cache.get(key)
    if found is None:
        found = ctx.facts.cache[key] = _pairs(compiled, ctx)
    if max_rows is None:
        return found
    return [(b, e, between) for b, e, between in found if e.index - b.index <= max_rows + 1]


def _pairs(compiled, ctx):
    """pairs, however many rows lie between.

    All must be read at one scale: 'Warrant liability, beginning $ 38' (money, thousands) and
    'Warrant liability, ending 38' read as a count of warrants are not comparable, whatever they print."""
    begins = compiled.rows("begin", ctx)
    if not begins:
        return []  # most pages: the ending rows are not selected for nothing
    ends = compiled.rows("end", ctx)
    position = {id(r): i for i, r in enumerate(ctx.facts.rows)}
    out = []
    for b in begins:
        key = stem(b.norm)
        e = next((e for e in ends if e.index > b.index and e.row.member_path == b.row.member_path
                  and compatible(e.unit, b.unit) and stem(e.norm) == key and same_roll(b, e, key, begins)
                  and in_order(b, e)), None)
        if e is None:
            continue
        begin_scales = scales(b)
        if scales(e) != begin_scales:
            continue
        between = [r for r in ctx.facts.rows[position[id(b)] + 1:position[id(e)]]
                   if r.row.member_path == b.row.member_path and compatible(r.unit, b.unit)]
        if all(scales(r) <= begin_scales for r in between):
            out.append((b, e, between))
    return out


def same_roll(b, e, key: str, begins) -> bool:
    """Do b and e bound one roll-forward? They do under one section heading. A valueless row between them
    starts a new section in the AST, but an equity statement prints movements whose amounts are all nil
    (shares alone moved) that way too: a section changes inside one roll when no other beginning row of
    the item opens between them."""
    return e.row.section == b.row.section or not any(
        b.index < o.index < e.index and stem(o.norm) == key for o in begins)


def in_order(b, e) -> bool:
    """Does b's label date (if any) come before e's? A summary row dated at the period's end can be printed above
    the roll-forward that ends there ("Outstanding at September 30, 2017" then "Outstanding at December 31,
    2016"), or twice, under two members: a roll runs forward in time."""
    begin, end = label_date(b.row.label), label_date(e.row.label)
    return begin is None or end is None or begin < end


@lru_cache(maxsize=4096)
def label_date(label: str):
    """The last date a row label names, or None."""
    found = DATE.findall(label)
    return header_date(found[-1]) if found else None


def check_rollforward(compiled, ctx):
    rule = compiled.rule
    exact = rule.tolerance == "exact"
    out = []
    for b, e, between in pairs(compiled, ctx, rule.max_rows):
        if not between:
            continue
        skip = row_sums.sparse_total(ctx.page, b, between)
        if skip is not None:  # a movement printed once is in a member column: its total was left empty
            between = [r.avoiding(skip) if len(r.facts) == 1 else r for r in between]
        rows = [b, e] + between
        best = roll(rows, exact, skip)
        finding = None if best is None else _rollforward_finding(rule, ctx, b, e, between, best[0])
        # nothing found column by column (some alignment rolls in every column begin and end share, there are
        # too many alignments to try, or no slip explains the column that fails): whole rows also count the
        # columns begin or end leaves empty, whatever the alignment
        if finding is None and rule.row_sums and not all(r.exact for r in rows):
            finding = row_sums.finding(rule, ctx, rows, skip)
        if finding is not None:
            out.append(finding)
    return out


def roll(rows, exact: bool, skip: int | None = None):
    """What `solve` would return for rows = [begin, end] + activity under the rollforward test: None when some
    joint alignment rolls in every column begin and end share (or none can be tested, or there are more than
    ROLL_ALIGNMENTS), else the bad columns (column, sum, activity, begin, end) of the first alignment, in
    itertools.product order, with the fewest. Column `skip` (a Total that does not roll) is not tested.

    rows holds at least one activity row. When the first alignment does not settle it, the walk goes depth
    first in that same order, each activity row adding its alignment's values to running sums by column (one
    vector per alignment, made once). The sums are exact integers at the rows' finest exponent when no sum can
    reach the Decimal context's 28 digits, so each comparison is the Decimal one; only the reported alignment
    has its Decimal sums worked out, in row order as before."""
    count = 1
    for r in rows:
        count *= len(r.alignments)
        if count > ROLL_ALIGNMENTS:
            return None
    if count == 0:
        return None
    first = _bad_columns([r.placement(0) for r in rows], exact, skip)
    if count == 1 or first == []:  # the only alignment, or the first rolls (most do): nothing more to set up
        return first or None
    number = _as_integers(rows)
    if number is None:  # tries MAX_ALIGNMENTS at most
        return solve(rows, partial(_bad_columns, exact=exact, skip=skip))
    best: list = []  # [count of bad columns, (begin's, end's placements), activity alignments] of the best
    for walk in _walks(rows, number, exact, skip):
        if walk(best):
            return None
    if not best:
        return None
    (bf, ef), chosen = best[1], best[2]
    choices = [[a.placement(i) for i in range(len(a.alignments))] for a in rows[2:]]
    return _bad_columns([bf, ef] + [choices[k][j] for k, j in enumerate(chosen)], exact, skip)


def _walks(rows, number, exact, skip):
    """For each placement of begin and of end that share a column, in product order, made as they are reached:
    walk(best), which tries the activity's alignments under them (see _walk)."""
    b, e, acts = rows[0], rows[1], rows[2:]
    width = 1 + max(max(map(max, r.alignments)) for r in rows)  # every cell's column, not only the values'
    vectors = [[_vector(a.placement(i), number, width, exact) for i in range(len(a.alignments))]
               for a in acts]  # (values, halves) by column
    never = sum(abs(n) for pair in number.values() for n in pair) + 1  # more slack than any sum can need
    path = [0] * len(acts)
    for bf in (b.placement(i) for i in range(len(b.alignments))):
        for ef in (e.placement(j) for j in range(len(e.alignments))):
            if not bf.keys() & ef.keys():
                continue
            # begin - end by column (the activity must bring it to 0 within the slack); a column begin and end do
            # not share, or the one skipped, never fails
            tested = [c in bf and c in ef and c != skip for c in range(width)]
            diff = tuple(number[id(bf[c])][0] - number[id(ef[c])][0] if tested[c] else 0 for c in range(width))
            slack = tuple((0 if exact else number[id(bf[c])][1] + number[id(ef[c])][1]) if tested[c] else never
                          for c in range(width))
            yield partial(_walk, diff, slack, vectors, path, 0, ends=(bf, ef))


def _vector(placed, number, width, exact):
    """An activity row's values and halves (zero when exact) under one alignment, by column, as integers."""
    values, halves = [0] * width, [0] * width
    for c, f in placed.items():
        values[c], halves[c] = number[id(f)]
    return tuple(values), (0,) * width if exact else tuple(halves)


def _walk(diff, slack, vectors, path, k, best, ends) -> bool:
    """The joint alignments of activity rows k.. in product order, under begin's and end's placements `ends`;
    True when one rolls. The first with fewer bad columns than `best` is kept there as [count, ends, the
    activity rows' alignments]."""
    if k + 1 < len(vectors):
        for j, (values, halves) in enumerate(vectors[k]):
            path[k] = j
            if _walk(tuple(map(add, diff, values)), tuple(map(add, slack, halves)), vectors, path, k + 1, best, ends):
                return True
        return False
    for j, (values, halves) in enumerate(vectors[k]):
        nbad = sum(map(gt, map(abs, map(add, diff, values)), map(add, slack, halves)))
        if not nbad:
            return True
        if not best or nbad < best[0]:
            path[k] = j
            best[:] = [nbad, ends, tuple(path)]
    return False


def _bad_columns(placed, exact, skip=None):
    """The test `solve` needs, in Decimals: the columns that do not roll under one alignment of [begin, end]
    + activity (None when begin and end share no column but `skip`)."""
    bf, ef, acts = placed[0], placed[1], placed[2:]
    cols = sorted(bf.keys() & ef.keys() - {skip})
    return [bad for col in cols if (bad := _column(col, bf, ef, acts, exact))] if cols else None


def _column(col, bf, ef, placed, exact):
    """(column, sum, activity, begin, end) when the column does not roll under one alignment, in Decimals."""
    begin, end = bf[col], ef[col]
    terms = [t for p in placed if (t := p.get(col)) is not None]
    moved = halves = ZERO
    for t in terms:
        moved += t.value
        halves += t.half
    total = begin.value + moved
    slack = ZERO if exact else begin.half + end.half + halves
    return (col, total, terms, begin, end) if abs(total - end.value) > slack else None


def _as_integers(rows):
    """id(fact) -> (value, half) as integers in units of the rows' finest exponent; None when some sum of
    them might need 28 digits or more (the Decimal context could round it, and the plain Decimal test decides)."""
    facts = [f for r in rows for f in r.facts.values()]
    numbers = [n for f in facts for n in (f.value, f.half)]
    low = min(0, min(map(EXPONENT, map(Decimal.as_tuple, numbers)), default=0))
    ints = list(map(int, map(methodcaller("scaleb", -low), numbers) if low else numbers))
    if sum(map(abs, ints)) >= 10 ** 27:
        return None
    return dict(zip(map(id, facts), zip(ints[::2], ints[1::2])))


def _rollforward_finding(rule, ctx, b, e, between, bad):
    col, total, terms, bfact, efact = bad
    ambiguous = not all(r.exact for r in [b, e] + between)
    facts = ctx.facts
    where = None if ambiguous else col
    expected = trimmed(total.scaleb(-efact.cell.scale), efact.cell.decimals)
    by_fact = {id(f): r for r in between for f in r.facts.values()}
    found = _slip(b, e, bfact, efact, terms, by_fact, total - efact.value) or diagnose(efact.printed, expected)
    if rule.require_slip and not (found and found.keying and not _small_digit_slip(found, efact, expected)):
        return None  # a different number altogether: more likely a sign or subtotal convention than an error
    cells = [facts.involved(b, bfact, "begin", where), facts.involved(e, efact, "end", where)] + [
        facts.involved(by_fact[id(t)], t, "activity", where) for t in terms]
    names = {"begin": describe(b, bfact, None if ambiguous else facts.column_label(col)),
             "end": describe(e, efact), "sum": fmt(expected), "title": rule.title,
             "diagnosis": found.text if found else ""}
    names["operands"] = f"{names['begin']}; {names['end']}"
    template = rule.message or "{begin} plus the activity below it comes to {sum}, but {end}: {diagnosis}"
    return ctx.finding(rule, template.format_map(names), cells, found.text if found else None, ambiguous)


def _small_digit_slip(found, efact, expected) -> bool:
    """A digit slip of an ending balance under 100 either way: nearly any difference of a few units reads as
    one (see relations.slipped); a sign flip or a scale slip still tells."""
    return found.kind in ("one_digit", "transposition") and max(abs(efact.printed), abs(expected)) < 100


def _slip(b, e, bfact, efact, terms, by_fact, diff):
    """The keying slips in one cell of the column (begin, activity or end) that would each explain the
    difference, naming each cell's row (see `either`); None when no one slip does."""
    culprits = slipped([(bfact, bfact.value - diff), (efact, efact.value + diff)]
                       + [(t, t.value - diff) for t in terms])
    rows = {id(bfact): b, id(efact): e, **{id(t): by_fact[id(t)] for t in terms}}
    return slip_diagnosis(culprits, lambda fact: repr(rows[id(fact)].row.label))



