"""The results cache: a warm run reports exactly what a cold one does, and nothing stale survives a change."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli.cache import KEEP_SETUPS
from checker.cli.runner import IN_PROCESS_MAX
from test_cli import FIXED, SEED, TEAM_RULES, run
from test_cli_batch import make_tree


@pytest.fixture(autouse=True)
def cache_on(monkeypatch):
    monkeypatch.delenv("CHECK_NO_CACHE", raising=False)
    monkeypatch.delenv("CHECK_CACHE_DIR", raising=False)


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.glob("*/*.json") if p.name != "rules.json")


def test_a_warm_run_reports_what_a_cold_run_does(tmp_path, capsys):
    root, cache = make_tree(tmp_path / "tree"), tmp_path / "cache"
    for fmt in ("json", "text", "sarif"):
        for jobs in ("1", "2"):
            cold = run(capsys, "--no-cache", "--format", fmt, "--jobs", jobs, str(root), SEED)
            first = run(capsys, "--cache-dir", str(cache), "--format", fmt, "--jobs", jobs, str(root), SEED)
            warm = run(capsys, "--cache-dir", str(cache), "--format", fmt, "--jobs", jobs, str(root), SEED)
            assert cold == first == warm, (fmt, jobs)
    # one entry per distinct file content; the seed copies share one
    distinct = {p.read_bytes() for p in root.rglob("*.txt")}
    assert len(entries(cache)) == len(distinct)


def test_a_partly_warm_batch_pools_only_the_files_the_cache_lacks(tmp_path, capsys):
    root, cache = make_tree(tmp_path / "tree"), str(tmp_path / "cache")
    run(capsys, "--cache-dir", cache, SEED)  # the four seed copies in the tree are known, the rest are not
    assert len(entries(Path(cache))) == 1 and len(list(root.rglob("*.txt"))) - 4 > IN_PROCESS_MAX
    expected = run(capsys, "--no-cache", "--format", "json", "--jobs", "1", str(root))
    assert run(capsys, "--cache-dir", cache, "--format", "json", "--jobs", "2", str(root)) == expected
    assert run(capsys, "--cache-dir", cache, "--format", "json", "--jobs", "2", str(root)) == expected


def test_an_edited_file_is_checked_again(tmp_path, capsys):
    page, cache = tmp_path / "page.txt", str(tmp_path / "cache")
    shutil.copy(SEED, page)
    assert run(capsys, "--cache-dir", cache, str(page))[0] == 1
    shutil.copy(FIXED, page)  # the typo corrected: no finding any more
    status, out, _ = run(capsys, "--cache-dir", cache, str(page))
    assert status == 0 and "XR001" not in out


def test_a_copied_file_gets_its_own_path_in_the_findings(tmp_path, capsys):
    cache = str(tmp_path / "cache")
    run(capsys, "--cache-dir", cache, SEED)
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED, copy)
    _, out, _ = run(capsys, "--cache-dir", cache, "--format", "json", str(copy))
    assert [f["path"] for f in json.loads(out)["findings"]] == [str(copy)]


def test_rules_are_part_of_the_key(tmp_path, capsys):
    cache = str(tmp_path / "cache")
    team = tmp_path / "team"
    shutil.copytree(TEAM_RULES, team)
    with_team = run(capsys, "--cache-dir", cache, "--extend-rules", str(team), SEED)
    assert run(capsys, "--no-cache", "--extend-rules", str(team), SEED) == with_team
    rule_file = next(team.iterdir())
    rule_file.write_text(rule_file.read_text().replace("severity: warning", "severity: info"))
    assert run(capsys, "--cache-dir", cache, "--extend-rules", str(team), SEED) == \
        run(capsys, "--no-cache", "--extend-rules", str(team), SEED)
    assert run(capsys, "--cache-dir", cache, "--select", "RG001", SEED) == \
        run(capsys, "--no-cache", "--select", "RG001", SEED)
    # the same files, cached with the default rules, then with one more: MT001's findings are not the cache's
    page = str(Path(__file__).parent / "fixtures" / "pages" / "1041061_000104106124000033_R39.txt")
    assert "MT001" not in run(capsys, "--cache-dir", cache, page)[1]
    assert run(capsys, "--cache-dir", cache, "--extend-select", "MT001", page) == \
        run(capsys, "--no-cache", "--extend-select", "MT001", page)
    assert "MT001" in run(capsys, "--no-cache", "--extend-select", "MT001", page)[1]


def test_a_damaged_entry_is_a_miss(tmp_path, capsys):
    cache = tmp_path / "cache"
    expected = run(capsys, "--cache-dir", str(cache), "--format", "json", SEED)
    for entry in cache.glob("*/*.json"):
        entry.write_text('{"pages": "not a number"')
    assert run(capsys, "--cache-dir", str(cache), "--format", "json", SEED) == expected
    for entry in cache.glob("*/*.json"):
        entry.write_text('{"pages": 1, "findings": [{"rule": "XR001"}], "problem": null, "warnings": []}')
    assert run(capsys, "--cache-dir", str(cache), "--format", "json", SEED) == expected


def test_no_cache_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run(capsys, "--no-cache", SEED)
    monkeypatch.setenv("CHECK_NO_CACHE", "1")
    run(capsys, SEED)
    assert list(tmp_path.iterdir()) == []


def test_default_place_is_beside_the_configuration(tmp_path, capsys, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.check]\nfail-on = "warning"\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    run(capsys, SEED)
    assert (tmp_path / ".check_cache" / "CACHEDIR.TAG").is_file()
    assert (tmp_path / ".check_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    (tmp_path / "pyproject.toml").write_text('[tool.check]\ncache-dir = "build/cache"\n')
    monkeypatch.setenv("CHECK_CACHE_DIR", str(tmp_path / "from-env"))
    run(capsys, SEED)
    assert (tmp_path / "from-env" / "CACHEDIR.TAG").is_file()
    monkeypatch.delenv("CHECK_CACHE_DIR")
    run(capsys, SEED)
    assert entries(tmp_path / "build" / "cache")


def test_an_unusable_cache_is_a_warning(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    status, out, err = run(capsys, "--cache-dir", str(blocker), SEED)
    assert status == 1 and "XR001" in out
    assert err.startswith(f"check: warning: cannot use the cache in {blocker}") and "checking without it" in err


def test_old_setups_are_pruned_and_nothing_else(tmp_path, capsys):
    cache = tmp_path / "cache"
    keep = cache / "notes"
    keep.mkdir(parents=True)
    for n in range(KEEP_SETUPS + 2):
        old = cache / f"{n:032x}"
        old.mkdir()
        os.utime(old, (n, n))
    run(capsys, "--cache-dir", str(cache), SEED)
    setups = sorted(d.name for d in cache.iterdir() if d.is_dir() and d != keep)
    assert keep.is_dir() and len(setups) == KEEP_SETUPS
    assert f"{KEEP_SETUPS + 1:032x}" in setups and f"{0:032x}" not in setups


def test_html_report_from_a_warm_cache_still_shows_the_tables(tmp_path, capsys):
    cache = str(tmp_path / "cache")
    run(capsys, "--cache-dir", cache, SEED)  # warm, without tables
    cold, warm = tmp_path / "cold.html", tmp_path / "warm.html"
    run(capsys, "--no-cache", "--html", str(cold), SEED)
    run(capsys, "--cache-dir", cache, "--html", str(warm), SEED)
    assert warm.read_text() == cold.read_text() and "451,898" in warm.read_text()


def test_a_warm_run_does_not_import_pydantic(tmp_path):
    """The point of the cache for a hook: unchanged files cost neither parsing nor loading the rules."""
    probe = ("import sys\nfrom checker.cli.main import main\nstatus = main(sys.argv[1:])\n"
             "print('pydantic' in sys.modules, 'checker.ast.parse' in sys.modules, status, file=sys.stderr)\n")
    argv = [sys.executable, "-c", probe, "--cache-dir", str(tmp_path / "cache"), "--format", "json", SEED]
    env = {k: v for k, v in os.environ.items() if k != "CHECK_NO_CACHE"}
    root = str(Path(__file__).resolve().parents[1])
    cold = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=root)
    warm = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=root)
    assert cold.stderr.split() == ["True", "True", "1"]
    assert warm.stderr.split() == ["False", "False", "1"]
    assert warm.stdout == cold.stdout
