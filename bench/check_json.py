#!/usr/bin/env python3
"""Stand-in for `check --format json FILE...` until the CLI lands: parse, run every shipped rule, print JSON.

Usage: python3 bench/check_json.py [--format json] FILE...
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checker.ast import InputError, parse_file  # noqa: E402
from checker.findings import check_filing  # noqa: E402
from checker.rules import load_rules  # noqa: E402


def main(argv: list[str]) -> int:
    files = [a for a in argv if a not in ("--format", "json")]
    rules = load_rules()
    findings, status = [], 0
    for path in files:
        try:
            filing = parse_file(path)
        except InputError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            status = 2
            continue
        for f in check_filing(filing, rules):
            findings.append(f.model_dump(mode="json"))
    json.dump({"findings": findings}, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return status or (1 if any(f["severity"] == "error" for f in findings) else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
