#!/usr/bin/env python3
"""Generate docs/rules.md from the shipped rules' metadata: python3 bench/rules_docs.py > docs/rules.md"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checker.rules import load_rules  # noqa: E402


def main() -> int:
    rules = load_rules()
    out = ["# Rules", "", "Generated from the rule packs in `rules/` by `bench/rules_docs.py`; do not edit.", "",
           "| id | severity | kind | title |", "| --- | --- | --- | --- |"]
    out += [f"| [{r.id}](#{r.id.lower()}) | {r.severity.value} | {r.kind} | {r.title} |" for r in rules.rules]
    for r in rules.rules:
        out += ["", f"## {r.id}", "", f"**{r.title}** ({r.severity.value}, kind `{r.kind}`, "
                f"from `{rules.origin.get(r.id, '?')}`)", "", r.description.strip(), "", "Why: " + r.rationale.strip()]
        if r.references:
            out += ["", "References: " + "; ".join(r.references)]
        for label, examples in (("Passes", r.examples.passing), ("Fails", r.examples.failing)):
            for ex in examples:
                out += ["", f"{label}: {ex.name}", "", "```", ex.page.rstrip("\n"), "```"]
                for e in ex.expect:
                    out += [f"expects a finding on lines {e.lines}" + (f" ({e.diagnosis})" if e.diagnosis else "")]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
