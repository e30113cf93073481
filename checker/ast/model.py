"""The typed AST of an EDGAR R-page text rendering.

Filing -> Page -> (Title, ColumnGroup, Column, Row -> Cell, Definition, Unparsed).

Every leaf node owns the input lines it was made from (`line` is the 1-based
number of the first, `source` the exact text of each, without line terminator),
so that every input line belongs to exactly one node and `Filing.render()`
gives the input back byte for byte.  Nodes are built by `checker.ast.build`;
nothing after this stage looks at grammar tokens.
"""
# No `from __future__ import annotations` in the model modules: pydantic would evaluate each string
# annotation with eval() when it makes a model class, again for every subclass, at every start-up.

import datetime
from decimal import Decimal
from enum import Enum
from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field


class ValueKind(str, Enum):
    money = "money"          # $ 315,370   (1,234)   € 9,054
    number = "number"        # 1,587,553   0.6666
    percent = "percent"      # 51.00%
    duration = "duration"    # 5 years 4 months 24 days
    ratio = "ratio"          # 1-for-14
    date = "date"            # Feb. 01, 2031
    boolean = "boolean"      # true / No
    dash = "dash"            # — (nil)
    empty = "empty"          # a bare "|": a cell that rendered with no text
    text = "text"            # anything else, possibly over several lines


class StatementKind(str, Enum):
    balance_sheet = "balance_sheet"
    income = "income"
    comprehensive_income = "comprehensive_income"
    cash_flow = "cash_flow"
    equity = "equity"
    parenthetical = "parenthetical"
    details = "details"
    policies = "policies"
    tables = "tables"
    note = "note"
    cover = "cover"
    unknown = "unknown"


class RowKind(str, Enum):
    item = "item"            # a line item with values
    abstract = "abstract"    # a section label ([Abstract], [Line Items], "Assets:"), no values
    member = "member"        # an axis/member qualifier ("Customer A [Member] | Revenue")


# The builder makes nodes without validation (checker.ast.construct), so `check` never needs the
# validators: building them at import would cost every run about 25 ms. They are built on first
# validation or dump (`check --dump-ast`, tests).
STRICT = ConfigDict(extra="forbid", defer_build=True)


class Node(BaseModel):
    model_config = STRICT

    line: int = Field(description="1-based number of the first input line of this node")
    source: list[str] = Field(description="the input lines this node owns, verbatim")


class Title(Node):
    text: str                      # "NATURE OF OPERATIONS ... (Details Narrative)"
    unit: str | None = None        # "USD ($)", "USD ($) / shares", "Pure"
    scale_text: str | None = None  # "$ in Thousands", "In Millions, except Share data"
    kind: StatementKind = StatementKind.unknown
    money_scale: int = 0           # power of ten applied to money cells (3 for thousands)
    shares_scale: int = 0          # power of ten applied to share counts


class ColumnGroup(Node):
    text: str                      # "3 Months Ended"
    months: int | None = None
    columns: list[int] = Field(default_factory=list)        # indices of the columns it spans (inferred)


class Column(Node):
    index: int
    header: list[str]              # the header lines: date, then units or members
    end_date: datetime.date | None = None
    months: int | None = None      # duration in months; None for instants or unknown
    group: str | None = None       # "3 Months Ended", when known
    footnotes: list[str] = Field(default_factory=list)

    @property
    def label(self) -> str:
        head = " ".join(self.header)
        return f"{self.group}: {head}" if self.group else head


class Cell(Node):
    raw: str                        # the text without the leading "|" (lines joined by "\n")
    kind: ValueKind
    value: Decimal | None = None    # as printed, sign applied, scale not applied
    negative: bool = False
    currency: str | None = None     # "$", "€", ...
    decimals: int = 0               # digits printed after the point
    scale: int = 0                  # power of ten the page scale applies to this cell
    footnotes: list[str] = Field(default_factory=list)       # ["1"] for a trailing "|[1]"
    columns: list[int] = Field(default_factory=list)         # candidate columns, left-to-right consistent
    paragraphs: list[str] = Field(default_factory=list)      # text blocks: the text lines
    # text blocks: the rows of a table inside the text, read from its lines; these rows
    # are views (empty `source`): the text block owns the lines
    table: "list[Row]" = Field(default_factory=list)  # quoted: Row is defined below

    @property
    def column(self) -> int | None:
        """The column when it is known for certain, else None."""
        return self.columns[0] if len(self.columns) == 1 else None

    @property
    def scaled(self) -> Decimal | None:
        return None if self.value is None else self.value.scaleb(self.scale)

    @property
    def half_unit(self) -> Decimal:
        """Half a display unit, scaled: the rounding interval of the printed value."""
        return Decimal(5).scaleb(self.scale - self.decimals - 1)


class Row(Node):
    label: str
    kind: RowKind = RowKind.item
    unit: str | None = None         # from a " | $" or " | shares" suffix
    member_path: list[str] = Field(default_factory=list)     # qualifying members, outermost first
    section: str | None = None      # the nearest abstract label above
    footnotes: list[str] = Field(default_factory=list)
    cells: list[Cell] = Field(default_factory=list)


class Definition(Node):
    text: str | None = None         # the definition text, when present
    references: list[str] = Field(default_factory=list)      # "Reference 1: http://..." lines
    name: str | None = None         # "us-gaap_Revenues", when the rendering shows it
    kind: str = "element"           # element | abstract | member | popup


class Unparsed(Node):
    reason: str


class Page(BaseModel):
    model_config = STRICT

    index: int                      # 0-based position in the file
    line: int                       # first input line
    title: Title | None = None      # None for an excerpt that starts mid-page
    groups: list[ColumnGroup] = Field(default_factory=list)
    columns: list[Column] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)
    definitions: list[Definition] = Field(default_factory=list)
    unparsed: list[Unparsed] = Field(default_factory=list)

    @property
    def name(self) -> str:
        return self.title.text if self.title else f"page {self.index + 1} (no title)"

    def leaves(self) -> Iterator[Node]:
        if self.title:
            yield self.title
        yield from self.groups
        yield from self.columns
        for row in self.rows:
            yield from _row_leaves(row)
        yield from self.definitions
        yield from self.unparsed

    def cells(self) -> Iterator[tuple[Row, Cell]]:
        for row in self.rows:
            for cell in row.cells:
                yield row, cell


def _row_leaves(row: Row) -> Iterator[Node]:
    yield row
    yield from row.cells


class Filing(BaseModel):
    model_config = STRICT

    path: str
    pages: list[Page] = Field(default_factory=list)
    newline: str = "\n"
    bom: bool = False
    final_newline: bool = False
    line_count: int = 0

    def leaves(self) -> Iterator[Node]:
        for page in self.pages:
            yield from page.leaves()

    def render(self) -> str:
        """The input text, rebuilt from the nodes alone."""
        lines = [text for node in sorted(self.leaves(), key=lambda n: n.line) for text in node.source]
        body = self.newline.join(lines) + (self.newline if self.final_newline else "")
        return ("\ufeff" if self.bom else "") + body

    def unparsed(self) -> Iterator[tuple[Page, Unparsed]]:
        for page in self.pages:
            for node in page.unparsed:
                yield page, node

