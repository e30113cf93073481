"""The declarative rule language: rule-file models, the safe loader and the registry.

Public API: `load_rules(extra_dirs=()) -> RuleSet`, `RuleSet.select(select, ignore)`,
`RuleError`. The checks themselves run in checker.findings.  Names are imported on
first use, so that `checker.rules.sources` alone (what the result cache reads)
does not pull in YAML and pydantic.
"""
from importlib import import_module

_HOME = {
    "RuleError": ("checker.rules.sources", "RuleError"),
    "Rule": ("checker.rules.model", "RuleBase"),
    "Selector": ("checker.rules.model", "Selector"),
    "PageSelector": ("checker.rules.model", "PageSelector"),
    "Severity": ("checker.rules.model", "Severity"),
    "UnitKind": ("checker.rules.model", "UnitKind"),
    "RuleSet": ("checker.rules.registry", "RuleSet"),
    "load_rules": ("checker.rules.registry", "load_rules"),
    "read_rule_file": ("checker.rules.loader", "read_rule_file"),
    "read_rule_text": ("checker.rules.loader", "read_rule_text"),
}

__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'checker.rules' has no attribute {name!r}")
    module, attribute = _HOME[name]
    return getattr(import_module(module), attribute)
