"""The declarative rule language: rule-file models, the safe loader and the registry.

Public API: `load_rules(extra_dirs=()) -> RuleSet`, `RuleSet.select(select, ignore)`,
`RuleError`. The checks themselves run in checker.findings.
"""
from checker.rules.loader import RuleError, read_rule_file, read_rule_text
from checker.rules.model import RuleBase as Rule, Selector, PageSelector, Severity, UnitKind
from checker.rules.registry import RuleSet, load_rules

__all__ = ["RuleError", "Rule", "RuleSet", "Selector", "PageSelector", "Severity", "UnitKind",
           "load_rules", "read_rule_file", "read_rule_text"]
