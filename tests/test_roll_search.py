"""roll_search.corroborated on a roll-forward whose rows leave columns open: which placement it vouches for."""
from checker.ast import parse_text
from checker.findings.alignments import joint_placements
from checker.findings.checks.roll_search import _bad_columns, corroborated, roll
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
    return [bad for p in joint_placements(rows, 1024) if len(bad := _bad_columns(p, False) or ()) == 1]


def test_several_placements_fail_in_one_column_and_a_slip_explains_one():
    rows = roll_rows()
    failing = one_column_failures(rows)
    assert len(failing) > 1  # e.g. a value read in 2019, where no beginning balance is printed
    reported = roll(rows, False)
    assert [(col, total) for col, total, *_ in reported] == [(1, 12116000)]
    assert corroborated(rows, reported, False, None) == ([0], True)  # 2021 rolls with the same rows


def test_a_placement_no_slip_explains_is_not_vouched_for():
    """Were another of those placements the one reported (a rule that asks for no slip), none is vouched for."""
    rows = roll_rows()
    reported = roll(rows, False)
    other = next(bad for bad in one_column_failures(rows) if bad[:2] != reported[0][:2])
    assert corroborated(rows, [other], False, None) == ([], False)
