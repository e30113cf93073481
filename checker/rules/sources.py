"""Where rule files come from: the packs shipped in checker.packs and a team's own directories.

Kept apart from the loader (no YAML, no pydantic) because the result cache keys on
these files' text before it knows whether any rule has to be read at all.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable


class RuleError(Exception):
    """A rule file or a rule selection that cannot be used; the message says where and why."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 rule: str | None = None, field: str | None = None, unknown: str | None = None):
        where = ":".join(str(x) for x in (path, line) if x is not None)
        context = ", ".join(x for x in (f"rule {rule}" if rule else "", f"field {field}" if field else "") if x)
        text = f"{where}: " if where else ""
        text += f"{context}: " if context else ""
        super().__init__(text + message)
        self.path, self.line, self.rule, self.field, self.reason = path, line, rule, field, message
        self.unknown = unknown  # the rule name that matched no rule, for a selection that named one


def packs_directory() -> Path:
    """Where the shipped packs are: the directory of the package checker.packs, else a source checkout's rules/.

    Read from the package's __path__ rather than with importlib.resources, whose import costs every start
    of `check` 3 ms; pip installs a package as files, so the two agree."""
    try:
        import checker.packs
    except ModuleNotFoundError:  # running from a source checkout: the packs are the top-level rules/
        return Path(__file__).resolve().parents[2] / "rules"
    return Path(next(iter(checker.packs.__path__)))


def shipped_rule_files() -> Iterable[tuple[str, str]]:
    """(name, text) of every rule pack shipped in checker.packs, sorted by name."""
    for entry in sorted(packs_directory().iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            yield f"checker.packs/{entry.name}", entry.read_text(encoding="utf-8")


def extra_rule_files(dirs: Iterable[str | Path]) -> Iterable[Path]:
    for d in dirs:
        d = Path(d)
        if d.is_file():
            yield d
        elif d.is_dir():
            yield from sorted(p for p in d.iterdir() if p.suffix in (".yaml", ".yml"))
        else:
            raise RuleError("no such rule file or directory", str(d))
