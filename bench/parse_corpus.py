#!/usr/bin/env python3
"""Parser benchmark over the shared corpus (reads ../shared/, next to the repository).

For every page: it parses, round-trips byte for byte, and has no `unparsed`
lines.  Where `.facts.json` ground truth exists (corpus/rhtm_txt), it checks
the column alignment: each exact column must be the true one, each candidate
set must contain it; it reports the share of exact cells and of row labels
that match.  Last, parse throughput in one process (pages/s, MB/s).

Usage: python3 bench/parse_corpus.py [CORPUS_DIR...]   (default: ../shared/corpus)
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checker.ast import InputError, ValueKind, parse_bytes  # noqa: E402
from checker.cli.runner import tune_gc  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def pages_under(dirs: list[Path]) -> list[Path]:
    return sorted(p for d in dirs for p in (d.rglob("*.txt") if d.is_dir() else [d]))


def alignment(filing, facts: list[dict]) -> dict[str, int]:
    """Compare the AST's value cells with the ground truth, in reading order."""
    cells = [(row, cell) for page in filing.pages for row, cell in page.cells()
             if cell.kind is not ValueKind.empty]
    truth = [f for f in facts if f["value_text"].strip()]
    tally = {"facts": len(truth), "matched": 0, "exact": 0, "exact_wrong": 0, "outside": 0, "label_ok": 0,
             "members_ok": 0}
    i = 0
    for fact in truth:
        want = fact["value_text"].strip().split("\n")[0].strip()
        while i < len(cells) and cells[i][1].raw.split("\n")[0].strip() != want:
            i += 1
        if i == len(cells):
            break
        row, cell = cells[i]
        i += 1
        tally["matched"] += 1
        tally["label_ok"] += fact["row_label"] in (row.label, f"{row.label} | {row.unit}")
        tally["members_ok"] += members(row.member_path) == members(fact["member_path"])
        if cell.column is not None:
            tally["exact"] += 1
            tally["exact_wrong"] += cell.column != fact["column_index"]
        elif fact["column_index"] not in cell.columns:
            tally["outside"] += 1
    return tally


def members(path: list[str]) -> list[str]:
    """A member path without the "[Member]" the older renderer prints and the ground truth leaves out."""
    return [m.removesuffix(" [Member]") for m in path]


def forget() -> None:
    from checker.ast import values
    from checker.grammar import lexer
    lexer.LINES.memo.clear()
    lexer.VALUES.memo.clear()
    values._MEMO.clear()


def main() -> int:
    tune_gc()  # as `check` runs
    dirs = [Path(a) for a in sys.argv[1:]] or [DEFAULT / "pages", DEFAULT / "rhtm_txt"]
    pages = pages_under(dirs)
    blobs = [(str(p), p.read_bytes()) for p in pages]
    failures, unparsed, errors = [], 0, 0
    totals: dict[str, int] = {}
    for path, data in blobs:
        try:
            filing = parse_bytes(data, path)
        except InputError as error:
            errors += 1
            print(f"input error: {error}")
            continue
        if filing.render().encode("utf-8") != data:
            failures.append(path)
        unparsed += sum(1 for _ in filing.unparsed())
        facts_path = Path(path).with_suffix(".facts.json")
        if facts_path.exists() and not path.endswith(".table.txt"):
            for key, value in alignment(filing, json.loads(facts_path.read_text())).items():
                totals[key] = totals.get(key, 0) + value
    print(f"pages: {len(blobs)}; round-trip failures: {len(failures)}; unparsed nodes: {unparsed}; "
          f"input errors: {errors}")
    for path in failures:
        print(f"  round-trip failure: {path}")
    if totals:
        m = max(totals["matched"], 1)
        print(f"ground truth: {totals['matched']}/{totals['facts']} value cells matched; "
              f"exact {totals['exact']} ({100 * totals['exact'] / m:.1f}%), exact but wrong "
              f"{totals['exact_wrong']}, true column outside the candidates {totals['outside']}; "
              f"row label agrees {100 * totals['label_ok'] / m:.1f}%, member path "
              f"{100 * totals['members_ok'] / m:.1f}% ({totals['members_ok']})")
    size = sum(len(d) for _, d in blobs)
    best = float("inf")
    for _ in range(5):
        forget()  # each pass starts cold, as one `check` process does
        start = time.perf_counter()
        for path, data in blobs:
            try:
                parse_bytes(data, path)
            except InputError:
                pass
        best = min(best, time.perf_counter() - start)
    print(f"parse: {len(blobs) / best:.0f} pages/s, {size / 1e6 / best:.2f} MB/s "
          f"(best of 5 cold passes over {len(blobs)} pages, {size / 1e6:.2f} MB, one process)")
    return 1 if failures or unparsed else 0


if __name__ == "__main__":
    sys.exit(main())
