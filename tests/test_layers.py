"""The pipeline reads left to right: each stage imports only the stages before it."""
import ast

import pytest

from conftest import ROOT

STAGES = ["grammar", "ast", "rules", "findings", "reporters", "cli"]


def imported_stages(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
        for name in names:
            parts = name.split(".")
            if parts[0] == "checker" and len(parts) > 1 and parts[1] in STAGES:
                yield parts[1]


@pytest.mark.parametrize("stage", STAGES)
def test_stage_imports_only_earlier_stages(stage):
    allowed = set(STAGES[: STAGES.index(stage) + 1])
    for path in sorted((ROOT / "checker" / stage).rglob("*.py")):
        later = set(imported_stages(path)) - allowed
        assert not later, f"{path.relative_to(ROOT)} imports later stage(s) {sorted(later)}"
