"""The search behind a long section (footing_above, start_after) whose rows leave more placements open than
`solve` tries: a cash flow statement whose lines print one year of three ("Impairment | 97,044").

On the printed digits, exactly, as a statement foots on the figures it prints: the rows that can sit in one
way only are added once, the others are split in two halves, each half's column sums under every placement
of its rows are listed once, and the halves meet where their sums make the total's (meet in the middle:
thousands of placements a half instead of millions together). A section whose every column foots holds;
else the placements under which all the total's columns but one foot are the readings a finding may take.
Halves with more placements than MAX_HALF are searched branch and bound instead (roll_bound.row_search),
which gives the one reading under which a single column misses, by the least.
"""
from __future__ import annotations

from itertools import product

from checker.findings.alignments import MAX_ALIGNMENTS
from checker.findings.checks.relations import HOLDS
from checker.findings.checks.roll_bound import GaveUp, row_search
from checker.findings.checks.roll_search import as_integers

MAX_HALF = 4096  # placements of one half's rows listed; beyond, the section is searched branch and bound
MAX_READINGS = 64  # placements under which all columns but one foot, gathered for a finding to choose from
# partial placements the branch-and-bound searches of one section may try: a cash flow statement's operating
# section of fifteen lines printed for one to four periods of four needs some 17,000 (25 ms) when it does not
# foot, a tenth of that when it does
NODES = 20_000


def readings(total, section):
    """HOLDS when some placement of the section's rows sums exactly to the total in each of its columns; else
    the placements (one {column: fact} per row) under which all its columns but one do, first found first;
    None when the total's columns are open or there are too many placements to list."""
    if not total.exact:
        return None
    number = as_integers([total] + section)
    if number is None:
        return None
    columns = sorted(total.placement(0))
    target = [number[id(total.placement(0)[c])][0] for c in columns]
    fixed, floating = [0] * len(columns), []
    for row in section:
        options = _options(row, columns, number)
        if len(options) == 1:
            fixed = [a + b for a, b in zip(fixed, next(iter(options)))]
        else:
            floating.append((row, options))
    want = tuple(t - f for t, f in zip(target, fixed))
    half = len(floating) // 2
    left, right = _sums(floating[:half], len(columns)), _sums(floating[half:], len(columns))
    if left is None or right is None:
        return _bounded(total, section, number)
    if any(tuple(w - x for w, x in zip(want, r)) in left for r in right):
        return HOLDS
    found = []
    for skip in range(len(columns)):  # the column that does not foot
        keep = [i for i in range(len(columns)) if i != skip]
        by_rest: dict[tuple, list[tuple]] = {}
        for vector, choice in left.items():
            by_rest.setdefault(tuple(vector[i] for i in keep), []).append(choice)
        for vector, rchoice in right.items():
            for lchoice in by_rest.get(tuple(want[i] - vector[i] for i in keep), ()):
                found.append(_placed(section, floating, lchoice + rchoice))
                if len(found) == MAX_READINGS:
                    return found
    return found


def _bounded(total, section, number):
    """readings' answer from branch-and-bound searches: HOLDS when some placement foots in every column, else
    the placement under which one column alone misses, by the least of any (the first such column on the
    page), as the only reading; None when under none does, a row's alignments are not all listed, or the
    searches give up."""
    if not all(0 < len(r.alignments) < MAX_ALIGNMENTS for r in section):
        return None
    placed = total.placement(0)
    width = 1 + max(max(map(max, r.alignments)) for r in [total, *section])
    order, search = row_search(section, number, width, True, NODES)
    tested = [c in placed for c in range(width)]
    base = [-number[id(placed[c])][0] if tested[c] else 0 for c in range(width)]
    slack = [0] * width
    best = None
    try:
        if search.run(tested, base, slack, None, None) is not None:
            return HOLDS
        for column in sorted(placed):
            found = search.run(tested, base, slack, column, None if best is None else best[0])
            if found is not None and (best is None or found[0] < best[0]):
                best = found
    except GaveUp:
        return None
    if best is None:
        return None
    chosen = dict(zip(order, best[1]))
    return [[row.placement(chosen[k]) for k, row in enumerate(section)]]


def _options(row, columns, number) -> dict[tuple, int]:
    """The row's column sums in the total's columns under each of its alignments, alike ones once: sum -> the
    first alignment giving it (a value outside the total's columns adds nothing to them)."""
    options: dict[tuple, int] = {}
    for i in range(len(row.alignments)):
        placed = row.placement(i)
        options.setdefault(tuple(number[id(placed[c])][0] if c in placed else 0 for c in columns), i)
    return options


def _sums(rows, width: int) -> dict[tuple, tuple] | None:
    """Column sums of the rows under each joint choice of their options -> the first choice (alignment indexes)
    giving them; None beyond MAX_HALF choices."""
    count = 1
    for _, options in rows:
        count *= len(options)
        if count > MAX_HALF:
            return None
    sums: dict[tuple, tuple] = {}
    for choice in product(*(list(options.items()) for _, options in rows)):
        vector = tuple(sum(vec[k] for vec, _ in choice) for k in range(width))
        sums.setdefault(vector, tuple(i for _, i in choice))
    return sums


def _placed(section, floating, choice) -> list[dict]:
    """Every section row's {column: fact} under the floating rows' chosen alignments (the others' only one)."""
    chosen = {id(row): i for (row, _), i in zip(floating, choice)}
    return [row.placement(chosen.get(id(row), 0)) for row in section]
