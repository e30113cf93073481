"""Evaluate a RuleSet on a Filing: one PageFacts per page, each rule's check on each page it selects."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable

from checker.ast.model import Filing, Page
from checker.findings.facts import PageFacts
from checker.findings.model import Finding, Involved
from checker.rules.kinds import FILING_KINDS
from checker.rules.model import RuleBase, Selector
from checker.rules.severity import Severity
from checker.rules.registry import RuleSet
from checker.rules.selectors import (Memo, RowTest, compile_page_selector, compile_selector, every_page,
                                     selector_fields)
from checker.rules.words import required_words


@dataclass
class Context:
    """What a check needs besides the rule: the page's facts and how to make a finding."""
    path: str
    page: Page
    facts: PageFacts

    def finding(self, rule: RuleBase, message: str, cells: list[Involved], diagnosis: str | None = None,
                ambiguous: bool = False, placements: str = "no placement of the values in the columns they can "
                                                          "take makes them agree",
                severity: Severity | None = None) -> Finding:
        """The finding, at the rule's severity unless told; an ambiguous one says that the page leaves columns open
        and which placements were read."""
        if ambiguous:
            message += f" (the page does not show every value's column; {placements})"
        if severity is None:
            severity = rule.severity
            if ambiguous and rule.ambiguous_severity is not None:
                severity = rule.ambiguous_severity
        return Finding(rule=rule.id, severity=severity, message=message, diagnosis=diagnosis,
                       path=self.path, page=self.page.index, page_title=self.page.name,
                       cells=tuple(cells), ambiguous=ambiguous)


class Compiled:
    """A rule with its selectors compiled once: `selectors[name]` is the row predicate of an operand (components
    are named by position), `rows(name, ctx)` the page's rows it selects."""

    def __init__(self, rule: RuleBase, memo: Memo):
        self.rule = rule
        self.page_test = compile_page_selector(rule.where)
        self.selectors: dict[str, RowTest] = {}
        self.keys: dict[str, str] = {}  # the selector as text: rules that select alike share one result per page
        self.everything: set[str | int] = set()
        self.needs: dict[str | int, tuple] = {}  # what a page must have for the operand to select anything
        fields = rule.__dict__  # where pydantic keeps the fields: a kind without an operand raises nothing here
        for name in ("left", "right", "total", "begin", "end", "value", "item", "stop_after", "start_after",
                     "start_at", "quotient", "numerator", "denominator"):
            sel = fields.get(name)
            if sel is not None:
                self._operand(name, sel, memo)
        components = fields.get("components")
        for i, c in enumerate(() if components in (None, "above") else components):
            self._operand(i, c, memo)  # named by position: a declared footing's rows(0), rows(1), ...
        from checker.findings.checks import CHECKS  # the registry of kinds -> engine functions
        self.run: Callable[[Compiled, Context], list[Finding]] = CHECKS[rule.kind]

    def _operand(self, name: str | int, sel: Selector, memo: Memo) -> None:
        """Compile one selector; components are named by their position."""
        self.selectors[name] = compile_selector(sel, memo)
        given = selector_fields(sel)
        self.keys[name] = f"rows:{given!r}"
        if not given:
            self.everything.add(name)  # selects every row (near_miss's item): no need to ask row by row
        needs = (None if sel.unit is None else frozenset(u.value for u in sel.unit),
                 None if sel.label is None else required_words(sel.label),
                 None if sel.member is None else required_words(sel.member))
        if needs != (None, None, None) and sel.concept is None:
            self.needs[name] = needs

    def rows(self, name: str | int, ctx: Context):
        """The page's numeric rows the operand `name` (or component number `name`) selects, computed once
        a page per distinct selector."""
        key = self.keys[name]
        cache = ctx.facts.cache
        found = cache.get(key)
        if found is None:
            rows = ctx.facts.rows
            if name in self.everything:
                found = cache[key] = list(rows)
                return found
            test, page, needs = self.selectors[name], ctx.page, self.needs.get(name)
            # most pages: no row has the unit, or a word the label or member pattern needs; else only the rows
            # whose label holds such a word are tested
            picks = None if needs is None else _candidates(needs, ctx.facts)
            if picks is None:
                found = [r for r in rows if test(r.row, page, r.unit)]
            elif picks:
                found = [r for i in picks if test((r := rows[i]).row, page, r.unit)]
            else:
                found = []  # most selections: no row to test
            cache[key] = found
        return found


