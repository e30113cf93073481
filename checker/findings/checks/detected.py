"""detected_footing: a run of rows right above a row that foots into it in every column but one.

No labels needed: on a page with two or more columns, a run of 2..N full rows whose signed
sum equals the row below in all columns but one, where the odd column is off by exactly
what one mistyped digit in one of its cells would explain, is a total that does not foot.
A heading that leads into the rows below it ("Amortization of:", "Changes in operating assets
and liabilities:": no values, a label ending in a colon) sits inside a run; any other row
without values ends it.
Each row may be added or subtracted (income statements print costs positive), the top row
always added. A one-column page gives no second column to vouch for the run, so there the
row below must read as a total or balance and the rows add as printed.
Under a total whose columns the page names, the run may go on through rows with values in some
columns only (a cash flow line for one year), tried in each column they may take and added as
printed (roll-forwards, cash flows and equity statements print their signs): a run that foots
under one placement clears the total, as a full one does, and a finding needs every column to
add two rows or more (one row equal to the total is no evidence of a sum).
Arithmetic is exact on the printed digits, before any page scale: a detected run is only trusted
when it foots exactly, and a row the parser reads at another scale (a 'Common stock ... shares
authorized' label on a $ in Millions balance sheet) still adds as printed.
"""
from __future__ import annotations

import re
from decimal import Decimal

from checker.ast.model import RowKind
from checker.findings.diagnosis import fmt
from checker.findings.checks.packed import FIELD, pack, search
from checker.findings.checks.relations import leaves_total_empty, slip_diagnosis, slip_gap, slipped, total_column
from checker.findings.facts import FactRow

TOTAL_LABEL = re.compile(r"\btotal|\bending|\bend of|\bbalance|\bnet\b|, net|outstanding,? (at|end)|closing",
                         re.IGNORECASE)


def shaped_runs(ctx) -> list[tuple[FactRow, tuple | None, int, int]]:
    """Each numeric row with its shape (the candidate columns of its cells; None for a row without a shape:
    some cell is not a value, or it is a percentage; else its facts are its cells in order), how many rows
    of its shape lie directly above it (nothing but such rows in between), and how many rows with a shape
    of any kind do.

    Rows of one shape line up cell by cell under the alignment that puts them in the same
    columns; when that shape is not exact, a finding on them says the alignment was ambiguous."""
    out = []
    run = chain = 0
    last_shape, last_index = None, -2  # no row sits at position -1: the first row has none above
    page_rows = ctx.page.rows
    for r in ctx.facts.rows:
        if len(r.facts) != len(r.cells) or r.unit == "percent":
            shape = None
        else:
            shape = tuple([f.columns for f in r.facts.values()])
        follows = r.index == last_index + 1 or r.index == last_index + 2 and _lead_in(page_rows[r.index - 1])
        run = run + 1 if shape == last_shape and follows else 0
        chain = chain + 1 if shape is not None and last_shape is not None and follows else 0
        out.append((r, shape, run, chain))
        last_shape, last_index = shape, r.index
    return out


def _lead_in(row) -> bool:
    """Is the row a heading that leads into the rows below it within one run ("Amortization of:", "Less:"): a
    section label (the AST's abstract row: no values, no member) ending in a colon?"""
    return row.kind is RowKind.abstract and row.label.endswith(":")


MICRO = Decimal("1E6")  # a printed value in millionths: times 1E6 is value.scaleb(6), without converting the 6


def _units(value: Decimal) -> int:
    return int(value * MICRO)  # exact: printed values have at most 6 decimals


def check(compiled, ctx):
    rule = compiled.rule
    out = []
    for total, shape, near in near_runs(ctx, rule.min_rows, rule.max_rows):
        for run, signs, col, got in near:
            finding = _explain(compiled, ctx, total, run, signs, col, got, shape)
            if finding is not None:
                out.append(finding)
                break
    return out


