"""Finding the input files and checking them, in this process or in a pool.

Results come back in input order whatever the number of jobs, so the output
of `--jobs 4` is byte for byte that of `--jobs 1`; the files of one filing
(R2.txt, R4.txt, ...: checker.cli.filings) are checked together and come
together, in R order.  Each file's AST is dropped
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

from checker.cli.cache import ResultCache, filing_digest
from checker.cli.filings import STDIN, filings
from checker.reporters.results import FileResult, InputProblem

IN_PROCESS_MAX = 8  # a handful of files is checked faster than a pool starts


@dataclass
class Job:
    """What a worker needs to check files."""

    extra_dirs: tuple[Path, ...]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    want_tables: bool
    cache: ResultCache | None = None
    extend_select: tuple[str, ...] = ()
    stdin: bytes | None = None  # standard input, read before any worker starts, when a path is "-"
    stdin_name: str = STDIN     # the name its findings give
    contents: dict[str, bytes] | None = None  # the files' bytes, when not read from disk (--baseline-commit)


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


def input_files(given: list[str], pattern: str) -> list[str]:
    """The files to check; a directory with none that match says so on stderr (a wrong path or --glob in CI
    would otherwise pass in silence)."""
    paths = []
    for path in given:
        found = expand_paths([path], pattern)
        if not found:
            sys.stderr.write(f"check: warning: {path}: no file in it matches {pattern!r}\n")
        paths += found
    return paths


def load_job_rules(job: Job):
    from checker.rules import load_rules

    return load_rules(list(job.extra_dirs)).select(list(job.select), list(job.ignore), list(job.extend_select))


def _init_worker(job: Job) -> None:
    """A spawned pool worker starts with nothing: its rules load on its first cache miss."""
    global _job, _rules
    _job, _rules = job, None
    tune_gc()


def check_files(paths: tuple[str, ...]) -> list[FileResult]:
    """The results of one filing's files (checker.cli.filings), in order: from the cache when the same bytes
    were checked together before, else by checking."""
    unreadable: list[FileResult | None] = []  # by position: None for a file read
    read: dict[str, bytes] = {}  # the name findings give a file read -> its bytes
    for path in paths:
        try:
            name, data = read_input(path)
        except OSError as exc:
            unreadable.append(FileResult(path, problem=InputProblem(path, None,
                                                                    f"cannot read: {exc.strerror or exc}")))
        else:
            read[name] = data
            unreadable.append(None)
    try:
        checked = iter((_cached_check(read) if _job.cache else _check(read)) if read else ())
    except Exception as exc:  # one file's crash must not stop a batch or print a traceback; never cached
        checked = iter([FileResult(name, problem=InputProblem(name, None, f"internal error, please report: "
                                                                          f"{type(exc).__name__}: {exc}"))
                        for name in read])
    return [result if result is not None else next(checked) for result in unreadable]


def read_input(path: str) -> tuple[str, bytes]:
    """(the name findings give the file, its bytes); standard input was read before the run."""
    if path == STDIN:
        return _job.stdin_name, _job.stdin
    if _job.contents is not None:
        if path not in _job.contents:
            raise FileNotFoundError(2, "not in the files given", path)
        return path, _job.contents[path]
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


def _cached_check(read: dict[str, bytes]) -> list[FileResult]:
    key = filing_digest(list(read.values()))
    results = _known(key, list(read))
    if results is None:
        results = _check(read)
        _job.cache.put(key, results)
    return results


def _known(key: str, names: list[str]) -> list[FileResult] | None:
    """The cached results, unless the HTML report needs the tables of their findings' pages."""
    results = _job.cache.get(key, names)
    return None if results is None or (_job.want_tables and any(r.findings for r in results)) else results


def _known_results(units: list[tuple[str, ...]]) -> dict[int, list[FileResult]]:
    """Index of a filing's files in `units` -> their cached results, read here so that only the files the cache
    lacks go to the pool."""
    known = {}
    for index, paths in enumerate(units):
        try:
            read = dict(map(read_input, paths))
        except OSError:  # reported by check_files
            continue
        results = _known(filing_digest(list(read.values())), list(read))
        if results is not None:
            known[index] = results
    return known


