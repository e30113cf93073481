"""Real pages: each parses with nothing unparsed, every line owned once, and renders back byte for byte."""
import json

import pytest

from bench.parse_corpus import alignment
from checker.ast import parse_file, parse_text
from conftest import FIXTURES, ROOT

PAGES = sorted((FIXTURES / "pages").glob("*.txt")) + sorted((FIXTURES / "rhtm").glob("*.txt")) + [
    ROOT / "examples" / "filing.txt", ROOT / "examples" / "multipage.txt"]


def test_enough_diverse_pages():
    assert len(PAGES) >= 40


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_page_is_lossless(path):
    filing = parse_file(str(path))
    assert list(filing.unparsed()) == []
    assert filing.render().encode("utf-8") == path.read_bytes()
    owned = sorted(n for leaf in filing.leaves() for n in range(leaf.line, leaf.line + len(leaf.source)))
    assert owned == list(range(1, filing.line_count + 1))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_no_two_nodes_share_a_list(path):
    """Nodes are made without validation (checker.ast.construct): each must still own its lists."""
    filing = parse_file(str(path))
    lists = [value for page in filing.pages for node in [page, *page.leaves()]
             for value in node.__dict__.values() if isinstance(value, list)]
    assert len({id(value) for value in lists}) == len(lists)


@pytest.mark.parametrize("path", sorted((FIXTURES / "rhtm").glob("*.txt")), ids=lambda p: p.name)
def test_columns_agree_with_ground_truth(path):
    facts = json.loads(path.with_suffix(".facts.json").read_text())
    tally = alignment(parse_file(str(path)), facts)
    assert tally["exact_wrong"] == 0 and tally["outside"] == 0, tally
    # Apple's statement of operations ends with "Products" and "Services" over "Net sales" again: members
    assert tally["members_ok"] == tally["matched"], tally
    if path.name != "aapl-2025q1_R16.txt":  # a definition pop-up only: no table in the text
        assert tally["matched"] == tally["facts"], tally


def test_multipage_example_has_three_pages():
    filing = parse_file(str(ROOT / "examples" / "multipage.txt"))
    assert [p.title.kind.value for p in filing.pages] == ["income", "balance_sheet", "details"]
    assert [p.line for p in filing.pages] == [1, 220, 502]


def test_old_renderer_header_without_pipes():
    page = parse_file(str(FIXTURES / "pages" / "714562_000110465911062419_R4.txt")).pages[0]
    assert page.title.text == "CONSOLIDATED STATEMENTS OF SHAREHOLDERS' EQUITY"
    assert page.title.unit == "USD $" and page.title.money_scale == 3
    assert [c.header[0] for c in page.columns][:2] == ["Total", "Common Stock"]


def test_table_inside_a_text_block_is_read_from_its_lines():
    page = parse_file(str(FIXTURES / "pages" / "1373988_000144530513000648_R43.txt")).pages[0]
    block = next(cell for _, cell in page.cells() if cell.table)
    rows = {row.label: row for row in reversed(block.table)}  # the first year of two
    assert [(c.line, c.value, c.currency) for c in rows["Total revenues"].cells][:2] == [
        (15, 23738185, "$"), (17, 27190839, "$")]
    assert [c.value for c in rows["Loss from operations"].cells][:2] == [-3910260, -1528334]  # "(3,910,260" / ")"
    assert [str(c.value) for c in rows["Diluted net loss per share (1)"].cells] == ["-0.19", "-0.12", "-0.08", "-0.12"]
    assert all(row.source == [] and all(c.source == [] for c in row.cells) for row in block.table)  # views


def test_table_in_a_text_block_with_pipes_keeps_currency_signs_with_amounts():
    """"|$" then "|173,599" is one money cell; "|95,088" then an unpiped label starts the next row."""
    page = parse_file(str(FIXTURES / "pages" / "1288847_000128884722000017_R22.txt")).pages[0]
    assert "$" not in [row.label for row in page.rows]
    revenue = next(row for row in page.rows if row.label == "Revenue")
    assert [(c.line, c.raw, c.value) for c in revenue.cells[:2]] == [(15, "$ 173,599", 173599), (17, "$ 154,328", 154328)]
    assert revenue.cells[-1].raw == "$ 95,088" and revenue.cells[-1].source == ["|$", "|95,088"]
    assert next(row for row in page.rows if row.line == 31).label == "Cost of revenue (1)(2)"