def near_runs(ctx, min_rows: int, max_rows: int):
    """(total row, its shape, runs off in one column) for each row that may be a total: searched once a
    page for all rules with these bounds (FT001 and FT002 differ only in which runs they explain)."""
    key = ("detected_footing", min_rows, max_rows)
    found = ctx.facts.cache.get(key)
    if found is not None:
        return found
    rows = shaped_runs(ctx)
    vectors: dict[int, tuple[tuple[int, ...], int]] = {}  # row position -> (values as integers, packed)

    def vector(s: int) -> tuple[tuple[int, ...], int]:
        """Worked out only for the rows a run or its total needs: most rows have no run of full rows above."""
        found = vectors.get(s)
        if found is None:
            vec = tuple([int(f.printed * MICRO) for f in rows[s][0].facts.values()])  # as _units, inline
            found = vectors[s] = (vec, pack(vec))
        return found

    found = ctx.facts.cache[key] = []
    known: dict[tuple[int, tuple[int, ...]], list[tuple]] = {}  # (row, total's columns) -> placements
    for t, (total, shape, run, chain) in enumerate(rows):
        if chain < min_rows or shape is None:
            continue  # most rows: no run long enough above them
        exact = all(len(c) == 1 for c in shape)
        if not exact and run < min_rows:
            continue
        tvec, tpacked = vector(t)
        if max(map(abs, tvec)) < 10 ** 7:  # total at least 10 as printed
            continue
        width = len(tvec)
        if width == 1 and not TOTAL_LABEL.search(total.row.label):
            continue
        n = min(run, max_rows)  # rows of the total's shape: cell k of each sits in the total's column k
        window = [[(rows[s][0], rows[s][0].facts, vector(s)[1], False)] for s in range(t - 1, t - 1 - n, -1)]
        signed = n if width > 1 else 0  # one column: the rows add as printed (the label vouches, not signs)
        near = search(window, tvec, tpacked, width, min_rows, signed)  # nearest first
        if near is None:
            continue  # foots exactly: the usual total
        if exact and width > 1 and n < chain:  # rows above with values in some of its columns only
            fitted = _fitted_rows(rows, t - 1 - n, tuple([c[0] for c in shape]), max_rows - n, chain - n, known)
            if fitted:
                near = search(window + fitted, tvec, tpacked, width, min_rows, signed)
        if near:
            found.append((total, shape, near))
    return found


MAX_PLACEMENTS = 16  # joint placements of a run's rows tried for one total; a run stops at a row beyond them


def _fitted_rows(rows, start: int, columns: tuple[int, ...], room: int, above: int, known: dict) -> list[list]:
    """The rows from position `start` up that continue a run above a total whose columns are exact, though
    their shapes differ from its (a row with values in some columns only), each with its placements in the
    total's columns (column k -> fact, packed values, whether it is one of several): nearest first, while
    the rows follow one another and their joint placements stay few. `columns` are the total's (the page's
    column of each of its cells); `known` keeps each row's placements in them for the next total below: a
    page's totals share the rows above them."""
    out, joint = [], 1
    for s in range(start, start - min(room, above), -1):
        placements = known.get((s, columns))
        if placements is None:
            placements = known[s, columns] = _placements(rows[s][0], columns)
        joint *= len(placements)
        if not placements or joint > MAX_PLACEMENTS:
            break  # a value in a column the total leaves empty, or too many ways to place the rows: the run ends
        out.append(placements)
    return out


def _placements(frow, columns: tuple[int, ...]) -> list[tuple]:
    """The row's placements in a total's `columns`; alignments that place alike are one; none when a value
    sits outside them, or when there are more than a run may try."""
    alignments = frow.alignments
    if len(alignments) > MAX_PLACEMENTS:
        return []
    position = {col: k for k, col in enumerate(columns)}  # the page's column -> the total's cell
    facts = list(frow.facts.values())  # every cell a fact (a row with a shape), in the order of the alignment
    units = [_units(fact.printed) for fact in facts]
    placements = {}  # packed values -> the first alignment that gives them
    for alignment in alignments:
        if all(col in position for col in alignment):
            packed = 0
            for col, value in zip(alignment, units):
                packed += value << (FIELD * position[col])
            placements.setdefault(packed, alignment)
    guessed = len(placements) > 1  # the finding will say the page does not show every column
    return [(frow, {position[col]: fact for col, fact in zip(alignment, facts)}, packed, guessed)
            for packed, alignment in placements.items()]


