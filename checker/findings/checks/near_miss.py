"""near_miss: two values of one unit on a page that differ only by a keying slip.

A pair of rows with different labels whose values could sit in the same column and that
differ by one digit, two adjacent digits swapped or (optionally) a factor of 1000, where
the values are long enough (significant digits, size) that such closeness is unlikely to
be chance. A value also printed exactly elsewhere on the page vouches for itself and is
not paired, and so does a pair whose gap is printed on the page (shares issued between
two balances, a repayment between proceeds and net financing cash).

With `related_labels`, the pair must be meant as one item: by label (the same words once
beginning/ending, balance, dates and 'total' are out; not a beginning and an ending balance
at two dates), or by the numbers (twin rows): two rows that print the same values, or the
same values negated, in every other column they share, one of them a value of three or more
significant digits, so that what one mistyped digit explains in the last column is the only
thing that sets them apart.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from checker.findings.diagnosis import diagnose
from checker.findings.checks.rollforward import dates, stem
from checker.findings.checks.twins import close_digits, digits, significant_digits, twin_rows
from checker.findings.facts import Fact, FactRow, describe, period_month

MIN_SIGNIFICANT = 3  # the fewest significant digits any near_miss rule may ask for (the rule model's bound)
OPENS = re.compile(r"\b(beginning|opening|begin|start)\b")
CLOSES = re.compile(r"\b(ending|closing|end)\b")


def related(a: str, b: str) -> bool:
    """Labels that name the same item: equal once endpoints, dates, 'balance' and 'total' are out."""
    return item_name(a) == item_name(b)


@lru_cache(maxsize=4096)
def item_name(norm: str) -> str:
    """What `related` compares: the normal label without endpoints, dates, 'balance' and 'total'."""
    return stem(norm).replace("total", "").strip()


BASIC_DILUTED = re.compile(r"\b(basic|diluted)\b|[^\w\s]")


def basic_and_diluted(a: str, b: str) -> bool:
    """The basic and the diluted figure of one item (weighted average shares, earnings per share): apart by
    the dilutive securities, which are as likely to be small as a slip is (EP001 and EP002 divide them)."""
    if not ("basic" in a and "diluted" in b or "diluted" in a and "basic" in b):
        return False
    return BASIC_DILUTED.sub(" ", a).split() == BASIC_DILUTED.sub(" ", b).split()


def dated_apart(a: str, b: str) -> bool:
    """Both labels name a date and the dates differ: two instants, free to differ."""
    da, db = dates(a), dates(b)
    return bool(da and db and da != db)


def apart_in_time(r1: FactRow, f1: Fact, r2: FactRow, f2: Fact, ctx) -> bool:
    """A beginning and an ending balance that no placement of their cells dates alike: balances at two dates,
    free to differ (goodwill of 1,004 that ends the year at 1,014, in one column), unless they are one column's
    and nothing printed between them moves it. A beginning balance is dated its column's months before the
    column's date; a column with no date or no months leaves it unknown."""
    ends = [bool(CLOSES.search(r.norm)) - bool(OPENS.search(r.norm)) for r in (r1, r2)]
    if sorted(ends) != [-1, 1]:
        return False  # not one beginning and one ending balance
    begin, end = (f1, f2) if ends[0] < 0 else (f2, f1)
    columns = ctx.page.columns
    opened = {_month(columns, c, True) for c in begin.columns}
    closed = {_month(columns, c, False) for c in end.columns}
    if not opened or not closed or None in opened | closed or opened & closed:
        return False
    shared = set(begin.columns) & set(end.columns)
    return not shared or _moved(ctx, r1, r2, shared)


def _moved(ctx, r1: FactRow, r2: FactRow, columns: set[int]) -> bool:
    """Does a row between the two (of their members) print an amount other than nil that may sit in one of
    the columns?"""
    low, high = sorted((r1.index, r2.index))
    return any(low < r.index < high and r.row.member_path == r1.row.member_path and
               any(f.printed and columns.intersection(f.columns) for f in r.facts.values())
               for r in ctx.facts.rows)


def _month(columns, index: int, at_start: bool) -> int | None:
    """period_month of column `index`; None when the page has no such column."""
    return period_month(columns[index], at_start) if 0 <= index < len(columns) else None


