"""member_tie: an item's members on one page add up to the item on another page of the filing.

A segment note prints operating income for each reportable segment (Americas, Europe, ...) beside the
consolidated figure, which the segments do not add up to: research and development and corporate costs are
not allocated to them. The next page reconciles the two and prints the segments' total under a member of its
own ("Operating segments"). Where the members of an item, on a page where they add up to no row of their
own, add up on another page of the filing to a row of the same label (without a member, or under a member
that is none of theirs) exactly in every period they share but one, two at least, and one keying slip in
one of those cells explains the odd period, that period holds a keying error.

Periods are matched as tie_out matches them (the same duration ending on the same date, or the same
instant); only rows whose columns the page shows are read, and only periods in which every member prints a
value. The finding belongs to the members' page, and names the other page's cell by its file when that is
another file of the filing.
"""
from __future__ import annotations

from collections import defaultdict

from checker.findings.checks.member_footing import ADDITIVE
from checker.findings.checks.relations import compatible, slip_diagnosis, slipped
from checker.findings.checks.tie_out import elsewhere, period_keys, where
from checker.findings.diagnosis import fmt, trimmed
from checker.findings.facts import ZERO, labelled


def check(compiled, contexts):
    """The findings of a member_tie rule over the pages of one filing (their Contexts, in page order)."""
    pages = [(ctx, [r for r in compiled.rows("item", ctx) if r.exact and r.unit in ADDITIVE], period_keys(ctx.page))
             for ctx in contexts]
    by_label = defaultdict(list)  # a row label -> (ctx, row, period keys) of the filing's rows with it
    for ctx, rows, keys in pages:
        for frow in rows:
            by_label[frow.norm].append((ctx, frow, keys))
    out = []
    for ctx, rows, keys in pages:
        if not ctx.page.definitions:
            continue  # an excerpt cut inside its table may lack members
        for parent, members in member_groups(rows):
            sums = _sums(members, keys)
            if len(sums) < 3 or _adds_up_at_home(rows, parent, members, sums, keys):
                continue  # two periods to vouch and one to read; a whole on its own page is member_footing's
            for other, total, other_keys in by_label[parent[0]]:
                found = None if other is ctx or not _beside(total, parent, members) else \
                    _one_off(sums, total, other_keys)
                finding = None if found is None else _explain(compiled.rule, ctx, total, other, *found)
                if finding is not None:
                    out.append(finding)
    return out


def member_groups(rows):
    """(parent row's label and path, members) for each label and section whose rows extend one member path by one
    member each, two rows or more, no path printed twice."""
    by_item = defaultdict(list)
    for frow in rows:
        if frow.row.member_path:
            by_item[frow.norm, frow.row.section].append(frow)
    for (norm, _), item in by_item.items():
        paths = [tuple(r.row.member_path) for r in item]
        if len(set(paths)) != len(paths):
            continue  # one path printed twice: which row is which is not known
        by_parent = defaultdict(list)
        for r, path in zip(item, paths):
            by_parent[path[:-1]].append(r)
        for parent, members in by_parent.items():
            if len(members) > 1 and all(compatible(r.unit, members[0].unit) for r in members):
                yield (norm, parent), members


def _sums(members, keys) -> dict:
    """period -> (the members' sum, [(member, fact)]) for the periods in which every member prints a value."""
    by_period = defaultdict(list)
    for m in members:
        for col, fact in m.placement(0).items():
            if keys.get(col) is not None:
                by_period[keys[col]].append((m, fact))
    return {period: (sum((f.value for _, f in parts), ZERO), parts)
            for period, parts in by_period.items() if len(parts) == len(members)}


def _adds_up_at_home(rows, parent, members, sums, keys) -> bool:
    """Do the members add up, in some period, to a row of their own page with their label: their parent, or a row
    under another member of the same parent path (member_footing reads the first)?"""
    for frow in rows:
        if _beside(frow, parent, members):
            for col, fact in frow.placement(0).items():
                period = keys.get(col)
                if period in sums and sums[period][0] == fact.value:
                    return True
    return False


def _beside(frow, parent, members) -> bool:
    """Is the row the members' item: their label, and their parent's path or that path with one member that is
    none of theirs, in a compatible unit?"""
    norm, path = parent
    if frow.norm != norm or frow in members or not compatible(frow.unit, members[0].unit):
        return False
    own = tuple(frow.row.member_path)
    return own == path or (own[:-1] == path and all(own != tuple(m.row.member_path) for m in members))


def _one_off(sums, total, keys):
    """(the odd period's sum, parts, the total's fact there, the periods that vouch) when the members' sums equal the
    row's values, not nil, in two periods at least and differ in one alone."""
    vouching, odd = [], []
    for col, fact in total.placement(0).items():
        period = keys.get(col)
        if period in sums:
            got, parts = sums[period]
            if got != fact.value:
                odd.append((got, parts, fact))
            elif fact.value:
                vouching.append(period)
    if len(odd) != 1 or len(vouching) < 2:
        return None
    return (*odd[0], vouching)


def _explain(rule, ctx, total, other, got, parts, fact, vouching):
    """The finding when one cell's keying slip explains the odd period, else None."""
    diff = got - fact.value
    rows = {id(fact): total, **{id(f): m for m, f in parts}}
    wanted = [(fact, fact.value + diff)] + [(f, f.value - diff) for _, f in parts]
    found = slip_diagnosis(slipped(wanted), lambda cell: _named(rows[id(cell)], total, other, ctx), ctx.facts)
    if found is None:
        return None
    members = " + ".join(f.shown for _, f in parts)
    names = {"title": rule.title, "diagnosis": found.text, "n": len(parts), "agree": len(vouching),
             "total": f"{labelled(total)} = {fact.shown} (line {fact.cell.line}, {where(other, ctx)})",
             "sum": fmt(trimmed(got.scaleb(-fact.cell.scale), fact.cell.decimals)), "operands": members,
             "column": ctx.facts.column_label(parts[0][1].cell.column) or "its column"}
    template = rule.message or ("{total} but its {n} members on this page sum to {sum} in {column} ({operands}) "
                                "while they add up to it exactly in {agree} other periods: {diagnosis}")
    cells = [elsewhere(other.facts.involved(total, fact, "total"), other, ctx)] + [
        ctx.facts.involved(m, f, "component") for m, f in parts]
    return ctx.finding(rule, template.format_map(names), cells, found.text)


def _named(frow, total, other, ctx) -> str:
    """A member by the member that sets it apart ('Americas'); the other page's row by its own member, or label,
    and its page ('Operating segments' on page 42)."""
    name = repr((frow.row.member_path or [frow.row.label])[-1])
    if frow is not total:
        return name
    page = f"page {other.page.index + 1}"
    return f"{name} on {page}" if other.path == ctx.path else f"{name} in {other.path}, {page}"
