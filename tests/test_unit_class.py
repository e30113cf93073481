"""Unit classes of rows: what the label, the row's unit and its cells say, and that a page's facts (which look
the label's part up once per distinct label) class every row as unit_class does."""
from pathlib import Path

import pytest

from checker.ast import parse_file
from checker.findings.facts import PageFacts
from checker.rules.selectors import Memo, label_unit, unit_class, unit_from

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("unit, label, percent, currency, expected", [
    (None, "Net loss per share, basic", False, False, "per_share"),
    (None, "Net income per common share - Basic", False, True, "per_share"),
    (None, "Loss per ordinary share", False, False, "per_share"),
    (None, "Distributions per unit", False, True, "per_share"),
    (None, "Exercise price (in dollars per share)", False, False, "per_share"),
    (None, "Options granted (in shares)", False, False, "shares"),
    (None, "Shares used to compute earnings per share - Basic (in shares)", False, False, "shares"),
    (None, "Stock-based compensation, shares", False, False, "shares"),
    (None, "Beginning balance, shares at Dec. 31, 2021", False, False, "shares"),
    (None, "Common stock, shares issued", False, False, "shares"),
    (None, "Common stock, shares subscribed but unissued, value", False, False, "number"),
    (None, "Beginning balance, value at Dec. 31, 2021", False, True, "money"),
    (None, "Revenue", False, True, "money"),
    (None, "Number of employees", False, False, "number"),
    (None, "Net loss per share, basic", True, False, "percent"),
    ("$ / shares", "Exercise price", False, False, "per_share"),
    ("shares", "Options granted", False, False, "shares"),
    ("Shares", "Exercise price (in dollars per share)", False, False, "per_share"),
    ("USD", "Revenue", False, False, "money"),
    ("$", "Options granted (in shares)", False, False, "shares"),
    ("", "Revenue", False, True, "money"),
    ("pure", "Ratio", False, False, "number"),
])
def test_unit_from(unit, label, percent, currency, expected):
    assert unit_from(unit, label_unit(label), percent, currency) == expected


def test_page_facts_class_rows_as_unit_class():
    memo = Memo()
    checked = 0
    for path in sorted(FIXTURES.glob("pages/*.txt")) + sorted(FIXTURES.glob("rhtm/*.txt")):
        for page in parse_file(path).pages:
            for frow in PageFacts(page, memo).rows:
                assert frow.unit == unit_class(frow.row, page), (path.name, frow.row.label)
                checked += 1
    assert checked > 100


def test_a_per_common_share_amount_on_a_page_in_thousands_is_not_scaled():
    """866368 R29 ('In Thousands, except Share data'): 'Net income per common share - Basic' prints $ 0.46 a share,
    not $460."""
    facts = PageFacts(parse_file(str(FIXTURES / "pages" / "866368_000095012311074573_R29.txt")).pages[0])
    eps = next(r for r in facts.rows if r.row.label == "Net income per common share - Basic")
    assert eps.unit == "per_share"
    assert [str(f.value) for f in eps.facts.values()][:1] == ["0.46"]


def test_a_label_that_quotes_the_rate_of_its_amounts_prints_amounts():
    """'Cash Dividends, $.47 and $.46 per share ...' over (6,032) on a page in thousands: $6,032,000 paid, not
    $6,032 a share (714562 R4); read as a per-share amount, the row was left out of the equity statement's roll.
    A row that prints the rate itself is a per-share amount still."""
    facts = PageFacts(parse_file(str(FIXTURES / "pages" / "714562_000110465911062419_R4.txt")).pages[0])
    dividends = next(r for r in facts.rows if r.row.label.startswith("Cash Dividends, $.47 and $.46 per share"))
    assert dividends.unit == "number" and [str(f.value) for f in dividends.facts.values()][:1] == ["-6.032E+6"]
    from checker.ast import parse_text
    page = parse_text("|\nWarrants (Details) - USD ($)\n$ in Thousands\n|\nDec. 31, 2021\n"
                      "|Warrants, exercise price, $1.25 per share\n|$ 1.25\n").pages[0]
    (price,) = PageFacts(page).rows
    assert price.unit == "per_share" and [str(f.value) for f in price.facts.values()] == ["1.25"]
