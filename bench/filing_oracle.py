#!/usr/bin/env python3
"""Filing oracle: one-digit changes of whole filings found with and without the rules checked across pages.

Reads ../shared/corpus/rhtm_txt next to the repository: each directory holds the R pages of one filing, which
are joined in the order of their numbers (R1, R2, ..., R10) into one text, as a filing's pages printed one
after another; with --split, each page is read from its own file and the files are checked together, as
`check DIR` checks them. For each filing of two pages or more, it records the findings as filed, then changes one digit
of a numeric cell PER_FILING times (drawn from the seed) and counts the changes that bring an error or warning,
with every rule and without the filing-level ones, and the filing-level findings that do not name the changed
line.

    python3 bench/filing_oracle.py [--per-filing 400] [--seed 20261124] [--split]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from checker.ast import InputError, parse_text  # noqa: E402
from checker.findings import check_filings  # noqa: E402
from checker.rules import load_rules  # noqa: E402
from checker.rules.kinds import FILING_KINDS  # noqa: E402

FILINGS = REPO.parent / "shared" / "corpus" / "rhtm_txt"
STRONG = ("error", "warning")


def page_files(directory: Path) -> list[Path]:
    """The directory's R pages in the order of their numbers (the .table.txt renderings aside)."""
    pages = [p for p in directory.glob("*.txt") if not p.name.endswith(".table.txt")]
    pages.sort(key=lambda p: int(re.findall(r"\d+", p.stem)[-1]) if re.findall(r"\d+", p.stem) else 0)
    return pages


def filing_files(directory: Path, split: bool) -> list[tuple[str, str]]:
    """(name, text) of each file the filing is read from: one file a page, or all pages joined into one."""
    texts = [(str(p), p.read_text(encoding="utf-8").rstrip("\n") + "\n") for p in page_files(directory)]
    return texts if split else [(str(directory), "".join(text for _, text in texts))]


def check(files: list[tuple[str, str]], rules) -> tuple[list, list]:
    """(the files' Filings, the findings of all of them checked together as one filing)."""
    filings = []
    for name, text in files:
        try:
            filings.append(parse_text(text, name))
        except InputError:  # a page rendered as a definition pop-up only: no table to read
            continue
    return filings, [f for found in check_filings(filings, rules) for f in found]


def key(finding) -> tuple:
    return finding.path, finding.rule, tuple(finding.lines)


def named(finding) -> set[tuple[str, int]]:
    """(file, line) of every cell the finding names, in its own file or in another of the filing."""
    return {(cell.path or finding.path, cell.line) for cell in finding.cells}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-filing", type=int, default=400)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--split", action="store_true", help="read each page from its own file, as `check DIR` does")
    args = ap.parse_args()
    every = load_rules()
    everything = every.select([r.id for r in every.rules])
    across = {r.id for r in every.rules if r.kind in FILING_KINDS}
    changes = found = found_without = astray = 0
    for directory in sorted(d for d in FILINGS.iterdir() if d.is_dir()):
        files = filing_files(directory, args.split)
        filings, as_filed = check(files, everything)
        if sum(len(f.pages) for f in filings) < 2:
            continue
        filed = {key(f) for f in as_filed}
        print(f"{directory.name}: {sum(len(f.pages) for f in filings)} pages in {len(filings)} files; "
              f"as filed: {sorted(rule for _, rule, _ in filed) or 'none'}")
        cells = [(k, c.line) for k, filing in enumerate(filings) for page in filing.pages for row in page.rows
                 for c in row.cells if c.value is not None and c.kind.value in ("money", "number")]
        texts = {name: text for name, text in files}
        rng = random.Random(f"{args.seed}:{directory.name}")
        for _ in range(args.per_filing):
            k, line_number = rng.choice(cells)
            name = filings[k].path
            lines = texts[name].split("\n")
            n = line_number - 1
            line = lines[n]
            i = rng.choice([j for j, ch in enumerate(line) if ch.isdigit()])
            digit = rng.choice([d for d in "0123456789" if d != line[i]])
            changed = "\n".join(lines[:n] + [line[:i] + digit + line[i + 1:]] + lines[n + 1:])
            _, now = check([(f, changed if f == name else t) for f, t in files], everything)
            new = [f for f in now if key(f) not in filed and f.severity.value in STRONG]
            changes += 1
            found += bool(new)
            found_without += any(f.rule not in across for f in new)
            astray += sum(1 for f in new if f.rule in across and (name, n + 1) not in named(f))
    print(f"changes {changes}; with an error or warning: {found_without} without {sorted(across)}, {found} with; "
          f"their findings that do not name the changed line: {astray}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