@pytest.mark.parametrize("path, line, scale", [
    ("rhtm/aapl-2025q1_R4.txt", 81, 6),   # "Common stock ... paid-in capital, $0.00001 par value: ... shares authorized"
    ("rhtm/orcl-R2.txt", 87, 6),          # "Common stock, $0.01 par value ...-authorized: 11,000 shares"
    ("pages/1934064_000155837024010492_R61.txt", 35, 3),  # "Warrant liability, ending" is money
    ("rhtm/aapl-2025q1_R2.txt", 83, 3),   # "Basic (in shares)" on "shares in Thousands, $ in Millions"
    ("rhtm/aapl-2025q1_R2.txt", 39, 6),   # operating expenses in millions
    # an equity statement's movement printed twice: "Stock issued for the exercise of stock options" is the
    # amount ($ in Thousands), "..., shares" below it the count; "Stock-based compensation, shares" a count too
    ("pages/1289340_000149315223040354_R5.txt", 44, 3),
    ("pages/1289340_000149315223040354_R5.txt", 47, 0),
    ("pages/1289340_000149315223040354_R5.txt", 34, 0),
    ("rules/sparse_total_aapl-2025q1_R6.txt", 21, 6),  # "Common stock withheld related to net share settlement"
    # "Weighted average shares attributable to deferred compensation plans" counts shares ("In Thousands,
    # except Share data"), though "compensation" is a word of money
    ("pages/1060523_000110465913061650_R32.txt", 53, 0),
])
def test_amounts_whose_labels_mention_shares_take_the_money_scale(path, line, scale):
    filing = parse_file(str(FIXTURES / path))
    cell = next(c for _, c in filing.pages[0].cells() if c.line == line)
    assert cell.scale == scale, (cell.raw, cell.scale)


@pytest.mark.parametrize("path, headings", [
    ("pages/1412558_000110465924089121_R88.txt", ["Loans", "Lease obligations", "Bonds"]),
    ("pages/1934064_000155837024010492_R61.txt",
     ["Convertible Notes Warrants - Senior Debt", "Convertible Notes Warrants - Subordinated Debt"]),
])
def test_member_headings_without_member_are_known_by_the_section_they_repeat(path, headings):
    page = parse_file(str(FIXTURES / path)).pages[0]
    members = [row.label for row in page.rows if row.kind.value == "member"]
    assert members[:len(headings)] == headings
    first = next(row for row in page.rows if row.member_path == [headings[0]] and row.cells)
    assert first.kind.value == "item"


def test_a_heading_over_the_line_items_names_a_member():
    """The newer renderer prints a member without "[Member]": "Pension", then the table's "... [Line Items]"
    (a heading, however long, never a text value), and again "Healthcare" and "Other" over the same line items."""
    page = parse_file(str(FIXTURES / "pages" / "1567094_000162828020016156_R50.txt")).pages[0]
    assert [row.label for row in page.rows if row.kind.value == "member"] == ["Pension", "Healthcare", "Other"]
    service = [row for row in page.rows if row.label == "Service cost"]
    assert [row.member_path for row in service] == [["Pension"], ["Healthcare"], ["Other"]]
    assert all(cell.kind.value != "text" for row in page.rows for cell in row.cells)


def test_ifrs_members_and_line_items_are_known_in_lower_case():
    """IFRS labels end in "[member]" and "[line items]": the cost and the accumulated depreciation of the property,
    plant and equipment are members, as US GAAP's "[Member]" would be."""
    page = parse_file(str(FIXTURES / "pages" / "312069_000156276221000043_R159.txt")).pages[0]
    assert [row.member_path for row in page.rows if row.label.startswith("Beginning balance")] == [
        [], ["Cost [member]"], ["Accumulated depreciation and impairment [member]"], ["Property [member]"],
        ["Property [member]", "Cost [member]"], ["Property [member]", "Accumulated depreciation and impairment [member]"]]


def test_a_heading_over_ifrs_line_items_names_a_member():
    """"Present value of plan assets" then "Disclosure of net defined benefit liability (asset) [line items]": the
    obligation's and the assets' roll-forwards are two members' rows, not one item's."""
    page = parse_file(str(FIXTURES / "pages" / "1654126_000141057822000304_R91.txt")).pages[0]
    members = ["Present value of the defined benefit obligations", "Present value of plan assets"]
    assert [row.label for row in page.rows if row.kind.value == "member"] == members
    assert [row.member_path for row in page.rows if row.label == "Beginning balance"] == [[members[0]], [members[1]]]