def candidates(compiled, ctx):
    """(row, fact, significant digits, digit string) of every value a near miss may pair, printed once on
    the page and at least the rule's min_value: shared by the near_miss rules that select and bound alike
    (each keeps the values with enough significant digits for it). The smaller values, about a fifth, are
    never turned into digits."""
    smallest = compiled.rule.min_value
    key = ("near_miss", compiled.keys["item"], smallest)
    found = ctx.facts.cache.get(key)
    if found is None:
        once: dict[Decimal, tuple[FactRow, Fact] | None] = {}  # printed value -> its cell; None once printed again
        for r in compiled.rows("item", ctx):
            if r.unit not in ("percent", "per_share"):
                for f in r.facts.values():
                    if printed := f.printed:
                        once[printed] = None if printed in once else (r, f)
        found = []
        for cell in once.values():  # in the order of the cells (a value printed again keeps its first place)
            if cell is not None and abs(cell[1].printed) >= smallest:
                sig, text = significant_digits(cell[1])
                if sig >= MIN_SIGNIFICANT:
                    found.append((*cell, sig, text))
        ctx.facts.cache[key] = found
    return found


def eligible(compiled, ctx):
    """(the candidates with enough significant digits for the rule, index pairs of them one slip apart): a pair
    with a value of fewer significant digits or smaller than the rule asks for is never flagged, so only these
    are paired (once a page for the rules that select and bound alike)."""
    rule = compiled.rule
    key = ("near_miss pairs", compiled.keys["item"], rule.min_significant, rule.min_value, rule.related_labels)
    found = ctx.facts.cache.get(key)
    if found is None:
        least = rule.min_significant
        cells = [c for c in candidates(compiled, ctx) if c[2] >= least]
        pairs = related_pairs(cells) if rule.related_labels else neighbours([c[3] for c in cells])
        found = ctx.facts.cache[key] = (cells, pairs)
    return found


def related_pairs(cells) -> list[tuple[int, int]]:
    """`neighbours` of the cells, kept to pairs of rows with related labels: only the cells of rows naming one
    item under two or more labels are paired (on most pages no two labels do; rows of one label, as a table
    repeats its labels for each member, are never a pair). Whether two strings pair depends on them alone,
    so the pairs found within each item are those found among all the cells."""
    name_of = {r: item_name(r.norm) for r in dict.fromkeys([c[0] for c in cells])}
    labels_named = Counter(item_name(norm) for norm in {r.norm for r in name_of})
    by_item: dict[str, list[int]] = {}
    for n, c in enumerate(cells):
        name = name_of[c[0]]
        if labels_named[name] > 1:
            by_item.setdefault(name, []).append(n)
    found = []
    for members in by_item.values():
        found += [(members[i], members[j]) for i, j in neighbours([cells[n][3] for n in members])]
    return sorted(found)


