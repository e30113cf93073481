"""tie_out: a figure a filing prints on two pages or more is the same on each, as auditors tick and tie.

A filing's statements and notes print one item for one period again and again: net income on the
statement of operations, of comprehensive income, of cash flows and in the earnings per share note;
net sales on the statement and in the segment note. Rows of different pages are one item when
their labels are equal (case, spacing and a leading "Total" aside: a note's "Total inventories" is the
balance sheet's "Inventories"), with the same members and a compatible unit, and
they print the same period: a column of the same duration ending on the same date (an instant on a
page without duration groups). Where the pages agree on the item in one period at least, and one
page prints a value one keying slip away from the others' in one period, that page's value is the
odd one; with two pages alone, the later page's is named (a note is tied to the statement before it),
though either may be mistyped. Rows whose columns the page leaves open are not read, nor are pages that
print the item twice (NM002 reads a page's own repeats), unless their sections tell the two rows apart as
current and non-current.

The pages may come in one file or in several: the R pages of one filing saved one a file are read together
(checker.cli.filings), and a cell on another file's page names its file.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from checker.findings.checks.relations import compatible
from checker.findings.checks.twins import significant
from checker.findings.diagnosis import diagnose
from checker.findings.facts import agree

UNITS = frozenset({"money", "number", "shares"})


def check(compiled, contexts):
    """The findings of a tie_out rule over the pages of one filing (their Contexts, in page order, the pages of
    one file or of several)."""
    rule = compiled.rule
    order = {id(ctx): position for position, ctx in enumerate(contexts)}
    out = []
    for rows in _items(compiled, contexts).values():
        if len({id(ctx) for ctx, _, _ in rows}) < 2:
            continue
        for period in sorted({p for _, _, periods in rows for p in periods}, key=str):
            found = _odd_one(rows, period, rule.min_significant, order)
            if found is not None:
                out.append(_finding(compiled, found))
    return out


def _items(compiled, contexts) -> dict:
    """(label, members) -> [(ctx, row, {period: fact})] for the rows each page prints once, with known columns."""
    items: dict[tuple, list] = defaultdict(list)
    for ctx in contexts:
        keys = period_keys(ctx.page)
        seen: dict[tuple, list] = defaultdict(list)
        for frow in compiled.rows("item", ctx):
            if frow.exact and frow.unit in UNITS:
                periods = {keys[c]: f for c, f in frow.placement(0).items() if keys.get(c) is not None}
                if periods:
                    seen[frow.norm.removeprefix("total "), tuple(frow.row.member_path)].append((ctx, frow, periods))
        for key, rows in seen.items():
            if len(rows) == 1:
                items[key] += rows
            else:  # an item a page prints twice: which of its rows another page's is, its sections may say
                for qualified, row in _by_section(key, rows):
                    items[qualified].append(row)
    return items


CURRENT = re.compile(r"(non-?)?current\b")


def _by_section(key: tuple, rows: list) -> list:
    """(key, row) for each of the rows a page prints under one label, when their sections tell them apart as
    current and non-current: a balance sheet's "Marketable securities" under "Current assets:" and under
    "Non-current assets:" are a note's "Current marketable securities" and "Non-current marketable securities".
    Else none: which of its rows another page's is, is not known (NM002 reads a page's own repeats)."""
    label, members = key
    if CURRENT.match(label):
        return []
    words = [CURRENT.match((frow.row.section or "").lower()) for _, frow, _ in rows]
    if None in words or len({bool(w[1]) for w in words}) != len(rows):
        return []
    return [((f"{'non-current' if w[1] else 'current'} {label}", members), row) for w, row in zip(words, rows)]


def period_keys(page) -> dict[int, tuple]:
    """column -> (months, end date): the period a column reports, when its dates say it."""
    instants = not page.groups
    return {c.index: (c.months, c.end_date) for c in page.columns
            if c.end_date is not None and (c.months is not None or instants)}


def _odd_one(rows, period, min_significant: int, order: dict[int, int]):
    """(odd (ctx, row, fact, periods), the others, their agreement elsewhere, diagnosis) when the pages printing
    the item for `period` agree but one, by a keying slip, and that one's row agrees with them in another period."""
    groups: list[list] = []
    for ctx, frow, periods in rows:
        if period in periods:
            entry = (ctx, frow, periods[period], periods)
            group = next((g for g in groups if agree(g[0][2], entry[2])), None)
            if group is None:
                groups.append([entry])
            else:
                group.append(entry)
    if len(groups) != 2:
        return None
    # the smaller group is odd; of two pages, the later one's value (a note is tied to the statement before it)
    odd, rest = sorted(groups, key=lambda g: (len(g), -order[id(g[0][0])]))
    if len(odd) != 1 or not all(compatible(odd[0][1].unit, r[1].unit) for r in rest):
        return None
    fact, other = odd[0][2], rest[0][2]
    if fact.cell.scale != other.cell.scale or min(significant(fact.printed), significant(other.printed)) \
            < min_significant:
        return None
    found = diagnose(fact.printed, other.printed)
    if found is None or not found.keying:
        return None
    vouching = _vouching(odd[0][3], [r[3] for r in rest], period)
    return (odd[0], rest, vouching, found) if vouching else None


def _vouching(periods: dict, others: list[dict], period) -> list:
    """The other periods in which the odd row (its facts by period) agrees with a row of the others (not nil)."""
    return sorted({k for k, f in periods.items() if k != period and f.value
                   and any(k in p and agree(p[k], f) for p in others)}, key=str)


def _finding(compiled, found):
    (ctx, frow, fact, _), rest, vouching, diagnosis = found
    others = "; ".join(f"{where(c, ctx)} prints {f.shown} (line {f.cell.line})" for c, _, f, _ in rest)
    names = {"title": compiled.rule.title, "diagnosis": diagnosis.text,
             "first": f"{frow.row.label} = {fact.shown} (line {fact.cell.line}, {_period(ctx, fact)})",
             "second": others, "agree": len(vouching)}
    template = compiled.rule.message or "{first} but {second}: {diagnosis}"
    message = template.format_map(names)
    message += f"; the pages agree on it in {len(vouching)} other period{'s' if len(vouching) > 1 else ''}"
    cells = [ctx.facts.involved(frow, fact, "odd")] + [elsewhere(c.facts.involved(r, f, "others"), c, ctx)
                                                       for c, r, f, _ in rest]
    return ctx.finding(compiled.rule, message, cells, diagnosis.text)


def where(other, ctx) -> str:
    """Where the finding's reader finds the page `other`: in the finding's own file, or in another."""
    page = f"page {other.page.index + 1} ({other.page.name})"
    return page if other.path == ctx.path else f"{other.path}, {page}"


def elsewhere(cell, other, ctx):
    """The cell, naming its file when the finding (of `ctx`) is another file's."""
    return cell if other.path == ctx.path else replace(cell, path=other.path)


def _period(ctx, fact) -> str:
    return ctx.facts.column_label(fact.cell.column) or "its column"
