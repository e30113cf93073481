"""Physical lines -> items: a `|` line with the continuation lines under it.

The rendering prints each table cell as a line starting with ``|``; a cell
whose content is a block puts its text on the following lines, which do not
start with ``|`` (``|`` then ``Jan. 31, 2020``; a text block's paragraphs; a
definition's markers).  An item is one such head line and its continuation
lines.  Lines before the first ``|`` line form an item of kind ``orphan``.
"""
from __future__ import annotations

from checker.ast.kinds import TEXT
from checker.ast.values import CellValue, cell_value
from checker.grammar.lexer import LINES

HEAD_KINDS = frozenset({"bare", "def_open", "footnote", "group", "cell"})


class Item:
    __slots__ = ("kind", "groups", "content", "start", "lines", "cont_kind", "value")

    def __init__(self, kind: str, groups: dict, start: int, line: str):
        self.kind = kind            # a head token kind, or "orphan"
        self.groups = groups
        self.content: str = groups.get("content") or ""  # a cell's text after the "|"; read often
        self.start = start          # 1-based line number of the head line
        self.lines = [line]         # the head line, then continuation lines, verbatim
        self.cont_kind: str | None = None  # the token kind of the first line of `cont`: all the builder asks
        # what the content of a `cell` item says: the builder reads it for nearly every cell
        self.value: CellValue | None = cell_value(self.content) if kind == "cell" else None

    def starts_value(self) -> bool:
        """A typed value or an empty cell: what follows a label, never a label itself."""
        if self.kind == "bare":
            return not self.cont
        return self.kind == "cell" and not self.cont and self.value.kind is not TEXT

    @property
    def cont(self) -> list[str]:
        return self.lines[1:] if self.kind != "orphan" else self.lines

    def __repr__(self) -> str:  # for debugging and test failure messages
        return f"Item({self.kind}, line {self.start}, {self.lines!r})"


def split_items(lines: list[str]) -> list[Item]:
    items: list[Item] = []
    current: Item | None = None
    classify = LINES.classify  # classify_line without its wrapper's call: this loop runs for every line
    for number, line in enumerate(lines, 1):
        token = classify(line)
        if token.kind in HEAD_KINDS:
            current = Item(token.kind, token.groups, number, line)
            items.append(current)
        elif current is None:
            current = Item("orphan", {}, number, line)
            current.cont_kind = token.kind
            items.append(current)
        else:
            current.lines.append(line)
            if current.cont_kind is None:
                current.cont_kind = token.kind
    return items
