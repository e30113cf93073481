#!/usr/bin/env python3
"""Filing oracle: one-digit changes of whole filings, each read as one file, found with and without the rules
checked across pages (XR004).

Reads ../shared/corpus/rhtm_txt next to the repository: each directory holds the R pages of one filing, which
are joined in the order of their numbers (R1, R2, ..., R10) into one text, as a filing's pages printed one
after another. For each filing of two pages or more, it records the findings as filed, then changes one digit
of a numeric cell PER_FILING times (drawn from the seed) and counts the changes that bring an error or warning,
with every rule and without the filing-level ones, and the filing-level findings that do not name the changed
line.

    python3 bench/filing_oracle.py [--per-filing 400] [--seed 20261124]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from checker.ast import parse_text  # noqa: E402
from checker.findings import check_filing  # noqa: E402
from checker.rules import load_rules  # noqa: E402
from checker.rules.kinds import FILING_KINDS  # noqa: E402

FILINGS = REPO.parent / "shared" / "corpus" / "rhtm_txt"
STRONG = ("error", "warning")


def filing_text(directory: Path) -> str:
    pages = [p for p in directory.glob("*.txt") if not p.name.endswith(".table.txt")]
    pages.sort(key=lambda p: int(re.findall(r"\d+", p.stem)[-1]) if re.findall(r"\d+", p.stem) else 0)
    return "".join(p.read_text(encoding="utf-8").rstrip("\n") + "\n" for p in pages)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-filing", type=int, default=400)
    ap.add_argument("--seed", type=int, default=20261124)
    args = ap.parse_args()
    every = load_rules()
    everything = every.select([r.id for r in every.rules])
    across = {r.id for r in every.rules if r.kind in FILING_KINDS}
    changes = found = found_without = astray = 0
    for directory in sorted(d for d in FILINGS.iterdir() if d.is_dir()):
        text = filing_text(directory)
        filing = parse_text(text, str(directory))
        if len(filing.pages) < 2:
            continue
        filed = {(f.rule, tuple(f.lines)) for f in check_filing(filing, everything)}
        print(f"{directory.name}: {len(filing.pages)} pages; as filed: {sorted(rule for rule, _ in filed) or 'none'}")
        cells = [c for page in filing.pages for row in page.rows for c in row.cells
                 if c.value is not None and c.kind.value in ("money", "number")]
        lines = text.split("\n")
        rng = random.Random(f"{args.seed}:{directory.name}")
        for _ in range(args.per_filing):
            n = rng.choice(cells).line - 1
            line = lines[n]
            i = rng.choice([k for k, ch in enumerate(line) if ch.isdigit()])
            digit = rng.choice([d for d in "0123456789" if d != line[i]])
            changed = "\n".join(lines[:n] + [line[:i] + digit + line[i + 1:]] + lines[n + 1:])
            new = [f for f in check_filing(parse_text(changed, str(directory)), everything)
                   if (f.rule, tuple(f.lines)) not in filed and f.severity.value in STRONG]
            changes += 1
            found += bool(new)
            found_without += any(f.rule not in across for f in new)
            astray += sum(1 for f in new if f.rule in across and n + 1 not in f.lines)
    print(f"changes {changes}; with an error or warning: {found_without} without {sorted(across)}, {found} with; "
          f"their findings that do not name the changed line: {astray}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
