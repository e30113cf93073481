"""Each machine format on hand-made findings: shape, escaping, determinism."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from checker.findings.model import Severity
from checker.reporters import FORMATS, reporter_for
from checker.reporters.github import escape_data, escape_property
from checker.reporters.results import FileResult, InputProblem
from reporting_samples import feed, seed_result

SARIF_SCHEMA = Path(__file__).parent / "fixtures" / "cli" / "sarif-schema-2.1.0.json"
UNREADABLE = FileResult("broken.txt", problem=InputProblem("broken.txt", 3, "expected a cell line starting with '|'"))


def render(fmt: str, results: list[FileResult], **kw) -> str:
    return feed(lambda out, opts: reporter_for(fmt, out, opts), results, **kw)


def test_text_names_path_line_severity_rule_and_cells():
    text = render("text", [seed_result()])
    assert text.splitlines()[0] == ("filing.txt:22: error XR001 Number of incentive stock options 451,898 "
                                    "differs from antidilutive employee stock options 471,898")
    assert "  diagnosis: one digit differs: 5 -> 7 in the ten-thousands place" in text
    assert "line   35  471,898  Employee Stock Options [Member] > Antidilutive securities" in text
    assert "| Dec. 31, 2020" in text
    assert "columns not all shown on the page" in text
    assert text.rstrip().endswith("Found 2 findings in 1 file (1 page): 1 error, 1 warning, 0 info.")
    assert "\x1b[" not in text


def test_text_colour_only_when_asked():
    assert "\x1b[1;31merror\x1b[0m" in render("text", [seed_result()], color=True)


def test_text_quiet_is_one_line_per_finding():
    assert render("text", [seed_result()], quiet=True).splitlines() == [
        "filing.txt:22: error XR001 Number of incentive stock options 451,898 differs from antidilutive "
        "employee stock options 471,898",
        "filing.txt:58: warning RG001 Concentration of Credit Risk 79.00% is above the other customers' total",
    ]


def test_text_statistics_counts_by_rule():
    text = render("text", [seed_result(), seed_result("other.txt")], statistics=True)
    assert "     2  XR001    error    Options outstanding agree with antidilutive options" in text
    assert "     2  RG001    warning  Percentages lie between 0% and 100%" in text


def test_text_statistics_give_the_severity_each_finding_took():
    # a rule's findings may take another severity than its default (RF001's corroborated ones): the statistics
    # count them apart, so that each severity's lines add up to the summary line's count
    lowered = seed_result("other.txt")
    lowered.findings[1] = replace(lowered.findings[1], severity=Severity.info)
    text = render("text", [seed_result(), lowered], statistics=True)
    assert text.splitlines()[-4:] == [
        "     2  XR001    error    Options outstanding agree with antidilutive options",
        "     1  RG001    warning  Percentages lie between 0% and 100%",
        "     1  RG001    info     Percentages lie between 0% and 100%",
        "Found 4 findings in 2 files (2 pages): 2 errors, 1 warning, 1 info.",
    ]


def test_a_folded_finding_names_the_rules_it_stands_for_in_every_detailed_format():
    result = seed_result()
    result.findings[0] = replace(result.findings[0], also=("NM001", "ZZ009"))
    text = render("text", [result])
    assert text.splitlines()[2] == "  also: NM001 (Near-miss numbers); ZZ009"  # a rule the run did not describe
    assert "also" not in render("text", [seed_result()])
    assert [f["also"] for f in json.loads(render("json", [result]))["findings"]] == [["NM001", "ZZ009"], []]
    log = json.loads(render("sarif", [result]))
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text()))
    assert [r["properties"]["also"] for r in log["runs"][0]["results"]] == [["NM001", "ZZ009"], []]
    annotations = render("github", [result]).splitlines()
    assert annotations[0].endswith("%0Aalso found by NM001, ZZ009, on these same cells") and "also" not in annotations[1]
    failures = ET.fromstring(render("junit", [result])).findall("testsuite/testcase/failure")
    assert "\nalso found by NM001, ZZ009, on these same cells\n" in failures[0].text and "also" not in failures[1].text


def test_text_summary_without_findings():
    assert render("text", [FileResult("a.txt", pages=3)]) == "No findings in 1 file (3 pages).\n"


def test_json_contract():
    data = json.loads(render("json", [seed_result(), UNREADABLE]))
    first = data["findings"][0]
    assert {k: first[k] for k in ("rule", "severity", "path", "lines")} == {
        "rule": "XR001", "severity": "error", "path": "filing.txt", "lines": [22, 35]}
    assert first["diagnosis"].startswith("one digit differs")
    assert [c["line"] for c in first["cells"]] == [22, 35]
    assert data["errors"] == [{"path": "broken.txt", "line": 3, "message": "expected a cell line starting with '|'"}]
    assert data["summary"]["by_severity"] == {"error": 1, "warning": 1, "info": 0}


def test_json_with_no_findings_is_valid():
    assert json.loads(render("json", [FileResult("a.txt", pages=1)]))["findings"] == []


def test_sarif_is_valid_and_locates_every_cell():
    log = json.loads(render("sarif", [seed_result(), UNREADABLE]))
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text()))
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["NM001", "RG001", "XR001"]
    xr = run["tool"]["driver"]["rules"][2]
    assert xr["defaultConfiguration"]["level"] == "error" and xr["fullDescription"]["text"].startswith("The number")
    result = run["results"][0]
    assert result["ruleId"] == "XR001" and run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "XR001"
    region = result["locations"][0]["physicalLocation"]
    assert region == {"artifactLocation": {"uri": "filing.txt"}, "region": {"startLine": 22}}
    assert [loc["physicalLocation"]["region"]["startLine"] for loc in result["relatedLocations"]] == [22, 35]
    assert run["results"][1]["level"] == "warning"
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_is_deterministic():
    assert render("sarif", [seed_result()]) == render("sarif", [seed_result()])


def test_junit_one_case_per_finding_and_per_clean_file():
    root = ET.fromstring(render("junit", [seed_result(), FileResult("clean.txt", pages=1), UNREADABLE]))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["filing.txt", "clean.txt", "broken.txt"]
    failure = suites[0].find("testcase/failure")
    assert failure.get("type") == "error" and "line 22: 451,898" in failure.text


def test_junit_survives_control_characters():
    result = seed_result(label="bad \x07 label")
    root = ET.fromstring(render("junit", [result]))
    assert "bad \ufffd label" in root.find("testsuite/testcase/failure").text


def test_github_annotations():
    lines = render("github", [seed_result("dir/a,b.txt"), UNREADABLE]).splitlines()
    assert lines[0].startswith("::error file=dir/a%2Cb.txt,line=22,title=XR001::Number of incentive")
    assert "%0Aone digit differs" in lines[0]
    assert lines[1].startswith("::warning file=dir/a%2Cb.txt,line=58,title=RG001::")
    assert lines[2] == "::error file=broken.txt,line=3,title=input error::expected a cell line starting with '|'"


def test_github_escaping():
    assert escape_data("50%\r\nx") == "50%25%0D%0Ax"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_gitlab_code_quality_issues():
    issues = json.loads(render("gitlab", [seed_result("a.txt"), seed_result("a.txt"), seed_result("b.txt"), UNREADABLE]))
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("XR001", "major", "a.txt", 22), ("RG001", "minor", "a.txt", 58)] * 2 + [
        ("XR001", "major", "b.txt", 22), ("RG001", "minor", "b.txt", 58), ("input-error", "major", "broken.txt", 3)]
    assert issues[0]["description"].startswith("XR001: Number of incentive stock options 451,898")
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(issues)  # a finding printed twice, or in another file, is another issue
    assert json.loads(render("gitlab", [seed_result("a.txt")]))[0]["fingerprint"] == fingerprints[0]  # stable


EMPTY = {
    "text": lambda out: out == "No findings in 0 files (0 pages).\n",
    "json": lambda out: json.loads(out)["findings"] == [],
    "sarif": lambda out: json.loads(out)["runs"][0]["results"] == [],
    "junit": lambda out: ET.fromstring(out).get("tests") == "0",
    "github": lambda out: out == "",
    "gitlab": lambda out: json.loads(out) == [],
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_handles_an_empty_run(fmt):
    assert EMPTY[fmt](render(fmt, []))
