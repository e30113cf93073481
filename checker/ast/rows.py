"""Finishing rows once a page is read: row kinds, member paths, sections and cell scales."""
from __future__ import annotations

import re

from checker.ast.model import Page, Row, RowKind, Title, ValueKind


def close_rows(page: Page) -> None:
    """Row kinds and cell scales, now that every row has its cells."""
    title = page.title
    members: list[str] = []
    section: str | None = None
    scaled = title is not None and bool(title.money_scale or title.shares_scale)
    for row in page.rows:
        has_values = any(c.kind is not ValueKind.empty for c in row.cells)
        if row.kind is RowKind.member or (not has_values and (" | " in row.label or "[Member]" in row.label)):
            row.kind = RowKind.member
            members = [part.strip() for part in row.label.split(" | ")]
            section = None
        elif not has_values:
            row.kind = RowKind.abstract
            section = row.label
        row.member_path = members
        if row.kind is RowKind.item:
            row.section = section
            if scaled and has_values:  # on an unscaled page every scale stays 0
                scale_cells(row, title)


SHARE_LABEL = re.compile(r"\bshares?\b|\bunits?\b|\boptions?\b|\bwarrants?\b|\bRSUs?\b|\bstock awards?\b", re.I)
PER_SHARE_LABEL = re.compile(r"per (?:share|unit)|price|\$ / shares|/ ?share", re.I)
# an amount of money whose label still speaks of shares: "Warrant liability", "Common stock,
# $0.00001 par value: 50,400,000 shares authorized", "Value of shares repurchased"
MONEY_LABEL = re.compile(r"\bvalues?\b|\bamounts?\b|liabilit|capital|paid-in|\bpar\b|\bcosts?\b|expense|proceeds"
                         r"|\bincome\b|revenue|\bcash\b|dividends?|compensation|\$", re.I)
SHARE_COUNT = re.compile(r"\(in shares\)|\bnumber of\b|\bshares? (?:outstanding|issued|authorized)\b", re.I)


def scale_cells(row: Row, title: Title) -> None:
    """Which page scale a cell's number is printed in: money, shares, or none (per-share amounts)."""
    label = row.label
    per_share = bool(PER_SHARE_LABEL.search(label)) or row.unit == "$ / shares"
    money = any(c.kind is ValueKind.money for c in row.cells) or bool(MONEY_LABEL.search(label))
    shares = row.unit == "shares" or (not per_share and bool(SHARE_LABEL.search(label))
                                      and (not money or bool(SHARE_COUNT.search(label)) and "$" not in label))
    for cell in row.cells:
        if cell.kind is ValueKind.money:
            cell.scale = 0 if per_share else title.money_scale
        elif cell.kind is ValueKind.number:
            cell.scale = title.shares_scale if shares else 0 if per_share else title.money_scale
