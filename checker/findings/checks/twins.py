"""Twin rows, for near_miss with related_labels: two rows that print the same values (or the same values
negated) in every column they share but one, where one keying slip explains that one; and the digit-string
tests near_miss shares with them (significant digits, one slip apart)."""
from __future__ import annotations

from decimal import Decimal

from checker.findings.alignments import MAX_ALIGNMENTS
from checker.findings.checks.relations import compatible
from checker.findings.diagnosis import diagnose
from checker.findings.facts import Fact, FactRow, describe, paired

CORROBORATING = 3  # significant digits of a value two rows share before that agreement says they are twins


def significant(value: Decimal) -> int:
    digits = str(abs(value)).replace(".", "").lstrip("0").rstrip("0")
    return len(digits)


def significant_digits(fact: Fact) -> tuple[int, str]:
    """(significant(fact.printed), digits(fact)) from one conversion to text: the two agree on every value
    whose str has no exponent, which is how printed values read."""
    text = str(fact.printed)
    if "E" in text:
        return significant(fact.printed), digits(fact)
    text = text.lstrip("-").replace(".", "")  # the sign stripped from the text: no abs() value made
    return len(text.strip("0")), text


def close_digits(a: str, b: str) -> bool:
    """Same length and at most two digits apart: the cheap test before any diagnosis."""
    return len(a) == len(b) and 0 < sum(map(str.__ne__, a, b)) <= 2


def digits(fact: Fact) -> str:
    """The digits of the printed value, without sign or point. str() prints every value without an exponent
    the way format 'f' does, at a quarter of its cost."""
    text = str(abs(fact.printed))
    if "E" in text:
        return f"{abs(fact.printed):f}".replace(".", "")
    return text.replace(".", "")


def twin_rows(compiled, ctx):
    """Pairs of rows that agree in every column they share but one, where one keying slip sets them apart."""
    rule = compiled.rule
    rows = [r for r in compiled.rows("item", ctx) if len(r.facts) >= 2 and r.unit not in ("percent", "per_share")]
    first: dict[Decimal, tuple[FactRow, Fact]] = {}  # each value's first fact
    by_value: dict[Decimal, list[tuple[FactRow, Fact]]] = {}  # the facts of a value printed more than once
    for r in rows:
        for f in r.facts.values():
            printed = f.printed
            if not printed:
                continue  # a zero (most are dashes) has no significant digits: it never makes two rows twins
            value = -printed if printed.is_signed() else printed  # abs, reusing the printed value (its hash kept)
            seen = first.get(value)
            if seen is None:
                first[value] = (r, f)  # most values: printed once, no list made for them
            elif (shared := by_value.get(value)) is None:
                by_value[value] = [seen, (r, f)]
            else:
                shared.append((r, f))
    pairs = {}
    for value, shared in by_value.items():
        if shared[0][0] is shared[-1][0]:
            continue  # a value of one row only: its significant digits need not be counted
        # every fact of the group prints a plain value (non-zero, no exponent) in the same significant digits
        plain = value.adjusted() >= -6
        if plain and significant(value) < CORROBORATING:
            continue
        group: list[FactRow] = []  # the rows printing the value with enough significant digits, in order
        for r, f in shared:
            if (not group or group[-1] is not r) and (plain or significant(f.printed) >= CORROBORATING):
                group.append(r)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if compatible(a.unit, b.unit):
                    pairs[a.index, b.index] = (a, b)
    out = []
    row_digits: dict[int, RowDigits] = {}  # row position -> digit strings of its values (rows recur across pairs)
    for key in sorted(pairs):
        a, b = pairs[key]
        da, db = digit_strings(a, row_digits), digit_strings(b, row_digits)
        if not slip_possible(da[0], db[0]) or not slip_candidate(a, b, da[1], db[1], rule):
            continue
        found = twin_mismatch(a, b, rule)
        if found is None:
            continue
        col, sign, x, y = found[:4]
        if gap_printed(ctx.facts.rows, abs(x.printed - sign * y.printed), col, a, b):
            continue
        if labels_differ_elsewhere(ctx.facts.rows, a, b):
            continue
        out.append(twin_finding(compiled, ctx, a, b, found))
    return out


