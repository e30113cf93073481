"""The search behind rollforward: is there a placement of a roll-forward's values in the columns the page
allows under which every column rolls (begin + activity = end)? And when none does, which columns roll beside
the one that fails (corroborated)?

rows are [begin, end] + activity rows (FactRows). The walk sums the activity depth first, one vector of
integers per alignment, so thousands of joint alignments are tried in milliseconds. Past a caller's limit,
a bounded search (roll_bound) answers instead.
"""
from __future__ import annotations

from decimal import Decimal
from functools import partial
from itertools import combinations
from operator import add, attrgetter, gt, methodcaller
from typing import NamedTuple

from checker.findings.alignments import MAX_ALIGNMENTS, joint_placements
from checker.findings.checks.roll_bound import BoundedRoll, GaveUp, bounded_search_fits
from checker.findings.checks.relations import slipped, solve
from checker.findings.facts import ZERO, rounding

EXPONENT = attrgetter("exponent")
# joint alignments a roll may try (callers choose): more than relations in general (MAX_ALIGNMENTS), as a
# Details page of nil movements printed once ("Retirement | 0") reaches 729 with one roll-forward of three
# columns. A walk that finds no roll costs about 5 ms per 1,000.
ROLL_ALIGNMENTS = 1024


def roll(rows, exact: bool, skip: int | None = None, limit: int = MAX_ALIGNMENTS):
    """What `solve` would return for rows = [begin, end] + activity under the rollforward test: None when some
    joint alignment rolls in every column begin and end share (or none can be tested), else the bad columns
    (column, sum, activity, begin, end) of the first alignment, in itertools.product order, with the fewest.
    Column `skip` (a Total that does not roll) is not tested. With more than `limit` joint alignments, the
    answer is _bounded's.

    rows holds at least one activity row. When the first alignment does not settle it, the walk goes depth
    first in that same order, each activity row adding its alignment's values to running sums by column (one
    vector per alignment, made once). The sums are exact integers at the rows' finest exponent when no sum can
    reach the Decimal context's 28 digits, so each comparison is the Decimal one; only the reported alignment
    has its Decimal sums worked out, in row order as before."""
    count = 1
    for r in rows:
        count *= len(r.alignments)
        if count > limit:
            return _bounded(rows, exact, skip)
    if count == 0:
        return None
    first = bad_columns([r.placement(0) for r in rows], exact, skip)
    if count == 1 or first == []:  # the only alignment, or the first rolls (most do): nothing more to set up
        return first or None
    number = as_integers(rows)
    if number is None:  # tries MAX_ALIGNMENTS at most
        return solve(rows, partial(bad_columns, exact=exact, skip=skip))
    best: list = []  # [count of bad columns, (begin's, end's placements), activity alignments] of the best
    for walk in _walks(rows, number, exact, skip):
        if walk(best):
            return None
    if not best:
        return None
    (bf, ef), chosen = best[1], best[2]
    choices = [[a.placement(i) for i in range(len(a.alignments))] for a in rows[2:]]
    return bad_columns([bf, ef] + [choices[k][j] for k, j in enumerate(chosen)], exact, skip)


def _bounded(rows, exact: bool, skip: int | None):
    """roll's answer for rows with more joint alignments than a walk tries, from bounded searches (roll_bound):
    None when some placement rolls in every column, or under none does a column fail alone, or the searches
    give up; else the bad column of the placement under which one column alone fails by the least (the first
    such column in page order)."""
    bounded = bounded_roll(rows, exact, skip)
    if bounded is None:
        return None
    try:
        placed = None if bounded.rolling() is not None else bounded.alone()
    except GaveUp:
        return None
    return None if placed is None else bad_columns(placed, exact, skip) or None


def bounded_roll(rows, exact: bool, skip: int | None) -> BoundedRoll | None:
    """The bounded searches over rows = [begin, end] + activity, or None when they cannot read them (see
    bounded_search_fits and as_integers)."""
    if not bounded_search_fits(rows):
        return None
    number = as_integers(rows)
    return None if number is None else BoundedRoll(rows, number, exact, skip)


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


def bad_columns(placed, exact, skip=None):
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


def as_integers(rows):
    """id(fact) -> (value, half) as integers in units of the rows' finest exponent; None when some sum of
    them might need 28 digits or more (the Decimal context could round it, and the plain Decimal test decides)."""
    facts = [f for r in rows for f in r.facts.values()]
    numbers = [n for f in facts for n in (f.value, f.half)]
    low = min(0, min(map(EXPONENT, map(Decimal.as_tuple, numbers)), default=0))
    ints = list(map(int, map(methodcaller("scaleb", -low), numbers) if low else numbers))
    if sum(map(abs, ints)) >= 10 ** 27:
        return None
    return dict(zip(map(id, facts), zip(ints[::2], ints[1::2])))


class Corroboration(NamedTuple):
    """What vouches for a roll-forward finding's reading (rollforward's corroborated_severity)."""
    rolling: list[int]       # the columns that roll with the same rows and signs (none: not corroborated)
    by_slip: bool = False    # a keying slip chose the placement among several that fail in one column alone
    unvouched: tuple = ()    # the failing column's activity values no rolling column vouches for
    from_nil: frozenset = frozenset()  # the rolling columns without a beginning balance (see _from_nil)


