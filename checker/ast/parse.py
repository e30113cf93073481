"""Entry points: bytes or text -> Filing, with clear errors for what is not an R page."""
from __future__ import annotations

from checker.ast.build import PageBuilder
from checker.ast.construct import trusted
from checker.ast.items import Item, split_items
from checker.ast.model import Filing, Page, Unparsed

NEW_FILING = trusted(Filing)


class InputError(Exception):
    """A file that is not an R-page text rendering (or cannot be read)."""

    def __init__(self, path: str, message: str, line: int | None = None):
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.message, self.line = path, message, line


def parse_file(path: str) -> Filing:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    return parse_bytes(data, path)


def parse_bytes(data: bytes, path: str) -> Filing:
    if not data.strip():
        raise InputError(path, "empty file: expected an R-page text rendering")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows' "Unicode": text, but every other byte is 0
        raise InputError(path, "UTF-16 text: save the page as UTF-8", 1)
    if b"\0" in data:
        raise InputError(path, "binary file: expected an R-page text rendering", data[:data.index(b"\0")].count(b"\n") + 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise InputError(path, f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the page as UTF-8", line) from None
    return parse_text(text, path)


def parse_text(text: str, path: str = "<text>") -> Filing:
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    final_newline = text.endswith("\n")
    lines = text.split("\n")
    if final_newline:
        lines.pop()
    # CRLF when every line break is one; the last line of a file without a final
    # newline keeps any "\r" of its own
    ended = lines if final_newline else lines[:-1]
    newline = "\r\n" if ended and all(line.endswith("\r") for line in ended) else "\n"
    if newline == "\r\n":
        lines = [line[:-1] for line in ended] + ([] if final_newline else lines[-1:])
    items = split_items(lines)
    reject_non_rendering(items, lines, path)
    return NEW_FILING(path=path, pages=build_pages(items), newline=newline, bom=bom,
                      final_newline=final_newline, line_count=len(lines))


def reject_non_rendering(items: list[Item], lines: list[str], path: str) -> None:
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.startswith("<") and any(tag in text.lower() for text in lines[:50]
                                     for tag in ("<html", "<!doctype", "<table", "<body", "<div")):
        raise InputError(path, "HTML, not the text rendering: expected lines starting with '|' "
                               "(extract the page's text first)", 1)
    if not any(looks_like_page(item) for item in items):
        raise InputError(path, "not an R-page text rendering: no title block, period header, "
                               "value cell or definition ('|X') found", 1)


def looks_like_page(item: Item) -> bool:
    if item.kind in ("def_open", "group"):
        return True
    if item.kind == "orphan" and item.cont_kind in ("def_marker", "reference"):
        return True  # a definition pop-up rendered alone
    if item.kind == "bare" and item.cont:
        return True
    if item.kind == "cell":
        return item.value.kind.value not in ("text", "boolean", "dash")
    return False


def build_pages(items: list[Item]) -> list[Page]:
    pages: list[Page] = []
    builder = PageBuilder(0, items[0].start if items else 1)
    for item, following in zip(items, items[1:] + [None]):
        if builder.feed(item, following):
            continue
        pages.append(builder.finish())
        builder = PageBuilder(len(pages), item.start)
        if not builder.feed(item, following):
            builder.page.unparsed.append(Unparsed(line=item.start, source=item.lines,
                                                  reason=f"a {item.kind} line where no page part can take it"))
    pages.append(builder.finish())
    return pages
