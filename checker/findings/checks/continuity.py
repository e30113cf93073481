"""continuity: a period's beginning balance is the ending balance of the column whose period ends
when it begins (the 2023 opening allowance and the 2022 closing allowance).

Evaluated under every alignment of the two rows consistent with the page and flagged only when
none satisfies it. A page that prints fewer beginning balances than ending ones leaves the
beginning row's columns open, and a placement that moves its cells where no previous column is
printed compares nothing and escapes. The roll-forward between the two rows closes that door
where it can: when it rolls exactly under some placements of the two rows, only those are read.
Two rows that both leave columns open are read in the same columns (a roll-forward reports both
balances for each period), when they print as many. Either reading is a guess (a roll can hold
by coincidence, in small balances or a year that writes off its whole opening balance), so a
mismatch read so is reported only when a keying slip explains it.
"""
from __future__ import annotations

from functools import partial
from itertools import product

from checker.findings.alignments import MAX_ALIGNMENTS, joint_placements
from checker.findings.checks.roll_search import roll
from checker.findings.checks.rollforward import pairs, previous_column
from checker.findings.diagnosis import diagnose
from checker.findings.facts import agree, describe

# joint placements of begin and end tried against the roll-forward (each a search of its own), or in the same columns
MAX_PINNED = 16
SMALL = 100
# how a finding read the rows' columns, where the page leaves them open (see Context.finding)
BY_ROLL = "no placement under which the rows between them roll from one to the other makes them agree"
SAME_COLUMNS = ("read in the same columns, as a roll-forward reports both balances for each period, no placement "
                "makes them agree")


def placeable(b, e, between) -> bool:
    """Can the roll-forward between b and e say where their cells sit? Not of one placement, nor of
    many, nor when its activity has more alignments than roll tries, nor of small balances (see small)."""
    count = len(b.alignments) * len(e.alignments)
    if not between or count == 1 or count > MAX_PINNED or small(b) or small(e):
        return False
    return joint_placements(between) is not None  # (counted, not made)


def _rolls(b, e, between, i: int, j: int) -> bool:
    """Does the activity roll b's alignment i to e's alignment j exactly, in every column they share?
    Exactly: within rounding, activity of a few units rolls in wrong placements too."""
    return roll([b.pinned(i), e.pinned(j)] + between, True) is None


def small(frow) -> bool:
    """Some balance under 100 as printed: activity of a few units rolls it in too many placements (a wrong one
    among them) to say where its cells sit."""
    return any(abs(f.printed) < SMALL for f in frow.facts.values())


def check_continuity(compiled, ctx):
    rule = compiled.rule
    prev = previous_column(ctx)
    if not prev:
        return []
    exact = rule.tolerance == "exact"
    out = []
    for b, e, between in pairs(compiled, ctx):
        if not (b.exact or e.exact):  # both rows float across the columns
            best = _in_same_columns(b, e, prev, exact)
            if best is not None:
                out.append(_finding(rule, ctx, b, e, best, SAME_COLUMNS))
            continue
        if len(b.alignments) * len(e.alignments) > MAX_ALIGNMENTS:
            continue
        # (begin's alignment, end's, mismatches) of each joint alignment that compares something, in product order
        tried = [(i, j, bad) for i, j in product(range(len(b.alignments)), range(len(e.alignments)))
                 if (bad := _compare(b.placement(i), e.placement(j), prev, exact)) is not None]
        if all(tried_bad for *_, tried_bad in tried):  # no placement agrees (or none compares anything)
            best = _fewest(tried)
            if best is not None:
                out.append(_finding(rule, ctx, b, e, best))
            continue
        holding = [t for t in tried if not t[2]]
        failing = sorted((t for t in tried if t[2]), key=lambda t: len(t[2]))  # fewest mismatches first
        if not failing or not placeable(b, e, between) or any(_rolls(b, e, between, i, j) for i, j, _ in holding):
            continue  # it agrees wherever it compares, or the roll-forward cannot tell, or allows such a placement
        best = next((bad[0] for i, j, bad in failing if _rolls(b, e, between, i, j)), None)
        # read by the roll alone, the placement could be a coincidence; a keying slip confirms it
        if best is not None and keyed(best):
            out.append(_finding(rule, ctx, b, e, best, BY_ROLL))
    return out


def _in_same_columns(b, e, prev, exact: bool):
    """The mismatch to report when two floating rows that print as many balances fail under every placement
    of them in the same columns (a roll-forward reports both balances for each period it covers), and a
    keying slip explains it; else None. Read that way, a placement is a guess: the slip confirms it."""
    if len(b.facts) != len(e.facts) or len(b.alignments) > MAX_PINNED:
        return None
    of_end = {alignment: j for j, alignment in enumerate(e.alignments)}
    same = [(i, of_end[a]) for i, a in enumerate(b.alignments) if a in of_end]
    tried = [(i, j, bad) for i, j in same if (bad := _compare(b.placement(i), e.placement(j), prev, exact)) is not None]
    if not tried or not all(bad for *_, bad in tried):
        return None
    best = _fewest(tried)
    return best if keyed(best) else None


def _compare(bf, ef, prev, exact: bool):
    """The mismatches (begin's column, end's column, begin, end) under one placement of the two rows; None when
    it compares nothing (no beginning column whose previous column the end row fills)."""
    common = [(a, prev[a]) for a in sorted(bf) if a in prev and prev[a] in ef]
    if not common:
        return None
    return [(a, p, bf[a], ef[p]) for a, p in common if not agree(bf[a], ef[p], exact)]


def _fewest(tried):
    """The first mismatch of the first placement with the fewest (as `solve` reports), None when none tried."""
    fewest = min(tried, key=lambda t: len(t[2]), default=None)
    return None if fewest is None else fewest[2][0]


def keyed(bad) -> bool:
    found = diagnose(bad[2].printed, bad[3].printed)
    return found is not None and found.keying


def _finding(rule, ctx, b, e, bad, placements: str | None = None):
    a, p, bfact, efact = bad
    ambiguous = not (b.exact and e.exact)
    found = diagnose(bfact.printed, efact.printed)
    facts = ctx.facts
    names = {"begin": describe(b, bfact, None if ambiguous else facts.column_label(a)),
             "end": describe(e, efact, None if ambiguous else facts.column_label(p)),
             "diagnosis": found.text if found else "", "title": rule.title}
    names["operands"] = f"{names['begin']}; {names['end']}"
    template = rule.message or "{begin} is not the previous period's {end}: {diagnosis}"
    cells = [facts.involved(b, bfact, "begin", None if ambiguous else a),
             facts.involved(e, efact, "end", None if ambiguous else p)]
    finding = partial(ctx.finding, rule, template.format_map(names), cells, found.text if found else None, ambiguous)
    return finding(placements=placements) if placements else finding()
