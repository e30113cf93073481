"""member_footing: an item's members add up to the item without them, in every column but one.

A Details page prints an item for the whole ("Total stock-based compensation expense") and
then again under each member of an axis (Cost of Sales, Research and Development, ...), or
under a member and again under it and each member of another axis ("Gross", "Gross | Not past
due", ...). Where the members' values add up exactly to the whole in every column but one, and
the odd column is off by what one mistyped digit in one of its cells would explain, that column
holds a keying error. The other columns vouch for the members being the whole's parts: members
that are not (a subset of segments, two axes at once, a total of another scope) fail in every
column and are not reported. Rows are grouped by label and section; a whole's members are the
rows whose member path adds one member to its own. Rows whose columns the page leaves open are
tried in each placement it allows (a few dozen at most): the odd column is read in the first
placement where every other column adds up, and none is read when some placement adds up in
all. A column where the whole is nil vouches for nothing. A page cut inside its table, before
its definitions, may lack members and is not read.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from checker.findings.alignments import joint_placements
from checker.findings.checks.relations import compatible, slip_diagnosis, slipped
from checker.findings.diagnosis import fmt, trimmed
from checker.findings.facts import ZERO

ADDITIVE = frozenset({"money", "number", "shares"})
MAX_PLACEMENTS = 64  # joint placements of a whole and its members tried: a page that leaves more open says too little


def groups(rows):
    """(whole, members) for each label and section: a row with a member path (none for the page's whole) and the
    rows whose paths add one member to it, two or more, every row of one unit as the whole ("Cost" and
    "Intellectual Property | Cost", "Deferred Development Costs | Cost")."""
    if not any(frow.row.member_path for frow in rows):
        return  # most pages: no member headings
    by_item = defaultdict(list)
    for frow in rows:
        if frow.unit in ADDITIVE:
            by_item[frow.norm, frow.row.section].append(frow)
    for item in by_item.values():
        if len(item) < 3:
            continue  # not a whole and two members
        paths = [Counter(r.row.member_path) for r in item]
        if len({tuple(sorted(p.elements())) for p in paths}) != len(item):
            continue  # one path printed twice: which row is which is not known
        for whole, path in zip(item, paths):
            members = [r for r, p in zip(item, paths) if p.total() == path.total() + 1 and not path - p]
            if len(members) > 1 and len(whole.facts) > 1 and all(compatible(r.unit, whole.unit) for r in members):
                yield whole, members  # one column: nothing else would vouch


def check(compiled, ctx):
    rule = compiled.rule
    if not ctx.page.definitions:
        return []  # an excerpt cut inside its table may lack members: the rest would not add up by design
    out = []
    for whole, members in groups(compiled.rows("item", ctx)):
        odd = one_off(whole, members)
        if odd is not None:
            finding = _explain(rule, ctx, whole, *odd, ambiguous=not all(r.exact for r in [whole] + members))
            if finding is not None:
                out.append(finding)
    return out


def one_off(whole, members):
    """(column, total, [(member, value)], sum) of the one column that does not add up under the first placement
    of the rows (at most MAX_PLACEMENTS) in which every other column does; None when some placement adds up
    in every column, or none leaves exactly one out."""
    found = None
    for whole_placed, *placed in joint_placements([whole] + members, MAX_PLACEMENTS) or ():
        odd, vouching = [], 0
        for col, total in whole_placed.items():
            parts = [(m, p[col]) for m, p in zip(members, placed) if col in p]
            if len(parts) < 2:
                continue  # a column the members do not break down: no evidence either way
            got = sum((f.value for _, f in parts), ZERO)
            if got != total.value:
                odd.append((col, total, parts, got))
            elif total.value:
                vouching += 1  # nil everywhere adds up without saying anything
        if vouching and not odd:
            return None
        if vouching and len(odd) == 1 and found is None:
            found = odd[0]
    return found


def _explain(rule, ctx, whole, col, total, parts, got, ambiguous: bool):
    """The finding when one cell's keying slip explains the odd column, else None."""
    diff = got - total.value
    rows = {id(total): whole, **{id(f): m for m, f in parts}}
    found = slip_diagnosis(slipped([(total, total.value + diff)] + [(f, f.value - diff) for _, f in parts]),
                           lambda fact: _name(rows[id(fact)], whole), ctx.facts)
    if found is None:
        return None
    diagnosis = found.text
    facts = ctx.facts
    column = facts.column_label(col)
    names = {"title": rule.title, "total": f"{whole.row.label} = {total.shown} (line {total.cell.line})",
             "sum": fmt(trimmed(got.scaleb(-total.cell.scale), total.cell.decimals)), "n": len(parts),
             "column": column or f"#{col + 1}", "diagnosis": diagnosis,
             "operands": " + ".join(f.shown for _, f in parts)}
    template = rule.message or ("{total} but its {n} members sum to {sum} in column {column} while they add up "
                                "to it exactly in every other column: {diagnosis}")
    cells = [facts.involved(whole, total, "total", col)] + [facts.involved(m, f, "component", col) for m, f in parts]
    return ctx.finding(rule, template.format_map(names), cells, diagnosis, ambiguous)


def _name(frow, whole) -> str:
    """The member that sets a member's row apart from the whole ('Research and Development'), 'the total' for
    the whole."""
    extra = list((Counter(frow.row.member_path) - Counter(whole.row.member_path)).elements())
    return repr(extra[0]) if extra else "the total"
