"""roll_bound's search against brute force, on equity-statement-like pages: balances in every column,
movements printed in one or two of them (so each may sit in several). Whether some placement rolls, which
column fails alone and by how little, and which rows all the placements that roll agree on (the HTML grid's
settled cells) must be what trying every placement says."""
from itertools import product

from hypothesis import assume, given, settings, strategies as st

from checker.ast import parse_text
from checker.findings.alignments import joint_placements
from checker.findings.checks.roll_bound import BoundedRoll, GaveUp
from checker.findings.checks.roll_search import bad_columns, as_integers, roll
from checker.findings.facts import PageFacts

COLUMNS = ["Common stock", "Paid-in capital", "Retained earnings", "Other comprehensive income"]


def cell(value: int) -> str:
    return f"|({-value})" if value < 0 else f"|{value}"


def page(begin: list[int], movements: list[list[int]], end: list[int]) -> str:
    lines = ["|", "STATEMENT OF STOCKHOLDERS' EQUITY - USD ($)"] + [x for name in COLUMNS for x in ("|", name)]
    lines += ["|Balance at Dec. 31, 2022"] + [cell(v) for v in begin]
    for i, values in enumerate(movements):
        lines += [f"|Movement {i + 1}"] + [cell(v) for v in values]
    lines += ["|Balance at Dec. 31, 2023"] + [cell(v) for v in end]
    return "\n".join(lines) + "\n"


def roll_rows(text: str):
    rows = PageFacts(parse_text(text, "page.txt").pages[0]).rows
    return [rows[0], rows[-1]] + rows[1:-1]


def misses(placed, skip: int | None = None) -> dict[int, int]:
    """Each column but `skip` that does not roll under a placement -> how far its sum misses the ending balance."""
    return {col: abs(total - end.value) for col, total, _, _, end in bad_columns(placed, True, skip) or ()}


values = st.integers(-9, 9).filter(bool)  # small: placements that roll, or miss by little, by coincidence


@st.composite
def statements(draw):
    """(begin, movements, end): movements in one or two columns each that roll begin to end, one value then
    changed by a slip, or not."""
    begin = draw(st.lists(values, min_size=4, max_size=4))
    columns = draw(st.lists(st.lists(st.sampled_from(range(4)), min_size=1, max_size=2, unique=True).map(sorted),
                            min_size=1, max_size=5))
    movements = [[draw(values) for _ in cols] for cols in columns]
    end = [begin[c] + sum(v for cols, vs in zip(columns, movements) for col, v in zip(cols, vs) if col == c)
           for c in range(4)]
    slip = draw(st.none() | st.tuples(st.integers(-1, len(movements) - 1), st.integers(0, 3), values))
    if slip is not None:
        row, k, delta = slip
        if row < 0:
            end[k] += delta
        else:
            movements[row][k % len(movements[row])] += delta or 1
            movements[row] = [v or 1 for v in movements[row]]  # a printed 0 would be no movement
    return begin, movements, end


@settings(max_examples=200, deadline=None)
@given(statements(), st.none() | st.integers(0, 3))
def test_the_bounded_search_agrees_with_trying_every_placement(statement, skip):
    """`skip`: a column left out (a Total the movements leave empty); values placed there are not tested, so
    under the placements where the other columns roll, a column that fails can miss by more or less."""
    begin, movements, end = statement
    rows = roll_rows(page(begin, movements, end))
    assert len(rows) == 2 + len(movements) and all(len(r.facts) == len(v) for r, v in zip(rows[2:], movements))
    every = [misses(p, skip) for p in joint_placements(rows, 10_000)]
    bounded = BoundedRoll(rows, as_integers(rows), True, skip)
    try:
        rolling = bounded.rolling()
        nearest_by_column = {} if rolling is not None else {
            column: bounded.nearest(column) for column in set(range(4)) - {skip}}
    except GaveUp:  # the searches of one roll spent their budget (roll_bound.NODES): no answer, so nothing to test
        assume(False)
    assert (rolling is not None) == (not all(every))
    if rolling is not None:
        assert misses(rolling, skip) == {}
        return
    for column, nearest in nearest_by_column.items():
        alone = [m[column] for m in every if list(m) == [column]]  # placements where this column alone fails
        assert (nearest is not None) == bool(alone)
        if nearest is not None:
            assert list(misses(nearest[1], skip)) == [column] and misses(nearest[1], skip)[column] == min(alone)
    reported = roll(rows, True, skip, limit=1)  # over the limit: roll asks the bounded search
    fails_alone = [m for m in every if len(m) == 1]
    assert (reported is not None) == bool(fails_alone)
    if reported is not None:
        (col, *_), = reported
        assert min(m[col] for m in fails_alone if col in m) == min(v for m in fails_alone for v in m.values())


