"""The shipped rule packs, validated ahead of time: `rules/compiled.json`.

Reading the packs' YAML and validating it would cost every cold start of `check` about
40 ms: PyYAML's import, building the rule models' validators, and pydantic's search
for plugins (importlib.metadata). So the packs travel with their validated form: for
each pack, the SHA-256 of its YAML text and its rules as pydantic dumped them
(`model_dump(mode="json", exclude_unset=True)`). `load_rules` rebuilds a pack from that
without validating it again, but only when the pack's text has that digest and the rule
models and required-words code (CODE) have the digest the file was written with; an edited
pack, or code the file was not written for, is read from the YAML. A stale file makes
`check` slower, never wrong. `--extend-rules` files are always read from their YAML.

`python3 -m checker.rules.docs` rewrites it with the rule docs, from a source checkout;
tests/test_compiled_rules.py fails while it is out of date.
"""
from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from pathlib import Path
from types import NoneType, UnionType
from typing import Annotated, Any, Callable, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from checker.ast.construct import trusted
from checker.rules.kinds import RuleFile
from checker.rules.model import PATTERNS, Selector
from checker.rules.words import WORDS, parsed_words
from checker.rules.sources import packs_directory, shipped_rule_files

FILE_NAME = "compiled.json"
FORMAT = 1
# the code a pack's validated dump and its required words depend on: the file is used only with this code
CODE = ("model.py", "kinds.py", "severity.py", "words.py")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_digest() -> str:
    here = Path(__file__).parent
    return digest("".join((here / name).read_text(encoding="utf-8") for name in CODE))


def precompiled(name: str, text: str) -> RuleFile | None:
    """The pack `name` rebuilt from compiled.json, or None when that has no entry for this text.

    Its selectors' patterns' required words come with it (checker.rules.words.WORDS)."""
    entry = _entries().get(name)
    if not isinstance(entry, dict) or entry.get("sha256") != digest(text):
        return None
    try:
        words = {pattern: None if found is None else tuple(found) for pattern, found in entry["words"].items()}
        rule_file = _model(RuleFile, entry["file"])
    except (KeyError, TypeError, ValueError, AttributeError):  # a damaged entry: the YAML is read instead
        return None
    WORDS.update(words)
    return rule_file


@lru_cache(maxsize=1)
def _entries() -> dict[str, dict]:
    try:
        data = json.loads((packs_directory() / FILE_NAME).read_text(encoding="utf-8"))
        current = code_digest()
    except (OSError, ValueError):  # missing or unreadable: every pack is read from its YAML
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("code") != current:
        return {}  # written by another version of the rule models: read the YAML
    packs = data.get("packs")
    return packs if isinstance(packs, dict) else {}


# --- rebuilding models from their dump: the inverse of model_dump(mode="json") for the rule models' types
# Each model class gets a plan once: its constructor, and a converter for each field made from the field's
# annotation, so the packs' thousands of values are not each matched against their annotations again.

_PLANS: dict[type, tuple[Callable[..., BaseModel], dict[str, Callable[[Any], Any]]]] = {}


def _model(cls: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    make, converters = _PLANS.get(cls) or _plan(cls)
    return make(**{name: converters[name](value) for name, value in data.items()})


def _plan(cls: type[BaseModel]) -> tuple[Callable[..., BaseModel], dict[str, Callable[[Any], Any]]]:
    plan = _PLANS[cls] = (trusted(cls), {name: _converter(field.annotation)
                                         for name, field in cls.model_fields.items()})
    return plan


def _converter(annotation: Any) -> Callable[[Any], Any]:
    """A function from a dumped value to the value of type `annotation`; None stays None."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _converter(get_args(annotation)[0])
    if origin is Union or origin is UnionType:
        options = [(_test(option), _converter(option)) for option in get_args(annotation) if option is not NoneType]
        return lambda value: None if value is None else _member(options, value, annotation)
    if origin is list:
        (item,) = get_args(annotation)
        convert = _converter(item)
        return lambda values: None if values is None else [convert(value) for value in values]
    if origin is None and isinstance(annotation, type):
        if issubclass(annotation, BaseModel):  # planned when first met: a model may nest its own kind
            return lambda value: None if value is None else _model(annotation, value)
        if issubclass(annotation, (Enum, Decimal)):  # dumped as their value, Decimals as strings
            return lambda value: None if value is None else annotation(value)
    return _as_dumped  # str, int, bool, Literal: as JSON gives them


def _as_dumped(value: Any) -> Any:
    return value


def _member(options: list[tuple[Callable[[Any], bool], Callable[[Any], Any]]], value: Any, union: Any) -> Any:
    """The value as the member of a union it was dumped from (a rule by its `kind`)."""
    for fits, convert in options:
        if fits(value):
            return convert(value)
    raise ValueError(f"{value!r} fits none of {union}")


def _test(annotation: Any) -> Callable[[Any], bool]:
    """Whether a dumped value came from a member of a union with this annotation."""
    origin = get_origin(annotation)
    if origin is list:
        return lambda value: isinstance(value, list)
    if origin is Literal:
        return get_args(annotation).__contains__
    if issubclass(annotation, BaseModel):
        kind = annotation.model_fields.get("kind")
        kinds = get_args(kind.annotation) if kind is not None else None
        return lambda value: isinstance(value, dict) and (kinds is None or value.get("kind") in kinds)
    if issubclass(annotation, Enum):
        return annotation._value2member_map_.__contains__
    if issubclass(annotation, Decimal):
        return lambda value: isinstance(value, str)
    return lambda value: isinstance(value, annotation)


# --- writing the file (python3 -m checker.rules.docs)


def dump(rule_file: RuleFile) -> dict[str, Any]:
    """What the file keeps of a validated pack: the fields its YAML set."""
    return rule_file.model_dump(mode="json", exclude_unset=True)


def _words(rule_file: RuleFile) -> dict[str, tuple[str, ...] | None]:
    """Every selector pattern of the pack -> its required words, parsed (never read from WORDS)."""
    patterns = set()
    for rule in rule_file.rules:
        for value in rule.__dict__.values():
            for sel in value if isinstance(value, list) else [value]:
                if isinstance(sel, Selector):
                    patterns.update(p for p in (getattr(sel, name) for name in PATTERNS) if p is not None)
    return {pattern: parsed_words(pattern) for pattern in sorted(patterns)}


def write(directory: Path) -> Path:
    """Validate every shipped pack from its YAML and write compiled.json into `directory`."""
    from checker.rules.loader import read_rule_text

    packs = {}
    for name, text in shipped_rule_files():
        rule_file = read_rule_text(text, name)
        packs[name] = {"sha256": digest(text), "file": dump(rule_file), "words": _words(rule_file)}
    target = directory / FILE_NAME
    text = json.dumps({"format": FORMAT, "code": code_digest(), "packs": packs}, indent=1, sort_keys=True)
    target.write_text(text + "\n", encoding="utf-8")
    return target