def neighbours(strings: list[str]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of digit strings one slip apart (one digit, or two adjacent digits swapped).

    Such a pair keeps one half of the string intact, or, when the swap straddles the middle, both ends:
    strings are bucketed by length and those keys, and only strings sharing a bucket are compared."""
    by_length: dict[int, list[int]] = {}
    for n, d in enumerate(strings):
        by_length.setdefault(len(d), []).append(n)
    found = set()
    for group in by_length.values():
        if len(group) < 2:
            continue  # a length no other string has: nothing to compare
        h = len(strings[group[0]]) // 2
        heads: dict[str, list[int]] = {}
        tails: dict[str, list[int]] = {}
        ends: dict[tuple[str, str], list[int]] = {}
        for n in group:
            d = strings[n]
            heads.setdefault(d[:h], []).append(n)
            tails.setdefault(d[h:], []).append(n)
            ends.setdefault((d[:h - 1], d[h + 1:]), []).append(n)
        for buckets in (heads, tails, ends):
            for bucket in buckets.values():
                if len(bucket) < 2:
                    continue  # most buckets: nothing to compare
                for a, i in enumerate(bucket):
                    for j in bucket[a + 1:]:
                        if close_digits(strings[i], strings[j]):
                            found.add((i, j))
    return sorted(found)


def check(compiled, ctx):
    out = label_pairs(compiled, ctx)
    if compiled.rule.related_labels:
        flagged = {tuple(c.line for c in f.cells) for f in out}
        out += [f for f in twin_rows(compiled, ctx) if tuple(c.line for c in f.cells) not in flagged]
        out = odd_ones_out(out)
    return out


def odd_ones_out(findings):
    """One finding where a cell is one slip away from two cells or more of the same item that print one value
    (an item printed three times, once mistyped, draws a pair for each other printing): the first pair's,
    naming the other cells too, and which value is the odd one."""
    by_line: dict[int, list] = {}
    for finding in findings:
        for cell in finding.cells:
            by_line.setdefault(cell.line, []).append(finding)
    merged: dict[int, object] = {}  # id(finding) -> what stands in its place (None: merged into another)
    for line, group in by_line.items():
        if len(group) < 2 or any(id(f) in merged for f in group):
            continue
        odd = next(c for c in group[0].cells if c.line == line)
        others = [next(c for c in f.cells if c.line != line) for f in group]
        values = {_amount(c.raw) for c in others}
        if len(values) != 1 or _amount(odd.raw) in values:
            continue  # the others differ among themselves: no value to call the item's
        lines, many = ", ".join(str(c.line) for c in others[1:]), len(others) > 2
        message = (f"{group[0].message}; line{'s' if many else ''} {lines} print{'' if many else 's'} "
                   f"{others[0].raw} for the item too, so the odd value is line {line}'s")
        merged.update({id(f): None for f in group})
        merged[id(group[0])] = replace(group[0], message=message, cells=group[0].cells + tuple(others[1:]))
    return [merged.get(id(f), f) for f in findings if merged.get(id(f), f) is not None]


def _amount(raw: str) -> str:
    """A printed value as a number's digits and sign ("$ (1,234)" -> "-1234"), to tell printings of one value."""
    digits = re.sub(r"[^0-9.]", "", raw)
    return f"-{digits}" if "(" in raw or "-" in raw else digits


def label_pairs(compiled, ctx):
    rule = compiled.rule
    cells, pairs = eligible(compiled, ctx)
    anywhere = None
    out = []
    for i, j in pairs:
        (r1, f1, _, _), (r2, f2, _, _) = cells[i], cells[j]
        if r1 is r2 or r1.norm == r2.norm or (f1.printed < 0) != (f2.printed < 0):
            continue
        if dated_apart(r1.row.label, r2.row.label) or basic_and_diluted(r1.norm, r2.norm):
            continue
        if rule.same_column and not set(f1.columns) & set(f2.columns):
            continue
        if rule.related_labels and (not related(r1.norm, r2.norm) or apart_in_time(r1, f1, r2, f2, ctx)):
            continue
        found = diagnose(f2.printed, f1.printed)
        if found is None or found.kind not in rule.slips:
            continue
        if anywhere is None:
            anywhere = {abs(f.printed) for r in ctx.facts.rows for f in r.facts.values()}
        if abs(f2.printed - f1.printed) in anywhere:
            continue  # the gap is itself printed on the page: likely a real movement, not a slip
        if not rule.related_labels and apart_elsewhere(r1, f1, r2, f2, anywhere):
            continue
        names = {"left": describe(r1, f1), "right": describe(r2, f2), "diagnosis": found.text,
                 "title": rule.title}
        names["operands"] = f"{names['left']}; {names['right']}"
        template = rule.message or "{left} and {right} are nearly the same number: {diagnosis}"
        involved = [ctx.facts.involved(r1, f1, "left"), ctx.facts.involved(r2, f2, "right")]
        out.append(ctx.finding(rule, template.format_map(names), involved, found.text))
    return out


def apart_elsewhere(r1: FactRow, f1: Fact, r2: FactRow, f2: Fact, printed: set[Decimal]) -> bool:
    """The two rows line up cell for cell (one shape), differ outright in another column and agree in none:
    two different items, so their near match in this one is chance (quarterly non-interest income against
    net income). One column where they agree (net loss and loss before taxes, in a year without tax), or
    where the page prints what sets them apart (the long-term part of a total), keeps them a possible pair."""
    shape1 = [f.columns for f in r1.facts.values()]
    if len(r1.facts) < 2 or len(r1.facts) != len(r1.cells) or len(r2.facts) != len(r2.cells) \
            or shape1 != [f.columns for f in r2.facts.values()]:
        return False
    apart = False
    for x, y in zip(r1.facts.values(), r2.facts.values()):
        if x is f1 or y is f2 or not x.printed or not y.printed:
            continue
        if abs(x.printed) == abs(y.printed) or abs(x.printed - y.printed) in printed \
                or abs(x.printed + y.printed) in printed:
            return False
        apart = apart or not close_digits(digits(x), digits(y))
    return apart
