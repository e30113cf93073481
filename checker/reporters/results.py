"""What a run produced, in the plain shape every reporter reads.

The runner builds one `FileResult` per input file (possibly in a worker
process, so everything here pickles cheaply) and the reporters consume them in
input order.  A `PageTable` is a light copy of a page's grid, made only for
pages that have findings and only when the HTML report is asked for, so that a
batch of thousands of files never keeps its ASTs alive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checker.findings.model import Finding, Severity

if TYPE_CHECKING:  # the AST is only needed to build tables, never at import
    from checker.ast.model import Page, Row


@dataclass(frozen=True)
class InputProblem:
    """A file that could not be read as an R-page rendering (exit status 2)."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class TableCell:
    """A value cell as the HTML report re-renders it: its line, text and candidate columns."""

    line: int
    raw: str
    columns: tuple[int, ...]


@dataclass(frozen=True)
class TableRow:
    """A row of a page's table as the HTML report re-renders it."""

    label: str
    member_path: tuple[str, ...]
    kind: str                       # item | abstract | member (a heading row naming a member)
    cells: tuple[TableCell, ...]


@dataclass(frozen=True)
class PageTable:
    """A page's table kept for the HTML report, independent of the AST."""

    index: int
    title: str
    line: int
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]


@dataclass
class FileResult:
    """What checking one file gave: its page count, findings, problem or warnings, and report tables."""

    path: str
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)
    problem: InputProblem | None = None
    tables: dict[int, PageTable] = field(default_factory=dict)
    linked: dict[str, dict[int, PageTable]] = field(default_factory=dict)  # other files' pages its findings name
    warnings: list[InputProblem] = field(default_factory=list)  # lines the parser could not place


@dataclass
class RunSummary:
    """Counts over the whole run, for summaries and exit codes."""

    files: int = 0
    pages: int = 0
    problems: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Severity})
    by_rule: dict[str, int] = field(default_factory=dict)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.pages += result.pages
        self.problems += result.problem is not None
        for finding in result.findings:
            self.by_severity[finding.severity.value] += 1
            self.by_rule[finding.rule] = self.by_rule.get(finding.rule, 0) + 1

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())


def page_table(page: Page) -> PageTable:
    return PageTable(
        index=page.index,
        title=page.name,
        line=page.line,
        columns=tuple(column.label for column in page.columns),
        rows=tuple(_table_row(row) for row in page.rows),
    )


def _table_row(row: Row) -> TableRow:
    return TableRow(
        label=row.label,
        member_path=tuple(row.member_path),
        kind=row.kind.value,
        cells=tuple(TableCell(cell.line, cell.raw, tuple(cell.columns)) for cell in row.cells),
    )


@dataclass(frozen=True)
class RuleInfo:
    """The rule metadata reporters show (SARIF rule table, HTML filters, statistics)."""

    id: str
    title: str
    severity: str
    description: str = ""
    rationale: str = ""
    references: tuple[str, ...] = ()

    @classmethod
    def of(cls, rule) -> RuleInfo:
        """From a `checker.rules` Rule (read by attribute, so this stage stays loosely coupled)."""
        severity = getattr(rule.severity, "value", rule.severity)
        return cls(rule.id, rule.title, str(severity), rule.description or "",
                   rule.rationale or "", tuple(str(r) for r in (rule.references or ())))
