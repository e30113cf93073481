"""Items -> Pages: the structure of an R page, one item at a time.

A page is a title block, a header (duration groups and column headers), a body
of rows and cells, and the definitions.  Each item is handed to the method for
the part of the page being read (`mode`); an item that cannot belong there
either starts the next part or becomes an `Unparsed` node, never nothing.
"""
from __future__ import annotations

import re

from checker.ast.columns import align
from checker.ast.construct import trusted
from checker.ast.definitions import definition, merge_definition
from checker.ast.items import Item
from checker.ast.kinds import EMPTY, ITEM_ROW, MEMBER_ROW, MONEY, NUMBER, TEXT
from checker.ast.model import Cell, Column, ColumnGroup, Node, Page, Row, StatementKind, Title
from checker.ast.rows import close_rows, names_members, split_year_rows
from checker.ast.textblock import SIGN_ONLY, close, embedded_table
from checker.ast.values import (CellValue, footnote_refs, header_date, scales, split_title,
                                statement_kind, SCALE_LINE)

DEF_MARKERS = frozenset({"def_marker", "reference", "no_definition"})
# how EDGAR ends a page title: "(Details)", "(Tables)", "(Policies)", "- USD ($)", "(USD $)", "- $ / shares"
TITLE_ENDING = re.compile(r"\((?:Details|Tables|Policies)\b[^)]*\)|\s-\s[A-Z]{3} \([^)]{1,4}\)$|\([A-Z]{3} \$\)$"
                          r"|\s-\s(?:\$ / shares|shares|pure)$")
# labels that head a section and never carry values
# an XBRL abstract, table, axis or member by its label's suffix: US GAAP's "[Line Items]", IFRS's "[line items]"
XBRL_HEADING = re.compile(r"\[(?i:Abstract|Line Items|Roll Forward|Table|Axis|Domain|Member)\]\s*$")
ABSTRACT_LABEL = re.compile(XBRL_HEADING.pattern + r"|:\s*$|\]\s*\|")
UNIT_SUFFIX = re.compile(r"^(?P<label>.+?) \| (?P<unit>\$|€|£|¥|shares|USD|EUR|GBP|pure|Pure|%|d|y|Y|D|\$ / shares)$")
PROSE_MIN = 60  # a free-text value is prose; labels are short
CLOSERS = frozenset({")", ")%"})
# the builder passes typed values only: skip validation (see construct.py)
NEW_PAGE, NEW_TITLE, NEW_GROUP = trusted(Page), trusted(Title), trusted(ColumnGroup)
NEW_COLUMN, NEW_ROW, NEW_CELL = trusted(Column), trusted(Row), trusted(Cell)


