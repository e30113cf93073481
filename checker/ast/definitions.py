"""Definition pop-ups: the `|X` entries after the table, read from their marker lines."""
from __future__ import annotations

import re

from checker.ast.construct import trusted
from checker.ast.items import Item
from checker.ast.model import Definition

NEW_DEFINITION = trusted(Definition)  # typed values only: skip validation


def definition(line: int, lines: list[str]) -> Definition:
    node = NEW_DEFINITION(line=line, source=lines)
    for text in lines[1:] if lines[0].startswith("|") else lines:
        note_definition_line(node, text)
    return node


def merge_definition(node: Definition, item: Item) -> None:
    if item.kind == "cell" and node.name is None and re.match(r"[a-z][\w-]*_\w+$", item.content.strip()):
        node.name = item.content.strip()
    for text in item.cont:
        note_definition_line(node, text)


def note_definition_line(node: Definition, text: str) -> None:
    stripped = text.strip()
    if stripped.startswith("Reference ") and ":" in stripped:
        node.references.append(stripped)
    elif stripped in ("- Details", "+ Details", "- Definition", "+ References", "- References"):
        if stripped == "- References" and node.text is None:
            node.kind = "abstract"
        elif stripped == "- Details" and node.text is None and not node.references:
            node.kind = "member"
    elif stripped and stripped != "No definition available." and node.text is None \
            and not stripped.startswith("-"):
        node.text = stripped
        node.kind = "element"