def _check(read: dict[str, bytes]) -> list[FileResult]:
    """Check the files of one filing together: each file's pages, and the checks across pages over them all."""
    global _rules
    from checker.findings import check_filings

    if _rules is None:  # the cache had the rules' metadata; a file it lacks needs the rules themselves
        _rules = load_job_rules(_job)
    parsed = {name: _parse(name, data) for name, data in read.items()}
    filings = {name: filing for name, filing in parsed.items() if not isinstance(filing, FileResult)}
    found = dict(zip(filings, check_filings(list(filings.values()), _rules)))
    return [_result(filing, found[name], filings) if name in filings else filing
            for name, filing in parsed.items()]


def _parse(name: str, data: bytes):
    """The file's Filing, or its result when it is not an R page (as much a result of the bytes as findings)."""
    from checker.ast import InputError, parse_bytes

    try:
        return parse_bytes(data, name)
    except InputError as exc:
        return FileResult(name, problem=InputProblem(name, exc.line, exc.message))


def _result(filing, findings: list, filings: dict) -> FileResult:
    """The file's result; for the HTML report, with the tables of the pages its findings name a cell on."""
    result = FileResult(filing.path, pages=len(filing.pages), findings=findings)
    result.warnings = [InputProblem(filing.path, node.line, f"warning: unparsed line kept as is ({node.reason})")
                       for _, node in filing.unparsed()]
    if _job.want_tables and findings:
        from checker.findings.engine import settled_columns
        from checker.reporters.tables import page_table

        for path, index in sorted(_pages_named(filing, findings, filings)):
            page = filings[path].pages[index]
            table = page_table(page, settled_columns(page, path, _rules))
            if path == filing.path:
                result.tables[index] = table
            else:  # a finding across files names a cell on another file's page
                result.linked.setdefault(path, {})[index] = table
    return result


def _pages_named(filing, findings: list, filings: dict) -> set[tuple[str, int]]:
    """(path, page index) of the findings' pages and of every page they name a cell on (XR004's other pages)."""
    starts: dict[str, list[int]] = {}
    named = {(filing.path, f.page) for f in findings}
    for cell in (c for f in findings for c in f.cells):
        path = cell.path or filing.path
        if path not in starts:
            starts[path] = [page.line for page in filings[path].pages]
        named.add((path, bisect_right(starts[path], cell.line) - 1))
    return named


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
    """Check every path, the pages of one filing together (checker.cli.filings); yields results in that order."""
    global _job, _rules
    _job, _rules = job, rules
    tune_gc()
    units = filings(paths)
    for results in _checked(units, job, jobs):
        yield from results


def _checked(units: list[tuple[str, ...]], job: Job, jobs: int) -> Iterator[list[FileResult]]:
    if jobs <= 1 or len(units) <= IN_PROCESS_MAX:
        yield from map(check_files, units)
        return
    known = _known_results(units) if job.cache else {}
    todo = [paths for index, paths in enumerate(units) if index not in known]
    if len(todo) <= IN_PROCESS_MAX:
        fresh = map(check_files, todo)
    elif hasattr(os, "fork") and sys.platform.startswith("linux"):
        fresh = _forked(todo, jobs)
    else:  # spawn: fork is unsafe on macOS and missing on Windows
        fresh = _pooled(todo, job, jobs)
    try:
        for index in range(len(units)):
            yield known.pop(index) if index in known else next(fresh)
    finally:
        if hasattr(fresh, "close"):  # ends the workers now, not when the generator is collected
            fresh.close()


def _pooled(units: list[tuple[str, ...]], job: Job, jobs: int) -> Iterator[list[FileResult]]:
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    chunk = max(1, min(16, len(units) // (jobs * 8)))
    with context.Pool(jobs, initializer=_init_worker, initargs=(job,)) as pool:
        yield from pool.imap(check_files, units, chunksize=chunk)


def _forked(units: list[tuple[str, ...]], jobs: int) -> Iterator[list[FileResult]]:
    global _rules
    from checker.cli.workers import forked

    if _rules is None:  # loaded once, before the fork, rather than once in every child
        _rules = load_job_rules(_job)
    return forked(units, jobs, check_files, _lost)


def _lost(paths: tuple[str, ...], message: str) -> list[FileResult]:
    """The results of files a worker took and never sent back."""
    return [FileResult(path, problem=InputProblem(path, None, message)) for path in paths]
