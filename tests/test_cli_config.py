"""Configuration: found walking up from the working directory, strict about keys and values."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli.config import ConfigError, find_config
from checker.cli.main import main
from test_cli import SEED, TEAM_RULES, run


def test_pyproject_tool_check_is_found_from_a_subdirectory(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\n\n[tool.check]\nselect = ["TM001"]\nextend-rules = ["{TEAM_RULES}"]\n'
        'fail-on = "warning"\nformat = "json"\n')
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "sub" / "deeper")
    status, out, _ = run(capsys, SEED)
    assert status == 1 and '"rule": "TM001"' in out and '"rule": "XR001"' not in out


def test_command_line_overrides_the_file(tmp_path, monkeypatch, capsys):
    (tmp_path / ".check.yaml").write_text("select: [XR001]\nfail-on: info\nformat: json\n")
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "--format", "text", "--select", "FT001", SEED)
    assert status == 0 and "XR001" not in out


def test_paths_are_relative_to_the_config_file(tmp_path, monkeypatch):
    (tmp_path / ".check.yaml").write_text("extend-rules: rules\nbaseline: base.json\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    config = find_config(Path.cwd())
    assert config.extend_rules == [tmp_path / "rules"] and config.baseline == tmp_path / "base.json"


def test_pyproject_without_tool_check_is_skipped(tmp_path):
    (tmp_path / ".check.yaml").write_text("fail-on: warning\n")
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(tmp_path / "inner").fail_on == "warning"


@pytest.mark.parametrize("name, text, message", [
    (".check.yaml", "selct: [XR001]\n",
     '.check.yaml: unknown key "selct"; allowed keys: baseline, cache-dir, extend-rules, extend-select, fail-on, '
     'format, glob, ignore, jobs, per-file-ignores, select'),
    (".check.yaml", "fail-on: fatal\n", ".check.yaml: key \"fail-on\": 'fatal' is not one of: error, warning, info"),
    (".check.yaml", "format: xml\n", ".check.yaml: key \"format\": 'xml' is not one of: text, json, sarif, junit, "
                                     "github, gitlab"),
    (".check.yaml", "jobs: 0\n", '.check.yaml: key "jobs": expected a positive integer, got 0'),
    (".check.yaml", "select: 3\n", '.check.yaml: key "select": expected a list of rule ids (strings), got 3'),
    (".check.yaml", "- a\n- b\n", ".check.yaml: expected a table of settings, got list"),
    (".check.yaml", "select: [a\n", ".check.yaml:2: invalid YAML"),
    ("pyproject.toml", "[tool.check]\nfail_on = 'error'\n", 'pyproject.toml: [tool.check]: unknown key "fail_on"'),
    (".check.yaml", "per-file-ignores: [NM001]\n", '.check.yaml: key "per-file-ignores": expected a table of file '
                                                  "patterns, each with a list of rule ids, got ['NM001']"),
    (".check.yaml", "per-file-ignores:\n  'a/*.txt': 5\n", '.check.yaml: key "per-file-ignores": pattern "a/*.txt": '
                                                         "expected a list of rule ids (strings), got 5"),
    ("pyproject.toml", "[tool.check\n", "pyproject.toml: invalid TOML"),
])
def test_invalid_configuration_names_file_key_and_allowed_values(tmp_path, monkeypatch, capsys, name, text, message):
    (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as error:
        find_config(tmp_path)
    assert str(error.value).startswith(f"{tmp_path}/{message}")
    assert main([SEED]) == 2
    assert capsys.readouterr().err.startswith(f"check: {tmp_path / name}")


def test_explicit_config_file(tmp_path, capsys):
    config = tmp_path / "team.yaml"
    config.write_text("select: [FT001]\n")
    assert run(capsys, "--config", str(config), SEED)[0] == 0
    assert run(capsys, "--config", str(tmp_path / "none.yaml"), SEED)[2].endswith("no such configuration file\n")


def test_jobs_default_to_the_cores_this_process_may_run_on(tmp_path, monkeypatch):
    from checker.cli.config import Config
    from checker.cli.options import build_parser, merge

    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {2, 5}, raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 64)
    monkeypatch.setattr("checker.cli.cores.cpu_quota", lambda: None)  # whatever quota the test host has
    args = build_parser().parse_args([SEED])
    assert merge(args, Config()).jobs == 2
    assert merge(build_parser().parse_args(["--jobs", "3", SEED]), Config()).jobs == 3


def test_an_unknown_rule_in_the_file_is_reported_with_the_file_and_key(tmp_path, monkeypatch, capsys):
    (tmp_path / ".check.yaml").write_text("select: [XR00]\n")
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "--no-cache", SEED)
    assert status == 2
    assert err == (f'check: {tmp_path / ".check.yaml"}: key "select": no such rule: "XR00"; '
                   'did you mean "XR001", "XR002", "XR003", "XR004" or "XR005"?\n')
    assert run(capsys, "--no-cache", "--select", "XR001", SEED)[0] == 1  # the command line's select replaces it
    (tmp_path / ".check.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.check]\nignore = ["NMX"]\n')
    assert run(capsys, "--no-cache", SEED)[2] == \
        f'check: {tmp_path / "pyproject.toml"}: [tool.check]: key "ignore": no such rule: "NMX"\n'
    # a name from the command line is reported as before, without a file
    assert run(capsys, "--no-cache", "--select", "NOPE", SEED)[2] == 'check: no such rule: "NOPE"\n'



def listed(capsys, *argv) -> set[str]:
    """The rule ids `check --list-rules` lists as run (not those under "off by default")."""
    out = run(capsys, "--list-rules", *argv)[1].split("off by default")[0]
    return {line.split()[0] for line in out.splitlines() if line.strip()}


def test_extend_select_adds_to_the_default_set_or_to_select(tmp_path, monkeypatch, capsys):
    """As in ruff: the rules off by default join the default set, or a select, from the command line and the
    file alike (both add up); an unknown name in the file is reported with its key."""
    monkeypatch.chdir(tmp_path)
    defaults = listed(capsys)
    assert listed(capsys, "--extend-select", "MT001") == defaults | {"MT001"}
    assert listed(capsys, "--select", "XR001", "--extend-select", "UQ001") == {"XR001", "UQ001"}
    (tmp_path / ".check.yaml").write_text("extend-select: [MT001]\n")
    assert listed(capsys, "--extend-select", "UQ001") == defaults | {"MT001", "UQ001"}
    assert "MT001" not in run(capsys, "--list-rules")[1].split("off by default")[1]  # it runs: not listed as off
    (tmp_path / ".check.yaml").write_text("extend-select: [MT00]\n")
    assert run(capsys, "--no-cache", SEED)[2] == \
        f'check: {tmp_path / ".check.yaml"}: key "extend-select": no such rule: "MT00"; did you mean "MT001"?\n'


def test_extend_select_runs_the_rule_in_process_and_in_workers(tmp_path, monkeypatch, capsys):
    """An extended rule reports in a run, the same with one process and two."""
    monkeypatch.chdir(tmp_path)
    pages = Path(__file__).parent / "fixtures" / "pages"
    found = {}
    for jobs in ("1", "2"):
        out = run(capsys, "--no-cache", "--extend-select", "MT001", "--format", "json", "--jobs", jobs, str(pages))[1]
        found[jobs] = sorted((f["path"], f["lines"]) for f in json.loads(out)["findings"] if f["rule"] == "MT001")
    assert found["1"] and found["1"] == found["2"]


def test_per_file_ignores_drop_a_rules_findings_on_the_files_a_pattern_matches(tmp_path, monkeypatch, capsys):
    """Patterns match the path relative to the configuration file, or the file name; names are ids or prefixes."""
    for name in ("filings/old/a.txt", "filings/new/b.txt", "c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(Path(SEED).read_text())
    (tmp_path / "pyproject.toml").write_text('[tool.check.per-file-ignores]\n"filings/old/*" = ["XR"]\n'
                                             '"c.txt" = ["XR001", "MT001"]\n')
    monkeypatch.chdir(tmp_path / "filings")  # the patterns stay relative to the file, not to the working directory
    status, out, _ = run(capsys, "--no-cache", "--format", "json", str(tmp_path))
    assert status == 1 and {f["path"] for f in json.loads(out)["findings"]} == {str(tmp_path / "filings/new/b.txt")}
    assert json.loads(out)["summary"]["findings"] == 1


def test_an_unknown_rule_in_per_file_ignores_is_reported_with_the_file_and_key(tmp_path, monkeypatch, capsys):
    (tmp_path / ".check.yaml").write_text("per-file-ignores:\n  '*.txt': [XR0001]\n")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "--no-cache", SEED)[2] == (f'check: {tmp_path / ".check.yaml"}: key "per-file-ignores": '
                                                  'no such rule: "XR0001"; did you mean "XR001"?\n')



def test_a_worker_that_loads_its_own_rules_extends_them_too():
    """A worker started afresh (spawned, or forked where the run read its results' rules from the cache) loads
    its rules from the Job: the extended ones among them."""
    from checker.cli.runner import Job, load_job_rules

    ids = {r.id for r in load_job_rules(Job(extra_dirs=(), select=(), ignore=(), want_tables=False,
                                            extend_select=("MT001",))).rules}
    assert "MT001" in ids and "XR001" in ids and "UQ001" not in ids
