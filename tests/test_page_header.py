"""Where a page's header ends: a member heading printed right under the column headers looks like one more."""
from checker.ast import parse_text

BENEFITS = """|
Benefit Plans (Details) (USD $)
In Thousands, unless otherwise specified
|12 Months Ended
|
Dec. 31, 2013
|
Dec. 31, 2012
|
Dec. 31, 2011
|
Retirement Plan [Member]
|Projected benefit obligation at beginning of year
|$ 31,990
|$ 29,283
|Service cost
|69
|55
|45
"""

EQUITY = """|
Statement of Stockholders' Equity - USD ($)
|
Common Stock [Member]
|
Retained Earnings [Member]
|Balance at Dec. 31, 2022
|$ 10
|$ 20
"""


def test_a_member_heading_after_dated_columns_opens_the_body():
    """357301 R66 (trimmed): three years, then the body's first member heading, printed as a header cell is."""
    page = parse_text(BENEFITS, "page.txt").pages[0]
    assert [c.label for c in page.columns] == ["12 Months Ended: Dec. 31, 2013", "12 Months Ended: Dec. 31, 2012",
                                               "12 Months Ended: Dec. 31, 2011"]
    assert [(row.label, row.member_path) for row in page.rows if row.cells][0] == (
        "Projected benefit obligation at beginning of year", ["Retirement Plan [Member]"])
    assert parse_text(BENEFITS, "page.txt").render() == BENEFITS


def test_columns_that_are_members_stay_columns():
    """An equity statement dates no column: its members are its columns."""
    page = parse_text(EQUITY, "page.txt").pages[0]
    assert [c.label for c in page.columns] == ["Common Stock [Member]", "Retained Earnings [Member]"]
