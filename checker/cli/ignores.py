"""per-file-ignores: rules a team does not want reported on some files, as ruff's setting of that name.

    per-file-ignores:            # .check.yaml; [tool.check.per-file-ignores] in pyproject.toml
      "legacy/*.txt": [NM001]
      "*_R4.txt": [RG]           # ids or id prefixes, as --ignore takes them

A pattern is shell-style (fnmatch: `*` also crosses `/`) and is matched against the file's path
relative to the configuration file's directory, and against its name alone.  The findings are
dropped after checking, before the baseline and the reporters, so the results cache never holds
a file's ignores.
"""
from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import Path

from checker.findings.model import Finding
from checker.rules.names import matches


class PerFileIgnores:
    def __init__(self, table: dict[str, list[str]], base: Path) -> None:
        self.table = table
        self.base = os.path.abspath(base)
        self.by_path: dict[str, tuple[str, ...]] = {}  # path -> the rule names ignored there, worked out once

    def names(self, path: str) -> tuple[str, ...]:
        """The rule names (ids or prefixes) ignored in the file at `path`."""
        found = self.by_path.get(path)
        if found is None:
            relative = os.path.relpath(os.path.abspath(path), self.base).replace(os.sep, "/")
            name = os.path.basename(path)
            found = self.by_path[path] = tuple(rule for pattern, rules in self.table.items()
                                               if fnmatchcase(relative, pattern) or fnmatchcase(name, pattern)
                                               for rule in rules)
        return found

    def keeps(self, finding: Finding) -> bool:
        return not any(matches(finding.rule, name) for name in self.names(finding.path))
