"""The words a label pattern needs: which rows a selector can skip without running its regex.

Kept apart from the selectors because the shipped packs carry these words precomputed
(rules/compiled.json), and that file is valid only for this module's code: its digest is
part of the file's key (checker.rules.compiled).
"""
from __future__ import annotations

import re

try:
    import re._parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse  # type: ignore[no-redef]

# pattern -> its required words: each pattern is parsed once a process, and the shipped packs' come
# precomputed from rules/compiled.json (parsing them all would cost every start of `check` 6 ms)
WORDS: dict[str, tuple[str, ...] | None] = {}


def required_words(pattern: str) -> tuple[str, ...] | None:
    """Lower-case words one of which every match of the pattern (case-insensitive) contains, read from its
    parse; None when no such words can be named. Only ASCII words: on an ASCII text, IGNORECASE matches an
    ASCII letter with nothing but its two cases, so a text without any of them, lowered, cannot match."""
    try:
        return WORDS[pattern]
    except KeyError:  # patterns come from rule files only: the table stays small
        found = WORDS[pattern] = parsed_words(pattern)
        return found


def parsed_words(pattern: str) -> tuple[str, ...] | None:
    try:
        found = _required(sre_parse.parse(pattern, re.IGNORECASE))
    except Exception:  # noqa: BLE001 - a parse we cannot read only loses the shortcut
        return None
    if found is None:
        return None
    return tuple(sorted(w for w in found if not any(o != w and o in w for o in found)))  # 'beginning' covers 'at beginning'


def _required(items) -> frozenset[str] | None:
    """Words one of which a match of this sequence of parsed items contains (see required_words)."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in list(items) + [(None, None)]:  # a sentinel ends the last run of literals
        if op is sre_parse.LITERAL and chr(av).isascii():
            run.append(chr(av).lower())
            continue
        if run:
            options.append(frozenset(["".join(run)]))
            run = []
        if op is sre_parse.SUBPATTERN:
            found = _required(av[-1])
        elif op is sre_parse.BRANCH:
            branches = [_required(b) for b in av[1]]
            found = None if any(b is None for b in branches) else frozenset().union(*branches)
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and av[0] >= 1:
            found = _required(av[2])
        else:
            found = None  # anchors, classes, optional parts, look-arounds: nothing they must contain
        if found:
            options.append(found)
    # any option will do: the one whose shortest word is longest rules out the most texts
    return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=None)
