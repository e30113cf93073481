"""The machine contract: one JSON object with "findings", "errors" and "summary".

Written as results arrive, so a batch of thousands of files never holds more
than one file's findings in memory.  Problems are collected (they are few).
"""
from __future__ import annotations

import json

from checker.reporters import Reporter
from checker.reporters.results import FileResult, RunSummary


class JsonReporter(Reporter):
    def start(self) -> None:
        self.out.write('{"findings": [')
        self._first = True
        self._errors: list[dict] = []

    def file(self, result: FileResult) -> None:
        for finding in result.findings:
            self.out.write(("\n  " if self._first else ",\n  ") + json.dumps(finding.record()))
            self._first = False
        if result.problem:
            p = result.problem
            self._errors.append({"path": p.path, "line": p.line, "message": p.message})

    def finish(self, summary: RunSummary) -> None:
        tail = {
            "errors": self._errors,
            "summary": {
                "files": summary.files, "pages": summary.pages, "findings": summary.findings,
                "by_severity": summary.by_severity, "by_rule": dict(sorted(summary.by_rule.items())),
            },
        }
        self.out.write(("" if self._first else "\n") + "],\n" + json.dumps(tail)[1:] + "\n")


REPORTER = JsonReporter
