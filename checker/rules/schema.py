"""JSON Schema of rule files, for editors (written to docs/rules.schema.json by `python3 -m checker.rules.docs`)."""
from __future__ import annotations

from checker.rules.kinds import RuleFile
from checker.rules.model import PageSelector, Selector


def rule_file_schema() -> dict:
    for model in (Selector, PageSelector):  # the schema encodes their default instances with their serializers,
        model.model_rebuild()               # which the models defer until needed (checker.rules.model.Strict)
    schema = RuleFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "check rule file"
    return schema
