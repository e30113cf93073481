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
        self.names: list[str] = []
        self.patterns: dict[str, re.Pattern[str]] = {}
        self.group_names: dict[str, list[tuple[str, str]]] = {}  # kind -> (name, name in `combined`)
        branches = []
        for name, pattern in tokens:
            self.names.append(name)
            self.patterns[name] = re.compile(pattern)
            # inner group names must be unique across branches: prefix them
            inner = _GROUP_NAME.sub(lambda m: f"(?P<{name}__{m.group(1)}>", pattern)
            self.group_names[name] = [(g, f"{name}__{g}") for g in self.patterns[name].groupindex]
            branches.append(f"(?P<{name}>{inner})")
        self.combined = re.compile("|".join(branches))
        # kind -> (its group names, their numbers in `combined`): one match.group call reads them all
        self.group_numbers = {kind: (tuple(g for g, _ in pairs), tuple(self.combined.groupindex[i] for _, i in pairs))
                              for kind, pairs in self.group_names.items()}
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
                groups = {names[0]: match.group(numbers[0])}
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
