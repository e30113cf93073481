"""roll_search.corroborated on a roll-forward whose rows leave columns open: which placement it vouches for."""
from checker.ast import parse_text
from checker.findings.alignments import joint_placements
from checker.findings.checks.roll_search import (MAX_UNVOUCHED, NOT_CORROBORATED, Corroboration, bad_columns,
                                                 _convention_explains, corroborated, roll)
from checker.findings.facts import PageFacts

# 879585 R59 (allowance for credit losses): write-offs and recoveries print two years of three; 2020
# recoveries 738 retyped 733
PAGE = """|
REVENUE AND RECEIVABLES - Allowance for Credit Losses Rollforward - (Details) - USD ($)
$ in Thousands
|12 Months Ended
|
Dec. 31, 2021
|
Dec. 31, 2020
|
Dec. 31, 2019
|Beginning Balance
|$ 12,121
|$ 12,724
|Current period provision for expected losses
|4,850
|5,010
|$ 5,816
|Write-offs charged against the allowance
|(3,517)
|(6,351)
|Recoveries collected
|431
|733
|Ending Balance
|$ 13,885
|$ 12,121
|$ 12,724
"""


def roll_rows():
    rows = PageFacts(parse_text(PAGE, "page.txt").pages[0]).rows
    begin, provision, write_offs, recoveries, end = rows
    return [begin, end, provision, write_offs, recoveries]


def one_column_failures(rows):
    return [bad for p in joint_placements(rows, 1024) if len(bad := bad_columns(p, False) or ()) == 1]


def test_several_placements_fail_in_one_column_and_a_slip_explains_one():
    rows = roll_rows()
    failing = one_column_failures(rows)
    assert len(failing) > 1  # e.g. a value read in 2019, where no beginning balance is printed
    reported = roll(rows, False)
    assert [(col, total) for col, total, *_ in reported] == [(1, 12116000)]
    assert corroborated(rows, reported, False, None) == Corroboration([0], by_slip=True)  # 2021 rolls alike


def test_a_placement_no_slip_explains_is_not_vouched_for():
    """Were another of those placements the one reported (a rule that asks for no slip), none is vouched for."""
    rows = roll_rows()
    reported = roll(rows, False)
    other = next(bad for bad in one_column_failures(rows) if bad[:2] != reported[0][:2])
    assert corroborated(rows, [other], False, None) == NOT_CORROBORATED


def test_a_row_no_column_vouches_for_explains_a_difference_by_its_sign_or_by_being_left_out():
    """2021's write-offs (3,517) and recoveries 431, taken as no rolling column vouched for them: a difference of
    twice a value (the other sign), of a value (not part of the roll), or of a sum of such, is theirs to explain."""
    begin, end, provision, write_offs, recoveries = (next(iter(r.facts.values())) for r in roll_rows())
    unvouched = (write_offs, recoveries)

    def explains(diff) -> bool:
        bad = (0, end.value + diff, [provision, write_offs, recoveries], begin, end)
        return _convention_explains(bad, unvouched, exact=True)

    assert explains(2 * write_offs.value) and explains(write_offs.value) and explains(recoveries.value)
    assert explains(2 * (write_offs.value + recoveries.value))
    assert not explains(300_000) and not explains(2 * write_offs.value + 1)
    assert _convention_explains((0, end.value + 300_000, [], begin, end), (recoveries,) * (MAX_UNVOUCHED + 1), True)
