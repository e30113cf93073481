"""The one record every reporter reads: a frozen Finding and the cells it involves."""
from __future__ import annotations

import hashlib
from enum import Enum

from pydantic import BaseModel, ConfigDict, computed_field


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class Involved(BaseModel):
    """One cell a finding rests on, with what a reader needs to find it on the page."""

    model_config = ConfigDict(frozen=True)

    line: int                 # 1-based input line of the value
    raw: str                  # the cell as printed ("$ 315,370")
    label: str                # its row label
    member_path: tuple[str, ...] = ()
    column: str | None = None  # its column header ("3 Months Ended: Mar. 31, 2021"), when known
    role: str = ""            # what it is in the rule: "total", "component", "left", "right", ...


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str                 # "XR001"
    severity: Severity
    message: str
    diagnosis: str | None = None   # "one digit differs: 5 -> 7 in the ten-thousands place"
    path: str                 # the file as given on the command line
    page: int                 # 0-based page index within the file
    page_title: str
    cells: tuple[Involved, ...]
    ambiguous: bool = False   # the column alignment was not unique

    @computed_field  # type: ignore[prop-decorator]
    @property
    def lines(self) -> list[int]:
        return sorted({cell.line for cell in self.cells})

    @property
    def line(self) -> int:
        return self.lines[0] if self.cells else 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fingerprint(self) -> str:
        """Stable across edits elsewhere in the file: rule, page title, labels and columns, no line numbers."""
        parts = [self.rule, self.page_title] + sorted(
            f"{c.role}|{c.label}|{'|'.join(c.member_path)}|{c.column or ''}" for c in self.cells)
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]

    def sort_key(self) -> tuple:
        return (self.path, self.page, self.line, self.rule, self.message)
