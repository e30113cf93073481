"""PD002's periods: which duration columns make up a longer one (checker.findings.checks.periods.tilings)."""
from checker.ast import parse_text
from checker.findings.checks.periods import tilings


def header(groups: list[tuple[str, list[str]]]) -> str:
    """A page title and its header: each duration group ('3 Months Ended') over its dates."""
    lines = ["|", "Statements of Income - USD ($)", "$ in Thousands"] + [f"|{group}" for group, _ in groups]
    for _, dates in groups:
        for date in dates:
            lines += ["|", date]
    return "\n".join(lines + ["|Revenue", "|1", ""])


def test_fiscal_quarters_of_thirteen_weeks_make_up_their_year():
    """Analog Devices' fiscal quarters end on Saturdays, 91 days apart; a 53-week year (Nov. 3, 2018) too."""
    page = parse_text(header([("3 Months Ended", ["Nov. 02, 2019", "Aug. 03, 2019", "May 04, 2019", "Feb. 02, 2019",
                                                  "Nov. 03, 2018", "Aug. 04, 2018", "May 05, 2018", "Feb. 03, 2018"]),
                              ("12 Months Ended", ["Nov. 02, 2019", "Nov. 03, 2018", "Oct. 28, 2017"])])).pages[0]
    assert tilings(page) == [(8, [0, 1, 2, 3]), (9, [4, 5, 6, 7])]


def test_a_quarter_and_its_half_year_alone_make_up_nothing():
    """A 10-Q's second quarter and six months to date: the first quarter is not printed, so nothing adds up
    to the six months (and PD001, not PD002, compares them)."""
    page = parse_text(header([("3 Months Ended", ["Jun. 30, 2024", "Jun. 30, 2023"]),
                              ("6 Months Ended", ["Jun. 30, 2024", "Jun. 30, 2023"])])).pages[0]
    assert tilings(page) == []


def test_a_gap_between_quarters_breaks_the_year():
    """Four quarters of which one ends a month early do not make up the year."""
    page = parse_text(header([("3 Months Ended", ["Dec. 31, 2016", "Sep. 30, 2016", "May 31, 2016", "Mar. 31, 2016"]),
                              ("12 Months Ended", ["Dec. 31, 2016"])])).pages[0]
    assert tilings(page) == []