class PageBuilder:
    def __init__(self, index: int, line: int):
        self.page = NEW_PAGE(index=index, line=line)
        self.mode = "start"
        self.row: Row | None = None         # the row being filled (members and sections: rows.close_rows)
        self.valued = False                  # it has a value cell: any but an empty one or text (text
                                             # blocks can come in pieces); known here, not by rescanning its cells
        self.following: Item | None = None  # the item after the one being read
        self.pending: list[Item] = []        # a lone currency sign waiting for its amount
        self.labels: set[str] = set()        # row labels so far

    # -- dispatch ------------------------------------------------------------
    def feed(self, item: Item, following: Item | None = None) -> bool:
        """Take one item; False when it starts the next page."""
        self.following = following
        if self.mode == "body":  # most items: skip the name lookup
            if item.kind == "cell":  # and most of those: skip _body's dispatch too
                self._cell_item(item)
                return True
            return self._body(item)
        return getattr(self, f"_{self.mode}")(item)

    def _start(self, item: Item) -> bool:
        if item.kind == "orphan":
            return self._orphan(item)
        if item.kind == "bare" and item.cont and item.cont_kind == "text":
            self._title(item, item.cont)
            self.mode = "header"
            return True
        self.mode = "header"
        return self._header(item)

    def _orphan(self, item: Item) -> bool:
        if item.cont_kind in DEF_MARKERS:  # a definition pop-up rendered alone
            self.mode = "definitions"
            self.page.definitions.append(definition(item.start, item.lines))
            return True
        self._title(item, item.lines)  # old renderer: title, scale and column headers without '|'
        self.mode = "header"
        return True

    def _title(self, item: Item, text_lines: list[str]) -> None:
        """The title block: title line, scale line, and (old renderer) column headers."""
        title, unit = split_title(text_lines[0].strip())
        rest = text_lines[1:]
        scale_text = rest.pop(0).strip() if rest and SCALE_LINE.match(rest[0].strip()) else None
        money, shares = scales(scale_text)
        owned = len(item.lines) - len(rest)
        self.page.title = NEW_TITLE(line=item.start, source=item.lines[:owned], text=title, unit=unit,
                                    scale_text=scale_text, kind=statement_kind(title),
                                    money_scale=money, shares_scale=shares)
        for offset, text in enumerate(rest, owned):
            self._add_column(item.start + offset, [text], [text])

    def _add_column(self, line: int, source: list[str], header: list[str]) -> None:
        texts = [h.strip() for h in header]
        self.page.columns.append(NEW_COLUMN(line=line, source=source, index=len(self.page.columns),
                                            header=texts, end_date=header_date(texts[0]) if texts else None))

    # -- header --------------------------------------------------------------
    def _header(self, item: Item) -> bool:
        if item.kind == "group":
            months = int(item.groups["count"]) * (12 if item.groups["unit"].startswith("Year") else 1)
            if not item.groups["unit"].startswith(("Month", "Year")):
                months = None
            self.page.groups.append(NEW_GROUP(line=item.start, source=item.lines[:1],
                                              text=item.lines[0][1:].strip(), months=months))
            if item.cont:  # one-column pages print the date under the group
                self._add_column(item.start + 1, item.cont, item.cont)
            return True
        if item.kind == "bare" and item.cont and not self._opens_body(item):
            self._add_column(item.start, item.lines, item.cont)
            return True
        if item.kind == "footnote" and self.page.columns and ends_before(self.page.columns[-1], item.start):
            column = self.page.columns[-1]
            column.source.extend(item.lines)
            column.footnotes.extend(footnote_refs(item.groups["notes"]))
            return True
        self.mode = "body"
        return self._body(item)

    def _opens_body(self, item: Item) -> bool:
        """Is a header-like cell with no date, after columns that all have one, the body's first member heading
        ("|" then "Retirement Plan [Member]")? It is printed as a column header is."""
        columns = self.page.columns
        return bool(columns) and header_date(item.cont[0].strip()) is None and all(c.end_date for c in columns)

    # -- body ----------------------------------------------------------------
    def _body(self, item: Item) -> bool:
        kind = item.kind
        if kind == "cell":  # nine items in ten
            self._cell_item(item)
        elif kind == "def_open":
            self.mode = "definitions"
            return self._definitions(item)
        elif kind == "footnote":
            self._footnote(item)
        elif kind == "bare":
            if opens_page(item, self.following):
                return False
            self._bare_item(item)
        elif kind == "group":  # a new page whose title was cut off
            return False
        else:  # orphan continuation cannot follow a head line
            self._row_for_text(item.start).cells.append(text_cell(item.start, item.lines))
        return True

    def _cell_item(self, item: Item) -> None:
        content = item.content
        if item.value.kind is not TEXT:
            if len(item.lines) == 1:  # a value on its own: item.starts_value()
                self._value(item)
            else:  # "|95,088" then "Cost of revenue": next label unpiped
                self._value(item, item.lines[:1])
                self._new_row(item.start + 1, item.cont, " ".join(c.strip() for c in item.cont))
        elif content.strip() in SIGN_ONLY and self.following is not None and self.following.kind == "cell" \
                and self.following.value.kind is not TEXT:
            self.pending.append(item)  # "|$" then "|173,599": one cell printed on two lines
        elif content.strip() in CLOSERS and self.row is not None and self.row.cells \
                and self.row.cells[-1].raw.startswith("(") and not self.row.cells[-1].negative:
            close_cell(self.row.cells[-1], item)  # "|(3,910" then "|)"
        elif self._is_text_value(item):
            self.row.cells.append(text_cell(item.start, item.lines, content))
        else:
            self._new_row(item.start, item.lines[:1], content.strip())
            if item.cont:  # "|Label [Text Block]" then the block's lines
                self.row.cells.append(text_cell(item.start + 1, item.cont))

    def _value(self, item: Item, source: list[str] | None = None) -> None:
        row = self._current_row(item.start)
        cell = value_cell(item.start, source or item.lines, item.content, item.value)
        if self.pending:
            prefix = self.pending.pop()
            cell.line, cell.source = prefix.start, prefix.lines + cell.source
            cell.raw = f"{prefix.content.strip()} {cell.raw}"
            cell.currency = cell.currency or prefix.content.strip()
            cell.kind = MONEY if cell.kind is NUMBER else cell.kind
        row.cells.append(cell)
        self.valued = True  # the only place a value cell joins a row

    def _is_text_value(self, item: Item) -> bool:
        """A free-text value of the current row, rather than the next row's label.

        Text followed by values is a label.  Any text under a label on a cover
        page is a value: labels and values alternate there.  Elsewhere prose is a
        value, unless it already labelled a row above (a section repeated under a
        member heading) or names an XBRL abstract ('... [Line Items]'): a heading
        of the table, under a member heading the renderer printed without
        '[Member]'.
        """
        row = self.row
        if row is None or row.cells or not takes_text(row) or item.cont or XBRL_HEADING.search(item.content):
            return False
        if self.following is not None and self.following.starts_value():
            return False
        if self.page.title is not None and self.page.title.kind is StatementKind.cover:
            return True
        return len(item.content) >= PROSE_MIN and item.content.strip() not in self.labels

    def _bare_item(self, item: Item) -> None:
        row = self.row
        if not item.cont:
            self._current_row(item.start).cells.append(
                NEW_CELL(line=item.start, source=item.lines, raw="", kind=EMPTY))
        elif row is not None and not self.valued and takes_text(row) and not names_members(item.cont[0]):
            row.cells.append(text_cell(item.start, item.lines))
        elif len(item.cont) == 1 and len(item.cont[0]) <= 100:  # old renderer's member rows
            # (one that names members is one even under a row left empty: 'Total' of a member with no loans)
            self._new_row(item.start, item.lines, item.cont[0].strip(), member=True)
        else:
            self._row_for_text(item.start).cells.append(text_cell(item.start, item.lines))

    def _footnote(self, item: Item) -> None:
        notes = footnote_refs(item.groups["notes"])
        owner = self._current_row(item.start)
        target = owner.cells[-1] if owner.cells else owner
        if not ends_before(target, item.start):  # nothing right above to mark: keep it on a row of its own
            target = self._new_row(item.start, [], "")
        target.source.extend(item.lines)
        target.footnotes.extend(notes)

    def _row_for_text(self, line: int) -> Row:
        """The row a stray block of text belongs to: the current one if still empty."""
        if self.row is not None and not self.valued:
            return self.row
        return self._new_row(line, [], "")

    def _current_row(self, line: int) -> Row:
        return self.row if self.row is not None else self._new_row(line, [], "")

    def _new_row(self, line: int, source: list[str], label: str, member: bool = False) -> Row:
        unit = None
        match = UNIT_SUFFIX.match(label) if " | " in label else None  # the pattern needs " | ": most labels lack it
        if match:
            label, unit = match["label"], match["unit"]
        row = NEW_ROW(line=line, source=source, label=label, unit=unit,
                      kind=MEMBER_ROW if member else ITEM_ROW)
        self.page.rows.append(row)
        self.labels.add(label)
        self.row, self.valued = row, False
        return row

    # -- definitions ---------------------------------------------------------
    def _definitions(self, item: Item) -> bool:
        if item.kind == "def_open":
            self.page.definitions.append(definition(item.start, item.lines))
            return True
        starts_page = (item.kind == "group" or item.kind == "orphan"
                       or (item.kind == "bare" and item.cont and item.cont_kind == "text"))
        if starts_page or not self.page.definitions:
            return False
        current = self.page.definitions[-1]
        current.source.extend(item.lines)
        merge_definition(current, item)
        return True

    # -- finish --------------------------------------------------------------
    def finish(self) -> Page:
        split_year_rows(self.page)
        close_rows(self.page)
        align(self.page)
        return self.page


