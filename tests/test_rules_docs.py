"""The rule reference and the rule-file JSON Schema in docs/ are generated: they must match the packs."""
from checker.rules.docs import DOCS, render, render_schema


def test_rules_reference_is_current():
    """Regenerate with `python3 -m checker.rules.docs`."""
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == render()


def test_rule_file_schema_is_current():
    assert (DOCS / "rules.schema.json").read_text(encoding="utf-8") == render_schema()
