"""RF005 (average_roll): weighted-average prices roll with the share counts they weigh.

Real option and RSU tables (tests/fixtures/pages, and the rule's own example from Apple's 10-Q) with one
price or count retyped, and what RF005 makes of each."""
from decimal import Decimal

import pytest

from checker.ast import parse_text
from checker.findings.checks.average_roll import slips
from checker.findings.engine import check_filing
from checker.rules import load_rules
from conftest import FIXTURES

RULES = load_rules().select(["RF005"])
OPTIONS = "1808158_000095017023061521_R43.txt"   # one column; "Weighted average exercise price, Exercised"
QUARTERS = "1657312_000165731222000038_R31.txt"  # three quarters; two movements printed for one of them
DATED = "1419041_000156459017022849_R37.txt"     # balances dated by the filer, under a member
RSUS = [rule for rule in load_rules().rules if rule.id == "RF005"][0].examples.passing[0].page


def page(name: str) -> str:
    return (FIXTURES / "pages" / name).read_text(encoding="utf-8")


def retyped(text: str, *changes: tuple[int, str, str]) -> str:
    lines = text.split("\n")
    for number, old, new in changes:
        assert lines[number - 1] == old
        lines[number - 1] = new
    return "\n".join(lines)


def findings(text: str):
    return check_filing(parse_text(text, "page.txt"), RULES)


@pytest.mark.parametrize("name", [OPTIONS, QUARTERS, DATED])
def test_tables_as_filed_roll(name):
    assert findings(page(name)) == []


def test_a_mistyped_price_is_named_with_its_slip():
    """Granted at 17.73 instead of 11.73: the ending price no longer follows, and only that slip explains it.
    The price rows pair with the counts although every price row says 'exercise price'."""
    [found] = findings(retyped(page(OPTIONS), (22, "|11.73", "|17.73")))
    assert found.lines == [10, 12, 14, 16, 18, 20, 22, 24, 26, 28]
    assert found.diagnosis == "one digit differs: 1 -> 7 in the units place in 'Weighted average exercise price, " \
                              "Granted' (line 22)"
    assert "imply 15.15 (15.14 to 15.17 within the rounding" in found.message
    assert not found.ambiguous


def test_a_dated_ending_price_is_read_under_its_member():
    [found] = findings(retyped(page(DATED), (35, "|$ 13.31", "|$ 13.81")))
    assert found.diagnosis == "one digit differs: 3 -> 8 in the tenths place in 'Weighted-Average Exercise Price " \
                              "per Share, Outstanding at September 30, 2017' (line 35)"
    assert "[2009 and 2017 Equity Incentive Plans]" in found.message


def test_prices_take_the_columns_in_which_the_counts_roll():
    """The exercise, printed once in three quarters, rolls the counts in the latest only: its price is read
    there, and the finding says the column is the counts' reading."""
    [found] = findings(retyped(page(QUARTERS), (39, "|0.74", "|0.14")))
    assert 39 in found.lines and found.ambiguous
    assert "(3 Months Ended: Sep. 30, 2022)" in found.message
    assert "every placement under which the share counts roll puts them there" in found.message


def test_a_price_several_values_could_have_been_is_named_by_its_row():
    """158.73 typed 158.78: 158.72 to 158.74 all roll, within the rounding of 163,326 thousand RSUs' price; so
    do the other slips the message lists."""
    [found] = findings(retyped(RSUS, (22, "|$ 158.73", "|$ 158.78")))
    assert found.diagnosis.startswith("one digit of 'Beginning balance (in dollars per share)' (line 22): 158.72 to "
                                      "158.74 would roll; or ")


def test_two_slips_are_not_one():
    assert findings(retyped(RSUS, (24, "|228.10", "|238.10"), (26, "|148.90", "|158.90"))) == []


def test_counts_that_do_not_roll_weigh_nothing():
    """A count retyped breaks the counts' roll (RF001's finding): the prices are not read against it."""
    assert findings(retyped(RSUS, (13, "|63,378", "|63,478"), (24, "|228.10", "|218.10"))) == []


