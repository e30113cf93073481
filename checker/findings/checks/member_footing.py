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

Where the members add up in no column, some are not the whole's parts beside the others (a member
printed beside its own members on one axis: "Subscription and Maintenance", "Subscription",
"Maintenance", "Other"; two axes at once): then their subsets are read (subset_one_off).

With `parts: sections`, the parts are the rows of a Total section's row's label, members and unit
in the sections above it ("With no related allowance recorded", "With an allowance recorded",
"Total"; section_groups), read the same way but for their placements: rows that print as many
values sit in the same columns. Excerpts are read too, as parts come before their total.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations

from checker.findings.alignments import joint_placements
from checker.findings.checks.relations import HOLDS, compatible, slip_diagnosis, slipped
from checker.findings.diagnosis import fmt, trimmed
from checker.findings.facts import ZERO

ADDITIVE = frozenset({"money", "number", "shares"})
TOTAL_SECTION = re.compile(r"total\b", re.IGNORECASE)  # a section heading that totals those above: "Total [Abstract]"
ABSTRACT = re.compile(r"\s*\[abstract\]$", re.IGNORECASE)
PARALLEL = "read with each row's values in the same columns, as a total restates its parts' periods"  # (sections)
MAX_PLACEMENTS = 64  # joint placements of a whole and its members tried: a page that leaves more open says too little
MAX_SUBSET_MEMBERS = 8  # members whose subsets are read (2**8 a placement); more leave room for sums by chance
MAX_SUBSET_READS = 4096  # subsets read under all placements together: past it, nothing is read (a page's worth of time)


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


def section_groups(rows):
    """(whole, parts) for each row of a Total section ('Total [Abstract]'): the rows of its label, member path and
    unit in the sections printed since the previous Total section of that path, one row a section, two or more.
    The parts come before their whole, so a page cut inside its table (an excerpt) leaves none of a whole's out;
    a value it cuts short reads as digits dropped, which _explain does not take for a slip."""
    if not any(frow.row.section and TOTAL_SECTION.match(frow.row.section) for frow in rows):
        return  # most pages: no Total section
    by_path = defaultdict(list)
    for frow in rows:
        if frow.unit in ADDITIVE:
            by_path[tuple(frow.row.member_path)].append(frow)
    for path_rows in by_path.values():
        since, in_total = [], False
        for frow in path_rows:
            if frow.row.section and TOTAL_SECTION.match(frow.row.section):
                in_total = True
                parts = [r for r in since if r.norm == frow.norm and compatible(r.unit, frow.unit)]
                if len(parts) > 1 and len({r.row.section for r in parts}) == len(parts) and len(frow.facts) > 1:
                    yield frow, parts
            else:
                if in_total:
                    since, in_total = [], False
                since.append(frow)


def check(compiled, ctx):
    rule = compiled.rule
    by_sections = rule.parts == "sections"
    if by_sections:
        found, name = section_groups(compiled.rows("item", ctx)), _section_name
    elif not ctx.page.definitions:
        return []  # an excerpt cut inside its table may lack members: the rest would not add up by design
    else:
        found, name = groups(compiled.rows("item", ctx)), _name
    out = []
    for whole, members in found:
        rows = [whole] + members
        placements, ambiguous = None, not all(r.exact for r in rows)
        if by_sections and all(r.alignments == whole.alignments for r in members):
            # a total restates its parts' periods: rows that print as many values read them in the same columns
            placements = [tuple(r.placement(i) for r in rows) for i in range(len(whole.alignments))]
        odd, vouched, of = one_off(whole, members, placements), (), 0
        if odd is None and not by_sections:  # the members add up in no column: read their subsets
            (odd, vouched), of = subset_one_off(whole, members), len(members)
        if odd is not None and odd is not HOLDS:
            finding = _explain(rule, ctx, whole, *odd, ambiguous=ambiguous, vouched=vouched, of=of, name=name,
                               placements=PARALLEL if placements and ambiguous else None)
            if finding is not None:
                out.append(finding)
    return out


def one_off(whole, members, placements=None):
    """(column, total, [(member, value)], sum) of the one column that does not add up under the first placement
    of the rows (at most MAX_PLACEMENTS, or those given) in which every other column does; HOLDS when some
    placement adds up in every column; None when none leaves exactly one out."""
    found = None
    if placements is None:
        placements = joint_placements([whole] + members, MAX_PLACEMENTS) or ()
    for whole_placed, *placed in placements:
        odd, vouching = _columns(whole_placed, members, placed, need=2)
        if vouching and not odd:
            return HOLDS
        if vouching and len(odd) == 1 and found is None:
            found = odd[0]
    return found


