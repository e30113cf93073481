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
