"""Signed runs of rows summed many ways at once: the search behind detected_footing (FT001, FT002).

Each row's values are packed into one integer, a field of FIELD bits per column, so one addition
adds every column and one comparison tests a whole run against its total. A window of rows above a
total, nearest first, each row in one or more placements (the columns its values may take), is
summed for every run length, placement and sign; the runs that foot in every column but one are
read back from the index of their sum.
"""
from __future__ import annotations

FIELD = 96  # bits per column when a row's values are packed into one integer (sums of printed values fit)


def pack(vec: tuple[int, ...]) -> int:
    """The row's values as one integer, a field of FIELD bits per column: one addition adds every column."""
    packed, shift = 0, 0
    for v in vec:
        packed += v << shift
        shift += FIELD
    return packed


HALF_FIELD = 1 << (FIELD - 1)
LOW_FIELD = (1 << FIELD) - 1  # the bits of column 0 (x & LOW_FIELD is x modulo 2**FIELD, negative x too)


def search(window, tvec, target, width, min_rows, signed):
    """Runs off in exactly one column, shortest first; None when some run foots fully.

    `window` holds the rows above the total, nearest first, each as its placements in the total's columns
    (one, unless a row has values in some of them only). Sums are kept packed (one integer a run, see pack;
    `target` is the total's). Each of the first `signed` rows is added or subtracted (the farthest row of a
    run always added), the rows beyond add as printed: the sums of the first n rows are those of the first
    n - 1 plus each placement of row n (the run's top row), then, if row n is signed, those minus each (see
    run_of, which reads a sum's rows back from its index). This loop meets up to 2**max_rows sums a total, so
    it is written out plainly."""
    sums, sizes = [0], []
    near = []
    low, below, above = target & LOW_FIELD, target - HALF_FIELD, target + HALF_FIELD
    for n, placements in enumerate(window, start=1):
        sizes.append(len(sums))
        if len(placements) == 1:  # the usual row
            packed = placements[0][2]
            tops = [total + packed for total in sums]
        else:
            tops = [total + packed for _, _, packed, _ in placements for total in sums]
        if n >= min_rows:
            if target in tops:
                return None
            if len(near) < 64:  # enough near runs kept beyond that
                # a sum off in one column only matches the total in the lowest field, or differs from it by
                # less than half a field (off in column 0 alone): two cheap tests pass over nearly every sum
                for index in [i for i, total in enumerate(tops) if total & LOW_FIELD == low or below < total < above]:
                    # off in one column only: the lowest non-zero field holds all of the difference
                    diff = tops[index] - target
                    k = ((diff & -diff).bit_length() - 1) // FIELD
                    if k < width and -HALF_FIELD < (value := diff >> (FIELD * k)) < HALF_FIELD:
                        near.append((*run_of(window, sizes, index), k, tvec[k] + value))
                        if len(near) >= 64:
                            break
        if n == len(window):
            break  # the longest run tried: no sums to grow for another row
        if n > signed:
            sums = tops  # the rows add as printed
        elif len(placements) == 1:
            sums = tops + [total - packed for total in sums]
        else:
            sums = tops + [total - packed for _, _, packed, _ in placements for total in sums]
    return near


def run_of(window, sizes, index):
    """(the run's rows, each in the placement chosen, nearest first; their signs) of sum `index` of the tops
    of a run of len(sizes) rows, sizes[i] being how many sums the rows before row i + 1 made (a row that
    adds as printed made no second half)."""
    n = len(sizes)
    choice, rest = divmod(index, sizes[-1])
    rows, signs = [window[n - 1][choice]], [1]  # the top row, always added
    for i in range(n - 2, -1, -1):  # rest: the index among the sums of rows 1 .. i + 1
        sign = 1
        if rest >= len(window[i]) * sizes[i]:  # the second half: row i + 1 subtracted
            sign, rest = -1, rest - len(window[i]) * sizes[i]
        choice, rest = divmod(rest, sizes[i])
        rows.append(window[i][choice])
        signs.append(sign)
    return tuple(reversed(rows)), tuple(reversed(signs))
