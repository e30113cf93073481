"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=path,line=22,title=XR001 ...::message%0Adiagnosis%0Aalso found by ... (when folded)
"""
from __future__ import annotations

from checker.reporters import Reporter, also_found
from checker.reporters.results import FileResult

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    def file(self, result: FileResult) -> None:
        for f in result.findings:
            message = "\n".join(text for text in (f.message, f.diagnosis, also_found(f)) if text)
            props = f"file={escape_property(f.path)},line={f.line},title={escape_property(f.rule)}"
            self.out.write(f"::{_COMMAND[f.severity.value]} {props}::{escape_data(message)}\n")
        if result.problem:
            p = result.problem
            line = f",line={p.line}" if p.line else ""
            self.out.write(f"::error file={escape_property(p.path)}{line},title=input error::"
                           f"{escape_data(p.message)}\n")


REPORTER = GithubReporter
