"""Formatters: each turns the stream of FileResults into one output format.

Reporters are kept apart from checking: they see only `FileResult`s and
`RuleInfo`s.  The modules are imported on demand (`reporter_for`) so that the
default text output never pays for jinja2 or the SARIF code.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TextIO

from checker.reporters.results import FileResult, RuleInfo, RunSummary

FORMATS = {
    "text": "checker.reporters.text",
    "json": "checker.reporters.json_format",
    "sarif": "checker.reporters.sarif",
    "junit": "checker.reporters.junit",
    "github": "checker.reporters.github",
    "gitlab": "checker.reporters.gitlab",
}


@dataclass
class ReportOptions:
    """What every reporter is told besides the results: the rules' metadata and display switches."""

    rules: tuple[RuleInfo, ...] = ()
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    extra: dict = field(default_factory=dict)

    def title(self, rule_id: str) -> str:
        """The rule's title, or '' for a rule the run did not describe."""
        return next((rule.title for rule in self.rules if rule.id == rule_id), "")


def also_found(finding) -> str:
    """'also found by FT001, on these same cells' for a finding that stands for other rules' (fold), else ''."""
    return f"also found by {', '.join(finding.also)}, on these same cells" if finding.also else ""


class Reporter:
    """Receives results file by file, in input order, then the run summary."""

    def __init__(self, out: TextIO, options: ReportOptions) -> None:
        self.out = out
        self.options = options

    def start(self) -> None:
        pass

    def file(self, result: FileResult) -> None:
        raise NotImplementedError

    def finish(self, summary: RunSummary) -> None:
        pass


def reporter_for(fmt: str, out: TextIO, options: ReportOptions) -> Reporter:
    module = importlib.import_module(FORMATS[fmt])
    return module.REPORTER(out, options)
