"""Baselines: accept today's findings, report only new ones.

A finding is recorded by a fingerprint of what it is about (rule, file path,
page title, and each involved cell's role, labels, column and printed value),
never by line numbers, so lines added above a finding do not make it new.
Fingerprints are counted, so a second identical finding is still new.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

from checker.findings.model import Finding

VERSION = 1


class BaselineError(Exception):
    pass


def normal_path(path: str) -> str:
    return os.path.normpath(path).replace("\\", "/")


def fingerprint(finding: Finding) -> str:
    cells = sorted(
        "\x1e".join([c.role, c.label, *c.member_path, c.column or "", c.raw]) for c in finding.cells
    )
    parts = [finding.rule, normal_path(finding.path), finding.page_title, *cells]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


class Baseline:
    def __init__(self, counts: Counter[str]) -> None:
        self.remaining = counts

    @classmethod
    def of(cls, findings) -> Baseline:
        """The baseline that knows these findings (those of the files at a revision: --baseline-commit)."""
        return cls(Counter(map(fingerprint, findings)))

    @classmethod
    def read(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise BaselineError(f"{path}: not a baseline file: {exc}") from None
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{path}:{exc.lineno}: not a baseline file: {exc.msg}") from None
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise BaselineError(f"{path}: not a baseline file: expected \"version\": {VERSION}")
        entries = data.get("findings")
        if not isinstance(entries, list) or not all(
                isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries):
            raise BaselineError(f'{path}: not a baseline file: "findings" must be a list of '
                                f'objects with a "fingerprint"')
        return cls(Counter(e["fingerprint"] for e in entries))

    def is_known(self, finding: Finding) -> bool:
        """True (and used up) when the baseline has this finding."""
        key = fingerprint(finding)
        if self.remaining[key] > 0:
            self.remaining[key] -= 1
            return True
        return False


class BaselineWriter:
    def __init__(self) -> None:
        self.entries: list[dict] = []

    def add(self, finding: Finding) -> None:
        self.entries.append({
            "fingerprint": fingerprint(finding), "rule": finding.rule,
            "path": normal_path(finding.path), "message": finding.message,
        })

    def write(self, path: Path) -> None:
        entries = sorted(self.entries, key=lambda e: (e["path"], e["rule"], e["fingerprint"], e["message"]))
        text = json.dumps({"version": VERSION, "tool": "check", "findings": entries}, indent=2)
        path.write_text(text + "\n", encoding="utf-8")
