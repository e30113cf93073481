"""FT001's search against brute force: every run of the nearest rows, every placement of each row, every
sign of the first `signed` rows (the run's farthest row added; rows beyond add as printed). search packs
columns into one integer and reads a sum's rows back from its index (run_of); both must agree with the plain
enumeration."""
from itertools import product

from hypothesis import given, settings, strategies as st

from checker.findings.checks.packed import pack, search


def brute_force(window, target, width, min_rows, signed):
    """(some run foots fully, {(run length, placements chosen, signs, odd column, its sum)})."""
    near = set()
    for n in range(min_rows, len(window) + 1):
        for choice in product(*[range(len(row)) for row in window[:n]]):
            vecs = [window[i][c] for i, c in enumerate(choice)]
            free = min(signed, n - 1)
            for signs in product((1, -1), repeat=free):
                signs = signs + (1,) * (n - free)  # nearest first; the farthest row always added
                sums = [sum(s * v[k] for s, v in zip(signs, vecs)) for k in range(width)]
                off = [k for k in range(width) if sums[k] != target[k]]
                if not off:
                    return True, set()
                if len(off) == 1:
                    near.add((n, choice, signs, off[0], sums[off[0]]))
    return False, near


vectors = st.integers(-40, 40)


@settings(max_examples=400, deadline=None)
@given(st.integers(1, 3).flatmap(lambda width: st.tuples(
    st.just(width),
    st.lists(st.lists(st.tuples(*[vectors] * width), min_size=1, max_size=3), min_size=1, max_size=5),
    st.tuples(*[vectors] * width))), st.integers(1, 2), st.integers(0, 5))
def test_search_agrees_with_brute_force(case, min_rows, signed):
    width, rows, target = case
    if width == 1:
        rows = [row[:1] for row in rows]  # one column: FT001 places no row another way, nor signs one
        signed = 0
    window = [[(i, c, pack(vec), len(row) > 1) for c, vec in enumerate(row)] for i, row in enumerate(rows)]
    found = search(window, target, pack(target), width, min_rows, signed)
    foots, near = brute_force(rows, target, width, min_rows, signed)
    if foots:
        assert found is None
        return
    assert found is not None
    got = {(len(run), tuple(entry[1] for entry in run), signs, k, value) for run, signs, k, value in found}
    assert all(entry[0] == i for run, *_ in found for i, entry in enumerate(run))  # rows nearest first, in order
    if len(found) < 64:  # search keeps at most 64 near runs
        assert got == near
    else:
        assert got <= near
