"""The commands that print something and exit: --list-rules, --explain, --dump-ast."""
from __future__ import annotations

import json
import sys
import textwrap
from typing import TextIO


def list_rules(rules, out: TextIO) -> int:
    for rule in sorted(rules.rules, key=lambda r: r.id):
        severity = getattr(rule.severity, "value", rule.severity)
        out.write(f"{rule.id:<8} {severity:<8} {rule.title}\n")
    return 0


def _paragraph(text: str) -> str:
    return "\n".join(textwrap.fill(part, 88) for part in str(text).strip().split("\n\n")) + "\n"


def _example_text(example) -> tuple[str, str]:
    """(heading, page snippet) of one rule example, whatever its exact model."""
    data = example.model_dump() if hasattr(example, "model_dump") else dict(example)
    snippet = next((data[k] for k in ("page", "text", "snippet", "input") if isinstance(data.get(k), str)), "")
    kind = next((str(data[k]) for k in ("kind", "expect", "outcome") if data.get(k) is not None), "")
    name = data.get("name") or data.get("title") or ""
    return " ".join(part for part in (kind, str(name)) if part), snippet


def explain(rule, out: TextIO) -> int:
    severity = getattr(rule.severity, "value", rule.severity)
    out.write(f"{rule.id}: {rule.title}\nseverity: {severity}\n\n")
    out.write(_paragraph(rule.description))
    if rule.rationale:
        out.write("\nWhy it matters:\n" + textwrap.indent(_paragraph(rule.rationale), "  "))
    if rule.references:
        out.write("\nReferences:\n" + "".join(f"  - {ref}\n" for ref in rule.references))
    examples = list(rule.examples or ())
    # show a failing example first: it shows what the rule catches
    examples.sort(key=lambda e: "fail" not in _example_text(e)[0].lower())
    for example in examples[:2]:
        heading, snippet = _example_text(example)
        out.write(f"\nExample ({heading or 'example'}):\n")
        out.write(textwrap.indent(snippet.rstrip("\n") + "\n", "    "))
    return 0


def dump_ast(paths: list[str], out: TextIO) -> int:
    """`{"files": [...]}`, one parsed file after the other; unreadable files go to stderr."""
    from checker.ast import InputError, parse_file

    status = 0
    out.write('{"files": [')
    first = True
    for path in paths:
        try:
            data = parse_file(path).model_dump(mode="json")
        except InputError as exc:
            sys.stderr.write(f"{_where(path, exc.line)}: {exc.message}\n")
            status = 2
            continue
        except (OSError, UnicodeDecodeError) as exc:
            sys.stderr.write(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}\n")
            status = 2
            continue
        data = {"path": path, **{k: v for k, v in data.items() if k != "path"}}
        out.write(("\n" if first else ",\n") + json.dumps(data))
        first = False
    out.write("\n]}\n")
    return status


def _where(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line else path
