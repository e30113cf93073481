"""XR005 on Apple's 10-Q for March 2025 (R41, R42 as EDGAR renders them): the segments' operating income on
R41 adds up to nothing on its page (the consolidated figure bears costs no segment carries), and to the
"Operating segments" row of R42's reconciliation in all four periods."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from checker.ast import parse_text
from checker.findings import check_filing, check_filings
from checker.rules import load_rules
from test_cli import run

FILING = Path(__file__).parent / "fixtures" / "rhtm" / "aapl-2025q1-segments"
XR005 = load_rules().select(["XR005"])
SEGMENTS, RECONCILIATION = (FILING / "R41.txt").read_text(), (FILING / "R42.txt").read_text()


def findings(segments: str = SEGMENTS, reconciliation: str = RECONCILIATION) -> list[tuple]:
    """The findings with both pages in one file, as a filing's pages printed one after the other."""
    found = check_filing(parse_text(segments.rstrip("\n") + "\n" + reconciliation, "aapl.txt"), XR005)
    return [(f.lines, f.diagnosis) for f in found]


def changed(text: str, line: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert lines[line - 1] == old, lines[line - 1]
    lines[line - 1] = new
    return "\n".join(lines)


def test_as_filed_the_segments_tie_to_the_reconciliation():
    assert findings() == []
    shown = check_filings([parse_text(SEGMENTS, "R41.txt"), parse_text(RECONCILIATION, "R42.txt")], XR005)
    assert shown == [[], []]


def test_a_segments_slip_is_found_and_named():
    europe = changed(SEGMENTS, 48, "|22,702", "|22,709")  # six months to March 2024
    [(lines, diagnosis)] = findings(europe)
    assert lines == [36, 48, 60, 72, 84, 112 + 31]  # the five segments, and R42's line 31 after R41's 112 lines
    assert diagnosis == "one digit differs: 2 -> 9 in the units place in 'Europe' (line 48)"


def test_a_slip_in_the_reconciliation_is_found_on_the_segments_page(tmp_path, capsys):
    """The pages one file each, as `check DIR` reads a filing saved one page a file: the finding is R41's and
    names R42's cell by its file."""
    shutil.copy(FILING / "R41.txt", tmp_path / "R41.txt")
    (tmp_path / "R42.txt").write_text(changed(RECONCILIATION, 28, "|40,136", "|40,186"))
    status, out, _ = run(capsys, "--no-cache", "--select", "XR005", "--format", "json", str(tmp_path))
    [finding] = json.loads(out)["findings"]
    assert status == 0 and finding["path"] == str(tmp_path / "R41.txt")
    assert [(c.get("path"), c["line"], c["raw"]) for c in finding["cells"]] == [
        (str(tmp_path / "R42.txt"), 28, "40,186"), (None, 33, "16,774"), (None, 45, "10,316"), (None, 57, "6,626"),
        (None, 69, "3,434"), (None, 81, "$ 2,986")]
    assert f"'Operating segments' in {tmp_path / 'R42.txt'}, page 1 (line 28)" in finding["diagnosis"]


def test_nothing_is_read_without_one_slip_in_one_period_or_without_the_members_definitions():
    assert findings(changed(SEGMENTS, 48, "|22,702", "|23,802")) == []  # off by 1,100: no one keying slip
    two_off = changed(changed(RECONCILIATION, 28, "|40,136", "|40,186"), 31, "|87,794", "|87,795")
    assert findings(reconciliation=two_off) == []  # two periods off: not the same item, or two slips
    cut = SEGMENTS[:SEGMENTS.index("|X\n")]  # an excerpt cut before its definitions may lack members
    assert findings(changed(cut, 48, "|22,702", "|22,709")) == []
