"""RF004's pairing (rollforward.repeated_pairs): a balance printed under one label at both ends of its roll-forward."""
from checker.ast import parse_text
from checker.findings.checks.rollforward import repeated_pairs
from checker.findings.engine import Context, compiled
from checker.findings.facts import PageFacts
from checker.rules import load_rules

HEADER = ["|", "Schedule of Net Proved Reserves (Details)", "|12 Months Ended", "|", "Dec. 31, 2022", "|",
          "Dec. 31, 2021", "|", "Dec. 31, 2020"]


def pairs(*rows: tuple[str, list[str]], header: list[str] = HEADER) -> list[tuple[str, str]]:
    """The (begin, end) labels RF004 pairs on a page of these rows (label, values)."""
    lines = header + [line for label, values in rows for line in [f"|{label}"] + [f"|{v}" for v in values]]
    filing = parse_text("\n".join(lines) + "\n", "page.txt")
    program = compiled(load_rules().select(["RF004"]))
    ctx = Context("page.txt", filing.pages[0], PageFacts(filing.pages[0], program.memo))
    return [(b.row.label, e.row.label) for b, e, _ in repeated_pairs(program.rules[0], ctx, 15)]


ACTIVITY = ("Production", ["(12,432)", "(10,983)", "(11,632)"])


def test_the_lower_row_carrying_the_upper_a_period_on_ends_its_roll():
    assert pairs(("Reserves", ["81,947", "92,907", "116,602"]), ACTIVITY,
                 ("Reserves", ["66,309", "81,947", "92,907"])) == [("Reserves", "Reserves")]


def test_one_period_the_balances_do_not_carry_is_a_slip_where_another_does():
    """A digit slipped in a balance breaks the carry in one period; the other still pairs the rows."""
    assert pairs(("Reserves", ["81,947", "92,907", "116,602"]), ACTIVITY,
                 ("Reserves", ["66,309", "81,047", "92,907"])) == [("Reserves", "Reserves")]


def test_a_label_printed_twice_without_the_carry_bounds_no_roll():
    """The same label twice, as two scopes of one item, not one balance a period on."""
    assert pairs(("Reserves", ["81,947", "92,907", "116,602"]), ACTIVITY,
                 ("Reserves", ["66,309", "80,000", "90,000"])) == []


def test_nil_balances_carry_nothing():
    """The later years' nil balances agree, as nil does anywhere; the one balance printed does not carry."""
    assert pairs(("Reserves", ["3", "0", "0"]), ("Production", ["2", "0", "0"]),
                 ("Reserves", ["5", "0", "0"])) == []


def test_two_periods_the_balances_do_not_carry_are_no_slip():
    """Of three periods the balances share, one carries: a coincidence more likely than two slips."""
    header = HEADER + ["|", "Dec. 31, 2019"]
    rows = [("Reserves", ["81,947", "92,907", "116,602", "120,000"]), ("Production", ["(1)", "(2)", "(3)", "(4)"]),
            ("Reserves", ["66,309", "81,947", "90,000", "110,000"])]
    assert pairs(*rows, header=header) == []
    rows[2] = ("Reserves", ["66,309", "81,947", "92,907", "110,000"])
    assert pairs(*rows, header=header) == [("Reserves", "Reserves")]



def test_a_line_printed_twice_with_its_columns_open_is_no_balance():
    """Two rows that print the same values for two years of three can be placed to carry one another: a
    repeated line, not a roll. Balances whose columns the page leaves open are not paired."""
    assert pairs(("Disposals", ["4.0", "11.0"]), ("Effect of movements in foreign exchange", ["(2.3)", "21.5"]),
                 ("Disposals", ["4.0", "11.0"])) == []


def test_movements_whose_columns_the_page_leaves_too_open_bound_no_roll():
    """Three movements printed for one year of three: 27 placements, room for one that rolls by chance."""
    movements = [("Revisions", ["(2,282)"]), ("Extensions", ["836"]), ("Disposals", ["(1,760)"])]
    balances = [("Reserves", ["81,947", "92,907", "116,602"]), ("Reserves", ["78,741", "81,947", "92,907"])]
    assert pairs(balances[0], *movements, balances[1]) == []
    assert pairs(balances[0], *movements[:2], balances[1]) == [("Reserves", "Reserves")]
