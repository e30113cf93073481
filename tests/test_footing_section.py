"""footing_above._section: the rows a cash flow section's net cash sums (FT013's start_after) and the rows
the diluted shares sum (EP003's start_at)."""
from pathlib import Path

from checker.ast import parse_text
from checker.findings.checks import section_search
from checker.findings.checks.footing_above import _section, headings, own_heading
from checker.findings.checks.footing_declared import nil_foots
from checker.findings.checks.section_search import HOLDS, readings
from checker.findings.facts import PageFacts
from checker.rules import load_rules
from checker.rules.selectors import compile_selector

FT013, EP003 = (next(rule for rule in load_rules().rules if rule.id == id) for id in ("FT013", "EP003"))

PAGE = """|
CONSOLIDATED STATEMENTS OF CASH FLOWS - USD ($)
$ in Thousands
|12 Months Ended
|
Dec. 31, 2024
|
Dec. 31, 2023
|Cash flows from operating activities:
|Net income
|100
|90
|Adjustments to reconcile net income to net cash provided by operating activities:
|Depreciation
|10
|9
|Impairment
|5
|Net cash provided by operating activities
|115
|99
|Purchases of equipment
|(20)
|(18)
|Net cash used in investing activities
|(20)
|(18)
"""


def sections(text: str, rule=FT013) -> dict[str, list[str] | None]:
    """Each total's section under the rule as its rows' labels, nearest first (None: no section)."""
    page = parse_text(text, "page.txt").pages[0]
    rows = PageFacts(page).rows
    opening = rule.start_at is not None
    start, total = compile_selector(rule.start_at if opening else rule.start_after), compile_selector(rule.total)
    starts = [i for i, row in enumerate(page.rows) if start(row, page)]
    totals = {id(r) for r in rows if total(r.row, page, r.unit)}
    found = {}
    for t, r in enumerate(rows):
        if id(r) in totals:
            run = _section(rows, t, lambda row: id(row) in totals, starts, rule.max_rows, opening)
            found[r.row.label] = None if run is None else [x.row.label for x in run]
    return found


def test_a_section_runs_through_its_inner_headings_and_stops_at_the_previous_total():
    assert sections(PAGE) == {
        "Net cash provided by operating activities": ["Impairment", "Depreciation", "Net income"],
        "Net cash used in investing activities": ["Purchases of equipment"],  # no heading: the total above bounds it
    }


def test_no_section_without_a_heading_or_a_total_above():
    text = PAGE.replace("|Cash flows from operating activities:\n", "")
    assert sections(text)["Net cash provided by operating activities"] is None


def test_a_subtotal_inside_a_section_stands_for_the_rows_it_adds_up():
    """'Total adjustments' adds up the rows right above it, under their heading: it stands for them."""
    text = PAGE.replace("|Net cash provided by operating activities\n", "|Total adjustments\n|15\n|9\n"
                        "|Net cash provided by operating activities\n")
    assert sections(text)["Net cash provided by operating activities"] == ["Total adjustments", "Net income"]


def test_a_subtotal_that_does_not_add_up_the_rows_above_it_leaves_the_section_unread():
    """Which rows it sums is then not known: read with the others, it would count some twice."""
    text = PAGE.replace("|Net cash provided by operating activities\n", "|Total adjustments\n|25\n|9\n"
                        "|Net cash provided by operating activities\n")
    assert sections(text)["Net cash provided by operating activities"] is None


SHARES = """|
Earnings per Share (Details) (USD $)
In Thousands, except Share data, unless otherwise specified
|3 Months Ended
|
Jun. 30, 2012
|
Jun. 30, 2011
|Net income, basic
|$ 8,420
|$ 6,293
|Weighted Average Common Shares, Basic
|25,868
|25,970
|Basic, Per Share Amount
|$ 0.32
|$ 0.24
|Add: potentially dilutive common shares - stock awards, Weighted Average Common Shares
|20
|22
|Diluted, Net Income Available to Common Shareholders
|8,420
|6,293
|Diluted, Weighted Average Common Shares
|25,888
|25,992
"""


def test_a_section_opened_by_its_first_row_takes_it_and_passes_over_other_units_and_scales():
    """The per-share amount (another unit) and the net income in thousands (another scale) are no share counts."""
    assert sections(SHARES, EP003) == {"Diluted, Weighted Average Common Shares": [
        "Add: potentially dilutive common shares - stock awards, Weighted Average Common Shares",
        "Weighted Average Common Shares, Basic"]}