def test_a_typed_dimensions_value_is_a_member():
    """A typed dimension prints its value after the axis: "... Start Date [Axis]: 2025-03-30" (Apple R29)."""
    axis = "Revenue, Remaining Performance Obligation, Expected Timing of Satisfaction, Start Date [Axis]"
    text = "\n".join([
        "|", "Revenue - Deferred Revenue, Expected Timing of Realization (Details)", "|", "Mar. 29, 2025",
        f"|{axis}: 2025-03-30", "|Revenue, Remaining Performance Obligation, Expected Timing of Satisfaction [Line Items]",
        "|Deferred revenue, expected timing of realization, percentage", "|66.00%",
        f"|{axis}: 2026-03-29", "|Revenue, Remaining Performance Obligation, Expected Timing of Satisfaction [Line Items]",
        "|Deferred revenue, expected timing of realization, percentage", "|24.00%", ""])
    rows = [row for row in parse_text(text).pages[0].rows if row.cells]
    assert [row.member_path for row in rows] == [[f"{axis}: 2025-03-30"], [f"{axis}: 2026-03-29"]]


def test_a_heading_over_an_abstract_that_a_member_repeats_names_a_member():
    """Schedule II prints each reserve as a heading over the same "[Roll Forward]": the first heading is a member
    as the second is, not a section the second would be a part of."""
    page = parse_file(str(FIXTURES / "pages" / "1352010_000135201022000020_R97.txt")).pages[0]
    members = ["Allowance for doubtful accounts for trade receivables and contract assets",
               "Valuation allowance on deferred tax assets"]
    assert [row.label for row in page.rows if row.kind.value == "member"] == members
    assert [row.member_path for row in page.rows if row.label == "Additions"] == [[members[0]], [members[1]]]


def test_headings_over_the_same_items_stay_sections_when_the_first_is_under_one():
    """"Financial assets" then "Financial liabilities", each over "Gross amount": an item repeated under a second
    heading makes it a member heading only when the page printed it for the whole, under no heading (Apple's
    "Net sales", then "Products" over "Net sales")."""
    def kinds(text):
        page = parse_text("|\nOffsetting (Details)\n|\nDec. 31, 2024\n" + text).pages[0]
        return [(row.label, row.kind.value) for row in page.rows if not row.cells]

    assert kinds("|Financial assets\n|Gross amount\n|1,822\n|Financial liabilities\n|Gross amount\n|(4,988)\n") == [
        ("Financial assets", "abstract"), ("Financial liabilities", "abstract")]
    assert kinds("|Net sales\n|95,359\n|Products\n|Net sales\n|68,714\n|Services\n|Net sales\n|26,645\n") == [
        ("Products", "member"), ("Services", "member")]


def test_a_heading_over_a_plain_section_repeated_below_stays_a_section():
    """Only an XBRL abstract ("[Roll Forward]", "[Abstract]") repeated under headings says they are members:
    "Valuation method" over "Monte Carlo simulation" is a filer's heading."""
    page = parse_text("|\nWarrants (Details)\n|\nDec. 31, 2021\n|Valuation method\n|Monte Carlo simulation\n"
                      "|Term\n|5\n|Inputs\n|Monte Carlo simulation\n|Term\n|4\n").pages[0]
    assert (page.rows[0].label, page.rows[0].kind.value) == ("Valuation method", "abstract")


def test_members_over_the_line_items_add_up_to_their_whole():
    """Level 1 and Level 2 of the notes under the notes' own heading: with the headings read as members, the
    fair value's levels are the whole's parts (FT012)."""
    page = parse_file(str(FIXTURES / "pages" / "1605484_000160548424000022_R169.txt")).pages[0]
    liabilities = [row for row in page.rows if row.label == "Financial liabilities, at fair value"]
    assert [row.member_path[0] for row in liabilities] == [
        "Notes", "Borrowings from banks & Other debt", "Level 3", "Level 1", "Level 2", "Level 2"]
    losses = [row for row in page.rows if row.label.startswith("Losses recognized")]
    assert [row.member_path for row in losses] == [["Cash flow hedge reserve"], ["Effect of change in exchange rates"],
                                                  ["Remeasurement of the fair value of financial assets"]]


def test_a_bare_heading_under_a_row_with_values_names_a_member():
    """"|" then "1-4 Family Residential": the row above has its values, so this starts a member's rows."""
    page = parse_file(str(FIXTURES / "pages" / "1601545_000160154514000075_R43.txt")).pages[0]
    members = [(row.line, row.label) for row in page.rows if row.kind.value == "member"]
    assert members == [(25, "1-4 Family Residential"), (38, "Home Equity"), (48, "Commercial Business"),
                       (57, "Consumer")]
    interest = [row for row in page.rows if row.label == "Interest Income Recognized"]
    assert [row.member_path for row in interest] == [[], ["1-4 Family Residential"], ["Home Equity"],
                                                     ["Commercial Business"], ["Consumer"]]
    assert all(cell.kind.value != "text" for row in interest for cell in row.cells)


