"""rollforward: balances that roll.

Beginning balance + the activity rows between it and the ending balance = ending balance,
in each column where both balances are printed (an activity row with no value in a column
adds nothing there), evaluated under every alignment consistent with the page and flagged
only when none satisfies it (the search is roll_search's). The pairs of beginning and ending
rows are shared with continuity (checker.findings.checks.continuity).

Activity is read with its signs as printed, so a rule may report at info; where the same rows
roll in another column, their signs are vouched for and the finding takes the rule's
corroborated_severity.
"""
from __future__ import annotations

import re
from functools import lru_cache

from checker.ast.values import header_date
from checker.findings.alignments import MAX_ALIGNMENTS, cells_placed, joint_placements
from checker.findings.checks import row_sums
from checker.findings.checks.relations import compatible, scales, slip_diagnosis
from checker.findings.checks.roll_search import (NOT_CORROBORATED, ROLL_ALIGNMENTS, bounded_roll, column_slips,
                                                 corroborated, roll)
from checker.findings.diagnosis import diagnose, fmt, trimmed
from checker.findings.facts import describe, period_month

# words that say which end of the period a balance is at, and dates: what pairs "Allowance,
# beginning balance" with "Allowance, ending balance" once taken out; an opening balance restated
# ("Opening net book value (recast)", "Beginning balance, as adjusted") still opens the same roll
ENDPOINT = re.compile(r"\b(beginning|ending|opening|closing|begin|end|start|of|the|at|as|period|year|balance|"
                      r"balances|outstanding|in|on|recast|restated|adjusted)\b|[a-z]{3}\.? \d{1,2}, \d{4}"
                      r"|\b(january|february|march|april|may|june|july|august|september|october|november|december)"
                      r"( \d{1,2})?,?( \d{4})?|\d{4}|[^a-z ]")
# a date in a row label: EDGAR's ("Balance at Dec. 31, 2017") or the filer's ("as of December 31, 2012")
DATE = re.compile(r"[A-Z][a-z]{2}\.? \d{1,2}, \d{4}|(?:January|February|March|April|May|June|July|August|September|"
                  r"October|November|December) \d{1,2},? \d{4}")
# joint placements the rows between two balances a repeated label pairs may leave open (repeated_pairs)
MAX_ACTIVITY = 16
# how a corroborated finding on rows that leave columns open chose its placement (roll_search.corroborated)
ALONE = "of their placements, only this one fails in one column alone"
BY_SLIP = "of their placements that fail in one column alone, only this one does so by what one keying slip explains"


@lru_cache(maxsize=4096)
def stem(norm_label: str) -> str:
    return " ".join(ENDPOINT.sub(" ", norm_label).split())


def pairs(compiled, ctx, max_rows: int | None = None):
    """(begin, end, rows between) for each beginning row and the nearest ending row below it, with at most
    max_rows between when given; found once a page for the rules that select begin and end alike
    (rollforward and continuity)."""
    key = ("rollforward pairs", compiled.keys["begin"], compiled.keys["end"])
    found = ctx.facts.cache.get(key)
    if found is None:
        found = ctx.facts.cache[key] = _pairs(compiled, ctx)
    if max_rows is None:
        return found
    return [(b, e, between) for b, e, between in found if e.index - b.index <= max_rows + 1]


def _pairs(compiled, ctx):
    """pairs, however many rows lie between.

    All must be read at one scale: 'Warrant liability, beginning $ 38' (money, thousands) and
    'Warrant liability, ending 38' read as a count of warrants are not comparable, whatever they print."""
    begins = compiled.rows("begin", ctx)
    if not begins:
        return []  # most pages: the ending rows are not selected for nothing
    ends = compiled.rows("end", ctx)
    position = {id(r): i for i, r in enumerate(ctx.facts.rows)}
    out = []
    for b in begins:
        key = stem(b.norm)
        e = next((e for e in ends if e.index > b.index and same_item(e, b, key) and same_roll(b, e, key, begins)
                  and in_order(b, e)), None)
        if e is None:
            continue
        begin_scales = scales(b)
        if scales(e) != begin_scales:
            continue
        between = [r for r in ctx.facts.rows[position[id(b)] + 1:position[id(e)]]
                   if r.row.member_path == b.row.member_path and compatible(r.unit, b.unit)]
        if all(scales(r) <= begin_scales for r in between):
            out.append((b, e, between))
    return out


def previous_column(ctx) -> dict[int, int]:
    """column -> the column whose period ends where this one's begins (same duration)."""
    cols = ctx.page.columns
    ending: dict[tuple, int] = {}  # (months, month the period ends) -> the first such column
    for b in cols:
        if (month := period_month(b)) is not None:
            ending.setdefault((b.months, month), b.index)
    out = {}
    for a in cols:
        month = period_month(a, at_start=True)
        found = None if month is None else ending.get((a.months, month))
        if found is not None:
            out[a.index] = found
    return out


