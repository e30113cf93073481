"""One finding for one reading: findings of related rules on exactly the same cells are folded into one.

A roll-forward that does not roll is also a run of rows that does not foot (RF001 and FT001), and a
beginning balance that is not the previous ending balance is also the same item printed twice with a digit
different (RF002 and NM002): the same slip, read twice. A rule declares the more general rules it
`supersedes`; where its finding and one of theirs name the same cells, the reader gets one finding, and it
names the other rule under `also`. Findings of unrelated rules are never folded, whatever cells they name.

The engine gives every finding; `check` folds them last, after per-file-ignores and the baseline
(checker.cli.batch), so that a rule ignored in a file takes no other rule's finding with it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping

from checker.findings.model import Finding


def superseded(declared: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """rule id -> every rule it supersedes, directly or through rules it supersedes (among `declared`)."""
    closure: dict[str, frozenset[str]] = {}

    def reach(rule_id: str) -> frozenset[str]:
        if rule_id not in closure:
            closure[rule_id] = frozenset()  # the loader refuses cycles; this only ends the walk
            direct = [other for other in declared.get(rule_id, ()) if other in declared]
            closure[rule_id] = frozenset(direct).union(*(reach(other) for other in direct))
        return closure[rule_id]

    return {rule_id: found for rule_id in declared if (found := reach(rule_id))}


def fold(findings: list[Finding], supersedes: Mapping[str, frozenset[str]]) -> list[Finding]:
    """The findings, those beaten by another on the same cells (see `beats`) left out; each kept finding of such
    cells lists the rules of those left out (and what they stood for) under `also`. Order is kept."""
    if not supersedes or len(findings) < 2:
        return findings
    groups: dict[tuple, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(_cells(finding), []).append(finding)
    folded: dict[int, Finding | None] = {}  # id(finding) -> what stands in its place (None: left out)
    for group in groups.values():
        if len(group) < 2:
            continue
        beaten = {id(f): f for f in group if any(beats(other, f, supersedes) for other in group)}
        if not beaten:
            continue
        also = {rule for f in beaten.values() for rule in (f.rule, *f.also)}
        for f in group:
            folded[id(f)] = None if id(f) in beaten else replace(f, also=tuple(sorted(also.union(f.also))))
    return [folded.get(id(f), f) for f in findings if folded.get(id(f), f) is not None]


def beats(a: Finding, b: Finding, supersedes: Mapping[str, frozenset[str]]) -> bool:
    """Does a stand for b? Only where one's rule supersedes the other's: then the graver finding, and at equal
    severity the superseding rule's."""
    a_over_b, b_over_a = b.rule in supersedes.get(a.rule, ()), a.rule in supersedes.get(b.rule, ())
    if not (a_over_b or b_over_a):
        return False
    if a.severity != b.severity:
        return a.severity.rank > b.severity.rank
    return a_over_b


def _cells(finding: Finding) -> tuple:
    """What makes two findings one reading: the file they are reported on and the cells they name."""
    return finding.path, frozenset((cell.path, cell.line) for cell in finding.cells)
