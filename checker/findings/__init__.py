"""Stage 4: the engine that evaluates rules on a Filing, and the Finding record it produces.

Public API: `check_filing(filing, rules) -> list[Finding]`, and `check_filings(filings, rules)` for a
filing whose pages come in several files.  Names are imported on first use, so that
`checker.findings.model` alone (what the reporters read) stays light: the engine pulls
in the rules and pydantic.
"""
from importlib import import_module

_HOME = {"check_filing": "checker.findings.engine", "check_filings": "checker.findings.engine",
         "Finding": "checker.findings.model", "Involved": "checker.findings.model",
         "Severity": "checker.findings.model"}

__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'checker.findings' has no attribute {name!r}")
    return getattr(import_module(_HOME[name]), name)
