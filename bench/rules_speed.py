#!/usr/bin/env python3
"""Rule evaluation time against parse time over a corpus (target: rules add at most half of parse time).

Usage: python3 bench/rules_speed.py DIR_OR_FILE...
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checker.ast import parse_file  # noqa: E402
from checker.findings import check_filing  # noqa: E402
from checker.cli.runner import tune_gc  # noqa: E402
from checker.rules import load_rules  # noqa: E402


def main(args: list[str]) -> int:
    files = sorted(str(p) for a in args for p in (Path(a).rglob("*.txt") if Path(a).is_dir() else [Path(a)]))
    rules = load_rules().select()  # the rules `check` runs by default
    tune_gc()  # as `check` runs
    best_parse = best_rules = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        filings = [parse_file(f) for f in files]
        object.__setattr__(rules, "_compiled", None)  # cold: selectors compiled and their memos empty each pass
        t1 = time.perf_counter()
        findings = sum(len(check_filing(f, rules)) for f in filings)
        t2 = time.perf_counter()
        best_parse, best_rules = min(best_parse, t1 - t0), min(best_rules, t2 - t1)
    print(f"pages: {len(files)}  rules: {len(rules)}  findings: {findings}")
    print(f"parse: {best_parse * 1000:.0f} ms ({len(files) / best_parse:.0f} pages/s)")
    print(f"rules: {best_rules * 1000:.0f} ms ({len(files) / best_rules:.0f} pages/s)")
    print(f"rules/parse: {best_rules / best_parse:.2f} (target <= 0.50)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
