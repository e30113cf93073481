"""Rule files: broken ones are rejected with file, line, rule and field; the registry selects by id."""
import json

import pytest

from checker.rules import RuleError, load_rules, read_rule_text
from checker.rules.schema import rule_file_schema

GOOD = """\
rules:
  - id: ZZ001
    title: Example rule
    severity: warning
    kind: equal
    description: d
    rationale: r
    left: {label: 'a'}
    right: {label: 'b'}
    examples:
      pass: [{name: p, page: "x"}]
      fail: [{name: f, page: "x", expect: [{lines: [1, 2]}]}]
"""


def broken(old, new):
    return read_rule_text(GOOD.replace(old, new), "bad.yaml")


def test_good_file_loads():
    assert read_rule_text(GOOD, "good.yaml").rules[0].id == "ZZ001"


@pytest.mark.parametrize("old,new,line,field,reason", [
    ("severity: warning", "severity: fatal", 4, "severity", "fatal"),
    ("left: {label: 'a'}", "left: {label: '('}", 8, "left.label", "not a regular expression"),
    ("left: {label: 'a'}", "left: {lable: 'a'}", 8, "left.lable", "unknown field"),
    ("kind: equal", "kind: equals", 5, "kind", "equals"),
    ("id: ZZ001", "id: zz1", 2, "id", "pattern"),
    ("kind: equal", "kind: equal\n    supersedes: [FT01]", 6, "supersedes", "not a rule id: 'FT01'"),
])
def test_broken_file_names_file_line_rule_and_field(old, new, line, field, reason):
    with pytest.raises(RuleError) as err:
        broken(old, new)
    text = str(err.value)
    assert text.startswith(f"bad.yaml:{line}: "), text
    assert f"field {field}" in text and reason in text
    if field != "id":
        assert "rule ZZ001" in text


def test_failing_example_without_expectation_is_rejected():
    with pytest.raises(RuleError, match="must say which findings"):
        broken("expect: [{lines: [1, 2]}]", "expect: []")


def test_message_template_placeholders_are_checked():
    with pytest.raises(RuleError, match="placeholder"):
        broken("    rationale: r\n", "    rationale: r\n    message: '{left.__class__}'\n")


def test_not_yaml_and_unsafe_tags_are_errors():
    with pytest.raises(RuleError, match="bad.yaml:1"):
        read_rule_text("rules: [", "bad.yaml")
    with pytest.raises(RuleError):
        read_rule_text("rules: !!python/object/apply:os.system ['true']", "bad.yaml")


def test_select_and_ignore():
    rules = load_rules()
    assert [r.id for r in rules.select(["XR001"]).rules] == ["XR001"]
    assert "XR001" not in [r.id for r in rules.select(ignore=["XR"]).rules]
    with pytest.raises(RuleError, match='no such rule: "XX999"'):
        rules.select(["XX999"])


@pytest.mark.parametrize("name,message", [
    ("XX999", 'no such rule: "XX999"'),                                    # nothing close: no guess
    ("xr001", 'no such rule: "xr001"; did you mean "XR001"?'),
    ("RF0001", 'no such rule: "RF0001"; did you mean "RF001"?'),
    ("XR00", 'no such rule: "XR00"; did you mean "XR001", "XR002", "XR003", "XR004" or "XR005"?'),  # equally close
])
def test_an_unknown_rule_names_the_closest_ids(name, message):
    rules = load_rules()
    for lookup in (lambda: rules.select([name]), lambda: rules.select(ignore=[name]), lambda: rules.get(name)):
        with pytest.raises(RuleError) as error:
            lookup()
        assert str(error.value) == message


def test_extra_rule_directory_and_duplicate_ids(tmp_path):
    (tmp_path / "mine.yaml").write_text(GOOD)
    assert "ZZ001" in [r.id for r in load_rules([tmp_path]).rules]
    (tmp_path / "dup.yaml").write_text(GOOD)
    with pytest.raises(RuleError, match="duplicate rule id ZZ001"):
        load_rules([tmp_path])


def test_a_team_rule_supersedes_a_shipped_one_that_is_loaded(tmp_path):
    (tmp_path / "mine.yaml").write_text(GOOD.replace("kind: equal", "kind: equal\n    supersedes: [NM001]"))
    assert load_rules([tmp_path]).get("ZZ001").supersedes == ["NM001"]
    (tmp_path / "mine.yaml").write_text(GOOD.replace("kind: equal", "kind: equal\n    supersedes: [NM009]"))
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path])
    assert str(err.value) == f'{tmp_path / "mine.yaml"}: rule ZZ001, field supersedes: no such rule: "NM009"'


