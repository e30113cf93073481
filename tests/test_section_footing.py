"""FT015 (member_footing, parts: sections): a Total section's row is the sum of the same row in the sections above.

Two impaired-loans pages as filed (tests/fixtures/pages): each loan class prints its loans with no related
allowance, with an allowance, and in total, under abstract headings."""
import pytest

from checker.ast import parse_text
from checker.findings.checks.member_footing import section_groups
from checker.findings.engine import check_filing
from checker.findings.facts import PageFacts
from checker.rules import load_rules
from conftest import FIXTURES

RULES = load_rules().select(["FT015"])
TWO = "1046188_000104618814000032_R36.txt"   # three columns, two values a row; an excerpt cut inside its table
FIVE = "1046188_000104618814000040_R36.txt"  # five columns, three values a balance


def page(name: str) -> str:
    return (FIXTURES / "pages" / name).read_text(encoding="utf-8")


def retyped(text: str, number: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert lines[number - 1] == old
    lines[number - 1] = new
    return "\n".join(lines)


def findings(text: str):
    return check_filing(parse_text(text, "page.txt"), RULES)


def sums(text: str) -> list[tuple[int, list[int]]]:
    """(line of each whole, lines of its parts) that section_groups reads on the page."""
    facts = PageFacts(parse_text(text, "page.txt").pages[0])
    return [(whole.line, [p.line for p in parts]) for whole, parts in section_groups(facts.rows)]


@pytest.mark.parametrize("name", [TWO, FIVE])
def test_pages_as_filed_add_up(name):
    assert findings(page(name)) == []


def test_each_total_row_sums_its_label_in_the_sections_since_the_last_total():
    """Commercial Real Estate's three rows; the page's own Total section, printed first, has no sections above."""
    found = sums(page(TWO))
    assert (92, [72, 82]) in found and (95, [75, 85]) in found and (98, [78, 88]) in found
    assert not any(whole in (12, 15, 18) for whole, _ in found)
    assert all(len(parts) == 2 for _, parts in found)


def test_a_retyped_part_is_named_by_its_section():
    [found] = findings(retyped(page(FIVE), 111, "|4,174", "|4,114"))
    assert found.lines == [98, 111, 124]
    assert found.diagnosis == "one digit differs: 7 -> 1 in the tens place in 'With an allowance recorded' " \
                              "(line 111); or one digit differs: 0 -> 6 in the tens place in the total (line 124)"
    assert "read with each row's values in the same columns" in found.message


def test_rows_that_print_as_many_values_are_read_in_the_same_columns():
    """Two values of three: placed apart, the rows could add up in one column by chance and say nothing."""
    [found] = findings(retyped(page(TWO), 126, "|285", "|255"))
    assert found.lines == [116, 126, 136]


def test_one_section_printing_the_label_twice_is_no_sum():
    """Without its heading, the loans with an allowance fall in the section above: two rows of one section."""
    lines = page(TWO).split("\n")
    assert lines[80] == "|With an allowance recorded [Abstract]" and lines[91] == "|Recorded Investment"
    assert (92, [72, 82]) in sums("\n".join(lines))
    del lines[80]
    assert not any(whole == 91 for whole, _ in sums("\n".join(lines)))
