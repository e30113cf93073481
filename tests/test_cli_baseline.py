"""Baselines: fingerprints survive edits above a finding; a changed value is a new finding."""
from __future__ import annotations

import json
from pathlib import Path

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
