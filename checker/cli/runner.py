"""Finding the input files and checking them, in this process or in a pool.

Results come back in input order whatever the number of jobs, so the output
of `--jobs 4` is byte for byte that of `--jobs 1`.  Each file's AST is dropped
as soon as its findings (and, for the HTML report, the tables of the pages
that have findings) are taken from it: memory stays flat over long batches.
"""
from __future__ import annotations

import fnmatch
import gc
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from checker.reporters.results import FileResult, InputProblem, page_table

IN_PROCESS_MAX = 8  # a handful of files is checked faster than a pool starts


@dataclass
class Job:
    """What a worker needs to check one file."""

    extra_dirs: tuple[Path, ...]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    want_tables: bool


_job: Job | None = None
_rules = None


def expand_paths(paths: Iterable[str], pattern: str) -> list[str]:
    """Files as given (missing ones too: checking reports them), directories searched recursively."""
    files = []
    for path in paths:
        if os.path.isdir(path):
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [os.path.join(root, n) for n in names if fnmatch.fnmatch(n, pattern)]
            files += sorted(found)
        else:
            files.append(path)
    return files


def load_job_rules(job: Job):
    from checker.rules import load_rules

    return load_rules(list(job.extra_dirs)).select(list(job.select), list(job.ignore))


def _init_worker(job: Job) -> None:
    global _job, _rules
    if _job != job or _rules is None:  # a forked worker already has them
        _job, _rules = job, load_job_rules(job)
        tune_gc()


def check_path(path: str) -> FileResult:
    from checker.ast import InputError

    try:
        return _check(path)
    except InputError as exc:
        return FileResult(path, problem=InputProblem(path, exc.line, exc.message))
    except (OSError, UnicodeDecodeError) as exc:
        return FileResult(path, problem=InputProblem(path, None, f"cannot read: {exc.strerror or exc}"
                                                                 if isinstance(exc, OSError) else str(exc)))
    except Exception as exc:  # one file's crash must not stop a batch or print a traceback
        return FileResult(path, problem=InputProblem(path, None, f"internal error, please report: "
                                                                 f"{type(exc).__name__}: {exc}"))


def _check(path: str) -> FileResult:
    from checker.ast import parse_file
    from checker.findings import check_filing

    filing = parse_file(path)
    findings = check_filing(filing, _rules)
    result = FileResult(path, pages=len(filing.pages), findings=findings)
    result.warnings = [InputProblem(path, node.line, f"warning: unparsed line kept as is ({node.reason})")
                       for _, node in filing.unparsed()]
    if _job.want_tables and findings:
        wanted = {f.page for f in findings}
        result.tables = {p.index: page_table(p) for p in filing.pages if p.index in wanted}
    return result


def tune_gc() -> None:
    """Collect cyclic garbage rarely: parsing makes many short-lived objects and few cycles.

    Refcounting frees the pages' objects as soon as a file is done; with Python's default
    thresholds the cycle collector still rescans them (and everything imported) thousands of
    times a run, about a third of the parse time on the corpus (bench/parse_corpus.py).
    Freezing moves what start-up made out of its sight; forked workers share it untouched.
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def run(paths: list[str], job: Job, rules, jobs: int) -> Iterator[FileResult]:
    """Check every path; yields results in input order."""
    global _job, _rules
    _job, _rules = job, rules
    tune_gc()
    if jobs <= 1 or len(paths) <= IN_PROCESS_MAX:
        yield from map(check_path, paths)
        return
    import multiprocessing

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    chunk = max(1, min(16, len(paths) // (jobs * 8)))
    with context.Pool(jobs, initializer=_init_worker, initargs=(job,)) as pool:
        yield from pool.imap(check_path, paths, chunksize=chunk)
