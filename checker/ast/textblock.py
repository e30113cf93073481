"""Tables inside text blocks, read from the block's plain lines.

A note's own tables reach the rendering as one line per non-empty cell, with
no ``|``: a label line, then its values; a currency sign or a closing
parenthesis can sit on a line of its own (``$`` / ``23,738,185``, ``(3,910,260``
/ ``)``).  The rows read here are views: the text block owns the lines, so
each row and cell keeps its line number but an empty `source`.
"""
from __future__ import annotations

from checker.ast.construct import trusted
from checker.ast.kinds import MONEY, NUMBER, PERCENT
from checker.ast.model import Cell, Row
from checker.ast.values import cell_value

SIGN_ONLY = frozenset({"$", "€", "£", "¥"})
CLOSERS = frozenset({")", ")%", "%"})
MIN_ROWS = 2  # fewer rows with values is prose with a number in it, not a table
NEW_ROW, NEW_CELL = trusted(Row), trusted(Cell)  # typed values only: skip validation


def embedded_table(lines: list[str], first_line: int) -> list[Row]:
    rows: list[Row] = []
    row: Row | None = None
    currency: str | None = None
    for offset, text in enumerate(lines):
        stripped = text.strip()
        number = first_line + offset
        if not stripped or text.startswith("|"):
            continue
        if stripped in SIGN_ONLY:
            currency = stripped
            continue
        if stripped in CLOSERS and row is not None and row.cells:
            close(row.cells[-1], stripped)
            continue
        value = cell_value(stripped)
        if value.kind in (NUMBER, MONEY, PERCENT) and row is not None \
                and not is_year(stripped) and not is_note_marker(stripped):
            row.cells.append(NEW_CELL(line=number, source=[], raw=stripped, kind=value.kind, value=value.value,
                                      negative=value.negative, decimals=value.decimals,
                                      currency=value.currency or currency))
        else:
            row = NEW_ROW(line=number, source=[], label=stripped)
            rows.append(row)
        currency = None
    with_values = [r for r in rows if r.cells]
    return with_values if len(with_values) >= MIN_ROWS else []


def close(cell: Cell, closer: str) -> None:
    """`(3,910,260` then `)`: the value was negative all along."""
    if cell.raw.startswith("(") and not cell.negative and cell.value is not None:
        cell.value, cell.negative = -cell.value, True
    if "%" in closer:
        cell.kind = PERCENT


def is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100


def is_note_marker(text: str) -> bool:
    """"(1)" on its own line starts a footnote under the table."""
    return len(text) == 3 and text[0] == "(" and text[1].isdigit() and text[2] == ")"
