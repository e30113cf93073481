"""XR004 (tie_out): one item on several pages of a filing, for one period, has one value."""
from checker.ast import parse_text
from checker.findings import check_filing
from checker.rules import load_rules

RULES = load_rules().select(["XR004"])


def page(title: str, rows: list[tuple[str, list[str]]], scale: str = "$ in Thousands",
         header: tuple[str, ...] = ("|12 Months Ended", "|", "Dec. 31, 2024", "|", "Dec. 31, 2023")) -> str:
    lines = ["|", f"{title} - USD ($)", scale, *header]
    for label, values in rows:
        lines += [f"|{label}"] + [f"|{v}" for v in values]
    return "\n".join(lines) + "\n"


def findings(*pages: str) -> list[tuple[list[int], str]]:
    return [(f.lines, f.diagnosis) for f in check_filing(parse_text("".join(pages), "filing.txt"), RULES)]


OPERATIONS = page("STATEMENTS OF OPERATIONS", [("Net income", ["$ 41,287", "$ 36,904"])])


def test_a_page_in_millions_ties_to_one_in_thousands():
    """$ 41.3 million rounds 41,287 thousand: the two agree, and the other year's slip is found."""
    millions = page("SEGMENTS (Details)", [("Net income", ["$ 41.3", "$ 39.9"])], "$ in Millions")
    assert findings(OPERATIONS, millions) == []  # 39.9 millions is no slip of 36,904 thousands at its scale
    thousands = page("SEGMENTS (Details)", [("Net income", ["$ 41,287", "$ 39,904"])])
    assert findings(OPERATIONS, thousands) == [([11, 22], "one digit differs: 6 -> 9 in the thousands place")]


def test_a_page_that_prints_the_item_twice_is_not_read():
    """Which of its two rows is the other page's is not known (NM002 reads a page's own repeats)."""
    twice = page("CASH FLOWS", [("Net income", ["$ 41,287", "$ 36,904"]), ("Net income", ["$ 41,287", "$ 39,904"])])
    assert findings(OPERATIONS, twice) == []


def test_rows_that_agree_in_no_other_period_are_not_one_item():
    other = page("CASH FLOWS", [("Net income", ["$ 41,827", "$ 12,000"])])
    assert findings(OPERATIONS, other) == []


def test_two_pages_against_two_say_nothing():
    """Two pages print one value and two another: which is right is not known."""
    a = page("CASH FLOWS", [("Net income", ["$ 41,287", "$ 36,904"])])
    b = page("EPS (Details)", [("Net income", ["$ 41,287", "$ 39,904"])])
    c = page("SEGMENTS (Details)", [("Net income", ["$ 41,287", "$ 39,904"])])
    assert findings(OPERATIONS, a, b, c) == []
    assert [lines for lines, _ in findings(OPERATIONS, a, b)] == [[11, 22, 33]]


def test_a_duration_and_an_instant_on_the_same_date_are_different_periods():
    balance = page("BALANCE SHEETS", [("Net income", ["$ 41,287", "$ 39,904"])],
                   header=("|", "Dec. 31, 2024", "|", "Dec. 31, 2023"))
    assert findings(OPERATIONS, balance) == []


def test_an_item_a_page_prints_under_current_and_non_current_sections_ties_to_the_qualified_labels():
    """Apple's balance sheet prints "Marketable securities" under "Current assets:" and "Non-current assets:";
    its note prints "Current marketable securities" and "Non-current marketable securities"."""
    balance = page("BALANCE SHEETS", [("Current assets:", []), ("Marketable securities", ["20,336", "35,228"]),
                                      ("Non-current assets:", []), ("Marketable securities", ["84,424", "91,479"])],
                   header=("|", "Mar. 29, 2025", "|", "Sep. 28, 2024"))
    note = page("Financial Instruments (Details)", [("Current Marketable Securities", ["20,336", "{current}"]),
                                                    ("Non-Current Marketable Securities", ["84,424", "91,479"])],
                header=("|", "Mar. 29, 2025", "|", "Sep. 28, 2024"))
    assert findings(balance, note.replace("{current}", "35,228")) == []
    assert findings(balance, note.replace("{current}", "35,288")) == [
        ([11, 25], "one digit differs: 2 -> 8 in the tens place")]  # the current row of the balance sheet
    # two rows under sections that do not tell them apart stay unread
    same = balance.replace("Non-current assets:", "Other assets:")
    assert findings(same, note.replace("{current}", "35,288")) == []

