"""Batches: directories, --glob, --jobs giving identical output, progress only on a terminal."""
from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

from checker.cli.runner import IN_PROCESS_MAX, expand_paths
from test_cli import FIXTURES, SEED, run

BATCH = FIXTURES / "batch"


def make_tree(root: Path) -> Path:
    """Corpus pages and seed copies in nested directories, more than run in-process."""
    for i, page in enumerate(sorted(BATCH.iterdir())):
        target = root / f"d{i % 3}" / page.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)
    for i in range(4):
        shutil.copy(SEED, root / f"d{i % 2}" / f"seed{i}.txt")
    shutil.copy(SEED, root / "d0" / "seed.htm")  # not matched by the default glob
    (root / ".hidden").mkdir()
    shutil.copy(SEED, root / ".hidden" / "seed.txt")
    return root


def test_directories_are_searched_recursively_with_the_glob(tmp_path):
    root = make_tree(tmp_path)
    found = expand_paths([str(root)], "*.txt")
    assert len(found) == 16 and found == sorted(found) and not any(".hidden" in f for f in found)
    assert expand_paths([str(root)], "*.htm") == [str(root / "d0" / "seed.htm")]


def test_jobs_give_identical_output(tmp_path, capsys):
    root = make_tree(tmp_path)
    assert len(expand_paths([str(root)], "*.txt")) > IN_PROCESS_MAX
    outputs = {}
    for fmt in ("json", "text"):
        for jobs in ("1", "2", "3"):
            outputs[fmt, jobs] = run(capsys, "--format", fmt, "--jobs", jobs, str(root), SEED)
    for fmt in ("json", "text"):
        assert outputs[fmt, "1"] == outputs[fmt, "2"] == outputs[fmt, "3"]
    assert outputs["json", "1"][1].count('"rule": "XR001"') == 5


def test_glob_option(tmp_path, capsys):
    root = make_tree(tmp_path)
    status, out, _ = run(capsys, "--glob", "*.htm", "--format", "json", str(root))
    assert status == 1 and out.count('"rule": "XR001"') == 1


def terminal_stderr(argv: list[str]) -> str:
    """What a command writes to stderr when stderr is a terminal."""
    leader, follower = pty.openpty()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    os.set_blocking(leader, False)
    try:
        return os.read(leader, 1 << 16).decode()
    except (BlockingIOError, OSError):  # nothing was written
        return ""
    finally:
        os.close(leader)


def test_progress_bar_on_a_terminal_only(tmp_path):
    root = make_tree(tmp_path)
    argv = [sys.executable, "-m", "checker.cli", "--jobs", "2", str(root)]
    piped = subprocess.run(argv, capture_output=True, text=True)
    assert piped.returncode == 1 and piped.stdout.count(": error XR001") == 4 and piped.stderr == ""
    shown = terminal_stderr(argv)
    assert "16/16 files" in shown and shown.endswith("\r\x1b[K")  # the bar is wiped at the end
    assert terminal_stderr(argv[:-1] + ["--quiet", str(root)]) == ""
