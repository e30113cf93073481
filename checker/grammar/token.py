"""What the lexer returns for a line or a value: the token's name and its named groups."""
from __future__ import annotations

from typing import NamedTuple


class Token(NamedTuple):
    kind: str
    groups: dict[str, str | None]
