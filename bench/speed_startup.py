#!/usr/bin/env python3
"""Where `check`'s start-up goes: what each step imports, then a run on one page, cold and warm.

Each figure is the median wall time of whole-process runs, less a bare
`python3 -c pass` measured in the same run, so the steps can be compared on a
noisy machine.  Each step includes the ones above it (they import them).  Start-up
budget (issue 4): `check` on one page at most 120 ms above bare python.  "cold" is
`--no-cache` (parse and check); "warm" reads the result from a results cache that
the first, uncounted run filled.

On a host whose timings swing by more than a change is worth, `--instructions`
counts the instructions each run executes instead (valgrind's callgrind, about
fifty times slower): the same from one run to the next within a few in a
million, and about 5 million a millisecond here.

Every step runs this interpreter (`python -m checker.cli` for check itself) in the working
directory, whose `checker` package comes first: from a source checkout's root it measures the
checkout. To compare two installed builds, run it from another directory with each virtual
environment's python (`cd /tmp; venv/bin/python .../bench/speed_startup.py PAGE`).

Usage: speed_startup.py [--runs 7] [--instructions] PAGE
"""
from __future__ import annotations

import argparse
import os
import re
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


def instructions(argv: list[str], runs: int) -> float:
    """Millions of instructions the process executes (after one run that writes the byte-code)."""
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if found is None:
        sys.exit(f"valgrind gave no count: {proc.stderr[-400:]}")
    return int(found[1]) / 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--instructions", action="store_true", help="count instructions (valgrind) instead of time")
    args = ap.parse_args()
    measure, unit = (instructions, "M instructions") if args.instructions else (
        lambda argv, runs: 1000 * wall(argv, runs), "ms")
    bare = measure([sys.executable, "-c", "pass"], args.runs)
    print(f"bare python3: {bare:.0f} {unit}")
    for name, code in STEPS:
        spent = measure([sys.executable, "-c", code], args.runs) - bare
        print(f"{name:<30} +{spent:4.0f} {unit}")
    check = [sys.executable, "-m", "checker.cli", "--format", "json"]
    cold = measure(check + ["--no-cache", args.page], args.runs) - bare
    print(f"{'check PAGE, cold':<30} +{cold:4.0f} {unit}")
    with tempfile.TemporaryDirectory() as cache:
        warm = measure(check + ["--cache-dir", cache, args.page], args.runs) - bare
    print(f"{'check PAGE, warm cache':<30} +{warm:4.0f} {unit}")
    name = "M_instructions" if args.instructions else "ms"
    print(f"startup: cold_over_python_{name}={cold:.0f} warm_over_python_{name}={warm:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