def _explain(compiled, ctx, total, run, signs, col, got, shape):
    """A finding when one cell's single mistyped digit explains the odd column, else None."""
    rule = compiled.rule
    tfact = total.facts[col]
    diff = Decimal(got - _units(tfact.printed)).scaleb(-6)  # sum - total, as printed
    if max(abs(tfact.printed), abs(tfact.printed + diff)) < 10:
        return None  # counts of a few items: too small for a digit slip to stand out
    last_unit = tfact.cell.scale > 0 and abs(diff) <= Decimal(1).scaleb(-tfact.cell.decimals)  # rounded, one unit off
    if last_unit != (rule.last_unit == "only"):
        return None
    if not slip_gap(got - _units(tfact.printed)):
        return None  # no cell's one digit, nor two swapped, can be off by this much: nothing to diagnose
    # the run's rows with a value in the odd column (a row with values in some columns only may have none)
    terms = [(r, placed[col], sign) for (r, placed, _, _), sign in zip(run, signs) if col in placed]
    if len(terms) < rule.min_rows or any(sum(k in placed for _, placed, _, _ in run) < rule.min_rows
                                         for k in range(len(shape))):
        return None  # some column adds fewer rows than a run needs: what foots there is no evidence
    # the total first, then the rows in line order (see relations.footing_slips); values as printed, scaled back
    row_of = {id(tfact): total, **{id(fact): r for r, fact, _ in terms}}
    culprits = slipped([(tfact, (tfact.printed + diff).scaleb(tfact.cell.scale))], least=0) + slipped(
        [(fact, (fact.printed - sign * diff).scaleb(fact.cell.scale)) for _, fact, sign in terms], least=0)
    found = slip_diagnosis(culprits, lambda fact: repr(row_of[id(fact)].row.label), ctx.facts)
    if found is None:
        return None
    facts = ctx.facts
    exact = len(shape[col]) == 1
    if exact and shape[col][0] == total_column(ctx.page) and leaves_total_empty([r for r, *_ in run]):
        return None  # a Total column the movements leave empty does not foot, by the company's design
    column = facts.column_label(shape[col][0]) if exact else None
    where_col = shape[col][0] if exact else None
    cells = [facts.involved(total, tfact, "total", where_col)] + [
        facts.involved(r, fact, "component", where_col) for r, fact, _ in terms]
    operands = " ".join(("+ " if sign > 0 else "- ") + fact.shown for _, fact, sign in reversed(terms))
    where = found.text
    message_vars = {
        "title": rule.title, "total": f"{total.row.label} = {tfact.shown} (line {tfact.cell.line})",
        "sum": fmt(Decimal(got).scaleb(-6).quantize(Decimal(1).scaleb(-tfact.cell.decimals))),
        "diagnosis": where,
        "operands": operands.lstrip("+ "),
    }
    message_vars.update(n=len(terms), column=column or f"#{col + 1} of the row")
    if len(shape) > 1:  # the other columns vouch for the run
        default = "{total} but the {n} rows above it sum to {sum} in column {column} while they foot exactly " \
                  "in every other column: {diagnosis}"
    else:  # one value a row: the total's label vouches for it (see near_runs)
        default = "{total} but the {n} rows above it sum to {sum}" + (" in column {column}" if column else "") + \
                  ": {diagnosis}"
    template = rule.message or default
    ambiguous = not all(len(c) == 1 for c in shape) or any(guessed for *_, guessed in run)
    return ctx.finding(rule, template.format_map(message_vars), cells, where, ambiguous)
