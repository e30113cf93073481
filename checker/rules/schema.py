"""JSON Schema of rule files, for editors: `python3 -m checker.rules.schema > rules.schema.json`."""
from __future__ import annotations

import json
import sys

from checker.rules.model import RuleFile


def rule_file_schema() -> dict:
    schema = RuleFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "check rule file"
    return schema


def main() -> int:
    json.dump(rule_file_schema(), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