def opens_page(item: Item, following: Item | None) -> bool:
    """The next page's title block met in a body (a page cut off before its definitions, excerpts pasted one
    after another): a bare '|' over a title line and maybe a scale line ('$ in Millions'), then the next
    page's header: a duration group, a bare date, or member columns ('Common Stock [Member]') under a line
    that reads as a title ('... (Details) - USD ($)'). A body's own bare items are member headings and
    text, which a row label follows, never a header, and never end as a title does."""
    cont = item.cont
    if following is None or not 1 <= len(cont) <= 2 or len(cont) == 2 and not SCALE_LINE.match(cont[1].strip()):
        return False
    if following.kind == "group":
        return True
    if following.kind != "bare" or not following.cont:
        return False
    return header_date(following.cont[0]) is not None or TITLE_ENDING.search(cont[0].strip()) is not None


def ends_before(node: Node, line: int) -> bool:
    """The node's lines end right above `line`: a node owns one contiguous run of lines."""
    return node.line + len(node.source) == line


def close_cell(cell: Cell, item: Item) -> None:
    """A "|)" line ends the cell above: it owns the line, and its value was negative."""
    close(cell, item.content.strip())
    cell.source.extend(item.lines)
    cell.raw += item.content.strip()


def takes_text(row: Row) -> bool:
    return row.kind is ITEM_ROW and bool(row.label) and not ABSTRACT_LABEL.search(row.label)


def value_cell(line: int, source: list[str], content: str, value: CellValue) -> Cell:
    return NEW_CELL(line=line, source=source, raw=content, kind=value.kind, value=value.value,
                    negative=value.negative, currency=value.currency, decimals=value.decimals,
                    footnotes=value.footnotes)


def text_cell(line: int, source: list[str], content: str | None = None) -> Cell:
    paragraphs = [content] if content is not None else [s for s in source if s.strip() and s != "|"]
    raw = "\n".join(paragraphs)
    table = embedded_table(source, line) if len(source) > 3 else []
    return NEW_CELL(line=line, source=source, raw=raw, kind=TEXT, paragraphs=paragraphs, table=table)
