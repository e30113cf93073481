"""The engine on whole pages: the seed's one defect, real defects kept as regressions, clean pages quiet."""
from pathlib import Path

from checker.ast import parse_file, parse_text
from checker.findings import check_filing
from checker.rules import load_rules

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
RULES = load_rules()


def findings(name, severities=("error", "warning")):
    return [f for f in check_filing(parse_file(str(FIXTURES / name)), RULES) if f.severity.value in severities]


def test_seed_has_exactly_one_error_the_options():
    found = findings("seed_filing.txt", ("error", "warning", "info"))
    assert [(f.rule, f.severity.value, f.lines) for f in found] == [("XR001", "error", [22, 35])]
    assert found[0].diagnosis == "one digit differs: 5 -> 7 in the ten-thousands place"
    assert found[0].ambiguous  # the rendering dropped the empty cells: one value, five columns


def seed_with(old_line: int, new: str):
    lines = (FIXTURES / "seed_filing.txt").read_text().split("\n")
    lines[old_line - 1] = new
    return check_filing(parse_text("\n".join(lines), "seed.txt"), RULES)


def test_seed_warrants_and_series_b_are_checked_and_pass():
    """With the options fixed the page is clean; breaking the warrants or Series B pair, each
    equal on the page as filed, is caught by its rule, so both pairs were checked."""
    assert seed_with(22, "|471,898") == []
    assert [(f.rule, f.lines) for f in seed_with(32, "|1,587,554")
            if f.rule.startswith("XR")] == [("XR002", [20, 32]), ("XR001", [22, 35])]
    assert [(f.rule, f.lines) for f in seed_with(87, "|243,570")
            if f.rule.startswith("XR")] == [("XR001", [22, 35]), ("XR003", [38, 87])]


def test_values_are_shown_as_printed_without_the_space_after_the_bar():
    """Some filings render a cell as '| 451,898': the AST keeps that text as it is, a finding shows 451,898."""
    lines = (FIXTURES / "seed_filing.txt").read_text().split("\n")
    lines[21], lines[34] = "| 451,898", "|  471,898 "
    [found] = [f for f in check_filing(parse_text("\n".join(lines), "seed.txt"), RULES) if f.rule == "XR001"]
    assert "= 451,898 (line 22)" in found.message and "= 471,898 (line 35)" in found.message, found.message
    assert [c.raw for c in found.cells] == ["451,898", "471,898"]


def test_real_defect_schedule_iii_2012_does_not_foot():
    """As filed: 2,589,430 + 66,889 + 179,372 - 89,395 = 2,746,296 (thousands), printed 2,746,596;
    the next year opens at 2,746,596, so an activity figure of 2012 is off by 300,000. FT001 reads the rows
    as a run that foots in 2013 and 2011; RF001 as a roll-forward that rolls there with the same rows, which
    vouches for their signs (a warning, not info)."""
    found = findings("real_defect_1498828_R86.txt")
    assert [(f.rule, f.severity.value, f.lines) for f in found] == [
        ("FT001", "warning", [13, 17, 21, 25, 29]), ("RF001", "warning", [13, 17, 21, 25, 29])]
    assert all("one digit differs" in f.diagnosis for f in found)


def test_real_defect_retained_earnings_march_2018_mistyped():
    """832489 R5 as filed: retained earnings roll from (37,916,790) by the net loss of (621,813) to
    (38,538,603), printed (36,538,603), so the March 2018 balance row does not cross-foot to its total
    (128,892). The row fills 8 of 10 columns; its last value is read as the total (EDGAR leaves a total
    empty only when nil), and a one-digit slip in APIC or in retained earnings explains the difference.
    The same slip stops the statement rolling from the December 2017 balance (RF003): a column in
    which the net loss is the only movement, among rows that fill two to eight of ten columns, so
    whole rows are added up. Nothing else on the page (share rows, movements of two to four
    columns) is reported."""
    found = findings("real_defect_832489_R5.txt", ("error", "warning", "info"))
    assert [(f.rule, f.lines[0], f.lines[-1]) for f in found] == [("RF003", 29, 74), ("FT011", 67, 74)]
    rolled = found.pop(0)
    assert found[0].lines == [67, 68, 69, 70, 71, 72, 73, 74]
    assert found[0].diagnosis == ("one digit differs: 4 -> 6 in the millions place in 36,361,343 (line 72); "
                                  "or one digit differs: 8 -> 6 in the millions place in (36,538,603) (line 73)")
    assert found[0].ambiguous
    # the finding read (128,892) as the total: its cell names that column (the report's grid puts it there)
    assert [(c.line, c.role, c.column) for c in found[0].cells if c.role == "total"] == [(74, "total", "Total")]
    # the March 2018 row does not add up to its total, the December 2017 row does: its cells are named last
    assert rolled.diagnosis.startswith("one digit differs: 4 -> 6 in the millions place in 36,361,343 (line 72); "
                                       "or one digit differs: 8 -> 6 in the millions place in (36,538,603) (line 73)")
    assert rolled.message.startswith("Added across all columns, Balance at Dec. 31, 2017 (line 28) plus the "
                                     "activity below it comes to -257,784, but Balance at Mar. 31, 2018 (line 66) "
                                     "comes to 1,742,216")


def test_rounding_off_by_one_is_ft002_only():
    """As filed, $ in Thousands: 5,125 - 4,810 = 315 but 314 is printed (and 39 against 38):
    rounding or a last-digit slip; reported by FT002 alone, never by FT001."""
    found = findings("rounding_1585023_R28.txt")
    assert {f.rule for f in found} == {"FT002"}


def test_findings_are_sorted_and_deterministic():
    a = check_filing(parse_file(str(FIXTURES / "seed_filing.txt")), RULES)
    b = check_filing(parse_file(str(FIXTURES / "seed_filing.txt")), RULES)
    assert a == b and a == sorted(a, key=lambda f: (f.sort_key(), f.fingerprint))


def test_a_cell_two_readings_place_apart_is_not_settled(monkeypatch):
    """settled_columns keeps a cell's column only when every rule's reading agrees on it."""
    import checker.findings.checks as checks
    from checker.findings.engine import settled_columns

    readings = {"RF001": [(19, 1), (24, 1)], "RF003": [(19, 2), (24, 1), (26, 0)]}
    monkeypatch.setitem(checks.SETTLES, "rollforward", lambda c, ctx: readings.get(c.rule.id, []))
    filing = parse_file(str(FIXTURES / "sparse_total_aapl-2025q1_R6.txt"))
    assert settled_columns(filing.pages[0], filing.path, load_rules().select()) == {24: 1, 26: 0}


def test_net_income_printed_for_the_years_only_sits_where_it_foots():
    """Analog Devices prints eight quarters and three years, and net income for the years only: three values the
    grid would put under the first three quarters. Income before taxes less the provision foots only in the
    years' columns (IS004), so that is where they are settled."""
    from checker.findings.engine import settled_columns

    filing = parse_file(str(FIXTURES / "open_years_adi_2019_R2.txt"))
    page = filing.pages[0]
    net_income = next(row for row in page.rows if row.label == "Net income")
    settled = settled_columns(page, filing.path, load_rules().select())
    assert [settled.get(cell.line) for cell in net_income.cells] == [8, 9, 10]