@settings(max_examples=150, deadline=None)
@given(statements(), st.none() | st.integers(0, 3))
def test_the_rows_every_rolling_placement_agrees_on_are_those_brute_force_finds(statement, skip):
    begin, movements, end = statement
    rows = roll_rows(page(begin, movements, end))
    placements = list(product(*[range(len(r.alignments)) for r in rows]))
    rolling = [chosen for chosen in placements
               if not misses([r.placement(i) for r, i in zip(rows, chosen)], skip)]
    for cap in (2, 64):  # past the cap, nothing is settled
        assert agreed(rows, skip, cap) == agreement(rows, rolling, cap)
    if rolling:
        return
    for relax in set(range(4)) - {skip}:  # the placements where only that column fails, by the least
        alone = [(miss[relax], chosen) for chosen in placements
                 if list(miss := misses([r.placement(i) for r, i in zip(rows, chosen)], skip)) == [relax]]
        nearest = [chosen for m, chosen in alone if m == min(alone)[0]]
        assert agreed(rows, skip, 64, relax) == agreement(rows, nearest, 64)


def agreed(rows, skip, cap: int, relax: int | None = None) -> dict[int, int]:
    """BoundedRoll.agreed, for an example whose searches answer: one that spends their budget (roll_bound.NODES)
    settles nothing by design, and is no example."""
    bounded = BoundedRoll(rows, as_integers(rows), True, skip)
    found = bounded.agreed(cap, relax)
    assume(bounded.search.budget[0] >= 0)
    return found


def agreement(rows, placements, cap: int) -> dict[int, int]:
    """Row position -> the alignment all the placements give it, for rows of several alignments; nothing when
    there is no placement or more than `cap`."""
    if not placements or len(placements) > cap:
        return {}
    return {k: chosen[0] for k, chosen in enumerate(zip(*placements))
            if len(rows[k].alignments) > 1 and len(set(chosen)) == 1}


def test_an_equity_statement_with_thousands_of_placements_is_read():
    """Eight movements in one or two of four columns have 147,456 joint placements, far more than a walk
    tries: the one under which every column rolls is found, and a movement retyped is found in its column."""
    begin = [100, 500, -200, 40]
    placed = [({0: 11}), ({1: 23}), ({1: 7, 2: 41}), ({2: 29}), ({3: -13}), ({0: 3, 3: 17}), ({1: -19}), ({2: 5})]
    end = [b + sum(m.get(c, 0) for m in placed) for c, b in enumerate(begin)]
    movements = [[m[c] for c in sorted(m)] for m in placed]
    rows = roll_rows(page(begin, movements, end))
    count = 1
    for r in rows:
        count *= len(r.alignments)
    assert count == 4 ** 6 * 6 ** 2
    assert roll(rows, True, None) is None  # over roll's limit: the bounded search finds the placement that rolls
    movements[3] = [92]  # retained earnings' 29 retyped 92
    bad = roll(roll_rows(page(begin, movements, end)), True, None)
    assert [(col, total, end.value) for col, total, _, _, end in bad] == [(2, -200 + 41 + 92 + 5, -125)]