def test_a_section_opened_by_its_first_row_needs_another():
    """Basic and diluted shares one under the other: nothing printed says what sets them apart."""
    text = SHARES.replace("|Add: potentially dilutive common shares - stock awards, Weighted Average Common Shares\n"
                          "|20\n|22\n", "")
    assert sections(text, EP003) == {"Diluted, Weighted Average Common Shares": None}


def test_a_section_opened_by_its_first_row_must_reach_it():
    """A total between the opening row and this one closes the section first: it does not hold the basic shares."""
    text = SHARES.replace("|Add: potentially", "|Diluted weighted average shares, first half\n|25,880\n|25,990\n"
                          "|Add: warrants, Weighted Average Common Shares\n|5\n|6\n|Add: potentially")
    assert sections(text, EP003)["Diluted, Weighted Average Common Shares"] is None


CASH_FLOWS = Path(__file__).parent / "fixtures" / "pages" / "1015647_000117184318002347_R5.txt"


def operating(text: str):
    """The operating activities' net cash row and its section on a cash flow page."""
    page = parse_text(text, "page.txt").pages[0]
    rows = PageFacts(page).rows
    start, total = compile_selector(FT013.start_after), compile_selector(FT013.total)
    starts = [i for i, row in enumerate(page.rows) if start(row, page)]
    totals = {id(r) for r in rows if total(r.row, page, r.unit)}
    t = next(t for t, r in enumerate(rows) if r.row.label == "Net cash used in operating activities")
    return rows[t], _section(rows, t, lambda row: id(row) in totals, starts, FT013.max_rows)


def test_a_section_with_too_many_placements_for_solve_is_read_on_its_printed_digits():
    """Nine lines print one or two years of three: 3^9 placements, met in the middle."""
    total, section = operating(CASH_FLOWS.read_text())
    assert len(section) == 14 and readings(total, section) == HOLDS
    lines = CASH_FLOWS.read_text().split("\n")
    lines[44] = "|2,093,070"  # 2017 share-based payments, 2,693,070 as filed
    total, section = operating("\n".join(lines))
    found = readings(total, section)
    assert found != HOLDS and found
    # the first reading: every column foots but 2017's, short by the 600,000 the slip took
    [(col, got, _, _)] = nil_foots([1] * len(section), False)([total.placement(0)] + found[0])
    assert col == 0 and got - total.placement(0)[0].value == -600_000


def test_a_section_whose_halves_have_too_many_placements_is_searched_branch_and_bound(monkeypatch):
    """Past MAX_HALF the same answers come from roll_bound's search: it holds as filed, and with the slip the one
    reading is the placement under which 2017's column alone misses, by the 600,000 the slip took; past the
    search's budget, nothing is read."""
    monkeypatch.setattr(section_search, "MAX_HALF", 8)
    total, section = operating(CASH_FLOWS.read_text())
    assert readings(total, section) == HOLDS
    lines = CASH_FLOWS.read_text().split("\n")
    lines[44] = "|2,093,070"
    total, section = operating("\n".join(lines))
    [reading] = readings(total, section)
    [(col, got, _, _)] = nil_foots([1] * len(section), False)([total.placement(0)] + reading)
    assert col == 0 and got - total.placement(0)[0].value == -600_000
    monkeypatch.setattr(section_search, "NODES", 10)
    assert readings(total, section) is None


OWN_HEADINGS = """|
NOTE (Details) - USD ($)
$ in Thousands
|
Dec. 31, 2023
|
Dec. 31, 2022
|
|Other income (loss):
|Interest income
|10
|20
|Other
|5
|6
|Total other income (loss)
|15
|26
|Total
|15
|26
"""


def test_a_total_names_its_own_heading_and_a_bare_total_names_none():
    """FT014's heading is the total's label less its 'Total', a colon and case aside; a bare 'Total' would name
    the blank row above the table, which heads nothing."""
    page = parse_text(OWN_HEADINGS, "page.txt").pages[0]
    named = headings(page)
    totals = {r.row.label: r for r in PageFacts(page).rows}
    assert [page.rows[i].label for i in own_heading(named, totals["Total other income (loss)"])] == [
        "Other income (loss):"]
    assert "" in named and own_heading(named, totals["Total"]) == []
