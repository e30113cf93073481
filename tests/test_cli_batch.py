"""Batches: directories, --glob, --jobs giving identical output, progress only on a terminal."""
from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import runner, workers
from checker.cli.filings import filings
from checker.cli.runner import IN_PROCESS_MAX, Job, expand_paths, run as run_files
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


def batch_job() -> Job:
    return Job(extra_dirs=(), select=(), ignore=(), want_tables=False)


def checked(results) -> list[tuple]:
    return [(r.path, r.pages, r.problem, r.findings, r.warnings) for r in results]


def test_forked_children_and_a_spawned_pool_give_the_in_process_results(tmp_path):
    paths = expand_paths([str(make_tree(tmp_path))], "*.txt")
    job = batch_job()
    expected = checked(run_files(paths, job, None, 1))
    open_before = os.listdir("/proc/self/fd")
    assert checked(run_files(paths, job, None, 3)) == expected  # the forked children, on Linux
    assert os.listdir("/proc/self/fd") == open_before  # every pipe closed
    # the pool that platforms without a safe fork use
    assert checked(r for results in runner._pooled(filings(paths), job, 2) for r in results) == expected
    assert sum(len(findings) for _, _, _, findings, _ in expected) == 4


def test_a_child_that_dies_is_reported_on_its_file_and_the_others_are_checked(tmp_path, monkeypatch):
    paths = expand_paths([str(make_tree(tmp_path))], "*.txt")
    parent, check_here = os.getpid(), runner.check_files
    monkeypatch.setattr(runner, "check_files", lambda paths: os._exit(3) if os.getpid() != parent else check_here(paths))
    expected = checked(run_files(paths, batch_job(), None, 1))
    got = checked(run_files(paths, batch_job(), None, 3))  # both children die on the first file each takes
    lost = [i for i, result in enumerate(got) if result[2] is not None]
    assert len(lost) == 2 and all(got[i][2].message == workers.LOST for i in lost)
    assert [r for i, r in enumerate(got) if i not in lost] == [r for i, r in enumerate(expected) if i not in lost]


def test_stopping_early_ends_the_children(tmp_path, monkeypatch):
    paths = expand_paths([str(make_tree(tmp_path))], "*.txt")
    started, fork = [], os.fork
    monkeypatch.setattr(os, "fork", lambda: (pid := fork()) and started.append(pid) or pid)
    results = run_files(paths, batch_job(), None, 3)
    next(results)
    results.close()
    assert len(started) == 2
    for pid in started:  # each was waited for: none is left running, nor as a zombie
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_the_queue_hands_out_every_index_once_in_order_even_beyond_what_a_pipe_holds():
    queue = workers.Queue(50_000)  # a pipe holds about 16,000 indices: the rest wait for fill()
    taken = []
    try:
        while (index := queue.take()) is not None:
            taken.append(index)
            queue.fill()
    finally:
        queue.close()
    assert taken == list(range(50_000))


def test_when_no_child_can_be_forked_this_process_checks_every_file(tmp_path, monkeypatch):
    paths = expand_paths([str(make_tree(tmp_path))], "*.txt")
    expected = checked(run_files(paths, batch_job(), None, 1))

    def refuse():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    open_before = os.listdir("/proc/self/fd")
    assert checked(run_files(paths, batch_job(), None, 4)) == expected
    assert os.listdir("/proc/self/fd") == open_before  # no pipe left open


def test_a_directory_with_no_matching_file_is_a_warning(tmp_path, capsys):
    """A wrong path or --glob in CI must not pass in silence; as in ruff, it warns and exits 0."""
    (tmp_path / "empty").mkdir()
    status, out, err = run(capsys, "--no-cache", str(tmp_path / "empty"))
    assert status == 0 and out == "No findings in 0 files (0 pages).\n"
    assert err == f"check: warning: {tmp_path / 'empty'}: no file in it matches '*.txt'\n"
    status, _, err = run(capsys, "--no-cache", "--glob", "*.htm", str(BATCH), SEED)
    assert status == 1 and err == f"check: warning: {BATCH}: no file in it matches '*.htm'\n"
