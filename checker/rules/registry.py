"""The set of loaded rules: lookup by id, selection, and the packs shipped with check."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from checker.rules.compiled import precompiled
from checker.rules.sources import RuleError, extra_rule_files, shipped_rule_files
from checker.rules.model import RuleBase
from checker.rules.names import matches


@dataclass(frozen=True)
class RuleSet:
    """The rules of a run, each id once, with the file each came from."""

    rules: tuple[RuleBase, ...]
    origin: dict[str, str] = field(default_factory=dict, compare=False)  # rule id -> file it came from

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for rule in self.rules:
            if rule.id in seen:
                raise RuleError(f"duplicate rule id {rule.id} (also in {seen[rule.id]})",
                                self.origin.get(rule.id), rule=rule.id, field="id")
            seen[rule.id] = self.origin.get(rule.id, "?")

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> RuleBase:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise self._unknown(rule_id)

    def _unknown(self, name: str) -> RuleError:
        """`no such rule: "XR00"`, naming the closest ids when some are close (a typo, a digit missing)."""
        from difflib import SequenceMatcher  # only on this error path

        scores = {rule.id: SequenceMatcher(None, name.upper(), rule.id).ratio() for rule in self.rules}
        best = max(scores.values(), default=0)
        near = [f'"{rule_id}"' for rule_id in sorted(scores) if scores[rule_id] == best] if best >= 0.6 else []
        hint = f"; did you mean {', '.join(near[:-1])} or {near[-1]}?" if len(near) > 1 else \
            f"; did you mean {near[0]}?" if near else ""
        return RuleError(f'no such rule: "{name}"{hint}', unknown=name)

    def select(self, select: Iterable[str] = (), ignore: Iterable[str] = (), extend: Iterable[str] = ()) -> RuleSet:
        """Keep the rules named in `select` (every enabled rule when empty) and those in `extend`, then drop
        those in `ignore`.

        A name is a rule id (XR001), an id prefix ending in a letter (XR: every XR rule) or ALL; a rule
        that is off by default runs only when a name in `select` or `extend` matches it."""
        select, ignore, extend = list(select), list(ignore), list(extend)
        for name in select + ignore + extend:
            if not any(matches(rule.id, name) for rule in self.rules):
                raise self._unknown(name)
        kept = [r for r in self.rules
                if ((any(matches(r.id, s) for s in select) if select else r.enabled)
                    or any(matches(r.id, e) for e in extend))
                and not any(matches(r.id, i) for i in ignore)]
        return RuleSet(tuple(kept), self.origin)

    def supersession(self, rule: RuleBase) -> list[str]:
        """For the docs and --explain: what the rule supersedes, and which of these rules supersede it."""
        notes = []
        if rule.supersedes:
            notes.append(f"Supersedes {', '.join(rule.supersedes)}: where a finding of this rule and one of theirs "
                         "name the same cells, one is reported (the more severe; at equal severity this rule's), "
                         "naming the other rule under `also`.")
        by = sorted(other.id for other in self.rules if rule.id in other.supersedes)
        if by:
            notes.append(f"Superseded by {', '.join(by)}: where a finding of this rule and one of theirs name the "
                         "same cells, one is reported (the more severe; at equal severity theirs), naming the other "
                         "rule under `also`.")
        return notes

    def off_by_default(self) -> list[RuleBase]:
        return [r for r in self.rules if not r.enabled]


def load_rules(extra_dirs: Iterable[str] = ()) -> RuleSet:
    """The shipped packs plus every *.yaml in `extra_dirs` (files or directories)."""
    rules: list[RuleBase] = []
    origin: dict[str, str] = {}

    def add(file, name: str) -> None:
        for rule in file.rules:
            if rule.id in origin:
                raise RuleError(f"duplicate rule id {rule.id} (also in {origin[rule.id]})", name,
                                rule=rule.id, field="id")
            origin[rule.id] = name
            rules.append(rule)

    for name, text in shipped_rule_files():
        add(precompiled(name, text) or _loader().read_rule_text(text, name), name)
    for path in extra_rule_files(extra_dirs):
        add(_loader().read_rule_file(path), str(path))
    _check_supersedes(rules, origin)
    return RuleSet(tuple(rules), origin)


def _check_supersedes(rules: list[RuleBase], origin: dict[str, str]) -> None:
    """Each rule a rule supersedes is loaded, and no rule supersedes itself, even through others: which of two
    findings is kept must not depend on the order they are met in."""
    graph = {rule.id: rule.supersedes for rule in rules}
    for rule in rules:
        for other in rule.supersedes:
            if other not in graph:
                raise RuleError(f'no such rule: "{other}"', origin[rule.id], rule=rule.id, field="supersedes")
        path = _supersedes_path(graph, rule.id, rule.id, set())
        if path:
            raise RuleError("a rule cannot supersede itself: " + " supersedes ".join([rule.id, *path]),
                            origin[rule.id], rule=rule.id, field="supersedes")


def _supersedes_path(graph: dict[str, list[str]], start: str, goal: str, seen: set[str]) -> list[str]:
    """The ids from `start`'s superseded rules down to `goal`, or [] when `goal` cannot be reached."""
    for other in graph[start]:
        if other == goal:
            return [other]
        if other not in seen:
            seen.add(other)
            rest = _supersedes_path(graph, other, goal, seen)
            if rest:
                return [other, *rest]
    return []


def _loader():
    """The YAML reader and validation, imported only for a file that is not precompiled (a team's own)."""
    from checker.rules import loader

    return loader
