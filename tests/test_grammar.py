"""The line and value grammars: what each token accepts, and that the compiled lexer is pyparsing's."""

from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from checker.grammar import classify_line, classify_value
from checker.grammar.compile import TABLES, render
from checker.grammar.tokens import LINE, VALUE
from conftest import FIXTURES, ROOT


@pytest.mark.parametrize("line, kind", [
    ("|", "bare"), ("|X", "def_open"), ("|[1]", "footnote"), ("|[1][2]", "footnote"),
    ("|[1],[2]", "footnote"),
    ("|3 Months Ended", "group"), ("|12 Months Ended", "group"), ("|$ 315,370", "cell"),
    ("|Deferred Revenue", "cell"), ("- Definition", "def_marker"), ("+ References", "def_marker"),
    ("Reference 1: http://www.xbrl.org/2003/role/disclosureRef", "reference"),
    ("No definition available.", "no_definition"), ("Jan. 31, 2020", "text"), ("", "text"),
])
def test_line_kinds(line, kind):
    assert classify_line(line).kind == kind


@pytest.mark.parametrize("content, kind", [
    ("$ 315,370", "money"), ("$ (0.08)", "money"), ("€ 9,054", "money"), ("(124,167)", "number"),
    ("1,587,553", "number"), ("1,587,553 [1]", "number"), ("$ 80,034 [1],[2]", "money"),
    ("$ .77", "money"), ("(.5%)", "percent"), ("0.6666666667", "number"), ("51.00%", "percent"),
    ("(5.5%)", "percent"), ("5 years 4 months 24 days", "duration"), ("90 days", "duration"),
    ("1-for-14", "ratio"), ("Feb. 01, 2031", "date"), ("May 04, 2019", "date"), ("true", "boolean"),
    ("No", "boolean"), ("—", "dash"), ("P90D", "duration"), ("P4Y", "duration"), ("P2Y6M15D", "duration"),
    ("P1.5Y", "duration"),
])
def test_value_kinds(content, kind):
    assert classify_value(content).kind == kind


@pytest.mark.parametrize("content, currency", [
    ("SFr 7,999,617", "SFr"), ("SFr (4,926)", "SFr"), ("kr 1,250", "kr"), ("NT$ 3,400", "NT$"), ("₩ 12,000", "₩"),
    ("CAD 1,234", "CAD"), ("R$ 56", "R$"),
])
def test_amounts_in_the_currencies_edgar_prints(content, currency):
    """EDGAR prints a Swiss franc amount as "SFr 7,999,617" (1601936 R91, "CHF (SFr)"); read as text, such a
    value became a row label and its row lost its cells."""
    token = classify_value(content)
    assert (token.kind, token.groups["cur"]) == ("money", currency)


@pytest.mark.parametrize("content", ["P", "P1", "PD", "Plan", "P90"])
def test_text_that_is_no_iso_duration(content):
    assert classify_value(content) is None


def test_an_iso_duration_is_its_rows_value_not_the_next_rows_label():
    """The older renderer prints durations as XBRL stores them ("P90D"); read as text, each became the label of a
    row that took the next row's label as its text value (1036070 R27)."""
    from checker.ast import parse_text

    page = parse_text("\n".join([
        "|", "Loans (Details) (USD $)", "|12 Months Ended", "|", "Dec. 31, 2011",
        "|Number of delinquent days to discontinue accrual of interest (in days)", "|P90D",
        "|Maximum past due days to charged off consumer installment loans (in days)", "|P180D", ""]), "p.txt").pages[0]
    assert [(r.label[:22], [(c.raw, c.kind.value) for c in r.cells]) for r in page.rows] == [
        ("Number of delinquent d", [("P90D", "duration")]), ("Maximum past due days ", [("P180D", "duration")])]


def test_a_row_of_swiss_franc_amounts_keeps_its_cells():
    from checker.ast import parse_text

    page = parse_text("\n".join([
        "|", "Employee benefits - Change in defined benefit obligation (Details) - CHF (SFr)", "|12 Months Ended",
        "|", "Dec. 31, 2017", "|", "Dec. 31, 2016", "|Defined benefit obligation at December 31",
        "|SFr 1,962,970", "|SFr 2,092,434", ""]), "page.txt").pages[0]
    (row,) = page.rows
    assert [(c.raw, c.kind.value, c.currency, c.value) for c in row.cells] == [
        ("SFr 1,962,970", "money", "SFr", 1962970), ("SFr 2,092,434", "money", "SFr", 2092434)]


