#!/usr/bin/env python3
"""Peak memory of `check` over a large batch: the corpus repeated to N pages.

Copies the pages of CORPUS_DIR into a temporary tree until it holds N files,
runs `check --format json --jobs J` over that directory with stdout to
/dev/null, and samples the resident memory of the whole process tree (the
main process plus its workers, from /proc) every 20 ms.  The run checks every
file (`--no-cache`) unless `--warm`: then a first, unmeasured run fills a
results cache in the temporary tree and the measured run reads from it.

Usage: memory_batch.py [--pages 10000] [--jobs 1] [--check check] [--html] [--warm] CORPUS_DIR
Last line: "memory: pages=... jobs=... html=... warm=... peak_tree_mb=... peak_main_mb=... seconds=..."
"""
from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import tempfile
import time
from pathlib import Path


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except FileNotFoundError:
                pass
    return pids


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--check", default="check")
    ap.add_argument("--html", action="store_true", help="also write the HTML report (kept in memory until the end)")
    ap.add_argument("--warm", action="store_true", help="measure a run whose results are all in the cache")
    args = ap.parse_args()
    pages = sorted(args.corpus.rglob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.pages):
            page = pages[i % len(pages)]
            target = Path(tmp) / f"copy{i // len(pages):03d}" / page.name
            target.parent.mkdir(exist_ok=True)
            shutil.copyfile(page, target)
        cache = ["--cache-dir", str(Path(tmp) / ".cache")] if args.warm else ["--no-cache"]
        argv = shlex.split(args.check) + ["--format", "json", "--jobs", str(args.jobs), *cache, tmp]
        if args.html:
            argv += ["--html", str(Path(tmp) / "report.html")]
        if args.warm:
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak_tree = peak_main = 0
        while proc.poll() is None:
            peak_main = max(peak_main, rss_kb(proc.pid))
            peak_tree = max(peak_tree, sum(rss_kb(p) for p in tree(proc.pid)))
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"check exited {proc.returncode}: {proc.stderr.read().decode()[-400:]}")
    print(f"memory: pages={args.pages} jobs={args.jobs} html={args.html} warm={args.warm} peak_tree_mb={peak_tree / 1024:.0f} "
          f"peak_main_mb={peak_main / 1024:.0f} seconds={seconds:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
