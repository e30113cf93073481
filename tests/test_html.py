"""The HTML report on hand-made results: structure, highlighting, escaping, self-containment."""
from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from checker.cli.main import main
from checker.reporters.html import HtmlReporter
from checker.reporters.results import FileResult, InputProblem
from reporting_samples import feed, seed_result

XSS_LABEL = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def render(results: list[FileResult]) -> str:
    return feed(HtmlReporter, results)


class Elements(HTMLParser):
    """Every start tag with its attributes, to query the report without a browser."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def having(self, tag: str, attr: str) -> list[dict]:
        return [a for t, a in self.tags if t == tag and attr in a]


def test_highlighted_cells_are_the_findings_cells():
    page = Elements(render([seed_result()]))
    hits = {a["data-line"]: a for a in page.having("td", "data-findings")}
    assert sorted(hits) == ["22", "35", "58"]
    assert hits["22"]["data-findings"] == "f0" and "hit-error" in hits["22"]["class"]
    assert "hit-warning" in hits["58"]["class"] and "uncertain" in hits["58"]["class"]
    finding = next(a for a in page.having("li", "data-rule") if a["id"] == "f0")
    assert finding["data-cells"].split() == ["file0-L22", "file0-L35"]


def test_cells_and_findings_link_to_each_other():
    text = render([seed_result()])
    assert '<a href="#file0-L22">' in text and '<a href="#f0">451,898</a>' in text


def test_summary_and_filters():
    page = Elements(render([seed_result()]))
    boxes = [(a["name"], a["value"]) for a in page.having("input", "name")]
    assert boxes == [("severity", "error"), ("severity", "warning"), ("severity", "info"),
                     ("rule", "RG001"), ("rule", "XR001")]


def test_a_folded_finding_names_the_rules_it_stands_for():
    result = seed_result()
    result.findings[0] = replace(result.findings[0], also=("NM001",))
    text = render([result])
    assert '<p class="also">also found by NM001, on these same cells</p>' in text
    assert 'class="also"' not in render([seed_result()])


def test_every_filing_string_is_escaped():
    text = render([seed_result(path='a<b>.txt', label=XSS_LABEL)])
    assert "<script>window" not in text and "<img src=x" not in text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in text
    scripts = [a for t, a in Elements(text).tags if t in ("script", "img")]
    assert scripts == [{}]  # only the report's own inline script
    assert "a&lt;b&gt;.txt" in text


def test_self_contained():
    text = render([seed_result()])
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    assert "<link" not in text and "@import" not in text


def test_batch_has_an_index_and_a_section_per_file():
    results = [seed_result("a.txt"), FileResult("clean.txt", pages=2), seed_result("b.txt"),
               FileResult("bad.txt", problem=InputProblem("bad.txt", None, "not an R page"))]
    text = render(results)
    page = Elements(text)
    sections = [a["id"] for t, a in page.tags if t == "section" and a.get("class") == "file"]
    assert sections == ["file0", "file2", "file3"]
    assert "1 other file had no findings." in text
    assert "bad.txt: not an R page" in text
    finding_ids = [a["id"] for a in page.having("li", "data-rule")]
    assert finding_ids == ["f0", "f1", "f2", "f3"]  # unique across files


def test_no_findings():
    assert "No findings." in render([FileResult("clean.txt", pages=1)])


def test_a_cell_the_page_leaves_open_sits_where_its_roll_forward_rolls():
    """A cell settled by the page's arithmetic (TableCell.settled) sits in that column and says why; a finding's
    own reading of it still comes first."""
    from checker.reporters.html import place_cells
    from checker.reporters.tables import TableCell, TableRow

    columns = ("Total", "Paid-in capital", "Retained earnings", "Other comprehensive income")
    row = TableRow("Net income", (), "item", (TableCell(26, "57,552", (0, 1, 2), 0),
                                              TableCell(27, "57,552", (1, 2, 3), 2)))
    slots = place_cells(row, 4, "file0", columns)
    assert [slot.full if slot else None for slot in slots] == ["57,552", None, "57,552", None]
    assert [slot.settled for slot in slots if slot] == [True, True]
    slots = place_cells(row, 4, "file0", columns, {27: "Other comprehensive income"})
    assert [slot.line if slot else None for slot in slots] == [26, None, None, 27]
    assert [slot.settled for slot in slots if slot] == [True, False]


def test_the_html_grid_places_an_equity_statements_movements_where_they_roll(tmp_path):
    """aapl-2025q1 R6 prints each movement in one or two of four columns; a finding on the page puts it in the
    report, whose grid shows each movement in the column EDGAR's own table has it in: where the roll-forward
    rolls, and for the quarter the change breaks, where only the column the finding reads fails."""
    fixture = Path(__file__).parent / "fixtures" / "rules" / "sparse_total_aapl-2025q1_R6.txt"
    lines = fixture.read_text(encoding="utf-8").split("\n")
    assert lines[54] == "|3,049"  # the second quarter's share-based compensation: that roll fails, the first rolls
    lines[54] = "|3,649"
    page = tmp_path / "R6.txt"
    page.write_text("\n".join(lines), encoding="utf-8")
    report = tmp_path / "report.html"
    assert main(["--no-cache", "--quiet", "--html", str(report), str(page)]) == 0  # a warning
    html = report.read_text(encoding="utf-8")
    assert 'data-rule="RF003"' in html
    # EDGAR's columns for the movements (rhtm ground truth): Total 0, paid-in capital 1, retained earnings 2,
    # other comprehensive income 3. The half-year rolls in one placement only; the quarter that the change
    # breaks rolls in every column but paid-in capital under one placement, where that misses by the least
    truth = {19: 1, 21: 1, 22: 2, 24: 1, 26: 0, 27: 2, 29: 2, 31: 2, 33: 0, 34: 3,
             50: 1, 52: 1, 53: 2, 55: 1, 57: 0, 58: 2, 60: 2, 62: 2, 64: 0, 65: 3}
    for line, column in truth.items():
        row = re.search(rf'<tr[^>]*>((?:(?!</tr>).)*?data-line="{line}".*?)</tr>', html, re.S)
        assert row is not None, line
        cells = re.findall(r"<td[^>]*>", row.group(1))
        assert [i for i, td in enumerate(cells) if f'data-line="{line}"' in td] == [column], line
        assert "placed where the page's arithmetic holds" in cells[column]


def test_a_cell_the_page_leaves_open_sits_where_a_finding_read_it():
    """Three values over five columns (an equity statement's movement): by default they take the first
    columns they may; the one a finding read under Total sits there, and the cells keep their order."""
    from checker.reporters.html import place_cells
    from checker.reporters.tables import TableCell, TableRow

    columns = ("Common Stock", "Preferred", "APIC", "Deficit", "Total")
    row = TableRow("Issuance", (), "item", (TableCell(10, "$ 30", (0, 1, 2)), TableCell(11, "67,570", (1, 2, 3)),
                                            TableCell(12, "67,600", (2, 3, 4))))

    def shown(assumed):
        return [slot.full if slot else None for slot in place_cells(row, 5, "file0", columns, assumed)]

    assert shown({}) == ["$ 30", "67,570", "67,600", None, None]
    assert shown({12: "Total"}) == ["$ 30", "67,570", None, None, "67,600"]
    assert shown({11: "Deficit", 12: "Total"}) == ["$ 30", None, None, "67,570", "67,600"]
    # a column no candidate has, or one left of a cell already placed, is not taken
    assert shown({12: "Common Stock"}) == ["$ 30", "67,570", "67,600", None, None]
