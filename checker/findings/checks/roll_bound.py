"""Rolls with too many joint alignments to walk one by one: a branch-and-bound search.

roll_search walks every joint alignment of a roll-forward's rows, up to a limit. An equity statement
whose movements are each printed in one or two of its columns has far more: Apple's has 17,496. Here
the activity rows are placed one at a time, and a partial placement is dropped as soon as some column
can no longer roll, whatever the rows left add: each column's running sum must still be able to come
within its slack of the ending balance with the least and the most those rows can bring to it. The
searches of one roll share a budget of NODES placements; past it they give up (GaveUp), and the roll
is then not tested, as before.

Values are the exact integers of roll_search.as_integers. A column rolls when begin - end + activity
lies within its slack: the halves of a display unit of every value in it (none when exact). The same
search (row_search) reads a cash flow section whose rows leave too many placements for section_search
to list: there the section's total stands for begin - end.
"""
from __future__ import annotations

from operator import add

from checker.findings.alignments import MAX_ALIGNMENTS, agreement

NODES = 5_000  # partial placements tried by all the searches of one roll
MAX_ENDS = 16   # placements of begin and end taken together: each is a search of its own


def bounded_search_fits(rows) -> bool:
    """Can the searches read rows = [begin, end] + activity? Not when begin and end have many placements,
    nor when a row has more alignments than row_alignments lists (the rest of them are not known)."""
    return (0 < len(rows[0].alignments) * len(rows[1].alignments) <= MAX_ENDS
            and all(0 < len(r.alignments) < MAX_ALIGNMENTS for r in rows))


class GaveUp(Exception):
    """The searches needed more than NODES placements: whether the rows roll is not known."""


class BoundedRoll:
    """The searches over one roll's rows = [begin, end] + activity (rows that bounded_search_fits, their values
    `number` from as_integers), sharing the activity's alignments as bounds and one budget of NODES."""

    def __init__(self, rows, number, exact: bool, skip: int | None):
        self.rows, self.number, self.exact, self.skip = rows, number, exact, skip
        self.width = 1 + max(max(map(max, r.alignments)) for r in rows)
        self.order, self.search = row_search(rows[2:], number, self.width, exact, NODES)

    def rolling(self):
        """The placements of the rows under which every column begin and end share (but `skip`) rolls, or
        None when there is none."""
        found = self._best(None)
        return None if found is None else found[1]

    def nearest(self, column: int):
        """(miss, placements): of the placements under which every column begin and end share but `skip`
        and `column` rolls, the one under which `column` misses its slack by the least, and by how much; None
        when under none do the other columns roll."""
        return self._best(column)

    def alone(self):
        """The placements under which one column alone fails, by the least of any column begin and end share
        (the first such column in page order among equal misses); None when under none does."""
        shared = sorted({c for _, _, bf, ef in self._end_pairs(None) for c in bf.keys() & ef.keys()} - {self.skip})
        nearest = [found for column in shared if (found := self.nearest(column))]
        return min(nearest, key=lambda found: found[0])[1] if nearest else None

    def agreed(self, cap: int = 64, relax: int | None = None) -> dict[int, int]:
        """Row position -> the alignment every placement that rolls gives that row, for the rows of several
        alignments on which they all agree; empty when none rolls, or more than `cap` do. With `relax`, the
        placements are those under which every column but that one rolls and it misses by the least."""
        try:
            nearest = None if relax is None else self.nearest(relax)
        except GaveUp:
            return {}
        if relax is not None and nearest is None:
            return {}
        found: list[tuple[int, ...]] = []  # each placement that rolls: an alignment index for each row
        searched = {k: m for m, k in enumerate(self.order)}  # activity row -> its place in the search
        for i, j, bf, ef in self._end_pairs(relax):
            try:
                paths = self.search.every(*self._tests(bf, ef), cap - len(found), relax,
                                          0 if nearest is None else nearest[0])
            except GaveUp:
                return {}
            if paths is None:
                return {}
            found += [(i, j, *(path[searched[k]] for k in range(len(self.rows) - 2))) for path in paths]
        return agreement(self.rows, found)

    def _tests(self, bf, ef):
        """The columns tested under placements of begin and end, begin - end and the slack in each."""
        number, width = self.number, self.width
        tested = [c in bf and c in ef and c != self.skip for c in range(width)]
        base = [number[id(bf[c])][0] - number[id(ef[c])][0] if tested[c] else 0 for c in range(width)]
        slack = [(0 if self.exact else number[id(bf[c])][1] + number[id(ef[c])][1]) if tested[c] else 0
                 for c in range(width)]
        return tested, base, slack

    def _end_pairs(self, column: int | None):
        """(i, j, begin's placement i, end's placement j) for the pairs that share a column, and `column` when
        given; as in roll_search, placements of begin and end that share no column are no reading."""
        begin, end = self.rows[0], self.rows[1]
        for i, bf in enumerate(map(begin.placement, range(len(begin.alignments)))):
            for j, ef in enumerate(map(end.placement, range(len(end.alignments)))):
                if bf.keys() & ef.keys() and (column is None or column in bf and column in ef):
                    yield i, j, bf, ef

    def _best(self, column: int | None):
        best = None
        for _, _, bf, ef in self._end_pairs(column):
            found = self.search.run(*self._tests(bf, ef), column, None if best is None else best[0])
            if found is not None and (best is None or found[0] < best[0]):
                chosen = dict(zip(self.order, found[1]))
                best = (found[0], [bf, ef] + [a.placement(chosen[k]) for k, a in enumerate(self.rows[2:])])
                if column is None:
                    return best  # any placement that rolls will do
        return best


