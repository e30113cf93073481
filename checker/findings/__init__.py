"""Stage 4: the engine that evaluates rules on a Filing, and the Finding record it produces.

Public API: `check_filing(filing, rules) -> list[Finding]`.
"""
from checker.findings.engine import check_filing
from checker.findings.model import Finding, Involved, Severity

__all__ = ["Finding", "Involved", "Severity", "check_filing"]