def repeated_pairs(compiled, ctx, max_rows: int):
    """(begin, end, rows between) for a balance printed twice under one label, with at most max_rows between
    (balances: repeated): the nearest row below with the label, members and unit, and of the same scale, carries
    the upper one a period on (both rows selected, as begin and as end).
    Its value for each period that ends when one of the upper row's begins is the upper row's for that one: one
    at least, not nil, and at most one other differs where they share two or more (a slip in the balances
    themselves). Both rows' columns must be known, and the rows between may leave MAX_ACTIVITY joint placements
    open at most: where a label is all that says a roll-forward is one, more leave room for a placement that
    rolls by chance (rows printed for one year of three, a movement printed for two elements)."""
    rows = ctx.facts.rows
    seen, repeated = set(), set()
    for r in rows:
        (repeated if r.norm in seen else seen).add(r.norm)
    previous = previous_column(ctx) if repeated else {}  # most pages: no label printed twice
    if not previous:
        return []
    begin, end, page = compiled.selectors["begin"], compiled.selectors["end"], ctx.page
    out = []
    for i, b in enumerate(rows):
        if b.norm not in repeated:
            continue
        j = next((j for j in range(i + 1, min(len(rows), i + max_rows + 2)) if rows[j].norm == b.norm
                  and rows[j].row.member_path == b.row.member_path and compatible(rows[j].unit, b.unit)), None)
        if j is None or not (b.exact and rows[j].exact) or scales(rows[j]) != scales(b) \
                or not _carried(b, rows[j], previous) \
                or not begin(b.row, page, b.unit) or not end(rows[j].row, page, rows[j].unit):
            continue
        between = [r for r in rows[i + 1:j] if r.row.member_path == b.row.member_path and compatible(r.unit, b.unit)]
        if between and all(scales(r) <= scales(b) for r in between) \
                and joint_placements(between, MAX_ACTIVITY) is not None:  # (counted, not made)
            out.append((b, rows[j], between))
    return out


def _carried(b, e, previous: dict[int, int]) -> bool:
    """Does e print b's values a period on (see repeated_pairs)?"""
    begin, end = b.placement(0), e.placement(0)
    shared = [(f.value, end[previous[c]].value) for c, f in begin.items() if previous.get(c) in end]
    same = sum(1 for x, y in shared if x == y and x)
    return same >= 1 and len(shared) - same <= (1 if len(shared) >= 2 else 0)


def same_item(r, b, key: str) -> bool:
    """Is row r a balance of b's item: its label less endpoints and dates (key, b's stem), members and unit?"""
    return r.row.member_path == b.row.member_path and compatible(r.unit, b.unit) and stem(r.norm) == key


def same_roll(b, e, key: str, begins) -> bool:
    """Do b and e bound one roll-forward? Not when another beginning row of the item (its label, members and
    unit) opens between them: the roll that ends at e starts there (an equity statement's "Ending balance at
    Mar. 31, 2019", which opens the next quarter, and a later block's "Beginning balance at Dec. 31, 2019").
    A section may change inside one roll: a valueless row starts a new section in the AST, and an equity
    statement prints movements whose amounts are all nil (shares alone moved) that way."""
    return not any(b.index < o.index < e.index and same_item(o, b, key) for o in begins)


def in_order(b, e) -> bool:
    """Does b's label date (if any) come before e's? A summary row dated at the period's end can be printed above
    the roll-forward that ends there ("Outstanding at September 30, 2017" then "Outstanding at December 31,
    2016"), or twice, under two members: a roll runs forward in time."""
    begin, end = label_date(b.row.label), label_date(e.row.label)
    return begin is None or end is None or begin < end


@lru_cache(maxsize=4096)
def dates(label: str) -> tuple[str, ...]:
    """The dates a row label names, as printed."""
    return tuple(DATE.findall(label))


@lru_cache(maxsize=4096)
def label_date(label: str):
    """The last date a row label names, or None."""
    found = dates(label)
    return header_date(found[-1]) if found else None


def rolls(compiled, ctx):
    """(rows = [begin, end] + activity, skip) for each roll-forward the rule reads on the page; `skip` is a
    Total column the movements leave empty, which does not roll."""
    rule = compiled.rule
    found = repeated_pairs(compiled, ctx, rule.max_rows) if rule.balances == "repeated" else \
        pairs(compiled, ctx, rule.max_rows)
    for b, e, between in found:
        if not between:
            continue
        skip = row_sums.sparse_total(ctx.page, b, between)
        if skip is not None:  # a movement printed once is in a member column: its total was left empty
            between = [r.avoiding(skip) if len(r.facts) == 1 else r for r in between]
        yield [b, e] + between, skip


def walk_limit(rule) -> int:
    """The joint alignments `roll` walks for the rule: a rule that can add up whole rows (an equity statement's)
    walks fewer (past them, a bounded search answers, and then whole rows)."""
    return MAX_ALIGNMENTS if rule.row_sums else ROLL_ALIGNMENTS