def row_search(rows, number, width: int, exact: bool, nodes: int):
    """(the order the rows are placed in, the search over their alignments) for `rows` whose values `number` gives
    (as_integers), with a budget of `nodes` partial placements. The rows that move most are placed first: the
    bounds then cut the search nearest its root."""
    choices = [[_ends(r.placement(i), number, width, exact) for i in range(len(r.alignments))] for r in rows]
    order = sorted(range(len(rows)), key=lambda k: -max(map(abs, choices[k][0][0] + choices[k][0][1])))
    return order, RowSearch([choices[k] for k in order], width, [nodes])


def _ends(placed, number, width: int, exact: bool):
    """An activity row's low and high ends by column under one alignment: each value less and plus its half."""
    low, high = [0] * width, [0] * width
    for c, fact in placed.items():
        value, half = number[id(fact)]
        low[c], high[c] = value - (0 if exact else half), value + (0 if exact else half)
    return low, high


class RowSearch:
    """Depth first over the activity rows' alignments, dropping every partial placement that cannot roll."""

    def __init__(self, choices, width: int, budget: list[int]):
        self.choices, self.budget = choices, budget
        # least[k][c] and most[k][c]: the least and the most rows k.. can bring to column c, each row choosing
        # freely for each column (a bound, not a placement)
        self.least, self.most = [[0] * width], [[0] * width]
        for options in reversed(choices):
            self.least.insert(0, [s + min(o[0][c] for o in options) for c, s in enumerate(self.least[0])])
            self.most.insert(0, [s + max(o[1][c] for o in options) for c, s in enumerate(self.most[0])])

    def run(self, tested, base, slack, column, beat):
        """(miss, alignment indices): the placement under which the tested columns roll and `column` (when not
        None) misses by the least, below `beat`; or None."""
        self.columns = [c for c, on in enumerate(tested) if on]
        self.slack, self.column, self.every_path = slack, column, None
        self.best = None if beat is None else (beat, None)
        self._walk(base, base, 0, [])
        return None if self.best is None or self.best[1] is None else self.best

    def every(self, tested, base, slack, cap: int, column: int | None = None, within: int = 0):
        """The alignment indices of every placement under which the tested columns roll, but `column`, which
        misses by `within` at most; None when there are more than `cap`."""
        self.columns = [c for c, on in enumerate(tested) if on]
        self.slack, self.column, self.best, self.every_path, self.within = slack, column, None, [], within
        over = self._walk(base, base, 0, [], cap)
        return None if over else self.every_path

    def _walk(self, low, high, k, path, cap: int = 0) -> bool:
        """True when the search is over: a placement that rolls, when no column is relaxed; when every such
        placement is collected (`every`), more than `cap` of them."""
        self.budget[0] -= 1
        if self.budget[0] < 0:
            raise GaveUp
        least, most, slack, column = self.least[k], self.most[k], self.slack, self.column
        miss = 0
        for c in self.columns:  # how far each column must still miss its slack, at the least, whatever rows k.. add
            short = max(low[c] + least[c] - slack[c], -slack[c] - high[c] - most[c])
            if short > 0:
                if c != column:
                    return False
                miss = short
        if self.every_path is not None:
            if miss > self.within:
                return False
        elif self.best is not None and miss >= self.best[0]:
            return False
        if k == len(self.choices):
            if self.every_path is not None:
                self.every_path.append(tuple(path))
                return len(self.every_path) > cap
            self.best = (miss, list(path))
            return column is None
        for i, (lo, hi) in enumerate(self.choices[k]):
            path.append(i)
            over = self._walk(tuple(map(add, low, lo)), tuple(map(add, high, hi)), k + 1, path, cap)
            path.pop()
            if over:
                return True
        return False
