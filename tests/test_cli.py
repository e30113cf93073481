"""`check` end to end on the seed page: formats, exit statuses, input errors, rule docs."""
from __future__ import annotations

import json
import re
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from checker.cli.main import main

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
SEED = str(FIXTURES / "seed.txt")
FIXED = str(FIXTURES / "seed_fixed.txt")
TEAM_RULES = str(FIXTURES / "team_rules")
BAD = sorted(str(p) for p in (FIXTURES / "bad").iterdir())


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_process(*argv: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker.cli", *argv], capture_output=True, text=True, **kw)


def test_seed_reports_the_options_mismatch(capsys):
    status, out, _ = run(capsys, SEED)
    assert status == 1
    assert out.startswith(f"{SEED}:22: error XR001 Number of incentive stock options = 451,898")
    assert "  diagnosis: one digit differs: 5 -> 7 in the ten-thousands place" in out
    assert "line   35  471,898  Employee Stock Options [Member] > Antidilutive securities" in out


def test_json_contract(capsys):
    status, out, err = run(capsys, "--format", "json", SEED, FIXED)
    data = json.loads(out)
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert [(f["rule"], f["path"], f["lines"]) for f in errors] == [("XR001", SEED, [22, 35])]
    assert data["errors"] == [] and err == "" and status == 1


def test_fixed_page_passes(capsys):
    status, out, _ = run(capsys, "--select", "XR001", FIXED)
    assert (status, out) == (0, "No findings in 1 file (1 page).\n")


def test_fail_on_sets_the_level_that_fails(capsys):
    team = ["--extend-rules", TEAM_RULES, "--select", "TM001"]
    assert run(capsys, *team, SEED)[0] == 0                        # a warning does not fail by default
    assert run(capsys, *team, "--fail-on", "warning", SEED)[0] == 1
    assert run(capsys, *team, "--fail-on", "info", FIXED)[0] == 0


def test_extend_rules_adds_a_team_pack(capsys):
    status, out, _ = run(capsys, "--extend-rules", TEAM_RULES, "--list-rules")
    assert status == 0 and "TM001    warning  Team check - options" in out


def test_input_errors_do_not_stop_the_other_files():
    proc = run_process("--format", "json", *BAD, SEED)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert [f["rule"] for f in data["findings"] if f["severity"] == "error"] == ["XR001"]
    assert sorted(e["path"] for e in data["errors"]) == BAD
    lines = proc.stderr.splitlines()
    assert sorted(line.split(":")[0] for line in lines) == BAD
    assert f"{FIXTURES / 'bad' / 'empty.txt'}: empty file" in proc.stderr
    assert f"{FIXTURES / 'bad' / 'binary.txt'}:1: binary file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_file_is_an_input_error(capsys):
    status, out, err = run(capsys, "no/such/file.txt", SEED)
    assert status == 2 and err == "no/such/file.txt: cannot read: No such file or directory\n"
    assert "XR001" in out


@pytest.mark.parametrize("argv, message", [
    (["--select", "NOPE", SEED], 'check: no such rule: "NOPE"'),
    (["--explain", "NOPE"], 'check: no such rule: "NOPE"'),
    (["--extend-rules", "no/such/dir", SEED], "check: --extend-rules: no/such/dir: no such directory"),
    (["--baseline", "no/such/baseline.json", SEED], "check: no/such/baseline.json: cannot read baseline: No such file or directory"),
])
def test_usage_errors_exit_2_with_a_message(capsys, argv, message):
    status, _, err = run(capsys, *argv)
    assert status == 2 and err.startswith(message) and "Traceback" not in err


@pytest.mark.parametrize("argv", [[], ["--format", "yaml", SEED], ["--jobs", "0", SEED], ["--dump-ast"]])
def test_bad_command_lines_exit_2(argv):
    proc = run_process(*argv)
    assert proc.returncode == 2 and proc.stderr.startswith("usage: check") and "Traceback" not in proc.stderr


def test_list_rules(capsys):
    status, out, _ = run(capsys, "--list-rules")
    assert status == 0 and "XR001    error    Options outstanding agree with antidilutive options" in out
    assert run(capsys, "--list-rules", "--select", "XR001")[1].splitlines() == [out.splitlines()[
        [(line.split() or [""])[0] for line in out.splitlines()].index("XR001")]]
    off = out.split("off by default (run them with --select ID):\n")[1]
    assert "MT001    info" in off and "XR001" not in off


def test_select_all_runs_every_rule_those_off_by_default_too(capsys):
    """`--select ALL`, as in ruff: every rule, MT001 and UQ001 (off by default) among them; `--ignore` still drops."""
    every = run(capsys, "--list-rules")[1]
    ids = {line.split()[0] for line in every.splitlines() if line[:2].isalpha() and line[2:5].isdigit()}
    listed = run(capsys, "--list-rules", "--select", "ALL")[1]
    assert {line.split()[0] for line in listed.splitlines() if line.strip()} == ids and "MT001" in ids
    assert "MT001" not in run(capsys, "--list-rules", "--select", "ALL", "--ignore", "MT")[1]

def test_explain(capsys):
    status, out, _ = run(capsys, "--explain", "XR001")
    assert status == 0
    assert out.startswith("XR001: Options outstanding agree with antidilutive options\nseverity: error\n")
    assert "Why it matters:" in out and "ASC 260-10-50-1(c)" in out
    assert "Fails: " in out and "Passes: " in out and "-> a finding on lines" in out


def test_explain_names_the_severities_a_rule_declares_besides_its_own(capsys):
    _, out, _ = run(capsys, "--explain", "RF001")
    assert "\nseverity: info; warning where the same rows roll in another column\n" in out
    _, out, _ = run(capsys, "--explain", "CM001")
    assert "\nseverity: warning; info where the page leaves the values' columns open\n" in out


def test_explain_says_which_rules_a_rule_supersedes(capsys):
    _, out, _ = run(capsys, "--explain", "RF002")
    assert "\nSupersedes NM001, NM002: where a finding of this rule and one of theirs name the same\n" in out
    _, out, _ = run(capsys, "--explain", "NM001")
    assert "Supersedes" not in out and "\nSuperseded by NM002, RF002: where a finding of this rule and one of" in out
    assert "Superseded" not in run(capsys, "--explain", "XR001")[1]


def test_dump_ast(capsys):
    status, out, _ = run(capsys, "--dump-ast", SEED)
    data = json.loads(out)
    assert status == 0 and [f["path"] for f in data["files"]] == [SEED]
    cells = [c for row in data["files"][0]["pages"][0]["rows"] for c in row["cells"]]
    assert {"line": 22, "raw": "451,898"}.items() <= next(c for c in cells if c["line"] == 22).items()


def test_dump_ast_searches_directories_as_a_run_does(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    for name in ("sub/b.txt", "a.txt", "c.htm"):
        (tmp_path / name).write_text(Path(SEED).read_text())
    status, out, _ = run(capsys, "--dump-ast", str(tmp_path))
    assert status == 0 and [f["path"] for f in json.loads(out)["files"]] == [str(tmp_path / "a.txt"),
                                                                           str(tmp_path / "sub" / "b.txt")]


def test_dump_ast_input_error(capsys):
    status, out, err = run(capsys, "--dump-ast", BAD[0], SEED)
    assert status == 2 and len(json.loads(out)["files"]) == 1 and err.startswith(BAD[0])


def test_sarif_end_to_end_is_valid(capsys):
    _, out, _ = run(capsys, "--format", "sarif", SEED)
    log = json.loads(out)
    jsonschema.validate(log, json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text()))
    assert "XR001" in [r["ruleId"] for r in log["runs"][0]["results"]]


def test_output_file_and_html(tmp_path, capsys):
    out_file, html = tmp_path / "out.json", tmp_path / "report.html"
    status, out, _ = run(capsys, "--format", "json", "--output", str(out_file), "--html", str(html), SEED)
    assert status == 1 and out == ""
    assert json.loads(out_file.read_text())["findings"]
    assert 'data-line="22"' in html.read_text() and 'data-line="35"' in html.read_text()


def test_html_shows_every_page_a_finding_names_a_cell_on(tmp_path, capsys):
    """XR004 ties a cash flow statement's net income to the statement of operations' on the page before: both
    pages' tables are in the report, with both cells highlighted."""
    pages = "".join(["|\nSTATEMENTS OF OPERATIONS - USD ($)\n|12 Months Ended\n|\nDec. 31, 2024\n|\nDec. 31, 2023\n"
                     "|Net income\n|$ 41,287\n|$ 36,904\n",
                     "|\nSTATEMENTS OF CASH FLOWS - USD ($)\n|12 Months Ended\n|\nDec. 31, 2024\n|\nDec. 31, 2023\n"
                     "|Net income\n|$ 41,827\n|$ 36,904\n"])
    filing, html = tmp_path / "filing.txt", tmp_path / "report.html"
    filing.write_text(pages)
    status, _, _ = run(capsys, "--no-cache", "--select", "XR004", "--html", str(html), str(filing))
    text = html.read_text()
    assert status == 0 and text.count("<table class=\"grid\"") == 2, text
    hits = re.findall(r'<td[^>]*data-line="(\d+)"[^>]*data-findings', text)
    assert sorted(hits, key=int) == ["9", "19"]


@pytest.mark.parametrize("option", ["--output", "--html", "--write-baseline"])
def test_unwritable_output_is_a_usage_error(tmp_path, capsys, option):
    target = str(tmp_path / "no" / "such" / "dir" / "out")
    status, _, err = run(capsys, option, target, SEED)
    assert status == 2 and err == f"check: {target}: No such file or directory\n"


def test_quiet_and_statistics(capsys):
    _, out, _ = run(capsys, "--quiet", "--statistics", "--select", "XR001", SEED)
    lines = out.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{SEED}:22: error XR001")
    assert lines[1].split() == ["1", "XR001", "error", "Options", "outstanding", "agree", "with", "antidilutive",
                                "options"]


def test_no_colour_or_progress_on_a_pipe(tmp_path):
    files = [str(tmp_path / f"{i}.txt") for i in range(12)]
    for name in files:
        Path(name).write_text(Path(SEED).read_text())
    proc = run_process(*files, env={**os.environ, "TERM": "xterm"})
    assert proc.returncode == 1 and "\x1b" not in proc.stdout and proc.stderr == ""


def test_colour_always(capsys):
    assert "\x1b[1;31merror\x1b[0m" in run(capsys, "--color", "always", SEED)[1]


def test_a_cold_run_imports_nothing_it_does_not_use():
    """Start-up: the report templates, YAML, pyparsing, SARIF and shutil stay unimported on a plain run."""
    unused = ["jinja2", "yaml", "pyparsing", "checker.reporters.sarif", "checker.reporters.tables", "shutil"]
    probe = ("import sys\n"  # a site's .pth files may have imported some: forget them, to see them imported again
             f"for name in {unused!r}:\n    sys.modules.pop(name, None)\n"
             "from checker.cli.main import main\nstatus = main(sys.argv[1:])\n"
             f"print([name for name in {unused!r} if name in sys.modules], status, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", probe, "--no-cache", "--format", "json", SEED],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    assert proc.stderr.split() == ["[]", "1"]


@pytest.mark.parametrize("columns", ["57", "0", "wide", None])
def test_help_is_as_wide_as_argparse_makes_it(monkeypatch, columns):
    import shutil

    from checker.cli.options import terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns


def test_the_readme_documents_every_option():
    from checker.cli.options import build_parser

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    options = [o for action in build_parser()._actions for o in action.option_strings if o.startswith("--")]
    assert len(options) > 20 and [o for o in options if f"`{o}" not in readme] == []


def test_the_readme_example_configuration_has_every_key_and_reads(tmp_path):
    from checker.cli.config import KEYS, read_pyproject

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    example = readme.split("    [tool.check]\n", 1)[1].split("\n\n", 1)[0]
    assert sorted(line.split(" = ")[0].strip() for line in example.splitlines()) == sorted(KEYS)
    (tmp_path / "pyproject.toml").write_text("[tool.check]\n" + "\n".join(l.strip() for l in example.splitlines()))
    config = read_pyproject(tmp_path / "pyproject.toml")
    assert config.select == ["XR", "FT001"] and config.jobs == 4
    assert config.per_file_ignores == {"filings/2019/*": ["NM"], "*_R4.txt": ["RG001"]}


def test_exit_zero_reports_findings_but_not_through_the_status(capsys):
    status, out, _ = run(capsys, "--no-cache", "--exit-zero", SEED)
    assert status == 0 and out.startswith(f"{SEED}:22: error XR001")
    assert run(capsys, "--no-cache", "--exit-zero", SEED, BAD[0])[0] == 2  # an input error still counts
