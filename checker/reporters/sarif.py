"""SARIF 2.1.0: rule metadata, results with physical locations, no timestamps.

Every involved cell is a location (the first as the primary one, the rest as
related locations), so code-scanning UIs can show both numbers of a mismatch.
"""
from __future__ import annotations

import json
from urllib.parse import quote

from checker.findings.model import Finding
from checker.reporters import Reporter
from checker.reporters.results import FileResult, RuleInfo, RunSummary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    posix = path.replace("\\", "/")
    return "file://" + quote(posix) if posix.startswith("/") else quote(posix)


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("check-filing")
    except PackageNotFoundError:
        return "0+unknown"


def rule_descriptor(rule: RuleInfo) -> dict:
    descriptor = {
        "id": rule.id,
        "name": rule.title,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description or rule.title},
        "help": {"text": rule.rationale or rule.description or rule.title},
        "defaultConfiguration": {"level": _LEVEL.get(rule.severity, "warning")},
    }
    if rule.references:
        descriptor["properties"] = {"references": list(rule.references)}
    return descriptor


def location(path: str, line: int, text: str, ident: int | None = None) -> dict:
    loc: dict = {"physicalLocation": {
        "artifactLocation": {"uri": artifact_uri(path)},
        "region": {"startLine": max(line, 1)},
    }}
    if ident is not None:
        loc["id"] = ident
        loc["message"] = {"text": text}
    return loc


class SarifReporter(Reporter):
    def start(self) -> None:
        self.results: list[dict] = []
        self.notifications: list[dict] = []
        self.rules = {rule.id: rule for rule in self.options.rules}

    def file(self, result: FileResult) -> None:
        self.results += [self._result(f) for f in result.findings]
        if result.problem:
            p = result.problem
            self.notifications.append({
                "level": "error", "message": {"text": p.message},
                "locations": [location(p.path, p.line or 1, p.message)],
            })

    def _result(self, f: Finding) -> dict:
        if f.rule not in self.rules:  # a finding from a rule the run did not describe
            self.rules[f.rule] = RuleInfo(f.rule, f.rule, f.severity.value)
        cells = f.cells_in_order()
        text = f.message + (f" ({f.diagnosis})" if f.diagnosis else "")
        result = {
            "ruleId": f.rule,
            "level": _LEVEL[f.severity.value],
            "message": {"text": text},
            "locations": [location(f.path, f.line, text)],
            "partialFingerprints": {"checkFingerprint/v1": f.fingerprint},
            "properties": {"page": f.page, "pageTitle": f.page_title, "ambiguous": f.ambiguous,
                           "also": list(f.also)},  # rules whose findings on these cells this one stands for
        }
        if cells:
            result["relatedLocations"] = [
                location(c.path or f.path, c.line, f"{c.label}: {c.raw}" + (f" ({c.column})" if c.column else ""), i)
                for i, c in enumerate(cells)
            ]
        return result

    def finish(self, summary: RunSummary) -> None:
        rules = sorted(self.rules.values(), key=lambda r: r.id)
        index = {rule.id: i for i, rule in enumerate(rules)}
        for result in self.results:
            result["ruleIndex"] = index[result["ruleId"]]
        run = {
            "tool": {"driver": {
                "name": "check", "version": tool_version(),
                "rules": [rule_descriptor(rule) for rule in rules],
            }},
            "invocations": [{
                "executionSuccessful": not self.notifications,
                "toolExecutionNotifications": self.notifications,
            }],
            "results": self.results,
        }
        log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
        self.out.write(json.dumps(log, indent=2) + "\n")


REPORTER = SarifReporter
