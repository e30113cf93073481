"""The results cache: a file checked before, with the same bytes, rules and checker, is not checked again.

As ruff keeps `.ruff_cache`, check keeps `.check_cache` next to its configuration
file (or in the working directory when there is none); `--cache-dir DIR`, the
`cache-dir` setting or CHECK_CACHE_DIR move it, and `--no-cache` (or
CHECK_NO_CACHE=1) turns it off.  A pre-commit hook or CI job that sees mostly
unchanged files then costs little more than reading them.

An entry is found by everything a file's result depends on:
  - the setup key: the cache format, the Python version, the checker's own files
    and those of the libraries it checks with (path, size and modification time of
    each), the text of every rule file, and the rule selection;
  - the SHA-256 of the file's bytes; for the files of one filing, checked together
    (checker.cli.filings), the SHA-256 of their digests in order.
The path is not part of the key: an entry is stored without it and takes the path
of the file it is read for, so renaming or copying a file keeps its entry.  A cell
in another file of the filing is stored by that file's position.

Layout: DIR/CACHEDIR.TAG and DIR/.gitignore (so backups and git skip it), then
DIR/<setup key>/rules.json (the selected rules' metadata, which the reporters
need) and DIR/<setup key>/<sha256>.json (the results of a file, or of a filing's
files).  Entries are written to a temporary file and renamed into place, so
parallel workers and runs never read half an entry; an entry that does not read
back is a miss.  Only the newest few setup keys are kept.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from checker.findings.model import Finding
from checker.reporters.results import FileResult, InputProblem, RuleInfo

FORMAT = "2"          # bump when an entry's shape changes
KEEP_SETUPS = 4       # setup keys (rule or checker versions) kept side by side
SETUP_NAME = re.compile("[0-9a-f]{32}")
DEPENDENCIES = ("pydantic", "pydantic_core", "yaml")  # what parsing and checking run on
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by check.\n"
       "# For information about cache directory tags see https://bford.info/cachedir/\n")


class CacheUnavailable(Exception):
    """The cache directory cannot be created or written; the run goes on without it."""


def setup_key(select: list[str], extend_select: list[str], ignore: list[str], extra_rule_dirs: list[Path]) -> str:
    """Everything besides a file's bytes that its result depends on, hashed."""
    from checker.rules.sources import extra_rule_files, shipped_rule_files

    digest = hashlib.sha256(
        f"{FORMAT}\0{sys.version}\0{sorted(select)}\0{sorted(extend_select)}\0{sorted(ignore)}".encode())
    code = Path(__file__).resolve().parents[1]
    for file in sorted(code.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            stat = file.stat()
            digest.update(f"\0{file.relative_to(code)}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    for module in DEPENDENCIES:  # an upgraded dependency has new files
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.origin:
            stat = os.stat(spec.origin)
            digest.update(f"\0{spec.origin}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    for name, text in shipped_rule_files():
        digest.update(f"\0{name}\0{text}".encode())
    for path in extra_rule_files(extra_rule_dirs):
        digest.update(f"\0{path.resolve()}\0".encode() + path.read_bytes())
    return digest.hexdigest()[:32]


def filing_digest(files: list[bytes]) -> str:
    """The key of the results of one file (the SHA-256 of its bytes), or of several checked together."""
    digests = [hashlib.sha256(data).hexdigest() for data in files]
    return digests[0] if len(digests) == 1 else hashlib.sha256("\0".join(digests).encode()).hexdigest()


@dataclass(frozen=True)
class ResultCache:
    """The entries of one setup key (pickles into worker processes as two strings)."""

    directory: Path
    key: str

    @classmethod
    def open(cls, directory: Path, key: str) -> ResultCache:
        """The cache for `key` under `directory`, created when missing; CacheUnavailable when it cannot be."""
        setup = directory / key
        try:
            if not setup.is_dir():
                setup.mkdir(parents=True, exist_ok=True)
                for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", "# created by check\n*\n")):
                    if not (directory / name).exists():
                        (directory / name).write_text(text, encoding="utf-8")
                _prune(directory, keep=setup)
            if not os.access(setup, os.W_OK):
                raise PermissionError(f"{setup}: not writable")
        except OSError as exc:
            raise CacheUnavailable(f"cannot use the cache in {directory}: {exc}") from None
        return cls(directory, key)

    def rules(self) -> tuple[RuleInfo, ...] | None:
        data = self._read("rules")
        if not isinstance(data, list):
            return None
        try:
            return tuple(RuleInfo(**{**entry, "references": tuple(entry["references"]),
                                     "supersedes": tuple(entry["supersedes"])}) for entry in data)
        except (TypeError, KeyError):
            return None

    def save_rules(self, infos: tuple[RuleInfo, ...]) -> None:
        self._write("rules", [{**info.__dict__, "references": list(info.references),
                               "supersedes": list(info.supersedes)} for info in infos])

    def get(self, key: str, paths: list[str]) -> list[FileResult] | None:
        """The stored results of files with these bytes (filing_digest), as the results for `paths`; None on a
        miss."""
        data = self._read(key)
        entries = data.get("files") if isinstance(data, dict) else None
        if not isinstance(entries, list) or len(entries) != len(paths):
            return None
        try:
            return [_result(entry, path, paths) for entry, path in zip(entries, paths)]
        except (KeyError, TypeError, ValueError, IndexError):  # an entry of another shape: check again
            return None

    def put(self, key: str, results: list[FileResult]) -> None:
        paths = [result.path for result in results]
        self._write(key, {"files": [_entry(result, paths) for result in results]})

    def _read(self, name: str):
        try:
            with open(self.directory / self.key / f"{name}.json", encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def _write(self, name: str, data) -> None:
        target = self.directory / self.key / f"{name}.json"
        temporary = target.with_name(f".{name}.{os.getpid()}.tmp")
        try:
            temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
            os.replace(temporary, target)
        except OSError:  # a full disk or a vanished directory costs the entry, not the run
            temporary.unlink(missing_ok=True)


def _entry(result: FileResult, paths: list[str]) -> dict:
    """A result as stored: no path of its own, another file's cells by that file's position in `paths`."""
    problem = result.problem
    findings = []
    for finding in result.findings:
        record = finding.record()
        del record["path"]
        for cell in record["cells"]:
            if "path" in cell:
                cell["path"] = paths.index(cell["path"])
        findings.append(record)
    return {"pages": result.pages, "findings": findings,
            "problem": [problem.line, problem.message] if problem else None,
            "warnings": [[w.line, w.message] for w in result.warnings]}


def _result(entry: dict, path: str, paths: list[str]) -> FileResult:
    """The inverse of _entry, for the file now at `path` among `paths`."""
    for record in entry["findings"]:
        for cell in record["cells"]:
            if "path" in cell:
                cell["path"] = paths[cell["path"]]
    problem = entry["problem"]
    return FileResult(path, pages=entry["pages"],
                      findings=[Finding.from_record(record, path) for record in entry["findings"]],
                      problem=InputProblem(path, problem[0], problem[1]) if problem else None,
                      warnings=[InputProblem(path, line, message) for line, message in entry["warnings"]])


def _prune(directory: Path, keep: Path) -> None:
    """Remove all but the newest KEEP_SETUPS setup directories (old rule or checker versions).

    Only directories named like a setup key are touched: `--cache-dir` may name a directory
    that holds other things too."""
    import shutil

    setups = [d for d in directory.iterdir() if d.is_dir() and d != keep and SETUP_NAME.fullmatch(d.name)]
    setups.sort(key=lambda d: d.stat().st_mtime, reverse=True)
    for old in setups[KEEP_SETUPS - 1:]:
        shutil.rmtree(old, ignore_errors=True)
