"""What a run produced, in the plain shape every reporter reads.

The runner builds one `FileResult` per input file (possibly in a worker
process, so everything here pickles cheaply) and the reporters consume them in
input order.  A result may carry `PageTable`s for the HTML report
(checker.reporters.tables).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checker.findings.model import Finding, Severity

if TYPE_CHECKING:  # the HTML report's tables (checker.reporters.tables) are imported only for it
    from checker.reporters.tables import PageTable


@dataclass(frozen=True)
class InputProblem:
    """A file that could not be read as an R-page rendering (exit status 2)."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


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
    # (rule, severity found): a rule's findings need not all take its default severity (a corroborated
    # roll-forward, a reading the page leaves open)
    by_rule_severity: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.pages += result.pages
        self.problems += result.problem is not None
        for finding in result.findings:
            self.by_severity[finding.severity.value] += 1
            key = (finding.rule, finding.severity.value)
            self.by_rule_severity[key] = self.by_rule_severity.get(key, 0) + 1

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    @property
    def by_rule(self) -> dict[str, int]:
        """rule -> its findings, whatever severity they took."""
        counts: dict[str, int] = {}
        for (rule, _), count in self.by_rule_severity.items():
            counts[rule] = counts.get(rule, 0) + count
        return counts


@dataclass(frozen=True)
class RuleInfo:
    """The rule metadata reporters show (SARIF rule table, HTML filters, statistics), and the rules it
    supersedes (checker.findings.fold), which a run served from the cache reads here."""

    id: str
    title: str
    severity: str
    description: str = ""
    rationale: str = ""
    references: tuple[str, ...] = ()
    supersedes: tuple[str, ...] = ()

    @classmethod
    def of(cls, rule) -> RuleInfo:
        """From a `checker.rules` Rule (read by attribute, so this stage stays loosely coupled)."""
        severity = getattr(rule.severity, "value", rule.severity)
        return cls(rule.id, rule.title, str(severity), rule.description or "",
                   rule.rationale or "", tuple(str(r) for r in (rule.references or ())),
                   tuple(getattr(rule, "supersedes", ())))
