#!/usr/bin/env python3
"""Where `check`'s start-up goes: what each step imports, then a run on one page, cold and warm.

Each figure is the median wall time of whole-process runs, less a bare
`python3 -c pass` measured in the same run, so the steps can be compared on a
noisy machine.  Each step includes the ones above it (they import them).  Start-up
budget (issue 4): `check` on one page at most 120 ms above bare python.  "cold" is
`--no-cache` (parse and check); "warm" reads the result from a results cache that
the first, uncounted run filled.

Usage: speed_startup.py [--runs 7] PAGE
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

STEPS = [
    ("the command line alone", "import checker.cli.main"),
    ("pydantic", "import pydantic_core; from pydantic import BaseModel"),
    ("the parser and AST", "import checker.ast"),
    ("+ the rule models", "import checker.ast, checker.rules.registry"),
    ("+ load_rules() (precompiled)", "import checker.ast; from checker.rules import load_rules; load_rules()"),
    ("  (instead: packs from YAML)", "import checker.ast; from checker.rules.loader import read_rule_text; "
                                    "from checker.rules.sources import shipped_rule_files; "
                                    "[read_rule_text(text, name) for name, text in shipped_rule_files()]"),
    ("+ the engine", "import checker.ast, checker.findings.engine; from checker.rules import load_rules; load_rules()"),
]


# Byte-code is written (the first, uncounted run does it) as `pip install` writes it for an installed
# check; with PYTHONDONTWRITEBYTECODE set, every run would compile the sources again.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    bare = wall([sys.executable, "-c", "pass"], args.runs)
    print(f"bare python3: {1000 * bare:.0f} ms")
    for name, code in STEPS:
        spent = wall([sys.executable, "-c", code], args.runs) - bare
        print(f"{name:<30} +{1000 * spent:4.0f} ms")
    check = [sys.executable, "-m", "checker.cli", "--format", "json"]
    cold = wall(check + ["--no-cache", args.page], args.runs) - bare
    print(f"{'check PAGE, cold':<30} +{1000 * cold:4.0f} ms")
    with tempfile.TemporaryDirectory() as cache:
        warm = wall(check + ["--cache-dir", cache, args.page], args.runs) - bare
    print(f"{'check PAGE, warm cache':<30} +{1000 * warm:4.0f} ms")
    print(f"startup: cold_over_python_ms={1000 * cold:.0f} warm_over_python_ms={1000 * warm:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
