"""`check -`: a filing read from standard input, named by --stdin-filename, alone or among files."""
from __future__ import annotations

import io
import json
import sys

import pytest

from test_cli import BAD, FIXTURES, SEED, run, run_process

SEED_BYTES = (FIXTURES / "seed.txt").read_bytes()


@pytest.fixture
def stdin(monkeypatch):
    """Give the command standard input holding these bytes."""
    def give(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return give


def test_a_filing_on_standard_input(stdin, capsys):
    stdin(SEED_BYTES)
    status, out, _ = run(capsys, "--no-cache", "-")
    assert status == 1
    assert out.startswith("-:22: error XR001 Number of incentive stock options = 451,898")


def test_stdin_filename_names_it(stdin, capsys):
    stdin(SEED_BYTES)
    status, out, _ = run(capsys, "--no-cache", "--format", "json", "--stdin-filename", "filings/seed.txt", "-")
    assert status == 1
    assert [(f["path"], f["lines"]) for f in json.loads(out)["findings"]] == [("filings/seed.txt", [22, 35])]


def test_standard_input_among_files_in_a_batch_gives_what_its_file_gives(stdin, capsys, tmp_path):
    files = sorted(str(p) for p in (FIXTURES / "batch").iterdir())
    expected = run(capsys, "--no-cache", "--format", "json", "--jobs", "1", *files, SEED)
    for jobs in ("1", "2"):  # two: forked workers take files while the parent read standard input
        stdin(SEED_BYTES)
        got = run(capsys, "--no-cache", "--format", "json", "--jobs", jobs, "--stdin-filename", SEED, *files, "-")
        assert got == expected


def test_standard_input_goes_through_the_cache(stdin, capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("CHECK_NO_CACHE")  # the suite runs without the cache (conftest.py)
    cache = tmp_path / "cache"
    stdin(SEED_BYTES)
    assert run(capsys, "--cache-dir", str(cache), "-")[0] == 1
    assert len([p for p in cache.glob("*/*.json") if p.name != "rules.json"]) == 1  # its entry, by content

    def unparsable(data, path):
        raise AssertionError("parsed again: the cache was not used")
    monkeypatch.setattr("checker.ast.parse_bytes", unparsable)
    stdin(SEED_BYTES)  # the same bytes: the result comes from the cache, under the name given now
    status, out, _ = run(capsys, "--cache-dir", str(cache), "--stdin-filename", "again.txt", "-")
    assert status == 1 and out.startswith("again.txt:22: error XR001")


def test_bad_input_on_standard_input_is_reported_by_its_name(stdin, capsys):
    stdin(b"")
    status, _, err = run(capsys, "--no-cache", "-")
    assert status == 2 and "-: empty file: expected an R-page text rendering" in err


def test_standard_input_only_once(stdin, capsys):
    stdin(SEED_BYTES)
    status, _, err = run(capsys, "-", SEED, "-")
    assert status == 2 and err == "check: standard input (-) can be checked only once a run\n"


def test_dump_ast_reads_standard_input(stdin, capsys):
    stdin(SEED_BYTES)
    status, out, err = run(capsys, "--dump-ast", "--stdin-filename", "seed.txt", "-", BAD[0])
    files = json.loads(out)["files"]
    assert [f["path"] for f in files] == ["seed.txt"] and files[0]["pages"][0]["title"]["line"] == 1
    assert status == 2 and err.startswith(BAD[0])


def test_a_real_pipe():
    proc = run_process("--no-cache", "-", input=SEED_BYTES.decode())
    assert proc.returncode == 1 and proc.stdout.startswith("-:22: error XR001")
