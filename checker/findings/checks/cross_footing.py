"""cross_footing: in a table with a total column (an equity statement), each row's total column equals
the sum of the other columns.

A row whose cells could sit outside the total column under some alignment passes, unless it holds
two amounts or more and the total column is the page's first or last: EDGAR leaves a row's total
empty only when it is nil, so such a row is read two ways. Either its value nearest the total column
is the total, or the total is nil and its values net to nil (a conversion of preferred stock moves
amounts between columns of equity). A row that fits neither is reported when a keying slip explains
the difference, under the first reading or, failing that, the second.
"""
from __future__ import annotations

import re

from checker.findings.checks.footing_declared import as_printed
from checker.findings.checks.relations import ambiguous, footing_slips, operand, slip_diagnosis, slipped, solve
from checker.findings.diagnosis import Diagnosis, diagnose, fmt
from checker.findings.facts import ZERO, rounding

SUBTOTAL_COLUMN = re.compile(r"\btotal\b|parent|attributable|consolidat", re.IGNORECASE)
COUNT_LABEL = re.compile(r"\b(shares?|units?)\b", re.IGNORECASE)  # "Balance, shares": counts, never totalled


def check(compiled, ctx):
    rule = compiled.rule
    columns = ctx.page.columns
    match = re.compile(rule.total_column, re.IGNORECASE)
    totals = [c.index for c in columns if c.header and match.search(c.header[-1].strip())]
    if len(totals) != 1 or any(SUBTOTAL_COLUMN.search(" ".join(c.header)) for c in columns if c.index != totals[0]):
        return []
    tcol, exact = totals[0], rule.tolerance == "exact"
    test = compiled.selectors["item"]
    out = []
    for frow in ctx.facts.rows:
        if len(frow.facts) < 2 or frow.unit not in ("money", "number") or not test(frow.row, ctx.page, frow.unit):
            continue
        bad = solve([frow], _crossfoots(tcol, exact), vacuous=True)
        if bad:
            out.append(_cross_finding(compiled, ctx, frow, tcol, bad[0]))
        elif tcol in (0, len(columns) - 1) and _end_may_be_total(frow, tcol) and not _nets_to_nil(frow, exact):
            bad = solve([frow], _crossfoots(tcol, exact, end=True))
            if bad:
                got, tfact, parts = bad[0]
                slip = slip_diagnosis(footing_slips(tfact, parts, got - tfact.value), lambda fact: fact.shown,
                                      ctx.facts)
                if slip:
                    out.append(_cross_finding(compiled, ctx, frow, tcol, bad[0], slip))
                    continue
            finding = _nil_total_finding(compiled, ctx, frow)
            if finding is not None:
                out.append(finding)
    return out


def _net(frow):
    """The row's values, and their sum: what a row whose Total EDGAR left empty (nil) nets to."""
    parts = list(frow.facts.values())
    return parts, sum((p.value for p in parts), ZERO)


def _nets_to_nil(frow, exact: bool) -> bool:
    """Do the row's values net to nil, as a row whose total EDGAR left empty must (one column outside the total,
    temporary equity, may be left out, as _crossfoots allows)?"""
    parts, off = _net(frow)
    slack = rounding(parts, exact)
    return abs(off) <= slack or any(abs(off - p.value) <= slack for p in parts)


def _nil_total_finding(compiled, ctx, frow):
    """The finding on a row read with its total nil, whose values do not net to nil, when one keying slip in one
    of them explains it; else None. Its message is its own: a rule's message names a total cell, and here there
    is none."""
    parts, off = _net(frow)
    slip = slip_diagnosis(slipped([(p, p.value - off) for p in parts], least=0), lambda fact: fact.shown, ctx.facts)
    if slip is None:
        return None
    rule = compiled.rule
    names = {"label": frow.row.label, "sum": fmt(as_printed(off, parts[0])), "diagnosis": slip.text,
             "operands": " + ".join(p.shown for p in parts)}
    message = "{label}: the Total column is empty, so nil, but the row's values sum to {sum} ({operands}): " \
              "{diagnosis}".format_map(names)
    cells = [ctx.facts.involved(frow, p, "component") for p in parts]
    return ctx.finding(rule, message, cells, slip.text, ambiguous([frow]),
                       placements="read with its Total column empty, as EDGAR leaves a total empty only when it "
                                  "is nil, and with its value nearest the Total column in it: neither makes "
                                  "them agree")


def _end_may_be_total(frow, tcol: int) -> bool:
    """A row of two amounts or more whose value nearest the total column, the page's first or last, may sit in
    it: EDGAR leaves a row's total empty only when it is nil, so such a row is read with that value as the total
    too. Rows of share counts (three classes of stock) have no total: a row whose label names shares or units
    is left out unless a cell prints a currency; so is a row of small numbers (rates, counts), where one
    digit apart is common."""
    facts = frow.facts
    if len(facts) != len(frow.cells) or len(facts) < 2 or max(abs(f.printed) for f in facts.values()) < 100:
        return False
    if frow.unit != "money" and COUNT_LABEL.search(frow.row.label):
        return False
    return tcol in facts[0 if tcol == 0 else len(facts) - 1].columns


def _crossfoots(tcol: int, exact: bool, end: bool = False):
    """The test for `solve`; with `end`, only alignments that put the row's value nearest the total column (the
    page's first or last) in it can evaluate it."""
    def test(maps):
        m = maps[0]
        if tcol not in m or len(m) < 2 or end and (min(m) if tcol == 0 else max(m)) != tcol:
            return None
        parts = [m[c] for c in sorted(m) if c != tcol]
        got = sum((p.value for p in parts), ZERO)
        slack = rounding([m[tcol], *parts], exact)
        # a column outside the total (temporary equity beside permanent equity) may be left out
        off = got - m[tcol].value
        if abs(off) <= slack or any(abs(off - p.value) <= slack for p in parts):
            return []
        return [(got, m[tcol], parts)]
    return test


def _cross_finding(compiled, ctx, frow, tcol, bad, slip: Diagnosis | None = None):
    """The finding on a row whose total column does not cross-foot; `slip`, when given, explains it (else
    the total's own difference from the sum does)."""
    rule = compiled.rule
    got, tfact, parts = bad
    unsure = ambiguous([frow])
    expected = as_printed(got, tfact)
    found = slip or diagnose(tfact.printed, expected)
    names = {"total": operand(ctx, frow, tfact, tcol, unsure), "sum": fmt(expected), "title": rule.title,
             "operands": " + ".join(p.shown for p in parts), "diagnosis": found.text if found else ""}
    template = rule.message or "{total} but the other columns sum to {sum} ({operands}): {diagnosis}"
    # a total read as the row's value nearest the Total column (slip given) sits there by the finding's own reading
    cells = [ctx.facts.involved(frow, tfact, "total", tcol if slip or not unsure else None)] + [
        ctx.facts.involved(frow, p, "component") for p in parts]
    reading = {"placements": "read with its value nearest the Total column in it, as EDGAR leaves a total empty "
                             "only when it is nil, no placement of the others makes them agree"} if slip else {}
    return ctx.finding(rule, template.format_map(names), cells, found.text if found else None, unsure, **reading)
