"""Findings of related rules on the same cells are folded into one (checker.findings.fold): each case states
the findings (rule, severity, lines) and what is reported, side by side."""
from __future__ import annotations

import pytest

from checker.findings.fold import fold, superseded
from checker.findings.model import Finding, Involved, Severity

# FT010 supersedes FT001, RF003 supersedes FT010 (so FT001 too), RF002 supersedes NM002
DECLARED = {"FT001": [], "FT010": ["FT001"], "RF003": ["FT010"], "RF002": ["NM002"], "NM002": [], "XR001": []}
SUPERSEDES = superseded(DECLARED)


def finding(rule: str, severity: str, lines: tuple[int, ...], path: str = "R2.txt", also=()) -> Finding:
    return Finding(rule=rule, severity=Severity(severity), message=f"{rule} on {lines}", path=path, page=0,
                   page_title="Balance Sheet", also=tuple(also),
                   cells=tuple(Involved(line=n, raw=str(n), label=f"row {n}") for n in lines))


def brief(findings: list[Finding]) -> list[tuple]:
    return [(f.rule, f.severity.value, f.lines, f.also) for f in findings]


CASES = [
    ("the superseding rule stands for the other at equal severity",
     [("FT001", "warning", (3, 4, 5)), ("FT010", "warning", (3, 4, 5))],
     [("FT010", "warning", [3, 4, 5], ("FT001",))]),
    ("in either order",
     [("FT010", "warning", (3, 4, 5)), ("FT001", "warning", (5, 4, 3))],
     [("FT010", "warning", [3, 4, 5], ("FT001",))]),
    ("the graver finding is kept, whichever rule supersedes",
     [("NM002", "warning", (7, 9)), ("RF002", "info", (7, 9))],
     [("NM002", "warning", [7, 9], ("RF002",))]),
    ("other cells: both stay",
     [("FT001", "warning", (3, 4, 5)), ("FT010", "warning", (3, 4, 6))],
     [("FT001", "warning", [3, 4, 5], ()), ("FT010", "warning", [3, 4, 6], ())]),
    ("unrelated rules on the same cells: both stay",
     [("XR001", "error", (7, 9)), ("NM002", "warning", (7, 9))],
     [("XR001", "error", [7, 9], ()), ("NM002", "warning", [7, 9], ())]),
    ("through a rule in between, declared or not met",
     [("FT001", "warning", (1, 2, 3)), ("RF003", "warning", (1, 2, 3))],
     [("RF003", "warning", [1, 2, 3], ("FT001",))]),
    ("three readings of one slip: one finding names the other two",
     [("FT010", "warning", (1, 2, 3)), ("FT001", "warning", (1, 2, 3)), ("RF003", "warning", (1, 2, 3))],
     [("RF003", "warning", [1, 2, 3], ("FT001", "FT010"))]),
    ("order is kept around a fold",
     [("XR001", "error", (9, 12)), ("FT001", "warning", (1, 2)), ("FT010", "warning", (1, 2)),
      ("NM002", "warning", (4, 8))],
     [("XR001", "error", [9, 12], ()), ("FT010", "warning", [1, 2], ("FT001",)), ("NM002", "warning", [4, 8], ())]),
]


@pytest.mark.parametrize("name,given,reported", CASES, ids=[c[0] for c in CASES])
def test_fold(name, given, reported):
    assert brief(fold([finding(*g) for g in given], SUPERSEDES)) == reported


def test_what_a_folded_finding_stood_for_is_carried_on():
    given = [finding("FT010", "warning", (1, 2), also=("FT002",)), finding("RF003", "warning", (1, 2))]
    assert brief(fold(given, SUPERSEDES)) == [("RF003", "warning", [1, 2], ("FT002", "FT010"))]


def test_findings_reported_on_other_files_are_not_folded():
    given = [finding("FT001", "warning", (3, 4)), finding("FT010", "warning", (3, 4), path="R4.txt")]
    assert brief(fold(given, SUPERSEDES)) == brief(given)


def test_closure_of_what_rules_supersede():
    assert SUPERSEDES == {"FT010": {"FT001"}, "RF003": {"FT010", "FT001"}, "RF002": {"NM002"}}
    # a rule the run does not have is not walked through
    assert superseded({"RF003": ["FT010"], "FT001": []}) == {}
