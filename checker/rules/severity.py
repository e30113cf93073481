"""How grave a rule's findings are: declared by the rule, carried by every finding.

A module of its own (no YAML, no pydantic) so that the Finding record, and a run
served from the results cache, use the one enum without loading the rule models.
"""
from enum import Enum


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        """Its order, graver higher: info 0, warning 1, error 2."""
        return RANK[self]


RANK = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}


def severity_text(rule) -> str:
    """A rule's severity as docs and --explain give it, with the exceptions its file declares."""
    def name(severity) -> str:
        return getattr(severity, "value", severity)
    text = name(rule.severity)
    ambiguous = getattr(rule, "ambiguous_severity", None)
    if ambiguous is not None:
        text += f"; {name(ambiguous)} where the page leaves the values' columns open"
    corroborated = getattr(rule, "corroborated_severity", None)
    if corroborated is not None:
        text += f"; {name(corroborated)} where the same rows roll in another column"
    return text
