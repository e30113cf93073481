"""rules/compiled.json: the shipped packs validated ahead of time, rebuilt exactly, never served stale."""
import subprocess
import sys

import pytest
from pydantic import BaseModel

from checker.rules import compiled, load_rules
from checker.rules.loader import read_rule_text
from checker.rules.words import WORDS, parsed_words
from checker.rules.sources import packs_directory, shipped_rule_files
from conftest import ROOT

PACKS = list(shipped_rule_files())
PACKS_RULES = [rule for name, text in PACKS for rule in read_rule_text(text, name).rules]


def test_compiled_file_is_current(tmp_path):
    fresh = compiled.write(tmp_path).read_text(encoding="utf-8")
    shipped = (packs_directory() / compiled.FILE_NAME).read_text(encoding="utf-8")
    assert fresh == shipped, "rules/compiled.json is out of date: run python3 -m checker.rules.docs"


def same(rebuilt, validated, where: str) -> None:
    """Equal down to every leaf's type and repr, and every model's set fields."""
    assert type(rebuilt) is type(validated), where
    if isinstance(validated, BaseModel):
        assert rebuilt.model_fields_set == validated.model_fields_set, where
        for name in type(validated).model_fields:
            same(getattr(rebuilt, name), getattr(validated, name), f"{where}.{name}")
    elif isinstance(validated, list):
        assert len(rebuilt) == len(validated), where
        for i, (a, b) in enumerate(zip(rebuilt, validated)):
            same(a, b, f"{where}[{i}]")
    else:
        assert rebuilt == validated and repr(rebuilt) == repr(validated), where


@pytest.mark.parametrize("name, text", PACKS, ids=[name for name, _ in PACKS])
def test_rebuilt_pack_is_the_validated_pack(name, text):
    rebuilt = compiled.precompiled(name, text)
    assert rebuilt is not None
    same(rebuilt, read_rule_text(text, name), name)


def test_precomputed_required_words_are_the_parsed_ones():
    load_rules()
    seeded = {pattern: words for pattern, words in WORDS.items()}
    assert len(seeded) > 30
    assert all(words == parsed_words(pattern) for pattern, words in seeded.items())


def test_a_pack_whose_text_changed_is_read_from_its_yaml(monkeypatch):
    name, text = next((n, t) for n, t in PACKS if "XR001" in t)
    edited = text.replace("title: Options outstanding agree", "title: Edited options outstanding agree", 1)
    assert edited != text
    assert compiled.precompiled(name, edited) is None
    monkeypatch.setattr("checker.rules.registry.shipped_rule_files", lambda: [(name, edited)])
    assert load_rules().get("XR001").title.startswith("Edited options outstanding agree")


def test_a_damaged_entry_is_read_from_its_yaml(monkeypatch):
    name, text = PACKS[0]
    entries = {name: {"sha256": compiled.digest(text), "file": {"rules": [{"kind": "no such kind"}]}, "words": {}}}
    monkeypatch.setattr(compiled, "_entries", lambda: entries)
    assert compiled.precompiled(name, text) is None


def test_shipped_rules_load_without_yaml_or_validators():
    code = ("import sys; from checker.rules import load_rules; rules = load_rules(); "
            "from checker.rules.kinds import RuleFile; "
            "print(len(rules), 'yaml' in sys.modules, 'importlib.metadata' in sys.modules, "
            "RuleFile.__pydantic_complete__)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    count, yaml_loaded, metadata_loaded, built = result.stdout.split()
    assert int(count) == len(load_rules())
    assert (yaml_loaded, metadata_loaded, built) == ("False", "False", "False")


def test_a_file_written_for_other_rule_code_is_not_used(monkeypatch):
    name, text = PACKS[0]
    assert compiled.precompiled(name, text) is not None
    monkeypatch.setattr(compiled, "code_digest", lambda: "0" * 64)  # as if model.py had changed since
    compiled._entries.cache_clear()
    try:
        assert compiled.precompiled(name, text) is None
        assert len(load_rules()) == len(PACKS_RULES)  # read from the YAML instead
    finally:
        compiled._entries.cache_clear()