def test_notes_the_older_renderer_separates_by_commas_mark_the_value_above():
    """"|[1],[2]" under "$ 80,034" read as the next row's label, which took the next value and the member heading
    below it as its cells (1373485 R36)."""
    from checker.ast import parse_text

    page = parse_text("\n".join([
        "|", "Price risk management activities (Details) (USD $)", "|3 Months Ended", "|", "Mar. 31, 2013", "|",
        "Dec. 31, 2012", "|Fair Value of Outstanding Derivatives Contracts", "|$ 80,034", "|[1],[2]", "|$ 290,788",
        "|[1],[2]", "|", "March 2011 Swap", "|Price Per Unit", "|104.55", "|[1]", ""]), "page.txt").pages[0]
    assert [(row.label, row.member_path, [(c.raw, c.footnotes) for c in row.cells]) for row in page.rows] == [
        ("Fair Value of Outstanding Derivatives Contracts", [], [("$ 80,034", ["1", "2"]), ("$ 290,788", ["1", "2"])]),
        ("March 2011 Swap", ["March 2011 Swap"], []),
        ("Price Per Unit", ["March 2011 Swap"], [("104.55", ["1"])])]


def test_an_amount_without_its_whole_part_is_read_as_printed():
    """Older filings print a share price of 77 cents as "$ .77" (1576197 R55); read as text, it became a row label."""
    from checker.ast.values import cell_value

    value = cell_value("$ .77")
    assert (value.kind.value, value.value, value.decimals, value.currency) == ("money", Decimal("0.77"), 2, "$")


@pytest.mark.parametrize("title, kind", [
    ("CONSOLIDATED STATEMENTS OF OPERATIONS", "income"),
    ("Consolidated Statements of Income", "income"),
    ("UNAUDITED CONDENSED CONSOLIDATED INCOME STATEMENT", "income"),
    ("CONSOLIDATED STATEMENT OF PROFIT OR LOSS", "income"),  # IFRS
    ("Consolidated Statement of Profit or (Loss)", "income"),
    ("Condensed Consolidated Statements of Profit or (Loss) and Other Comprehensive Income or (Loss)",
     "comprehensive_income"),
    ("CONSOLIDATED STATEMENTS OF OPERATIONS AND COMPREHENSIVE LOSS", "comprehensive_income"),
    ("Statements of Operations (Parenthetical)", "parenthetical"),
    ("Profit or loss from discontinued operations (Details)", "details"),
    ("Profit or loss", "note"),
])
def test_statement_kinds_from_titles(title, kind):
    from checker.ast.values import statement_kind

    assert statement_kind(title).value == kind


@pytest.mark.parametrize("content", ["Deferred Revenue", "10-Q", "Customer A [Member] | Revenue", "$", "1,2,3,4",
                                     ".", "$ .", "1.2.3"])
def test_free_text_is_no_value(content):
    assert classify_value(content) is None


def reference(grammar, text):
    """pyparsing's own answer: the first token of the MatchFirst matching the whole text."""
    try:
        return grammar.parse_string(text, parse_all=True)[0]
    except Exception:
        return None


def fixture_lines():
    paths = sorted((FIXTURES / "pages").glob("*.txt")) + [ROOT / "examples" / "filing.txt"]
    return sorted({line for p in paths for line in p.read_text(encoding="utf-8").split("\n")})


def test_compiled_lexer_agrees_with_pyparsing_on_every_fixture_line():
    for line in fixture_lines():
        assert classify_line(line) == reference(LINE, line), line
        if line.startswith("|"):
            content = line[1:].strip()
            assert classify_value(content) == reference(VALUE, content), content


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("|$()[]-,.% 0123456789XDefinitonMayJn\t")), max_size=30))
def test_compiled_lexer_agrees_with_pyparsing_on_random_text(text):
    text = text.replace("\n", "")
    assert classify_line(text) == reference(LINE, text)
    assert classify_value(text) == reference(VALUE, text)


def test_lexer_tables_are_compiled_from_the_current_grammar():
    """tables.py is generated: regenerate it with `python3 -m checker.grammar.compile`."""
    assert TABLES.read_text(encoding="utf-8") == render()


def test_check_does_not_import_pyparsing():
    import subprocess
    import sys
    code = "import sys, checker.ast, checker.grammar; print('pyparsing' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"
