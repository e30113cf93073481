"""Every shipped rule's examples, strictly both ways: passing snippets give no finding of that rule,
failing snippets give exactly the findings they expect. Plus the meta-rules on the packs."""
from __future__ import annotations

import re

import pytest

from checker.ast import parse_text
from checker.findings import check_filing
from checker.rules import RuleSet, load_rules

RULES = load_rules()
CASES = [(rule, kind, ex) for rule in RULES.rules
         for kind, examples in (("pass", rule.examples.passing), ("fail", rule.examples.failing))
         for ex in examples]


def run(rule, text):
    filing = parse_text(text, f"example-{rule.id}.txt")
    return check_filing(filing, RuleSet((rule,)))


@pytest.mark.parametrize("rule,kind,example", CASES, ids=[f"{r.id}-{k}-{e.name}" for r, k, e in CASES])
def test_example(rule, kind, example):
    findings = run(rule, example.page)
    if kind == "pass":
        assert findings == [], [f.message for f in findings]
        return
    got = sorted(findings, key=lambda f: f.lines)
    want = sorted(example.expect, key=lambda e: e.lines)
    assert [f.lines for f in got] == [e.lines for e in want], [f.message for f in got]
    for finding, expected in zip(got, want):
        assert finding.rule == rule.id
        if expected.message:
            assert re.search(expected.message, finding.message), finding.message
        if expected.diagnosis:
            assert expected.diagnosis in (finding.diagnosis or ""), finding.diagnosis
        if expected.ambiguous is not None:
            assert finding.ambiguous == expected.ambiguous
        usual = rule.ambiguous_severity if finding.ambiguous and rule.ambiguous_severity else rule.severity
        assert finding.severity == (expected.severity or usual), finding.message


def test_rule_ids_are_unique_and_every_rule_has_both_kinds_of_example():
    ids = [r.id for r in RULES.rules]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 1
    for rule in RULES.rules:
        assert rule.examples.passing and rule.examples.failing, rule.id
        assert all(e.expect for e in rule.examples.failing), rule.id


def test_every_rule_has_metadata_for_the_docs():
    for rule in RULES.rules:
        assert rule.description.strip() and rule.rationale.strip(), rule.id
