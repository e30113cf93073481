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
  - the SHA-256 of the file's bytes.
The path is not part of the key: an entry is stored without it and takes the path
of the file it is read for, so renaming or copying a file keeps its entry.

Layout: DIR/CACHEDIR.TAG and DIR/.gitignore (so backups and git skip it), then
DIR/<setup key>/rules.json (the selected rules' metadata, which the reporters
need) and DIR/<setup key>/<sha256>.json (one file's result).  Entries are
written to a temporary file and renamed into place, so parallel workers and runs
never read half an entry; an entry that does not read back is a miss.  Only the
newest few setup keys are kept.
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

FORMAT = "1"          # bump when an entry's shape changes
KEEP_SETUPS = 4       # setup keys (rule or checker versions) kept side by side
SETUP_NAME = re.compile("[0-9a-f]{32}")
DEPENDENCIES = ("pydantic", "pydantic_core", "yaml")  # what parsing and checking run on
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by check.\n"
       "# For information about cache directory tags see https://bford.info/cachedir/\n")


class CacheUnavailable(Exception):
    """The cache directory cannot be created or written; the run goes on without it."""


def setup_key(select: list[str], ignore: list[str], extra_rule_dirs: list[Path]) -> str:
    """Everything besides a file's bytes that its result depends on, hashed."""
    from checker.rules.sources import extra_rule_files, shipped_rule_files

    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{sorted(select)}\0{sorted(ignore)}".encode())
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


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
            return tuple(RuleInfo(**{**entry, "references": tuple(entry["references"])}) for entry in data)
        except (TypeError, KeyError):
            return None

    def save_rules(self, infos: tuple[RuleInfo, ...]) -> None:
        self._write("rules", [{**info.__dict__, "references": list(info.references)} for info in infos])

    def get(self, digest: str, path: str) -> FileResult | None:
        """The stored result of a file with these bytes, as the result for `path`; None on a miss."""
        data = self._read(digest)
        if not isinstance(data, dict):
            return None
        try:
            problem = data["problem"]
            return FileResult(
                path, pages=data["pages"],
                findings=[Finding.from_record(record, path) for record in data["findings"]],
                problem=InputProblem(path, problem[0], problem[1]) if problem else None,
                warnings=[InputProblem(path, line, message) for line, message in data["warnings"]])
        except (KeyError, TypeError, ValueError, IndexError):  # an entry of another shape: check again
            return None

    def put(self, digest: str, result: FileResult) -> None:
        problem = result.problem
        self._write(digest, {
            "pages": result.pages,
            "findings": [{k: v for k, v in f.record().items() if k != "path"} for f in result.findings],
            "problem": [problem.line, problem.message] if problem else None,
            "warnings": [[w.line, w.message] for w in result.warnings],
        })

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


def _prune(directory: Path, keep: Path) -> None:
    """Remove all but the newest KEEP_SETUPS setup directories (old rule or checker versions).

    Only directories named like a setup key are touched: `--cache-dir` may name a directory
    that holds other things too."""
    import shutil

    setups = [d for d in directory.iterdir() if d.is_dir() and d != keep and SETUP_NAME.fullmatch(d.name)]
    setups.sort(key=lambda d: d.stat().st_mtime, reverse=True)
    for old in setups[KEEP_SETUPS - 1:]:
        shutil.rmtree(old, ignore_errors=True)
