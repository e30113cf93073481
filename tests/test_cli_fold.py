"""One slip, one finding: `check` folds findings of related rules on the same cells into one, after
per-file-ignores and the baseline (checker.findings.fold).

1498828 R86 as filed: a 2012 activity figure is off by 300,000. RF001 (the roll-forward, which
supersedes FT001) and FT001 (the run of rows above the ending balance) name the same five cells."""
from __future__ import annotations

import json
from pathlib import Path

from test_cli import run

R86 = str(Path(__file__).parent / "fixtures" / "rules" / "real_defect_1498828_R86.txt")
CELLS = [13, 17, 21, 25, 29]


def reported(capsys, *argv: str) -> list[tuple]:
    status, out, _ = run(capsys, "--format", "json", *argv)
    assert status == 0, out  # warnings only
    return [(f["rule"], f["lines"], f["also"]) for f in json.loads(out)["findings"]]


def test_the_superseding_rule_reports_and_names_the_other(capsys):
    assert reported(capsys, "--no-cache", R86) == [("RF001", CELLS, ["FT001"])]
    text = run(capsys, "--no-cache", R86)[1]
    assert "\n  also: FT001 (A run of rows foots in every column but one)\n" in text
    assert text.rstrip().endswith("Found 1 finding in 1 file (1 page): 0 errors, 1 warning, 0 info.")


def test_a_rule_run_without_the_other_reports_alone(capsys):
    assert reported(capsys, "--no-cache", "--select", "FT001", R86) == [("FT001", CELLS, [])]
    assert reported(capsys, "--no-cache", "--ignore", "RF001", R86) == [("FT001", CELLS, [])]


def test_a_rule_ignored_in_a_file_takes_no_other_rules_finding_with_it(tmp_path, monkeypatch, capsys):
    (tmp_path / ".check.yaml").write_text("per-file-ignores:\n  '*_R86.txt': [RF001]\n")
    monkeypatch.chdir(tmp_path)
    assert reported(capsys, "--no-cache", R86) == [("FT001", CELLS, [])]


def test_a_baseline_records_every_finding_and_knows_the_folded_one(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    run(capsys, "--no-cache", "--write-baseline", "baseline.json", R86)
    recorded = json.loads((tmp_path / "baseline.json").read_text())["findings"]
    assert sorted(entry["rule"] for entry in recorded) == ["FT001", "RF001"]
    assert reported(capsys, "--no-cache", "--baseline", "baseline.json", R86) == []


def test_a_run_served_from_the_cache_folds_alike(tmp_path, monkeypatch, capsys):
    """The warm run reads the rules' metadata, what they supersede included, from the cache."""
    monkeypatch.delenv("CHECK_NO_CACHE", raising=False)
    cold = reported(capsys, "--cache-dir", str(tmp_path), R86)
    assert reported(capsys, "--cache-dir", str(tmp_path), R86) == cold == [("RF001", CELLS, ["FT001"])]