def test_rows_that_name_other_movements_do_not_pair():
    text = retyped(RSUS, (24, "|228.10", "|218.10"))
    assert findings(text) != []
    assert findings(text.replace("RSUs vested (in dollars per share)", "RSUs released (in dollars per share)")) == []


def test_slips_of_a_price():
    found = slips(Decimal("0.14"), 2)
    assert Decimal("0.74") in found and Decimal("1.14") in found and Decimal("0.41") in found
    assert Decimal("0.14") not in found and Decimal("0.15") in found and Decimal("10.4") not in found
    assert Decimal("28.1") in slips(Decimal("18.1"), 1) and Decimal("8.1") not in slips(Decimal("18.1"), 1)
    assert all(v.as_tuple().exponent == -2 for v in found)


def test_two_columns_that_fail_are_no_slip():
    """One slip breaks one column: where two quarters miss, the table follows some other convention."""
    one = retyped(page(QUARTERS), (30, "|$ 1.34", "|$ 1.54"))
    assert len(findings(one)) == 1
    assert findings(retyped(one, (31, "|$ 1.38", "|$ 1.88"))) == []


def test_nothing_left_outstanding_has_no_ending_price_to_weigh():
    """The last options exercised in 2023: the year's ending price, nil, weighs nothing; 2022 rolls."""
    lines = ["|", "Stock Options (Details)", "|12 Months Ended", "|", "Dec. 31, 2023", "|", "Dec. 31, 2022",
             "|Options outstanding, beginning of year (in shares) | shares", "|1,000", "|1,200",
             "|Options exercised (in shares) | shares", "|(1,000)", "|(200)",
             "|Options outstanding, end of year (in shares) | shares", "|0", "|1,000",
             "|Weighted average exercise price, beginning of year (in dollars per share) | $ / shares", "|$ 2.50",
             "|$ 2.50", "|Weighted average exercise price, exercised (in dollars per share) | $ / shares",
             "|{exercised}", "|2.50",
             "|Weighted average exercise price, end of year (in dollars per share) | $ / shares", "|$ 0", "|$ 2.50"]
    text = "\n".join(lines) + "\n"
    assert findings(text.format(exercised="2.50")) == []
    assert findings(text.format(exercised="2.80")) == []


def test_a_movement_printed_once_takes_the_column_in_which_the_counts_roll():
    """The exercise, printed once, rolls the counts in 2022 only (800 + 300 - 100 = 1,000): its price is read
    there, not in the first column a lone value could take, and 2022's mistyped granted price is found."""
    lines = ["|", "Stock Options (Details)", "|12 Months Ended", "|", "Dec. 31, 2023", "|", "Dec. 31, 2022",
             "|Options outstanding, beginning of year (in shares) | shares", "|1,000", "|800",
             "|Options granted (in shares) | shares", "|100", "|300",
             "|Options exercised (in shares) | shares", "|(100)",
             "|Options outstanding, end of year (in shares) | shares", "|1,100", "|1,000",
             "|Weighted average exercise price, beginning of year (in dollars per share) | $ / shares", "|$ 10.00",
             "|$ 9.00", "|Weighted average exercise price, granted (in dollars per share) | $ / shares", "|12.00",
             "|{granted}", "|Weighted average exercise price, exercised (in dollars per share) | $ / shares", "|8.00",
             "|Weighted average exercise price, end of year (in dollars per share) | $ / shares", "|$ 10.18",
             "|$ 9.70"]
    text = "\n".join(lines) + "\n"
    assert findings(text.format(granted="11.00")) == []
    assert findings(text.format(granted="11.00").replace("|8.00", "|(8.00)")) == []  # the count's sign moves it
    [found] = findings(text.format(granted="14.00"))
    assert "(12 Months Ended: Dec. 31, 2022)" in found.message and 24 in found.lines and 15 in found.lines
    assert "in 'Weighted average exercise price, granted (in dollars per share)' (line 24)" in found.diagnosis
