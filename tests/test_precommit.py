"""The pre-commit hook, installed from this working tree with `pre-commit try-repo`.

pre-commit builds a fresh virtual environment and pip-installs the repository
into it, so this also proves a plain `pip install .` gives a working `check`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "cli"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.fail("git is needed for the pre-commit test")
    root = tmp_path_factory.mktemp("project")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=env)
    shutil.copy(FIXTURES / "seed.txt", root / "defect.txt")
    shutil.copy(FIXTURES / "seed_fixed.txt", root / "clean.txt")
    subprocess.run(["git", "add", "."], cwd=root, check=True, env=env)
    return root, env


def try_repo(project, *files: str) -> subprocess.CompletedProcess:
    root, env = project
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "check-filing",
                           "--verbose", "--files", *files], cwd=root, env=env, capture_output=True, text=True,
                          timeout=600)


def test_hook_fails_on_the_seed(project):
    proc = try_repo(project, "defect.txt")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Failed" in proc.stdout and "defect.txt:22: error XR001" in proc.stdout


def test_hook_passes_on_a_clean_page(project):
    proc = try_repo(project, "clean.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout
