"""The reference filing parses to exactly what a reader sees on the page."""
import datetime
from decimal import Decimal

import pytest

from checker.ast import RowKind, StatementKind, ValueKind, parse_file
from conftest import ROOT

SEED = str(ROOT / "examples" / "filing.txt")


@pytest.fixture(scope="module")
def page():
    filing = parse_file(SEED)
    assert len(filing.pages) == 1
    return filing.pages[0]


def cell_at(page, line):
    return next((row, cell) for row, cell in page.cells() if cell.line == line)


def test_title(page):
    assert page.title.text == "NATURE OF OPERATIONS AND SUMMARY OF SIGNIFICANT ACCOUNTING POLICIES (Details Narrative)"
    assert page.title.unit == "USD ($)"
    assert page.title.kind is StatementKind.details


def test_five_columns_in_three_groups(page):
    assert [(c.group, c.end_date, c.months) for c in page.columns] == [
        ("1 Months Ended", datetime.date(2020, 1, 31), 1),
        ("3 Months Ended", datetime.date(2021, 3, 31), 3),
        ("3 Months Ended", datetime.date(2020, 3, 31), 3),
        ("12 Months Ended", datetime.date(2020, 12, 31), 12),
        ("12 Months Ended", datetime.date(2019, 12, 31), 12),
    ]


def test_incentive_stock_options(page):
    row, cell = cell_at(page, 22)
    assert row.label == "Number of incentive stock options" and row.member_path == []
    assert (cell.kind, cell.value, cell.raw) == (ValueKind.number, Decimal(451898), "451,898")
    assert cell.columns == [0, 1, 2, 3, 4]  # one value on a five-column row: any column


def test_antidilutive_employee_stock_options(page):
    row, cell = cell_at(page, 35)
    assert row.label == "Antidilutive securities excluded from computation of earnings per share"
    assert row.member_path == ["Employee Stock Options [Member]"]
    assert cell.value == Decimal(471898)


def test_money_durations_ratio_percentages(page):
    assert cell_at(page, 17)[1].kind is ValueKind.money and cell_at(page, 17)[1].value == Decimal(315370)
    assert cell_at(page, 17)[1].columns == [0, 1, 2, 3]
    assert [cell_at(page, n)[1].raw for n in (24, 90, 95, 100)] == ["90 days", "3 years", "5 years", "17 years"]
    assert all(cell_at(page, n)[1].kind is ValueKind.duration for n in (24, 90, 92, 95, 97, 100))
    assert cell_at(page, 26)[1].kind is ValueKind.ratio and cell_at(page, 26)[1].raw == "1-for-14"
    row, cell = cell_at(page, 44)
    assert (cell.kind, cell.value, cell.decimals) == (ValueKind.percent, Decimal("51.00"), 2)
    assert row.member_path == ["Revenue", "Outside of United States [Member]"]
    customer_b = [c for r, c in page.cells() if r.member_path == ["Customer B [Member]", "Revenue"]]
    assert [c.columns for c in customer_b] == [[0, 1], [1, 2], [2, 3], [3, 4]]


def test_members_and_minimum_maximum(page):
    members = [r.label for r in page.rows if r.kind is RowKind.member]
    assert members[:2] == ["Warrant [Member]", "Employee Stock Options [Member]"]
    assert cell_at(page, 95)[0].member_path == ["Maximum [Member]"]


def test_ten_definitions_and_member_popups(page):
    elements = [d for d in page.definitions if d.kind == "element"]
    assert len(elements) == 10
    assert elements[0].text == "Number of Shares upon Conversion."
    assert len([d for d in page.definitions if d.kind == "member"]) == 19


def test_every_line_has_one_owner_and_renders_back():
    filing = parse_file(SEED)
    owned = sorted(n for leaf in filing.leaves() for n in range(leaf.line, leaf.line + len(leaf.source)))
    assert owned == list(range(1, filing.line_count + 1))
    assert filing.render() == (ROOT / "examples" / "filing.txt").read_text(encoding="utf-8")
