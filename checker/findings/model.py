"""The one record every reporter reads: a frozen Finding and the cells it involves.

Plain frozen dataclasses, not pydantic models: the engine validates nothing here
(it builds findings from an AST that is already typed), and a run whose results
come from the cache (checker.cli.cache) reports them without importing pydantic.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from checker.rules.severity import Severity


@dataclass(frozen=True, kw_only=True, slots=True)
class Involved:
    """One cell a finding rests on, with what a reader needs to find it on the page."""

    line: int                 # 1-based input line of the value
    raw: str                  # the cell as printed ("$ 315,370")
    label: str                # its row label
    member_path: tuple[str, ...] = ()
    column: str | None = None  # its column header ("3 Months Ended: Mar. 31, 2021"), when known
    role: str = ""            # what it is in the rule: "total", "component", "left", "right", ...
    path: str | None = None   # the file the cell is in, when not the finding's own (a check across files: XR004)

    def record(self) -> dict:
        record = {"line": self.line, "raw": self.raw, "label": self.label, "member_path": list(self.member_path),
                  "column": self.column, "role": self.role}
        if self.path is not None:
            record["path"] = self.path
        return record

    @classmethod
    def from_record(cls, data: dict) -> Involved:
        return cls(line=data["line"], raw=data["raw"], label=data["label"], member_path=tuple(data["member_path"]),
                   column=data["column"], role=data["role"], path=data.get("path"))


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One rule's verdict on one set of cells: the record every reporter reads."""

    rule: str                 # "XR001"
    severity: Severity
    message: str
    diagnosis: str | None = None   # "one digit differs: 5 -> 7 in the ten-thousands place"
    path: str                 # the file as given on the command line
    page: int                 # 0-based page index within the file
    page_title: str
    cells: tuple[Involved, ...]
    ambiguous: bool = False   # the column alignment was not unique
    also: tuple[str, ...] = ()  # rules whose findings on these same cells this one stands for (see fold)

    @cached_property
    def lines(self) -> list[int]:
        """The lines of the cells in the finding's own file."""
        return sorted({cell.line for cell in self.cells if cell.path is None})

    def cells_in_order(self) -> list[Involved]:
        """The cells of the finding's own file by line, then those of the other files of its filing (XR004)."""
        return sorted(self.cells, key=lambda c: (c.path is not None, c.path or "", c.line))

    @property
    def line(self) -> int:
        return self.lines[0] if self.lines else 0

    @cached_property
    def fingerprint(self) -> str:
        """Stable across edits elsewhere in the file: rule, page title, labels and columns, no line numbers."""
        parts = [self.rule, self.page_title] + sorted(
            f"{c.role}|{c.label}|{'|'.join(c.member_path)}|{c.column or ''}" for c in self.cells)
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]

    def sort_key(self) -> tuple:
        return (self.path, self.page, self.line, self.rule, self.message)

    def record(self) -> dict:
        """The finding as plain JSON data: the `findings` entries of `check --format json`."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "diagnosis": self.diagnosis,
            "path": self.path,
            "page": self.page,
            "page_title": self.page_title,
            "lines": self.lines,
            "ambiguous": self.ambiguous,
            "fingerprint": self.fingerprint,
            "cells": [cell.record() for cell in self.cells],
            "also": list(self.also),
        }

    @classmethod
    def from_record(cls, data: dict, path: str) -> Finding:
        """The inverse of `record()`, for the file now at `path`."""
        return cls(rule=data["rule"], severity=Severity(data["severity"]), message=data["message"],
                   diagnosis=data["diagnosis"], path=path, page=data["page"], page_title=data["page_title"],
                   cells=tuple(Involved.from_record(c) for c in data["cells"]), ambiguous=data["ambiguous"],
                   also=tuple(data["also"]))