NOT_CORROBORATED = Corroboration([])


def corroborated(rows, bad, exact: bool, skip: int | None) -> Corroboration:
    """The columns that roll, with the same rows and signs, beside the one reported, bad[0]. Activity is read with
    its signs as printed: a column that rolls says those signs are meant so. No columns unless the reading is sure (see
    _reading) and each activity row with a value in the reported column has one in a column that rolls, or the
    difference there is one keying slip and no other reading of the rows left unvouched explains it: one of them,
    or a few, printed with the wrong sign or not part of the roll (a subtotal)."""
    placed, by_slip = _reading(rows, bad, exact, skip)
    if placed is None:
        return NOT_CORROBORATED
    col = bad[0][0]
    acts = placed[2:]
    from_nil = _from_nil(placed, exact) - {skip}
    rolling = sorted((placed[0].keys() & placed[1].keys() | from_nil) - {b[0] for b in bad} - {skip})
    if not any(a[c].value for a in acts for c in rolling if c in a):
        return NOT_CORROBORATED  # nothing moves where it rolls: no sign is vouched for
    unvouched = tuple(a[col] for a in acts
                      if col in a and a[col].value and not any(c in a and a[c].value for c in rolling))
    if unvouched and not (column_slips(bad[0]) and not _convention_explains(bad[0], unvouched, exact)):
        return NOT_CORROBORATED
    return Corroboration(rolling, by_slip, unvouched, frozenset(from_nil))


def _from_nil(placed, exact: bool) -> set[int]:
    """The columns with an ending balance but none at the beginning (a roll's first year: nothing to carry
    over) where the activity printed adds up to the ending balance: they roll from nil."""
    begin, end, acts = placed[0], placed[1], placed[2:]
    out = set()
    for c in end.keys() - begin.keys():
        terms = [a[c] for a in acts if c in a]
        if not any(t.value for t in terms):
            continue
        if abs(sum((t.value for t in terms), ZERO) - end[c].value) <= rounding([end[c], *terms], exact):
            out.add(c)
    return out


def _reading(rows, bad, exact: bool, skip: int | None):
    """(the rows' placement the finding reads, whether a keying slip chose it), or (None, False) when it is not
    sure: the rows' columns are known and no keying slip explains any column that fails but the reported one (a
    year with an adoption adjustment printed apart), or one column fails and only one placement of the rows
    fails in one column alone (under any other, two columns or more fail: the page would hold two errors), or
    several do and one keying slip explains only the reported one (the others miss by what no slip explains: a
    value read in a column without balances)."""
    exactly = all(r.exact for r in rows)
    if len(bad) != 1 and not (exactly and not any(column_slips(b) for b in bad[1:])):
        return None, False
    if exactly:
        return [r.placement(0) for r in rows], False
    combos = joint_placements(rows, ROLL_ALIGNMENTS)  # roll has tried each of them: no more than that
    # (placement, its one column that does not roll) of those that fail in one column alone
    bads = [] if combos is None else ((p, bad_columns(p, exact, skip) or ()) for p in combos)
    ones = [(p, b[0]) for p, b in bads if len(b) == 1]
    by_slip = len(ones) > 1
    if by_slip:
        ones = [(p, b) for p, b in ones if column_slips(b)]
    if len(ones) != 1 or by_slip and not _same_cells(ones[0][1], bad[0]):
        return None, False
    return ones[0][0], by_slip


MAX_UNVOUCHED = 4  # rows of the failing column no rolling column vouches for, whose readings are all tried


def _convention_explains(bad, unvouched, exact: bool) -> bool:
    """Would the column ((column, sum, activity, begin, end)) roll were some of the `unvouched` activity values
    printed with the wrong sign, or not part of the roll? True when there are too many to try."""
    if len(unvouched) > MAX_UNVOUCHED:
        return True
    col, total, terms, begin, end = bad
    diff = total - end.value
    slack = rounding([begin, end, *terms], exact)
    for k in range(1, len(unvouched) + 1):
        for chosen in combinations(unvouched, k):
            part = sum((f.value for f in chosen), ZERO)
            if abs(diff - 2 * part) <= slack or abs(diff - part) <= slack:
                return True
    return False


def column_slips(bad) -> list:
    """The keying slips in one cell of a column that does not roll ((column, sum, activity, begin, end)) that would
    each explain it: begin and activity long by the difference, or end short."""
    col, total, terms, begin, end = bad
    diff = total - end.value
    return slipped([(begin, begin.value - diff), (end, end.value + diff)] + [(t, t.value - diff) for t in terms])


def _same_cells(a, b) -> bool:
    """Do two columns that do not roll ((column, sum, activity, begin, end)) hold the same cells?"""
    return a[0] == b[0] and a[3] is b[3] and a[4] is b[4] and list(map(id, a[2])) == list(map(id, b[2]))
