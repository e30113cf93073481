"""The rule reference, generated from the rules' own metadata: python3 -m checker.rules.docs

Writes docs/rules.md, docs/rules.schema.json (the JSON Schema of rule files, for
editors) and rules/compiled.json (the packs validated ahead of time, checker.rules.compiled);
tests/test_rules_docs.py and tests/test_compiled_rules.py fail when one is stale.
"""
from __future__ import annotations

import json
from pathlib import Path

from checker.rules.compiled import write as write_compiled
from checker.rules.registry import load_rules
from checker.rules.schema import rule_file_schema
from checker.rules.severity import severity_text

DOCS = Path(__file__).resolve().parents[2] / "docs"


def render() -> str:
    """docs/rules.md: the table of rules, then each rule's metadata and examples."""
    rules = load_rules()
    out = ["# Rules", "", "Generated from the rule packs in `rules/` by `python3 -m checker.rules.docs`; do not edit.", "",
           "| id | severity | kind | title |", "| --- | --- | --- | --- |"]
    out += [f"| [{r.id}](#{r.id.lower()}) | {r.severity.value}{'' if r.enabled else ', off by default'} | {r.kind} "
            f"| {r.title} |" for r in rules.rules]
    for r in rules.rules:
        out += ["", f"## {r.id}", "", f"**{r.title}** ({severity_text(r)}, kind `{r.kind}`, "
                f"from `{rules.origin.get(r.id, '?')}`)", "", r.description.strip(), "", "Why: " + r.rationale.strip()]
        if not r.enabled:
            out += ["", f"Off by default: runs only with `--select {r.id}`."]
        if r.references:
            out += ["", "References: " + "; ".join(r.references)]
        for note in rules.supersession(r):
            out += ["", note]
        for label, examples in (("Passes", r.examples.passing), ("Fails", r.examples.failing)):
            for ex in examples:
                out += ["", f"{label}: {ex.name}", "", "```", ex.page.rstrip("\n"), "```"]
                for e in ex.expect:
                    out += [f"expects a finding on lines {e.lines}" + (f" ({e.diagnosis})" if e.diagnosis else "")]
    return "\n".join(out) + "\n"


def render_schema() -> str:
    return json.dumps(rule_file_schema(), indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    (DOCS / "rules.md").write_text(render(), encoding="utf-8")
    (DOCS / "rules.schema.json").write_text(render_schema(), encoding="utf-8")
    compiled = write_compiled(DOCS.parent / "rules")
    print(f"wrote {DOCS / 'rules.md'}, {DOCS / 'rules.schema.json'} and {compiled}")