RowDigits = tuple[dict[int, set[str]], list[str]]  # a row's digit strings by length, and in the order of its facts


def digit_strings(row: FactRow, known: dict[int, RowDigits]) -> RowDigits:
    found = known.get(row.index)
    if found is None:
        in_order = [digits(f) for f in row.facts.values()]
        by_length: dict[int, set[str]] = {}
        for d in in_order:
            by_length.setdefault(len(d), set()).add(d)
        found = known[row.index] = (by_length, in_order)
    return found


def slip_possible(da: dict[int, set[str]], db: dict[int, set[str]]) -> bool:
    """Cheap test: some value of one row is within two digits of some value of the other (digit strings by
    length: only strings of one length can be, see close_digits)."""
    for length, xs in da.items():
        ys = db.get(length)
        if ys is None:
            continue
        for x in xs:
            for y in ys:  # as close_digits, inline; many are equal (twins share values), told apart at once
                if x != y and sum(map(str.__ne__, x, y)) <= 2:
                    return True
    return False


DIGIT_SLIPS = frozenset(("one_digit", "transposition"))


def slip_candidate(a: FactRow, b: FactRow, da: list[str], db: list[str], rule) -> bool:
    """Could `slip_between` find a slip between some value of a and some value of b (False: no alignment of
    the pair can be flagged, so none is tried)? Told only for rules that take digit slips alone: those need
    the same scale, one value at least min_value and, for two values printed to the same decimals, digit
    strings within two digits (diagnose pads both to the decimals the longer needs, which only drops zeros
    both strings end in); values printed to different decimals are always kept."""
    if not DIGIT_SLIPS.issuperset(rule.slips):
        return True
    least = rule.min_value
    for x, dx in zip(a.facts.values(), da):  # da: digits of a's facts, in order (db likewise)
        for y, dy in zip(b.facts.values(), db):
            if x.cell.scale != y.cell.scale or max(abs(x.printed), abs(y.printed)) < least:
                continue
            if x.cell.decimals != y.cell.decimals or close_digits(dx, dy):
                return True
    return False


def same(x: Fact, y: Fact, sign: int) -> bool:
    other = y.value if sign > 0 else -y.value  # not sign * y.value: multiplying by an int converts it first
    if x.half == y.half:
        return x.value == other
    return abs(x.value - other) <= x.half + y.half


def twin_mismatch(a: FactRow, b: FactRow, rule):
    """(column, sign, fact of a, fact of b, diagnosis, a shared column, its fact, read alike) for an alignment
    under which the rows are twins but for one slip; None when some alignment makes them agree in full, or none
    fits. Rows the page prints alike are read in the same columns (read alike: see _alike)."""
    alike = _alike(a, b)
    pairs = alike or paired(a, b)
    if pairs is None:
        return None
    found = None
    for fa, fb, shared in pairs:
        if len(shared) < 2:
            continue
        for sign in (1, -1):
            bad = []
            for c in shared:
                if not same(fa[c], fb[c], sign):
                    bad.append(c)
                    if len(bad) > 1:
                        break  # the usual case, settled before the rest is compared or the support counted
            if len(bad) > 1:
                continue
            # the first other column whose agreement corroborates (the rest need not be counted)
            support = next((c for c in shared if c not in bad and significant(fa[c].printed) >= CORROBORATING), None)
            if support is None:
                continue
            if not bad:
                return None  # under this alignment the rows agree in full: nothing to flag
            if found is None:
                col = bad[0]
                x, y = fa[col], fb[col]
                slip = slip_between(x, y, sign, rule)
                if slip is not None:
                    found = (col, sign, x, y, slip, support, fa[support], alike is not None)
    return found


