"""Fast classification of lines and cell values with the grammar's own tokens.

pyparsing's ``parse_string`` costs about 11 microseconds a line; a page has
some 80 lines, so the grammar alone would cap the checker near 1,100 pages/s.
Every token is a whole-line `Regex` tried in MatchFirst order, so the same
language is recognised by one regular-expression alternation of the tokens'
patterns (from `tables.py`, compiled from tokens.py), in the same order:
`classify` returns exactly what ``grammar.parse_string(text, parse_all=True)[0]``
returns (tests/test_grammar.py checks that on every fixture line and on random
text).
"""
from __future__ import annotations

import re

from checker.grammar.tables import LINE_TOKENS, VALUE_TOKENS
from checker.grammar.token import Token

_GROUP_NAME = re.compile(r"\(\?P<(\w+)>")
_UNSEEN = object()
_NEW_TUPLE = tuple.__new__
MEMO_SIZE = 50_000  # distinct lines remembered; tokens are never mutated


class CompiledGrammar:
    """One MatchFirst of whole-line Regex tokens, compiled to a single pattern."""

    def __init__(self, tokens: list[tuple[str, str]]):
        self.names = [name for name, _ in tokens]
        # inner group names must be unique across branches: prefix them
        self.combined = re.compile("|".join(
            f"(?P<{name}>{_GROUP_NAME.sub(lambda m, name=name: f'(?P<{name}__{m.group(1)}>', pattern)})"
            for name, pattern in tokens))
        # kind -> (its group names, their numbers in `combined`), in the token's own order: one match.group
        # call reads them all (read from `combined`: compiling each token as well costs every start-up)
        numbered = sorted(self.combined.groupindex.items(), key=lambda item: item[1])
        self.group_numbers = {}
        for name in self.names:
            inner = [(group[len(name) + 2:], number) for group, number in numbered if group.startswith(f"{name}__")]
            self.group_numbers[name] = (tuple(g for g, _ in inner), tuple(n for _, n in inner))
        self.memo: dict[str, Token | None] = {}

    def classify(self, text: str) -> Token | None:
        """The first token that matches the whole text, with its named groups.

        Each branch ends in ``\\Z``, so the alternation matches only where one
        token matches the whole text, and the first such branch wins: MatchFirst.
        """
        token = self.memo.get(text, _UNSEEN)
        if token is not _UNSEEN:
            return token
        match = self.combined.match(text)
        token = None
        if match is not None:
            kind = match.lastgroup
            names, numbers = self.group_numbers[kind]
            if len(names) == 1:  # most lines: a cell's content or continuation text
                groups = {names[0]: match[numbers[0]]}  # match[n]: no method lookup and call
            else:  # match.group of several numbers gives a tuple; of none, the whole match
                groups = dict(zip(names, match.group(*numbers))) if names else {}
            token = _NEW_TUPLE(Token, (kind, groups))  # Token(kind, groups) without the generated __new__'s call
        if len(self.memo) >= MEMO_SIZE:  # labels, markers and definitions recur across pages
            self.memo.clear()
        self.memo[text] = token
        return token


LINES = CompiledGrammar(LINE_TOKENS)
VALUES = CompiledGrammar(VALUE_TOKENS)


def classify_line(text: str) -> Token:
    token = LINES.classify(text)
    assert token is not None  # TEXT matches any line
    return token


def classify_value(content: str) -> Token | None:
    """The value token of a cell's content, or None for free text."""
    return VALUES.classify(content)