def check_rollforward(compiled, ctx):
    rule = compiled.rule
    exact = rule.tolerance == "exact"
    out = []
    for rows, skip in rolls(compiled, ctx):
        best = roll(rows, exact, skip, walk_limit(rule))
        finding = None if best is None else _rollforward_finding(rule, ctx, rows, best, exact, skip)
        # nothing found column by column (some alignment rolls in every column begin and end share, there are
        # too many alignments to try, or no slip explains the column that fails): whole rows also count the
        # columns begin or end leaves empty, whatever the alignment
        if finding is None and rule.row_sums and not all(r.exact for r in rows):
            finding = row_sums.finding(rule, ctx, rows, skip)
        if finding is not None:
            out.append(finding)
    return out


def settled_cells(compiled, ctx):
    """(line, column) for the cells whose column the page leaves open, where every placement under which a
    roll-forward the rule reads rolls puts them; for one that does not roll, every placement under which only
    the column the check reports fails, by the least (for the HTML report's grid)."""
    rule = compiled.rule
    exact = rule.tolerance == "exact"
    for rows, skip in rolls(compiled, ctx):
        bounded = bounded_roll(rows, exact, skip)
        if bounded is None:
            continue
        agreed = bounded.agreed()
        if not agreed:
            bad = roll(rows, exact, skip, walk_limit(rule))
            agreed = bounded.agreed(relax=bad[0][0]) if bad and len(bad) == 1 else {}
        yield from cells_placed(rows, agreed)


def _rollforward_finding(rule, ctx, rows, best, exact: bool, skip: int | None):
    """The finding on the first bad column of `best` (see roll), or None when no slip explains it."""
    b, e, between = rows[0], rows[1], rows[2:]
    col, total, terms, bfact, efact = best[0]
    ambiguous = not all(r.exact for r in rows)
    facts = ctx.facts
    expected = trimmed(total.scaleb(-efact.cell.scale), efact.cell.decimals)
    by_fact = {id(f): r for r in between for f in r.facts.values()}
    found = _slip(b, e, best[0], by_fact, facts) or diagnose(efact.printed, expected)
    if rule.require_slip and not (found and found.keying and not _small_digit_slip(found, efact, expected)):
        return None  # a different number altogether: more likely a sign or subtotal convention than an error
    vouched = NOT_CORROBORATED if rule.corroborated_severity is None else corroborated(rows, best, exact, skip)
    rolling = vouched.rolling
    # the cells sit in the failing column when the page says so, or when only that reading fails in one column
    where = col if rolling or not ambiguous else None
    cells = [facts.involved(b, bfact, "begin", where), facts.involved(e, efact, "end", where)] + [
        facts.involved(by_fact[id(t)], t, "activity", where) for t in terms]
    names = {"begin": describe(b, bfact, None if where is None else facts.column_label(col)),
             "end": describe(e, efact), "sum": fmt(expected), "title": rule.title,
             "diagnosis": found.text if found else ""}
    names["operands"] = f"{names['begin']}; {names['end']}"
    template = rule.message or "{begin} plus the activity below it comes to {sum}, but {end}: {diagnosis}"
    message, severity, placements = template.format_map(names), None, {}
    if rolling:
        severity = rule.corroborated_severity
        message += f"; the same rows roll in {_columns(facts, rolling, vouched.from_nil)}"
        if vouched.unvouched:
            message += (f"; {_named(vouched.unvouched, by_fact)}, which moves in this column alone, would not make "
                        "it roll with the other sign or left out")
        if len(best) > 1:  # the rows' columns are known, and no keying slip explains the others' differences
            message += (f"; in {_columns(facts, [c for c, *_ in best[1:]])} they do not roll either, by a difference "
                        "no keying slip explains")
        placements["placements"] = BY_SLIP if vouched.by_slip else ALONE
    return ctx.finding(rule, message, cells, found.text if found else None, ambiguous, severity=severity,
                       **placements)


def _columns(facts, columns: list[int], from_nil=frozenset()) -> str:
    """The columns' labels; those in `from_nil` say the roll there starts from nil."""
    return "; ".join((facts.column_label(c) or f"column {c + 1}") + (" (from nil: no beginning balance printed)"
                                                                     if c in from_nil else "") for c in columns)


def _named(values, by_fact) -> str:
    """'Cash receipts' (line 16) and 'Write offs' (line 19): activity values by their rows' labels."""
    named = [f"{by_fact[id(f)].row.label!r} (line {f.cell.line})" for f in values]
    return " and ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)


def _small_digit_slip(found, efact, expected) -> bool:
    """A digit slip of an ending balance under 100 either way: nearly any difference of a few units reads as
    one (see relations.slipped); a sign flip or a scale slip still tells."""
    return found.kind in ("one_digit", "transposition") and max(abs(efact.printed), abs(expected)) < 100


def _slip(b, e, bad, by_fact, facts):
    """The keying slips in one cell of the column (begin, activity or end) that would each explain the
    difference, naming each cell's row (see `either`); None when no one slip does."""
    col, total, terms, bfact, efact = bad
    rows = {id(bfact): b, id(efact): e, **{id(t): by_fact[id(t)] for t in terms}}
    return slip_diagnosis(column_slips(bad), lambda fact: repr(rows[id(fact)].row.label), facts)
