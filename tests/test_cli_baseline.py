"""Baselines: fingerprints survive edits above a finding; a changed value is a new finding."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from test_cli import SEED, run


def seed_copy(tmp_path: Path, text: str | None = None) -> str:
    path = tmp_path / "filing.txt"
    path.write_text(text if text is not None else Path(SEED).read_text())
    return "filing.txt"


def test_write_then_use_a_baseline(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = seed_copy(tmp_path)
    status, _, _ = run(capsys, "--write-baseline", "baseline.json", name)
    assert status == 0
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert data["version"] == 1 and "XR001" in [e["rule"] for e in data["findings"]]
    assert all(e["path"] == "filing.txt" for e in data["findings"])
    status, out, _ = run(capsys, "--baseline", "baseline.json", name)
    assert (status, out) == (0, "No findings in 1 file (1 page).\n")


def test_lines_added_above_keep_the_finding_known(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = seed_copy(tmp_path)
    run(capsys, "--write-baseline", "baseline.json", name)
    lines = Path(SEED).read_text().splitlines(keepends=True)
    seed_copy(tmp_path, "".join(lines[:17] + ["|Customer deposits\n", "|$ 12,000\n"] + lines[17:]))
    status, out, _ = run(capsys, "--select", "XR001", "--format", "json", name)
    assert json.loads(out)["findings"][0]["lines"] == [24, 37]  # the finding moved ...
    assert run(capsys, "--baseline", "baseline.json", name)[0] == 0  # ... and is still known


def test_a_changed_value_is_a_new_finding(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = seed_copy(tmp_path)
    run(capsys, "--write-baseline", "baseline.json", name)
    seed_copy(tmp_path, Path(SEED).read_text().replace("|451,898\n", "|451,899\n"))
    status, out, _ = run(capsys, "--baseline", "baseline.json", "--format", "json", name)
    assert status == 1 and [f["rule"] for f in json.loads(out)["findings"]] == ["XR001"]


def test_baseline_counts_repeated_findings(tmp_path, monkeypatch, capsys):
    """Two identical files under different names are two findings; the baseline holds one."""
    monkeypatch.chdir(tmp_path)
    name = seed_copy(tmp_path)
    run(capsys, "--select", "XR001", "--write-baseline", "baseline.json", name)
    status, out, _ = run(capsys, "--select", "XR001", "--baseline", "baseline.json", "--format", "json", name, name)
    assert status == 1 and len(json.loads(out)["findings"]) == 1


def test_a_broken_baseline_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "baseline.json"
    bad.write_text('{"findings": []}')
    status, _, err = run(capsys, "--baseline", str(bad), SEED)
    assert status == 2 and err == f'check: {bad}: not a baseline file: expected "version": 1\n'


def git(root: Path, *argv: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *argv], cwd=root, check=True, env=env, capture_output=True)


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A git repository holding the seed page as filing.txt, committed; the working directory."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for --baseline-commit")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))  # never a repository around tmp_path
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")
    seed_copy(tmp_path)
    git(tmp_path, "add", "filing.txt")
    git(tmp_path, "commit", "-q", "-m", "the filing as filed")
    return tmp_path


def test_baseline_commit_reports_only_the_findings_a_change_brings(repository, capsys):
    assert run(capsys, "--no-cache", "--baseline-commit", "HEAD", "filing.txt")[:2] == (
        0, "No findings in 1 file (1 page).\n")
    text = Path(SEED).read_text().replace("|1,587,553\n", "|1,587,853\n", 1)  # a new slip: warrants, line 20
    seed_copy(repository, text)
    (repository / "new pages").mkdir()
    shutil.copy(SEED, repository / "new pages" / "R2.txt")  # not in HEAD: all its findings are new
    for jobs in ("1", "2"):
        status, out, _ = run(capsys, "--no-cache", "--jobs", jobs, "--format", "json", "--baseline-commit", "HEAD", ".")
        found = [(f["rule"], f["path"], f["lines"]) for f in json.loads(out)["findings"]]
        assert status == 1 and found == [("XR002", "./filing.txt", [20, 32]), ("XR001", "./new pages/R2.txt", [22, 35])]


def test_baseline_commit_errors(repository, tmp_path_factory, capsys):
    assert run(capsys, "--baseline-commit", "nope", "filing.txt")[::2] == (
        2, 'check: --baseline-commit: no such revision: "nope"\n')
    (repository / "b.json").write_text('{"version": 1, "findings": []}')
    assert run(capsys, "--baseline", "b.json", "--baseline-commit", "HEAD", "filing.txt")[::2] == (
        2, "check: --baseline and --baseline-commit: give one of them\n")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    seed_copy(elsewhere)
    assert run(capsys, "--baseline-commit", "HEAD", str(elsewhere / "filing.txt"))[::2] == (
        2, f"check: --baseline-commit: {elsewhere} is not in a git repository\n")


def test_baseline_commit_finds_the_repository_of_the_files_checked(repository, tmp_path_factory, monkeypatch,
                                                                   capsys):
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))  # not in a repository: the file's is the one
    assert run(capsys, "--no-cache", "--baseline-commit", "HEAD", str(repository / "filing.txt"))[:2] == (
        0, "No findings in 1 file (1 page).\n")

