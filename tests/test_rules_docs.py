"""The rule reference and the rule-file JSON Schema in docs/ are generated: they must match the packs."""
import json

import jsonschema
import yaml

from checker.rules.docs import DOCS, render, render_schema
from checker.rules.sources import shipped_rule_files


def test_rules_reference_is_current():
    """Regenerate with `python3 -m checker.rules.docs`."""
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == render()


def shape(schema: dict) -> dict:
    """Definitions and their property names: what the rule language is, not how a given
    pydantic version spells a type (the pattern it writes for a Decimal string varies)."""
    return {name: sorted(d.get("properties", {})) for name, d in schema["$defs"].items()} | {
        "": sorted(schema["properties"])}


def test_rule_file_schema_is_current():
    committed = json.loads((DOCS / "rules.schema.json").read_text(encoding="utf-8"))
    assert shape(committed) == shape(json.loads(render_schema()))


def test_shipped_packs_validate_against_the_committed_schema():
    schema = json.loads((DOCS / "rules.schema.json").read_text(encoding="utf-8"))
    packs = list(shipped_rule_files())
    assert len(packs) >= 5
    for _, text in packs:
        jsonschema.validate(yaml.safe_load(text), schema)