def test_no_rule_supersedes_itself_even_through_others(tmp_path):
    second = GOOD.replace("ZZ001", "ZZ002").replace("kind: equal", "kind: equal\n    supersedes: [ZZ001]")
    (tmp_path / "a.yaml").write_text(GOOD.replace("kind: equal", "kind: equal\n    supersedes: [ZZ002]"))
    (tmp_path / "b.yaml").write_text(second)
    with pytest.raises(RuleError, match="a rule cannot supersede itself: ZZ001 supersedes ZZ002 supersedes ZZ001"):
        load_rules([tmp_path])
    (tmp_path / "a.yaml").write_text(GOOD.replace("kind: equal", "kind: equal\n    supersedes: [ZZ001]"))
    (tmp_path / "b.yaml").unlink()
    with pytest.raises(RuleError, match="a rule cannot supersede itself: ZZ001 supersedes ZZ001"):
        load_rules([tmp_path])


def test_json_schema_for_editors():
    schema = rule_file_schema()
    json.dumps(schema)
    assert "rules" in schema["properties"]
    assert "EqualRule" in schema["$defs"] and "pass" in schema["$defs"]["Examples"]["properties"]


def test_rules_off_by_default_run_only_when_selected():
    rules = load_rules()
    off = {r.id for r in rules.off_by_default()}
    assert {"MT001", "UQ001"} <= off
    assert not off & {r.id for r in rules.select().rules}
    assert [r.id for r in rules.select(["MT001"]).rules] == ["MT001"]
    assert "UQ001" in {r.id for r in rules.select(["UQ"]).rules}


@pytest.mark.parametrize("bound", ["stop_after", "start_after", "start_at"])
def test_a_run_bound_needs_a_run_above_the_total(bound):
    declared = GOOD.replace("kind: equal", "kind: footing").replace(
        "left: {label: 'a'}\n    right: {label: 'b'}",
        f"total: {{label: 'a'}}\n    components: [{{label: 'b'}}]\n    {bound}: {{label: 'c'}}")
    with pytest.raises(RuleError) as err:
        read_rule_text(declared, "bad.yaml")
    assert "bad.yaml:" in str(err.value) and bound in str(err.value) and "components: above" in str(err.value)
    above = declared.replace("components: [{label: 'b'}]", "components: above")
    assert getattr(read_rule_text(above, "good.yaml").rules[0], bound).label == "c"


def test_a_section_is_opened_by_start_after_or_start_at_not_both():
    both = GOOD.replace("kind: equal", "kind: footing").replace(
        "left: {label: 'a'}\n    right: {label: 'b'}",
        "total: {label: 'a'}\n    components: above\n    start_after: {label: 'c'}\n    start_at: {label: 'd'}")
    with pytest.raises(RuleError) as err:
        read_rule_text(both, "bad.yaml")
    assert "bad.yaml:" in str(err.value) and "start_after, start_at and own_heading" in str(err.value)


def test_other_columns_hold_needs_declared_components_and_a_sign_is_1_minus_1_or_either():
    footing = GOOD.replace("kind: equal", "kind: footing").replace(
        "left: {label: 'a'}\n    right: {label: 'b'}",
        "total: {label: 'a'}\n    components: [{label: 'b', sign: either}]\n    other_columns_hold: true")
    assert read_rule_text(footing, "good.yaml").rules[0].components[0].sign == "either"
    with pytest.raises(RuleError) as err:
        read_rule_text(footing.replace("[{label: 'b', sign: either}]", "above"), "bad.yaml")
    assert "other_columns_hold" in str(err.value) and "list of them" in str(err.value)
    with pytest.raises(RuleError) as err:
        read_rule_text(footing.replace("sign: either", "sign: both"), "bad.yaml")
    assert "sign" in str(err.value) and "either" in str(err.value)


def test_own_heading_needs_a_run_above_and_no_other_section_bound():
    footing = GOOD.replace("kind: equal", "kind: footing").replace(
        "left: {label: 'a'}\n    right: {label: 'b'}", "total: {label: 'a'}\n    components: above\n    own_heading: true")
    assert read_rule_text(footing, "good.yaml").rules[0].own_heading
    with pytest.raises(RuleError) as err:
        read_rule_text(footing.replace("components: above", "components: [{label: 'b'}]"), "bad.yaml")
    assert "own_heading" in str(err.value) and "components: above" in str(err.value)
    with pytest.raises(RuleError) as err:
        read_rule_text(footing + "    start_after: {label: 'c'}\n", "bad.yaml")
    assert "give one" in str(err.value)
