"""GitLab Code Quality: the JSON array that `artifacts: reports: codequality:` reads.

    [{"description": "XR001: ...", "check_name": "XR001", "fingerprint": "...", "severity": "major",
      "location": {"path": "filings/R4.txt", "lines": {"begin": 22}}}]

GitLab shows each issue on the merge request and matches issues across pipelines by their
fingerprint, so a fingerprint must be unique in a report and stable across edits: it hashes
the file's path and the finding's own fingerprint (rule, page title, cells; no line
numbers), and a count for a finding printed twice.  An unreadable file is an issue too.
"""
from __future__ import annotations

import hashlib
import json

from checker.reporters import Reporter
from checker.reporters.results import FileResult, RunSummary

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


class GitlabReporter(Reporter):
    def start(self) -> None:
        self.issues: list[dict] = []
        self.seen: dict[str, int] = {}

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            self.issues.append(self._issue(f"{f.rule}: {f.message}", f.rule, _SEVERITY[f.severity.value], f.path, f.line, f.fingerprint))
        if result.problem:
            p = result.problem
            self.issues.append(self._issue(p.message, "input-error", "major", p.path, p.line or 1, p.message))

    def _issue(self, description: str, check: str, severity: str, path: str, line: int, identity: str) -> dict:
        key = f"{path}\0{check}\0{identity}"
        count = self.seen[key] = self.seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}\0{count}".encode()).hexdigest()[:32]
        return {"description": description, "check_name": check, "fingerprint": fingerprint, "severity": severity,
                "location": {"path": path, "lines": {"begin": line}}}

    def finish(self, summary: RunSummary) -> None:
        self.out.write(json.dumps(self.issues, indent=2) + "\n")


REPORTER = GitlabReporter
