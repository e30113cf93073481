"""footing_above._section: the rows a cash flow section's net cash sums (FT013's start_after)."""
from checker.ast import parse_text
from checker.findings.checks.footing_above import _section
from checker.findings.facts import PageFacts
from checker.rules import load_rules
from checker.rules.selectors import compile_selector

FT013 = next(rule for rule in load_rules().rules if rule.id == "FT013")

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


def sections(text: str) -> dict[str, list[str] | None]:
    """Each net cash total's section as its rows' labels, nearest first (None: no section)."""
    page = parse_text(text, "page.txt").pages[0]
    rows = PageFacts(page).rows
    start, total = compile_selector(FT013.start_after), compile_selector(FT013.total)
    starts = [i for i, row in enumerate(page.rows) if start(row, page)]
    totals = {id(r) for r in rows if total(r.row, page, r.unit)}
    found = {}
    for t, r in enumerate(rows):
        if id(r) in totals:
            run = _section(rows, t, lambda row: id(row) in totals, starts, FT013.max_rows)
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


def test_a_subtotal_inside_a_section_leaves_it_unread():
    """Which rows 'Total adjustments' sums is not known: read with the others, it would count them twice."""
    text = PAGE.replace("|Net cash provided by operating activities\n", "|Total adjustments\n|15\n|9\n"
                        "|Net cash provided by operating activities\n")
    assert sections(text)["Net cash provided by operating activities"] is None
