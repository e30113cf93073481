#!/usr/bin/env python3
"""Mutation oracle: how many one-digit changes of real pages draw a finding, rule by rule.

Reads the shared corpus next to the repository (../shared/corpus/pages and the seed). For each
page it records the findings as filed, then changes one digit of a numeric cell, PER_PAGE times,
and records the findings of every rule, those off by default included. The changes are drawn page
by page from the seed, so two builds make the same ones wherever they read the same numeric cells.
It also counts, by rule, the findings a change brings that do not name the changed line: each
blames cells the change left alone, and is a finding to look at. Unlike ../shared/bench/accuracy.py
it knows no relation that the change breaks: many changes break none, so it measures what one
build finds against another.

    python3 bench/mutation_oracle.py run OUT.json [--per-page 30] [--seed 20261124] [--tree DIR]
                                                  [--pages DIR]
    python3 bench/mutation_oracle.py compare OLD.json NEW.json
    python3 bench/mutation_oracle.py noise OUT.json

`--pages DIR` changes the pages (*.txt) under DIR instead: ../shared/corpus/rhtm_txt, say, the
whole statements of six filings. `--tree` checks with the `checker` package of another source
tree (a `git archive` of an older commit, say), so that two builds can be compared on the same
changes. `compare` prints the changes found by one and not the other, in total and at error or
warning, by rule, and how many of the new findings name the changed line. `noise` counts the
changes found with the changed line named that draw two findings or more at error or warning, as
the engine gives them and as `check` reports them (findings of related rules on the same cells
folded into one, checker.findings.fold, with this tree's rules).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NUMERIC = {"money", "number", "percent"}
STRONG = {"error", "warning"}


def pages(directory: Path | None = None) -> list[Path]:
    if directory is not None:
        return sorted(directory.rglob("*.txt"))
    return sorted((SHARED / "corpus" / "pages").glob("*.txt")) + [SHARED / "seed" / "filing.txt"]


def run(out: Path, per_page: int, seed: int, tree: Path, directory: Path | None = None) -> int:
    sys.path.insert(0, str(tree))
    from checker.ast import parse_text
    from checker.findings.engine import check_filing
    from checker.rules import load_rules

    every = load_rules()
    rules = every.select([r.id for r in every.rules])
    records = []  # [path, changed line (0-based, -1: as filed), digit position, new digit, findings]
    for path in pages(directory):
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            filing = parse_text(text, str(path))
        except Exception:  # noqa: BLE001 - a page that is no rendering has nothing to change
            continue
        records.append([str(path), -1, -1, "", [f.record() for f in check_filing(filing, rules)]])
        cells = [c for page in filing.pages for row in page.rows for c in row.cells
                 if getattr(c.kind, "value", str(c.kind)) in NUMERIC and c.value is not None]
        lines = text.split("\n")
        rng = random.Random(f"{seed}:{path.name}")  # a page's changes do not depend on how others parse
        for _ in range(per_page if cells else 0):
            line_no = rng.choice(cells).line - 1
            line = lines[line_no]
            positions = [i for i, ch in enumerate(line) if ch.isdigit()]
            if not positions:
                continue
            i = rng.choice(positions)
            digit = str((int(line[i]) + rng.randint(1, 9)) % 10)
            changed = lines[:line_no] + [line[:i] + digit + line[i + 1:]] + lines[line_no + 1:]
            try:
                found = [f.record() for f in check_filing(parse_text("\n".join(changed), str(path)), rules)]
            except Exception as exc:  # noqa: BLE001 - recorded, so that a crash shows in compare
                found = f"error {type(exc).__name__}"
            records.append([str(path), line_no, i, digit, found])
    out.write_text(json.dumps(records, default=str, sort_keys=True))
    changes = [r for r in records if r[1] >= 0]
    print(f"changes {len(changes)}; with a finding {sum(1 for r in changes if _found(r))}; "
          f"with an error or warning {sum(1 for r in changes if _found(r, STRONG))}")
    astray = misplaced(records)
    print(f"error or warning findings a change brings that do not name the changed line: {sum(astray.values())} "
          f"{dict(sorted(astray.items()))}")
    return 0


def misplaced(records) -> Counter:
    """By rule, the findings at error or warning that a change brings (not on the page as filed) and that do
    not name the changed line: each blames cells the change left alone, a finding to look at."""
    def keys(record):
        return {(f["rule"], tuple(f["lines"])) for f in _found(record, STRONG)}
    filed = {r[0]: keys(r) for r in records if r[1] < 0}
    return Counter(rule for r in records if r[1] >= 0 for rule, lines in keys(r) - filed.get(r[0], set())
                   if r[1] + 1 not in lines)


def _found(record, severities=None) -> list[dict]:
    findings = record[4] if isinstance(record[4], list) else []
    return [f for f in findings if severities is None or f["severity"] in severities]


def compare(old_path: Path, new_path: Path) -> int:
    """Changes made by both runs, side by side (a page whose numeric cells parse differently in the two builds
    gets other changes: those are counted apart)."""
    runs = [{tuple(r[:4]): r for r in json.loads(p.read_text())} for p in (old_path, new_path)]
    shared = [key for key in runs[0] if key in runs[1]]
    apart = sum(1 for run in runs for key in run if key not in runs[0] or key not in runs[1])
    if not shared:
        sys.exit("the two runs share no change: run both with the same --per-page and --seed")
    old, new = [runs[0][key] for key in shared], [runs[1][key] for key in shared]
    print(f"changes made by both runs: {sum(1 for r in old if r[1] >= 0)}; by one run only: {apart}")
    for label, severities in (("any finding", None), ("error or warning", STRONG)):
        gained, lost, rules, unnamed = [], [], Counter(), 0
        for a, b in zip(old, new):
            if a[1] < 0:
                continue
            fa, fb = _found(a, severities), _found(b, severities)
            if fb and not fa:
                gained.append(b)
                rules.update({f["rule"] for f in fb})
                unnamed += not any(b[1] + 1 in f["lines"] for f in fb)
            elif fa and not fb:
                lost.append(a)
        print(f"{label}: gained {len(gained)} {dict(sorted(rules.items()))}, lost {len(lost)}; "
              f"gained without the changed line among their cells: {unnamed}")
        for a in lost:
            print(f"  lost: {Path(a[0]).name} line {a[1] + 1}: {sorted({f['rule'] for f in _found(a, severities)})}")
    def brief(record) -> list[str]:
        return sorted(f"{f['rule']} {f['severity']}" for f in _found(record))
    as_filed = [(Path(a[0]).name, brief(a), brief(b)) for a, b in zip(old, new) if a[1] < 0 and _found(a) != _found(b)]
    print(f"pages whose findings as filed differ: {len(as_filed)}")
    for name, before, after in as_filed:
        print(f"  {name}: {before} -> {after}")
    return 0


def noise(path: Path) -> int:
    sys.path.insert(0, str(REPO))
    from checker.findings.fold import fold, superseded
    from checker.findings.model import Finding
    from checker.rules import load_rules

    supersedes = superseded({rule.id: rule.supersedes for rule in load_rules().rules})
    records = json.loads(path.read_text())
    filed = {r[0]: {(f["rule"], tuple(f["lines"])) for f in _found(r, STRONG)} for r in records if r[1] < 0}
    found = {"engine": Counter(), "check": Counter()}
    for record in records:
        named = [f for f in _found(record, STRONG) if (f["rule"], tuple(f["lines"])) not in filed.get(record[0], ())
                 and record[1] + 1 in f["lines"]]
        if record[1] < 0 or not named:
            continue
        reported = fold([Finding.from_record({"also": [], **f}, record[0]) for f in named], supersedes)
        for how, count in (("engine", len(named)), ("check", len(reported))):
            found[how]["changes"] += 1
            found[how]["findings"] += count
            found[how]["two or more"] += count >= 2
    for how, counts in found.items():
        print(f"{how}: {counts['changes']} changes found with the changed line named; {counts['two or more']} draw "
              f"two findings or more; {counts['findings']} findings")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("out", type=Path)
    r.add_argument("--per-page", type=int, default=30)
    r.add_argument("--seed", type=int, default=20261124)
    r.add_argument("--tree", type=Path, default=REPO, help="source tree whose checker package is used")
    r.add_argument("--pages", type=Path, help="change the pages (*.txt) under this directory instead")
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    n = sub.add_parser("noise")
    n.add_argument("records", type=Path)
    args = ap.parse_args()
    if args.command == "run":
        return run(args.out, args.per_page, args.seed, args.tree.resolve(), args.pages)
    if args.command == "noise":
        return noise(args.records)
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
