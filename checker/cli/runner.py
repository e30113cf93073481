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
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from checker.cli.cache import ResultCache, file_digest
from checker.reporters.results import FileResult, InputProblem, page_table

IN_PROCESS_MAX = 8  # a handful of files is checked faster than a pool starts
STDIN = "-"  # the path that stands for standard input


@dataclass
class Job:
    """What a worker needs to check one file."""

    extra_dirs: tuple[Path, ...]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    want_tables: bool
    cache: ResultCache | None = None
    stdin: bytes | None = None  # standard input, read before any worker starts, when a path is "-"
    stdin_name: str = STDIN     # the name its findings give


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
    """A spawned pool worker starts with nothing: its rules load on its first cache miss."""
    global _job, _rules
    _job, _rules = job, None
    tune_gc()


def check_path(path: str) -> FileResult:
    """The result for one file: from the cache when its bytes were checked before, else by checking."""
    try:
        path, data = read_input(path)
    except OSError as exc:
        return FileResult(path, problem=InputProblem(path, None, f"cannot read: {exc.strerror or exc}"))
    try:
        return _cached_check(path, data) if _job.cache else _check(path, data)
    except Exception as exc:  # one file's crash must not stop a batch or print a traceback; never cached
        return FileResult(path, problem=InputProblem(path, None, f"internal error, please report: "
                                                                 f"{type(exc).__name__}: {exc}"))


def read_input(path: str) -> tuple[str, bytes]:
    """(the name findings give the file, its bytes); standard input was read before the run."""
    if path == STDIN:
        return _job.stdin_name, _job.stdin
    with open(path, "rb") as handle:
        return path, handle.read()


def read_stdin(paths: list[str]) -> bytes | None:
    """Standard input's bytes when a path is "-", read once, before any worker starts."""
    if STDIN not in paths:
        return None
    from checker.cli.options import UsageError  # not for a spawned worker, which never reads it
    if paths.count(STDIN) > 1:
        raise UsageError("standard input (-) can be checked only once a run")
    if sys.stdin is None:
        raise UsageError("-: there is no standard input to read")
    return sys.stdin.buffer.read()


def _cached_check(path: str, data: bytes) -> FileResult:
    digest = file_digest(data)
    result = _known(path, digest)
    if result is None:
        result = _check(path, data)
        _job.cache.put(digest, result)
    return result


def _known(path: str, digest: str) -> FileResult | None:
    """The cached result, unless the HTML report needs the tables of its findings' pages."""
    result = _job.cache.get(digest, path)
    return None if result is None or (_job.want_tables and result.findings) else result


def _known_results(paths: list[str]) -> dict[int, FileResult]:
    """Input index -> cached result, read here so that only the files the cache lacks go to the pool."""
    known = {}
    for index, path in enumerate(paths):
        try:
            name, data = read_input(path)
        except OSError:  # reported by check_path
            continue
        result = _known(name, file_digest(data))
        if result is not None:
            known[index] = result
    return known


def _check(path: str, data: bytes) -> FileResult:
    from checker.ast import InputError

    try:
        return _check_filing(path, data)
    except InputError as exc:  # not an R page: as much a result of the bytes as findings are
        return FileResult(path, problem=InputProblem(path, exc.line, exc.message))


def _check_filing(path: str, data: bytes) -> FileResult:
    global _rules
    from checker.ast import parse_bytes
    from checker.findings import check_filing

    if _rules is None:  # the cache had the rules' metadata; a file it lacks needs the rules themselves
        _rules = load_job_rules(_job)
    filing = parse_bytes(data, path)
    findings = check_filing(filing, _rules)
    result = FileResult(path, pages=len(filing.pages), findings=findings)
    result.warnings = [InputProblem(path, node.line, f"warning: unparsed line kept as is ({node.reason})")
                       for _, node in filing.unparsed()]
    if _job.want_tables and findings:  # the pages of the findings and of every cell they name (XR004's span pages)
        starts = [p.line for p in filing.pages]
        wanted = {f.page for f in findings} | {bisect_right(starts, c.line) - 1 for f in findings for c in f.cells}
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
    known = _known_results(paths) if job.cache else {}
    todo = [path for index, path in enumerate(paths) if index not in known]
    if len(todo) <= IN_PROCESS_MAX:
        fresh = map(check_path, todo)
    elif hasattr(os, "fork") and sys.platform.startswith("linux"):
        fresh = _forked(todo, jobs)
    else:  # spawn: fork is unsafe on macOS and missing on Windows
        fresh = _pooled(todo, job, jobs)
    try:
        for index in range(len(paths)):
            yield known.pop(index) if index in known else next(fresh)
    finally:
        if hasattr(fresh, "close"):  # ends the workers now, not when the generator is collected
            fresh.close()


def _pooled(paths: list[str], job: Job, jobs: int) -> Iterator[FileResult]:
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    chunk = max(1, min(16, len(paths) // (jobs * 8)))
    with context.Pool(jobs, initializer=_init_worker, initargs=(job,)) as pool:
        yield from pool.imap(check_path, paths, chunksize=chunk)


def _forked(paths: list[str], jobs: int) -> Iterator[FileResult]:
    global _rules
    from checker.cli.workers import forked

    if _rules is None:  # loaded once, before the fork, rather than once in every child
        _rules = load_job_rules(_job)
    return forked(paths, jobs, check_path)