def _columns(whole_placed, members, placed, need: int):
    """([(column, total, [(member, value)], sum)] where the members printed there, `need` at least, do not add
    up to the whole, and the count of columns where they add up to a value that is not nil)."""
    odd, vouching = [], 0
    for col, total in whole_placed.items():
        parts = [(m, p[col]) for m, p in zip(members, placed) if col in p]
        if len(parts) < need:
            continue  # a column the members do not break down: no evidence either way
        got = sum((f.value for _, f in parts), ZERO)
        if got != total.value:
            odd.append((col, total, parts, got))
        elif total.value:
            vouching += 1  # nil everywhere adds up without saying anything
    return odd, vouching


def subset_one_off(whole, members):
    """(one_off's column, the rows vouched for) for members that add up in no column under any placement: the
    first subset of two or more that adds up in every column but one, two at least, where none of its values is
    nil (left out, a nil member would add up too), printing in every column it is read in, and that no subset
    containing it or contained in it adds up to in every column. The rows vouched for are the whole and the
    members of the subsets that add up in every column: they read the odd column right, so the slip is not in
    them. (None, ()) when no subset is read, or more than MAX_SUBSET_READS would be."""
    if len(members) > MAX_SUBSET_MEMBERS:
        return None, ()
    holding, candidates, reads = set(), [], 0
    for whole_placed, *placed in joint_placements([whole] + members, MAX_PLACEMENTS) or ():
        if _columns(whole_placed, members, placed, need=2)[1]:
            return None, ()  # all the members add up in some column: two slips, or parts left open
        for size in range(2, len(members)):
            for subset in combinations(range(len(members)), size):
                reads += 1
                if reads > MAX_SUBSET_READS:
                    return None, ()
                rows, cells = [members[i] for i in subset], [placed[i] for i in subset]
                odd, vouching = _columns(whole_placed, rows, cells, need=size)
                if vouching and not odd:
                    holding.add(frozenset(subset))
                elif len(odd) == 1 and _vouching_unnil(whole_placed, cells) >= 2:
                    candidates.append((frozenset(subset), odd[0]))
    for subset, odd in candidates:
        if not any(held <= subset or subset <= held for held in holding):
            vouched = {i for held in holding for i in held}
            return odd, ([whole] if holding else []) + [members[i] for i in sorted(vouched)]
    return None, ()


def _vouching_unnil(whole_placed, placed) -> int:
    """The columns where every row of `placed` prints a value, none nil, and they add up to the whole."""
    count = 0
    for col, total in whole_placed.items():
        values = [p[col].value for p in placed if col in p]
        if len(values) == len(placed) and all(values) and sum(values, ZERO) == total.value:
            count += 1
    return count


def _explain(rule, ctx, whole, col, total, parts, got, ambiguous: bool, vouched=(), of: int = 0, name=None,
             placements: str | None = None):
    """The finding when one cell's keying slip, in a row not `vouched` for, explains the odd column, else None;
    `of` members in all when the parts are a subset of them, else 0; name(part, whole) names a part's row in the
    diagnosis; `placements` says how the rows were placed when not every way the page allows."""
    name = name or _name
    diff = got - total.value
    rows = {id(total): whole, **{id(f): m for m, f in parts}}
    trusted = {id(r) for r in vouched}
    wanted = [(total, total.value + diff)] + [(f, f.value - diff) for _, f in parts]
    found = slip_diagnosis(slipped([(f, v) for f, v in wanted if id(rows[id(f)]) not in trusted]),
                           lambda fact: name(rows[id(fact)], whole), ctx.facts)
    if found is None:
        return None
    diagnosis = found.text
    facts = ctx.facts
    column = facts.column_label(col)
    names = {"title": rule.title, "total": f"{whole.row.label} = {total.shown} (line {total.cell.line})",
             "sum": fmt(trimmed(got.scaleb(-total.cell.scale), total.cell.decimals)),
             "n": f"{len(parts)} (of {of})" if of else len(parts),
             "column": column or f"#{col + 1}", "diagnosis": diagnosis,
             "operands": " + ".join(f.shown for _, f in parts)}
    template = rule.message or ("{total} but its {n} members sum to {sum} in column {column} while they add up "
                                "to it exactly in every other column: {diagnosis}")
    cells = [facts.involved(whole, total, "total", col)] + [facts.involved(m, f, "component", col) for m, f in parts]
    said = {"placements": placements} if placements else {}  # else Context.finding's own words
    return ctx.finding(rule, template.format_map(names), cells, diagnosis, ambiguous, **said)


def _section_name(frow, whole) -> str:
    """The section that sets a part's row apart ('With an allowance recorded'), 'the total' for the whole."""
    return "the total" if frow is whole else repr(ABSTRACT.sub("", frow.row.section))


def _name(frow, whole) -> str:
    """The member that sets a member's row apart from the whole ('Research and Development'), 'the total' for
    the whole."""
    extra = list((Counter(frow.row.member_path) - Counter(whole.row.member_path)).elements())
    return repr(extra[0]) if extra else "the total"
