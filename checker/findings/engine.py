"""Evaluate a RuleSet on a Filing: one PageFacts per page, each rule's check on each page it selects."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from checker.ast.model import Filing, Page
from checker.findings.facts import PageFacts
from checker.findings.model import Finding, Involved, Severity
from checker.rules.model import RuleBase
from checker.rules.registry import RuleSet
from checker.rules.selectors import RowTest, compile_page_selector, compile_selector


@dataclass
class Context:
    """What a check needs besides the rule: the page's facts and how to make a finding."""
    path: str
    page: Page
    facts: PageFacts

    def finding(self, rule: RuleBase, message: str, cells: list[Involved], diagnosis: str | None = None,
                ambiguous: bool = False) -> Finding:
        if ambiguous:
            message += (" (the page does not show every value's column; no placement of the values in"
                        " the columns they can take makes them agree)")
        severity = rule.severity
        if ambiguous and rule.ambiguous_severity not in (None, "skip"):
            severity = rule.ambiguous_severity
        return Finding(rule=rule.id, severity=Severity(severity.value), message=message, diagnosis=diagnosis,
                       path=self.path, page=self.page.index, page_title=self.page.name,
                       cells=tuple(cells), ambiguous=ambiguous)


class Compiled:
    """A rule with its selectors compiled once: `select(name)` gives the row predicate of an operand."""

    def __init__(self, rule: RuleBase):
        self.rule = rule
        self.page_test = compile_page_selector(rule.where)
        self.selectors: dict[str, RowTest] = {}
        self.keys: dict[str, str] = {}  # the selector as text: rules that select alike share one result per page
        self.prefilter: dict[str, re.Pattern] = {}
        for name in ("left", "right", "total", "begin", "end", "value", "item"):
            sel = getattr(rule, name, None)
            if sel is not None:
                self.selectors[name] = compile_selector(sel)
                self.keys[name] = "rows:" + sel.model_dump_json(exclude_defaults=True)
                if sel.label is not None:  # one search over all the page's labels rules most pages out
                    self.prefilter[name] = re.compile(sel.label, re.IGNORECASE | re.MULTILINE)
        components = getattr(rule, "components", None)
        self.components = [] if components in (None, "above") else [
            (compile_selector(c), c.sign) for c in components]
        from checker.findings.checks import CHECKS  # the registry of kinds -> engine functions
        self.run: Callable[[Compiled, Context], list[Finding]] = CHECKS[rule.kind]

    def rows(self, name: str, ctx: Context):
        """The page's numeric rows the operand `name` selects (computed once a page per distinct selector)."""
        key = self.keys[name]
        found = ctx.facts.cache.get(key)
        if found is None:
            quick = self.prefilter.get(name)
            if quick is not None and quick.search(ctx.facts.labels) is None:
                found = []
            else:
                found = [r for r in ctx.facts.rows if self.selectors[name](r.row, ctx.page, r.unit)]
            ctx.facts.cache[key] = found
        return found


def compiled(rules: RuleSet) -> list[Compiled]:
    cache = getattr(rules, "_compiled", None)
    if cache is None:
        cache = [Compiled(rule) for rule in rules.rules]
        object.__setattr__(rules, "_compiled", cache)
    return cache


def check_filing(filing: Filing, rules: RuleSet) -> list[Finding]:
    """Every finding of every rule on every page of the filing, in a deterministic order."""
    findings: list[Finding] = []
    compiled_rules = compiled(rules)
    for page in filing.pages:
        active = [c for c in compiled_rules if c.page_test(page)]
        if not active:
            continue
        ctx = Context(filing.path, page, PageFacts(page))
        if not ctx.facts.rows:
            continue
        for rule in active:
            skip_open = rule.rule.ambiguous_severity == "skip"
            findings.extend(f for f in rule.run(rule, ctx) if not (skip_open and f.ambiguous))
    return sorted(set(findings), key=lambda f: (f.sort_key(), f.fingerprint))
