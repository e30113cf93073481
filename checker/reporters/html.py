"""The self-contained HTML report (`--html FILE`), rendered with jinja2.

The templates live in the top-level `reports/` directory, installed as the
package `checker.templates`.  Autoescaping is on for every template, so every
string that comes from a filing (labels, cells, titles, paths) reaches the
page as text.  This module turns results into plain view objects; the
template only lays them out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from checker.findings.model import Finding, Severity
from checker.reporters import Reporter, also_found
from checker.reporters.results import FileResult, RunSummary
from checker.reporters.tables import PageTable, TableRow

LONG_CELL = 240  # text blocks can be pages long: the table shows their start


def template_text(name: str) -> str:
    try:
        root = resources.files("checker.templates")
    except ModuleNotFoundError:  # running from a source tree that is not installed
        root = Path(__file__).resolve().parents[2] / "reports"
    return root.joinpath(name).read_text(encoding="utf-8")


@dataclass
class GridCell:
    id: str
    line: int
    text: str
    full: str
    uncertain: bool
    settled: bool = False  # the column is not printed, but the page's arithmetic puts it here (TableCell.settled)
    findings: list[str] = field(default_factory=list)
    severity: str = ""


@dataclass
class GridRow:
    label: str
    member_path: tuple[str, ...]
    kind: str
    slots: list[GridCell | None]


@dataclass
class PageView:
    id: str
    number: int
    title: str
    line: int
    columns: tuple[str, ...]
    rows: list[GridRow]
    file: str | None = None  # the other file of the filing the page is in (a finding across files: XR004)


@dataclass
class FindingView:
    id: str
    finding: Finding
    cells: list[tuple[str, object]]  # (grid cell id, Involved)


@dataclass
class FileView:
    id: str
    path: str
    pages: int
    problem: str | None
    findings: list[FindingView]
    tables: list[PageView]
    by_severity: dict[str, int]


def place_cells(row: TableRow, width: int, file_id: str, columns: tuple[str, ...] = (),
                assumed: dict[int, str] | None = None) -> list[GridCell | None]:
    """Put each cell in its column: the exact one; else the one a finding named for it (`assumed`: line ->
    column header); else the one the page's arithmetic puts it in (`TableCell.settled`); else the first free
    candidate right of the cells before, else any free candidate, else the first free slot. A cell whose
    column the page leaves open shows where a finding read it."""
    assumed = assumed or {}
    slots: list[GridCell | None] = [None] * width
    last = -1  # the column of the cell placed before: the cells of a row keep their order
    for cell in row.cells:
        text = cell.raw if len(cell.raw) <= LONG_CELL else cell.raw[:LONG_CELL] + "\u2026"
        view = GridCell(f"{file_id}-L{cell.line}", cell.line, text, cell.raw, len(cell.columns) != 1)
        free = [i for i in cell.columns if 0 <= i < width and slots[i] is None]
        ordered = [i for i in free if i > last]
        named = [i for i in ordered if i < len(columns) and columns[i] == assumed.get(cell.line)]
        settled = [i for i in ordered if i == cell.settled]
        view.settled = bool(settled) and not named
        free = named or settled or ordered or free or [i for i in range(width) if slots[i] is None]
        if not free:
            slots.append(None)
            free = [len(slots) - 1]
        slots[free[0]] = view
        last = free[0]
    return slots


def page_view(table: PageTable, file_id: str, assumed: dict[int, str] | None = None,
              file: str | None = None) -> PageView:
    width = len(table.columns) or max((len(r.cells) for r in table.rows), default=0)
    rows = [GridRow(r.label, r.member_path, r.kind, place_cells(r, width, file_id, table.columns, assumed))
            for r in table.rows]
    widest = max((len(r.slots) for r in rows), default=width)
    for row in rows:
        row.slots += [None] * (widest - len(row.slots))
    columns = table.columns + ("",) * (widest - len(table.columns))
    return PageView(f"{file_id}-p{table.index}", table.index + 1, table.title, table.line, columns, rows, file)


def file_view(number: int, result: FileResult, first_finding: int) -> FileView:
    file_id = f"file{number}"
    # the column each finding read a cell in, by (file: None for this one, line): where the page leaves it
    # open, the grid shows it there
    assumed: dict[str | None, dict[int, str]] = {}
    for c in (c for finding in result.findings for c in finding.cells if c.column):
        assumed.setdefault(c.path, {})[c.line] = c.column
    tables = [(None, file_id, table) for _, table in sorted(result.tables.items())] + [
        (path, f"{file_id}-x{k}", table) for k, (path, linked) in enumerate(sorted(result.linked.items()))
        for _, table in sorted(linked.items())]
    pages = {(path, table.index): page_view(table, grid_id, assumed.get(path), path)
             for path, grid_id, table in tables}
    cells = {(path, cell.line): cell for (path, _), page in pages.items() for row in page.rows
             for cell in row.slots if cell}
    findings = []
    by_severity = {severity.value: 0 for severity in Severity}
    for offset, finding in enumerate(result.findings):
        finding_id = f"f{first_finding + offset}"
        by_severity[finding.severity.value] += 1
        for involved in finding.cells:
            grid_cell = cells.get((involved.path, involved.line))
            if grid_cell is not None:
                grid_cell.findings.append(finding_id)
                grid_cell.severity = _worse(grid_cell.severity, finding.severity.value)
        findings.append(FindingView(finding_id, finding, [
            (cells[c.path, c.line].id if (c.path, c.line) in cells else "", c) for c in finding.cells_in_order()]))
    problem = str(result.problem) if result.problem else None
    return FileView(file_id, result.path, result.pages, problem, findings, list(pages.values()), by_severity)


def _worse(a: str, b: str) -> str:
    """The graver of two severities ("" is none yet)."""
    return max(a, b, key=lambda severity: Severity(severity).rank if severity else -1)


class HtmlReporter(Reporter):
    """Collects the files that have something to show; renders once at the end."""

    def start(self) -> None:
        self.files: list[FileView] = []
        self.clean = 0
        self.count = 0

    def file(self, result: FileResult) -> None:
        if not result.findings and not result.problem:
            self.clean += 1
            return
        self.files.append(file_view(len(self.files) + self.clean, result, self.count))
        self.count += len(result.findings)

    def finish(self, summary: RunSummary) -> None:
        import jinja2

        env = jinja2.Environment(
            loader=jinja2.FunctionLoader(template_text),
            autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
        )
        env.globals["also_found"] = also_found  # the words every format uses for a folded finding
        page = env.get_template("report.html.j2").render(
            summary=summary, files=self.files, clean=self.clean,
            rules=[(rule_id, self.options.title(rule_id), count)
                   for rule_id, count in sorted(summary.by_rule.items())],
            title=self.options.extra.get("title", "check report"),
        )
        self.out.write(page)


REPORTER = HtmlReporter
