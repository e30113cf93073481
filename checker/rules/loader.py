"""Read rule files safely and strictly; a broken file gets an error naming file, line, rule and field.

YAML is read with the safe loader (libyaml's when installed: the shipped packs carry
example pages and the pure-Python reader costs tens of milliseconds at every start).
Only when a file is wrong is it composed again into a node tree, to say on which line.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from checker.rules.kinds import KINDS, RuleFile
from checker.rules.sources import RuleError


SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe either way: no tags that build objects


def read_rule_text(text: str, path: str) -> RuleFile:
    try:
        data = yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as exc:
        try:  # the pure-Python reader places errors more precisely than libyaml
            yaml.safe_load(text)
        except yaml.YAMLError as precise:
            exc = precise
        mark = getattr(exc, "problem_mark", None)
        raise RuleError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", path,
                        mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise RuleError("a rule file is a mapping with a 'rules' list", path, 1)
    try:
        return RuleFile.model_validate(data)
    except ValidationError as exc:
        root = yaml.compose(text, Loader=SafeLoader)
        raise _located(exc, root, data, path) from None


def _located(exc: ValidationError, root: yaml.Node, data: Any, path: str) -> RuleError:
    error = exc.errors()[0]
    loc = list(error["loc"])
    if len(loc) >= 3 and loc[0] == "rules" and loc[2] in KINDS:
        del loc[2]  # pydantic names the union member (the kind) in the location
    if error["type"] == "union_tag_invalid":
        loc.append("kind")
    node, line = root, root.start_mark.line + 1
    rule = None
    for part in loc:
        child = _child(node, part)
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
        if rule is None and isinstance(part, int) and loc[:1] == ["rules"]:
            rule = _rule_id(data, part)
    field = ".".join(str(p) for p in loc[2:]) if loc[:1] == ["rules"] else ".".join(str(p) for p in loc)
    message = error["msg"]
    if error["type"] == "extra_forbidden":
        message = "unknown field (allowed: see docs/rules.md or the JSON Schema)"
    elif error["type"] == "union_tag_invalid":
        message = f"unknown kind {error['ctx']['tag']!r} (allowed: {', '.join(sorted(KINDS))})"
    elif error["type"] in ("literal_error", "enum"):
        message = f"{message} (got {error.get('input')!r})"
    return RuleError(message, path, line, rule, field or None)


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == part:
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


def _rule_id(data: Any, index: int) -> str:
    try:
        return str(data["rules"][index].get("id") or f"#{index + 1}")
    except (KeyError, IndexError, TypeError, AttributeError):
        return f"#{index + 1}"


def read_rule_file(path: Path) -> RuleFile:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc.strerror}", str(path)) from None
    return read_rule_text(text, str(path))
