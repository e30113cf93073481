#!/usr/bin/env python3
"""Where `check`'s start-up goes: each pipeline stage's import, then a run on one page.

Each figure is the median wall time of whole-process runs, less a bare
`python3 -c pass` measured in the same run, so the stages can be compared on a
noisy machine.  Start-up budget (issue 4): `check` on one page at most 120 ms
above bare python.

Usage: speed_startup.py [--runs 7] PAGE
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

STAGES = ["checker.grammar", "checker.ast", "checker.rules", "checker.findings", "checker.reporters",
          "checker.cli.main"]


def wall(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    bare = wall([sys.executable, "-c", "pass"], args.runs)
    print(f"bare python3: {1000 * bare:.0f} ms")
    for stage in STAGES:
        spent = wall([sys.executable, "-c", f"import {stage}"], args.runs) - bare
        print(f"import {stage:<20} +{1000 * spent:4.0f} ms")
    rules = wall([sys.executable, "-c", "from checker.rules import load_rules; load_rules()"], args.runs) - bare
    print(f"import + load_rules()       +{1000 * rules:4.0f} ms")
    run = wall([sys.executable, "-m", "checker.cli", "--format", "json", args.page], args.runs) - bare
    print(f"check --format json PAGE     +{1000 * run:4.0f} ms")
    print(f"startup: over_python_ms={1000 * run:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