def test_excerpts_cut_before_their_definitions_and_pasted_together_stay_apart():
    """Pages that end mid-table or mid-text, one after another: each next title block (with or without a
    scale line, over duration groups or bare dates) opens a page, and every page reads as it does alone."""
    names = ["1676163_000121390022045166_R5.txt", "1091983_000154812313000140_R41.txt",
             "1527702_000107878220000260_R81.txt", "312069_000156276221000043_R159.txt"]
    texts = [(FIXTURES / "pages" / name).read_text() for name in names]
    pasted = parse_text("".join(texts))
    alone = [parse_text(text).pages[0] for text in texts]

    def table(page):
        return page.title.text, [(row.label, [cell.raw for cell in row.cells]) for row in page.rows]

    assert [table(page) for page in pasted.pages] == [table(page) for page in alone]
    assert [page.line for page in pasted.pages] == [1, 125, 175, 216]
    assert pasted.render() == "".join(texts)


def test_a_page_with_member_columns_opens_after_a_page_cut_off_mid_table():
    """1676163 R5 ends mid-table; a second copy pasted below it starts with a title that ends as EDGAR's do
    ('- USD ($)') over member columns ('Common Stock', ..., 'Total'), not a period header: it opens a page
    of its own instead of adding its headers to the first page as member headings."""
    text = (FIXTURES / "pages" / "1676163_000121390022045166_R5.txt").read_text()
    alone = parse_text(text).pages[0]
    pasted = parse_text(text + text)
    assert [page.line for page in pasted.pages] == [1, text.count("\n") + 1]
    for page in pasted.pages:
        assert [c.label for c in page.columns] == [c.label for c in alone.columns]
        assert [(row.label, [cell.raw for cell in row.cells]) for row in page.rows] == \
               [(row.label, [cell.raw for cell in row.cells]) for row in alone.rows]


def test_a_schedule_by_year_has_a_row_per_year():
    """1038133 R58: '|2023' over '|8,816' prints a row labelled 2023 as two values would print; the row
    above them would hold more values than the page has columns, so each bare year starts a row."""
    page = parse_file(str(FIXTURES / "pages" / "1038133_000103813322000024_R58.txt")).pages[0]
    first = next(i for i, row in enumerate(page.rows) if row.label == "2022 (remaining)")
    schedule = page.rows[first:first + 6]
    assert [(row.label, [cell.raw for cell in row.cells]) for row in schedule] == [
        ("2022 (remaining)", ["$ 7,095"]), ("2023", ["8,816"]), ("2024", ["8,112"]),
        ("2025", ["8,059"]), ("2026", ["7,677"]), ("Thereafter", ["24,486"])]
    assert [(row.line, row.source) for row in schedule[1:3]] == [(49, ["|2023"]), (51, ["|2024"])]


@pytest.mark.parametrize("cells,rows", [
    (["2022", "2021"], [("December 31,", ["2022", "2021"])]),              # years over years: a header
    (["2,023", "8,816", "2024"], [("December 31,", ["2,023", "8,816", "2024"])]),  # no bare year followed by a value
    (["$ 5", "2023", "6"], [("December 31,", ["$ 5"]), ("2023", ["6"])]),
])
def test_only_a_bare_year_followed_by_a_value_in_an_overfull_row_starts_a_row(cells, rows):
    text = "|\nSchedule (Details)\n|\nDec. 31, 2021\n|December 31,\n" + "".join(f"|{c}\n" for c in cells)
    page = parse_text(text).pages[0]
    assert [(row.label, [cell.raw for cell in row.cells]) for row in page.rows] == rows


def test_a_member_heading_under_a_row_left_empty_still_names_a_member():
    """'|Total' with no loans in 'Commercial Unsecured', then "|" and 'Loans Subject To Loss Share Agreements |
    Commercial Real Estate Owner occupied': a bare line that names members opens the next member's rows rather
    than giving the empty Total a text value."""
    page = parse_file(str(FIXTURES / "pages" / "1415277_000117120013000086_R45.txt")).pages[0]
    total = next(row for row in page.rows if row.line == 80)
    assert (total.label, total.cells) == ("Total", [])
    heading = next(row for row in page.rows if row.line == 81)
    assert heading.kind.value == "member"
    last = next(row for row in page.rows if row.line == 89)
    assert last.member_path == ["Loans Subject To Loss Share Agreements", "Commercial Real Estate Owner occupied"]
    assert [cell.raw for cell in last.cells] == ["2,806", "2,820"]
