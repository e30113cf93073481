"""The line grammar of an R-page text rendering, as pyparsing tokens.

Two small grammars, each a MatchFirst of named `Regex` tokens that must match a
whole line (see docs/grammar.md for the BNF):

* ``LINE`` classifies one physical line: a bare ``|``, the definition opener
  ``|X``, a footnote marker ``|[1]``, a duration group ``|3 Months Ended``, any
  other ``|`` cell, a definition marker (``- Definition``), a reference line,
  or continuation text.
* ``VALUE`` classifies the content of a cell: money, percent, number,
  duration, ratio, date, boolean, dash; anything else is text.

Each token carries a parse action that converts its match into a `Token`
(kind + named groups), so pyparsing's own ``parse_string`` is the reference
semantics.  `checker.grammar.compile` writes the tokens' patterns, in order, to
`checker/grammar/tables.py`; `checker.grammar.lexer` matches with those tables,
so a run of `check` need not import pyparsing, and is tested to agree with it.
"""
from __future__ import annotations

import pyparsing as pp

from checker.grammar.token import Token


def token(name: str, pattern: str) -> pp.Regex:
    """A named whole-line Regex token whose parse result is a `Token`."""
    element = pp.Regex(pattern + r"\Z").leave_whitespace().set_name(name)
    element.set_parse_action(lambda t: Token(name, _groups(t)))
    return element


def _groups(tokens: pp.ParseResults) -> dict[str, str | None]:
    return {key: tokens.get(key) for key in tokens.keys()}


def optional(pattern: str) -> str:
    """``(?:pattern)?`` written as the branch ``(?:pattern|)``: the same matches and captures, tried in the same
    order (the pattern, then nothing).  Python's re runs a ``?`` on a group through a repeat context that it
    allocates on every attempt; a branch costs no allocation, and the value grammar tries these on every cell."""
    return f"(?:{pattern}|)"


# Building blocks shared by several tokens.
# no whole part before a fraction: older filings print "$ .77" (the whole part then matches empty)
DIGITS = r"(?P<int>\d{1,3}(?:,\d{3})+|\d+|(?=\.\d))" + optional(r"(?P<frac>\.\d+)")
SIGNED = optional(r"(?P<open>\()") + r"[ ]?" + optional(r"(?P<minus>-)") + DIGITS + r"[ ]?" + optional(r"(?P<close>\))")
# the signs EDGAR prints before amounts ("CHF (SFr)", "SEK (kr)", "TWD (NT$)"), and ISO codes ("CAD 1,234")
CURRENCY = r"(?P<cur>[$€£¥₹₨₩₪]|R\$|NT\$|SFr|kr|zł|CHF|[A-Z]{3}(?= ))"
NOTE = r"[ ]?\[\d+\]"
# one or more notes ("[1][2]", or "[1],[2]" in the older renderer): the repeat starts only after one
FOOTNOTE_SUFFIX = optional(rf"(?P<notes>{NOTE}(?:,?{NOTE})*)")
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
TIME_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|yrs?|mos?)"

# -- line tokens --------------------------------------------------------------
BARE = token("bare", r"\|[ \t]*")
DEF_OPEN = token("def_open", r"\|X[ \t]*")
FOOTNOTE = token("footnote", r"\|(?P<notes>\[\d+\](?:,?\[\d+\])*)[ \t]*")  # the repeat starts only after one note
GROUP = token("group", r"\|(?P<count>\d+) (?P<unit>Months?|Weeks?|Days?|Years?) Ended[ \t]*")
CELL = token("cell", r"\|(?P<content>.*\S.*)")
DEF_MARKER = token("def_marker", r"(?P<sign>[-+]) (?P<marker>Definition|References|Details)[ \t]*")
REFERENCE = token("reference", r"Reference (?P<number>\d+): (?P<ref>.*)")
NO_DEFINITION = token("no_definition", r"No definition available\.[ \t]*")
TEXT = token("text", r"(?P<text>.*)")

LINE = pp.MatchFirst([BARE, DEF_OPEN, FOOTNOTE, GROUP, CELL, DEF_MARKER, REFERENCE, NO_DEFINITION, TEXT])
LINE.set_name("line").parse_with_tabs()  # a tab in a filing is data, not layout

# -- value tokens (cell content, leading and trailing blanks stripped) ---------
MONEY = token("money", CURRENCY + r"[ ]?" + SIGNED + FOOTNOTE_SUFFIX)
PERCENT = token("percent", SIGNED + r"[ ]?%[ ]?" + optional(r"(?P<close2>\))") + FOOTNOTE_SUFFIX)
NUMBER = token("number", SIGNED + FOOTNOTE_SUFFIX)
# the older renderer prints a duration as XBRL stores it, in ISO 8601: "P90D", "P4Y", "P5Y6M", "P2Y6M15D"
ISO_DURATION = r"P(?=\d)(?:\d+(?:\.\d+)?Y|)(?:\d+(?:\.\d+)?M|)(?:\d+(?:\.\d+)?W|)(?:\d+(?:\.\d+)?D|)"
DURATION = token("duration", r"(?P<text>\d+(?:\.\d+)? " + TIME_UNIT + r"(?:,? (?:and )?\d+(?:\.\d+)? " + TIME_UNIT + r")*"
                 + "|" + ISO_DURATION + ")" + FOOTNOTE_SUFFIX)
RATIO = token("ratio", r"(?P<left>\d+(?:\.\d+)?)(?:-for-| for | to |-to-|:)(?P<right>\d+(?:\.\d+)?)" + FOOTNOTE_SUFFIX)
DATE = token("date", r"(?P<month>" + MONTHS + r")[a-z]*\.? (?P<day>\d{1,2}), (?P<year>\d{4})" + FOOTNOTE_SUFFIX)
BOOLEAN = token("boolean", r"(?P<flag>true|false|True|False|TRUE|FALSE|Yes|No|yes|no)" + FOOTNOTE_SUFFIX)
DASH = token("dash", r"[—–-]+" + FOOTNOTE_SUFFIX)

# NUMBER is tried first, as most cells are plain numbers; every text still gets the token of the documented order
# (money | percent | number | ...), because no text is both a NUMBER and a MONEY or a PERCENT: a NUMBER starts
# with "(", " ", "-" or a digit, a MONEY with its currency (a sign, a capital letter, k or z), and a PERCENT has
# a "%", which no NUMBER has.  (Tried after them, every number backtracked through PERCENT to its missing "%".)
VALUE = pp.MatchFirst([NUMBER, MONEY, PERCENT, DURATION, RATIO, DATE, BOOLEAN, DASH])
VALUE.set_name("value").parse_with_tabs()
