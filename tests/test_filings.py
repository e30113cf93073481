"""The R pages of one filing saved one a file are checked together: XR004 ties figures across the files."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from checker.cli.filings import filings
from test_cli import run
from test_cli_batch import make_tree

HEADER = "|12 Months Ended\n|\nDec. 31, 2024\n|\nDec. 31, 2023\n"
OPERATIONS = f"|\nSTATEMENTS OF OPERATIONS - USD ($)\n{HEADER}|Net income\n|$ 41,287\n|$ 36,904\n"
CASH_FLOWS = f"|\nSTATEMENTS OF CASH FLOWS - USD ($)\n{HEADER}|Net income\n|$ 41,827\n|$ 36,904\n"  # 41,287 slipped


def test_pages_named_by_their_number_in_one_directory_are_one_filing():
    given = ["d/R2.txt", "d/R10.txt", "x.txt", "d/R1.txt", "e/R3.txt", "-", "d/1_0001_R4.txt", "./d/1_0001_R12.txt"]
    assert filings(given) == [("d/R1.txt", "d/R2.txt", "d/R10.txt"), ("x.txt",), ("e/R3.txt",), ("-",),
                              ("d/1_0001_R4.txt", "./d/1_0001_R12.txt")]


def test_other_names_and_a_file_given_twice_are_filings_of_their_own():
    assert filings(["HR2.txt", "HR3.txt", "R18.table.txt", "R19.table.txt", "R2.htm", "R3.txt"]) == [
        ("HR2.txt",), ("HR3.txt",), ("R18.table.txt",), ("R19.table.txt",), ("R2.htm",), ("R3.txt",)]
    assert filings(["R1.txt", "R2.txt", "./R1.txt"]) == [("R1.txt", "R2.txt"), ("./R1.txt",)]
    assert filings(["R1.txt", os.path.abspath("R2.txt")]) == [("R1.txt", os.path.abspath("R2.txt"))]


def write_filing(directory: Path) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    statement, note = directory / "R2.txt", directory / "R4.txt"
    statement.write_text(OPERATIONS)
    note.write_text(CASH_FLOWS)
    return statement, note


def test_a_figure_that_differs_between_two_files_of_a_filing_is_found_on_the_later_page(tmp_path, capsys):
    statement, note = write_filing(tmp_path / "filing")
    status, out, _ = run(capsys, "--no-cache", "--select", "XR004", "--format", "json", str(tmp_path / "filing"))
    [finding] = json.loads(out)["findings"]
    assert status == 0 and finding["rule"] == "XR004" and finding["path"] == str(note)
    assert finding["lines"] == [9]  # the lines of the finding's own file; the other file's cell names its file
    assert [(c["line"], c["raw"], c.get("path")) for c in finding["cells"]] == [
        (9, "$ 41,827", None), (9, "$ 41,287", str(statement))]
    assert f"but {statement}, page 1 (STATEMENTS OF OPERATIONS) prints $ 41,287 (line 9)" in finding["message"]
    _, text, _ = run(capsys, "--no-cache", "--select", "XR004", str(tmp_path / "filing"))
    pad = " " * (len(f"{statement}:9") - len("line    9"))  # the places line up
    assert f"  line    9{pad}  $ 41,827  Net income | 12 Months Ended: Dec. 31, 2024\n" \
           f"  {statement}:9  $ 41,287  Net income | 12 Months Ended: Dec. 31, 2024\n" in text
    assert run(capsys, "--no-cache", "--select", "XR004", str(note))[1].startswith("No findings")  # alone: no tie


def test_sarif_locates_the_other_files_cell_in_its_file(tmp_path, capsys):
    statement, note = write_filing(tmp_path)
    _, out, _ = run(capsys, "--no-cache", "--select", "XR004", "--format", "sarif", str(tmp_path))
    [result] = json.loads(out)["runs"][0]["results"]
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in result["relatedLocations"]]
    assert uris == ["file://" + str(note), "file://" + str(statement)]


def test_batches_jobs_and_the_cache_give_the_same_findings(tmp_path, capsys):
    """The pair among more files than run in-process: forked workers and the cache keep it one filing, and a
    cached entry names the other file where it is now."""
    root, cache = make_tree(tmp_path / "tree"), str(tmp_path / "cache")
    write_filing(root / "filing")
    argv = ("--format", "json", str(root))
    expected = run(capsys, "--no-cache", "--jobs", "1", *argv)
    assert '"rule": "XR004"' in expected[1]
    assert run(capsys, "--no-cache", "--jobs", "2", *argv) == expected
    assert run(capsys, "--cache-dir", cache, "--jobs", "2", *argv) == expected
    assert run(capsys, "--cache-dir", cache, "--jobs", "1", *argv) == expected
    moved = tmp_path / "moved"
    shutil.move(str(root / "filing"), moved)
    _, out, _ = run(capsys, "--cache-dir", cache, "--select", "XR004", "--format", "json", str(moved))
    [finding] = json.loads(out)["findings"]
    assert (finding["path"], finding["cells"][1]["path"]) == (str(moved / "R4.txt"), str(moved / "R2.txt"))


def test_html_shows_the_other_files_page_with_its_cell_highlighted(tmp_path, capsys):
    statement, _ = write_filing(tmp_path / "filing")
    html = tmp_path / "report.html"
    run(capsys, "--no-cache", "--select", "XR004", "--html", str(html), str(tmp_path / "filing"))
    text = html.read_text()
    assert f"<figcaption>{statement}, page 1 (line 1): STATEMENTS OF OPERATIONS</figcaption>" in text
    hits = re.findall(r'<td id="([^"]+)"[^>]*data-line="(\d+)"[^>]*data-findings', text)
    assert hits == [("file1-L9", "9"), ("file1-x0-L9", "9")]  # R4.txt is the second file (R2.txt: file0)
    assert f'<a href="#file1-x0-L9">{statement}, line 9: <span class="raw">$ 41,287</span>' in text


def test_show_files_lists_what_a_run_would_check_and_which_files_are_one_filing(tmp_path, capsys):
    statement, note = write_filing(tmp_path / "filing")
    (tmp_path / "filing" / "R10.txt").write_text(OPERATIONS)
    other = tmp_path / "other.txt"
    other.write_text(OPERATIONS)
    (tmp_path / "empty").mkdir()
    status, out, err = run(capsys, "--show-files", str(other), str(tmp_path / "filing"), str(tmp_path / "empty"))
    assert status == 0 and out == (f"{other}\none filing of 3 files, checked together:\n"
                                   f"  {statement}\n  {note}\n  {tmp_path / 'filing' / 'R10.txt'}\n")
    assert err == f"check: warning: {tmp_path / 'empty'}: no file in it matches '*.txt'\n"