def _candidates(needs: tuple, facts: PageFacts) -> list[int] | None:
    """Positions of the page's rows that can pass the selector, in order, or None when every row must be
    tested. None pass when no row has one of its units, or no row's member path holds any word its member
    pattern needs; of the rest, only the rows whose label holds a word its label pattern needs (see
    required_words; ASCII pages only). The page's labels are read once for all selectors, as one text."""
    units, label_words, member_words = needs
    page = facts.cache.get(_PAGE_TEXT)
    if page is None:
        page = facts.cache[_PAGE_TEXT] = _page_text(facts.rows)
    page_units, labels, starts, members = page
    if units is not None and units.isdisjoint(page_units) or \
            member_words is not None and not _holds_one(member_words, members):
        return []
    if label_words is None or labels is None:
        return None
    hits = set()
    for w in label_words:
        at = labels.find(w)
        while at >= 0:
            hits.add(bisect_right(starts, at) - 1)  # the row whose label the word starts in
            at = labels.find(w, at + 1)
    return sorted(hits)


def _page_text(rows: list) -> tuple:
    """(units, lowered labels joined by newlines, where each label starts, lowered member paths likewise) of
    the rows; the texts are None when not ASCII. A word found across two rows' texts only costs a row test."""
    labels = "\n".join([r.row.label for r in rows])
    members = "\n".join([" | ".join(r.row.member_path) for r in rows])
    starts, at = [], 0
    for r in rows:
        starts.append(at)
        at += len(r.row.label) + 1
    return ({r.unit for r in rows}, labels.lower() if labels.isascii() else None, starts,
            members.lower() if members.isascii() else None)


def _holds_one(words: tuple[str, ...] | None, text: str | None) -> bool:
    """Does the text hold one of the words (True when either is unknown)?"""
    if words is None or text is None:
        return True
    for w in words:
        if w in text:
            return True
    return False


_PAGE_TEXT = ("page text",)  # facts.cache key of _page_text


class Program:
    """The compiled rules of a RuleSet and the memo their selectors share (kept for a whole batch run): those
    checked page by page, and those checked once a filing, over its pages (FILING_KINDS)."""

    def __init__(self, rules: RuleSet):
        self.memo = Memo()
        every = [Compiled(rule, self.memo) for rule in rules.rules]
        self.rules = [c for c in every if c.rule.kind not in FILING_KINDS]
        self.filing_rules = [c for c in every if c.rule.kind in FILING_KINDS]


def compiled(rules: RuleSet) -> Program:
    program = getattr(rules, "_compiled", None)
    if program is None:
        program = Program(rules)
        object.__setattr__(rules, "_compiled", program)
    return program


def settled_columns(page: Page, path: str, rules: RuleSet) -> dict[int, int]:
    """line -> column for cells whose column the page leaves open but its arithmetic fixes (see
    checks.SETTLES: where a roll-forward rolls, a declared footing foots), unless two readings put a cell in
    different columns. For the HTML report's grid; not a finding."""
    from checker.findings.checks import SETTLES

    program = compiled(rules)
    ctx = Context(path, page, PageFacts(page, program.memo))
    found: dict[int, set[int]] = {}
    for c in program.rules:
        settle = SETTLES.get(c.rule.kind)
        if settle is not None and (c.page_test is every_page or c.page_test(page)):
            for line, column in settle(c, ctx):
                found.setdefault(line, set()).add(column)
    return {line: columns.pop() for line, columns in found.items() if len(columns) == 1}


def check_filing(filing: Filing, rules: RuleSet) -> list[Finding]:
    """Every finding of every rule on every page of the filing, in a deterministic order."""
    return check_filings([filing], rules)[0]


def check_filings(filings: list[Filing], rules: RuleSet) -> list[list[Finding]]:
    """The findings of each file of one filing whose pages come in several files (R2.txt, R4.txt, ...): each
    file's pages are checked as check_filing checks them, and the checks across pages read every file's pages,
    in the order given. A finding across files belongs to the file of the cell it reports."""
    program = compiled(rules)
    across = program.filing_rules if sum(len(f.pages) for f in filings) > 1 else []  # most files: one page
    found: dict[str, list[Finding]] = {filing.path: [] for filing in filings}
    if len(found) != len(filings):
        raise ValueError("a file is given twice in one filing")
    contexts = []
    for filing in filings:
        for page in filing.pages:
            active = [c for c in program.rules if c.page_test is every_page or c.page_test(page)]
            if not active and not across:
                continue
            ctx = Context(filing.path, page, PageFacts(page, program.memo))
            if not ctx.facts.rows:
                continue
            for rule in active:
                found[filing.path].extend(rule.run(rule, ctx))
            if across:  # a page's facts are kept past its own checks only for the checks across pages
                contexts.append(ctx)
    for rule in across:
        for finding in rule.run(rule, [ctx for ctx in contexts if rule.page_test is every_page
                                       or rule.page_test(ctx.page)]):
            found[finding.path].append(finding)
    return [sorted(set(found[filing.path]), key=lambda f: (f.sort_key(), f.fingerprint)) for filing in filings]
