"""Conversions from grammar tokens to typed values: cell values, titles, scales, dates."""
from __future__ import annotations

import datetime
import re
from decimal import Decimal

from checker.ast.kinds import TEXT
from checker.ast.model import StatementKind, ValueKind
from checker.grammar import Token, classify_value

MONTH_NUMBER = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
SCALE_WORDS = {"Units": 0, "Thousands": 3, "Millions": 6, "Billions": 9}

# " - USD ($)", " - USD ($) / shares", " - EUR (€)", " - shares", " - Pure" at the end of a title
UNIT_SUFFIX = re.compile(
    r"^(?P<title>.*?)(?: - (?P<unit>(?:[A-Z]{3} \([^)]*\)|\$|shares|Pure|pure|[A-Za-z]+ \(\w+\))"
    r"(?: / \w+)?(?:,? ?(?:[A-Z]{3} \([^)]*\)|shares|Pure|\w+))*)"
    r"| \((?P<old_unit>[A-Z]{3} \$?|USD \$|[A-Z]{3})\))$")
# "$ in Thousands", "shares in Millions, $ in Millions", "In Thousands, except Share data"
SCALE_PART = re.compile(r"(?:(?P<what>[^,]*?) )?[Ii]n (?P<word>Units|Thousands|Millions|Billions)")
SCALE_LINE = re.compile(r"^(?:[^,]* )?[Ii]n (?:Units|Thousands|Millions|Billions)\b.*$")

STATEMENT_KINDS = [  # first match wins; titles are upper-cased first
    (re.compile(r"\(POLICIES\)"), StatementKind.policies),
    (re.compile(r"\(TABLES\)"), StatementKind.tables),
    (re.compile(r"\(DETAILS|\(NARRATIVE"), StatementKind.details),
    (re.compile(r"PARENTHETICAL"), StatementKind.parenthetical),
    (re.compile(r"DOCUMENT AND ENTITY|COVER"), StatementKind.cover),
    (re.compile(r"CASH FLOW"), StatementKind.cash_flow),
    (re.compile(r"COMPREHENSIVE (INCOME|LOSS|\(LOSS\))"), StatementKind.comprehensive_income),
    (re.compile(r"BALANCE SHEET|FINANCIAL POSITION|FINANCIAL CONDITION"), StatementKind.balance_sheet),
    (re.compile(r"(STOCKHOLDERS|SHAREHOLDERS|MEMBERS|PARTNERS)['’]? ?(EQUITY|DEFICIT|CAPITAL)|CHANGES IN EQUITY|STATEMENTS? OF EQUITY"),
     StatementKind.equity),
    (re.compile(r"STATEMENTS? OF (CONSOLIDATED )?(OPERATIONS|INCOME|EARNINGS|LOSS|PROFIT (OR|AND) \(?LOSS)"
                r"|INCOME STATEMENTS?"), StatementKind.income),
]


def statement_kind(title: str) -> StatementKind:
    upper = title.upper()
    for pattern, kind in STATEMENT_KINDS:
        if pattern.search(upper):
            return kind
    return StatementKind.note


def split_title(text: str) -> tuple[str, str | None]:
    """("NATURE OF OPERATIONS (Details Narrative)", "USD ($)") from the title line."""
    match = UNIT_SUFFIX.match(text)
    if match and (match["unit"] or match["old_unit"]):
        return match["title"], match["unit"] or match["old_unit"]
    return text, None


def scales(scale_text: str | None) -> tuple[int, int]:
    """(money, shares) powers of ten from the scale line of a title."""
    money = shares = 0
    if not scale_text:
        return money, shares
    for part in scale_text.split(","):
        match = SCALE_PART.search(part)
        if not match:
            continue
        power = SCALE_WORDS[match["word"]]
        what = (match["what"] or "").strip()
        if what in ("", "In"):  # old renderer: "In Thousands, except Share data"
            money = power
            if "except share" not in scale_text.lower():
                shares = power
        elif what == "shares":
            shares = power
        elif "/" not in what:  # "$", "€", "SFr", "CAD"; "$ / shares in Units" is per share
            money = power
    return money, shares


def parse_date(token: Token) -> datetime.date | None:
    g = token.groups
    try:
        return datetime.date(int(g["year"]), MONTH_NUMBER[g["month"]], int(g["day"]))
    except ValueError:
        return None


def header_date(text: str) -> datetime.date | None:
    token = classify_value(text.strip())
    return parse_date(token) if token and token.kind == "date" else None


def footnote_refs(notes: str | None) -> list[str]:
    return re.findall(r"\[(\d+)\]", notes) if notes else []


VALUE_KINDS = {kind.value: kind for kind in ValueKind}  # a dict lookup: ValueKind(name) costs a call per cell


class CellValue:
    """What a cell's content says: kind, value, sign, currency, precision, footnotes."""

    __slots__ = ("kind", "value", "negative", "currency", "decimals", "footnotes")

    def __init__(self, content: str):
        token = classify_value(content.strip())
        self.value: Decimal | None = None
        self.negative = False
        self.currency: str | None = None
        self.decimals = 0
        self.footnotes: list[str] = []
        if token is None:
            self.kind = TEXT
            return
        self.kind = VALUE_KINDS[token.kind]
        g = token.groups
        self.footnotes = footnote_refs(g.get("notes"))
        if "int" in g:
            self._number(g)

    def _number(self, g: dict) -> None:
        frac = g["frac"] or ""
        self.negative = bool((g["open"] and (g["close"] or g.get("close2"))) or g["minus"])
        digits = g["int"].replace(",", "") + frac
        self.value = -Decimal(digits) if self.negative else Decimal(digits)
        self.decimals = max(len(frac) - 1, 0)
        self.currency = g.get("cur")


_MEMO: dict[str, CellValue] = {}


def cell_value(content: str) -> CellValue:
    """`CellValue(content)`, remembered: the same printed values recur (0, $ 0, labels)."""
    value = _MEMO.get(content)
    if value is None:
        if len(_MEMO) >= 50_000:
            _MEMO.clear()
        value = _MEMO[content] = CellValue(content)
    return value