def _alike(a: FactRow, b: FactRow):
    """The two rows under each alignment, both in the same columns, when the page prints them alike: every cell
    of each a number, in the same count, each able to take the same columns (left open). Twin rows, one item
    printed twice, fill the same periods; read apart, two values one slip apart could sit in different columns
    and pass unseen (1036070 R27: two rows of 1,309 / 1,309 / 1,516 thousand in a page of six columns)."""
    if a.exact or len(a.facts) != len(a.cells) or len(b.facts) != len(b.cells) or a.alignments != b.alignments \
            or len(a.alignments) >= MAX_ALIGNMENTS:  # row_alignments stops there: the rest are not known
        return None
    return [(a.placement(i), b.placement(i), sorted(a.placement(i))) for i in range(len(a.alignments))]


def slip_between(x: Fact, y: Fact, sign: int, rule):
    if x.cell.scale != y.cell.scale or (x.printed < 0) != (sign * y.printed < 0):
        return None
    if max(abs(x.printed), abs(y.printed)) < rule.min_value:
        return None
    if max(significant(x.printed), significant(y.printed)) < rule.min_significant:
        return None
    slip = diagnose(sign * y.printed, x.printed)  # the later row read as the retyped one, as for label pairs
    return slip if slip is not None and slip.kind in rule.slips else None


def gap_printed(rows: list[FactRow], gap: Decimal, col: int, a: FactRow, b: FactRow) -> bool:
    """The difference is printed in the same column near the pair (from three rows above the first to three
    below the last) or in a row of the same item: a real item sets the two apart (the short-term part of
    a total loss, the other member of a total), not a slip."""
    low, high = min(a.index, b.index) - 3, max(a.index, b.index) + 3
    return any(abs(f.printed) == gap and col in f.columns and r is not a and r is not b
               and (low <= r.index <= high or r.norm in (a.norm, b.norm))
               for r in rows for f in r.facts.values())


def labels_differ_elsewhere(rows: list[FactRow], a: FactRow, b: FactRow) -> bool:
    """The same two labels laid out the same way elsewhere on the page (another member, another section)
    print different values: the page itself shows the two items need not agree (recorded investment and
    unpaid principal balance)."""
    if a.norm == b.norm:
        return False
    at = {r.index: r for r in rows}
    offset = b.index - a.index
    for c in rows:
        d = at.get(c.index + offset)
        if c is a or c.norm != a.norm or d is None or d.norm != b.norm:
            continue
        if len(c.alignments) == 1 and len(d.alignments) == 1:
            fc, fd = c.at(c.alignments[0]), d.at(d.alignments[0])
            if any(not same(fc[k], fd[k], 1) and not same(fc[k], fd[k], -1) for k in fc.keys() & fd.keys()):
                return True
        elif {abs(f.printed) for f in c.facts.values()} != {abs(f.printed) for f in d.facts.values()}:
            return True
    return False


def twin_finding(compiled, ctx, a: FactRow, b: FactRow, found):
    rule = compiled.rule
    col, sign, x, y, slip, scol, sfact, alike = found
    ambiguous = not (a.exact and b.exact)
    label = None if ambiguous else ctx.facts.column_label(col)
    names = {"left": describe(a, x, label), "right": describe(b, y, label), "diagnosis": slip.text,
             "title": rule.title}
    names["operands"] = f"{names['left']}; {names['right']}"
    template = rule.message or "{left} and {right} are nearly the same number: {diagnosis}"
    agreement = "print the same values" if sign > 0 else "print the same values with opposite signs"
    message = (template.format_map(names) + f"; the two rows {agreement} in every other column they share "
               f"(e.g. {sfact.shown})")
    involved = [ctx.facts.involved(a, x, "left", None if ambiguous else col),
                ctx.facts.involved(b, y, "right", None if ambiguous else col)]
    if alike:
        return ctx.finding(rule, message, involved, slip.text, ambiguous, placements="read in the same columns, "
                           "as two rows the page prints alike, they do not agree")
    return ctx.finding(rule, message, involved, slip.text, ambiguous)
