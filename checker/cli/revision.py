"""The files to check as they were at a git revision, for `--baseline-commit REV` (semgrep's option).

A pull request's check then reports only the findings it brings: the findings of the files at
REV are the baseline, matched by the same fingerprints as a baseline file's.  The repository
is the one that holds the first file checked (the working directory's, for standard input), so
`check` may run from anywhere.  Their contents come from one `git cat-file --batch` process,
whatever the number of files; a file that REV does not have (new since) or that lies outside
the repository has no old findings.
"""
from __future__ import annotations

import os
import subprocess

from checker.cli.filings import STDIN
from checker.cli.options import UsageError


def _git(*argv: str, data: bytes | None = None, cwd: str | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *argv], input=data, capture_output=True, cwd=cwd)
    except FileNotFoundError:
        raise UsageError("--baseline-commit: git is not installed") from None


def contents_at(revision: str, paths: list[str]) -> dict[str, bytes]:
    """path -> its bytes at `revision`, for each of `paths` (files) the revision has."""
    first = next((path for path in paths if path != STDIN), None)
    where = os.getcwd() if first is None else os.path.dirname(os.path.abspath(first))
    found = _git("rev-parse", "--show-toplevel", cwd=where)
    if found.returncode != 0:
        raise UsageError(f"--baseline-commit: {where} is not in a git repository")
    root = os.path.realpath(found.stdout.decode().strip())
    if _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", cwd=root).returncode != 0:
        raise UsageError(f'--baseline-commit: no such revision: "{revision}"')
    names = {}  # path as given -> its name in the repository
    for path in paths:
        relative = os.path.relpath(os.path.realpath(path), root) if path != STDIN else os.pardir
        if not relative.startswith(os.pardir) and "\n" not in relative:
            names[path] = relative.replace(os.sep, "/")
    if not names:
        return {}
    batch = _git("cat-file", "--batch", cwd=root,
                 data="".join(f"{revision}:{name}\n" for name in names.values()).encode())
    return {path: data for path, data in zip(names, _objects(batch.stdout)) if data is not None}


def _objects(output: bytes):
    """The contents `git cat-file --batch` printed, one per request ("<oid> <type> <size>", the contents and a
    newline): None for one it reports missing, or that is no file (a directory is a tree)."""
    at = 0
    while at < len(output):
        end = output.index(b"\n", at)
        header = output[at:end].split()
        if len(header) != 3 or not header[2].isdigit():  # "<name> missing", "<name> ambiguous"
            yield None
            at = end + 1
            continue
        size = int(header[2])
        yield output[end + 1:end + 1 + size] if header[1] == b"blob" else None
        at = end + 1 + size + 1  # the contents end with a newline of their own
