"""Pydantic models of a rule file: what a rule may say, checked strictly when the file loads.

A rule file is `{"rules": [Rule, ...]}`. Every rule has the same metadata (id, title,
severity, description, rationale, references, examples), declared here in RuleBase with
the selectors its operands use, and one `kind` that decides which further fields it
takes (checker.rules.kinds). The engine code for a kind lives in
checker.findings.checks.<module>; here is only the declaration.
"""
# No `from __future__ import annotations` in the model modules: pydantic would evaluate each string
# annotation with eval() when it makes a model class, again for every subclass, at every start-up.

import re
import string
from enum import Enum
from typing import ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from checker.ast.model import StatementKind
from checker.rules.severity import Severity


class UnitKind(str, Enum):
    money = "money"            # $ 1,234 or a row/page unit of USD
    shares = "shares"          # share counts
    per_share = "per_share"    # $ / share amounts
    number = "number"          # any other plain number
    percent = "percent"        # 51.00%


class Strict(BaseModel):
    # validators are built on the first validation (a file read from YAML), not at import: the shipped
    # packs are rebuilt from rules/compiled.json without them (checker.rules.compiled)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def regex_or_none(value: str | None) -> str | None:
    """A field validator: the value must compile as a regular expression (None passes).

    Compiled as the selectors will use it (case-insensitive), so that their compile is a hit in re's cache."""
    if value is not None:
        try:
            re.compile(value, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
    return value


PATTERNS = ("label", "not_label", "member", "section", "concept")  # a Selector's regular expressions


class Selector(Strict):
    """Which rows of a page an operand is. Every field given must match (AND); all are optional."""

    label: str | None = Field(None, description="regular expression searched in the row label, case-insensitive")
    labels: list[str] | None = Field(None, description="synonyms: the whole label (case, spacing and a trailing "
                                                       "'| unit' or '(in shares)' ignored) equals one of them")
    not_label: str | None = Field(None, description="regular expression the label must NOT contain")
    member: str | None = Field(None, description="regular expression searched in the member path joined by ' | '")
    no_member: bool = Field(False, description="only rows without any qualifying member")
    section: str | None = Field(None, description="regular expression searched in the nearest abstract label above")
    unit: list[UnitKind] | None = Field(None, description="unit kinds the row's values may have")
    concept: str | None = Field(None, description="regular expression on the element name, for inputs that carry "
                                                  "concept names (text renderings do not; such a selector then "
                                                  "matches nothing)")

    _check = field_validator(*PATTERNS)(regex_or_none)


class PageSelector(Strict):
    """Which pages a rule looks at."""

    statement: list[StatementKind] | None = Field(None, description="statement kinds (from the page title)")
    title: str | None = Field(None, description="regular expression searched in the page title")
    not_title: str | None = Field(None, description="regular expression the title must NOT contain")
    definition: str | None = Field(None, description="regular expression searched in the page's element definitions")

    _check = field_validator("title", "not_title", "definition")(regex_or_none)


class Expected(Strict):
    """A finding a failing example must produce."""

    lines: list[int] = Field(description="the 1-based lines of the example page the finding names, sorted")
    message: str | None = Field(None, description="regular expression the message must contain")
    diagnosis: str | None = Field(None, description="text the diagnosis must contain")
    ambiguous: bool | None = None
    severity: Severity | None = Field(None, description="the finding's severity (the rule's, unless said here)")


class Example(Strict):
    name: str
    page: str = Field(description="a short snippet of a real page in the text rendering")
    expect: list[Expected] = Field([], description="failing examples: exactly the findings this rule must give")


class Examples(Strict):
    passing: list[Example] = Field(alias="pass", min_length=1)
    failing: list[Example] = Field(alias="fail", min_length=1)

    @model_validator(mode="after")
    def _failing_expect(self) -> Self:
        for ex in self.failing:
            if not ex.expect:
                raise ValueError(f"failing example {ex.name!r} must say which findings it expects (expect:)")
        for ex in self.passing:
            if ex.expect:
                raise ValueError(f"passing example {ex.name!r} cannot expect findings")
        return self


Tolerance = Literal["rounding", "exact"]
RULE_ID = r"[A-Z]{2,4}[0-9]{3}"  # XR001: two to four letters, three digits


class RuleBase(Strict):
    id: str = Field(pattern=f"^{RULE_ID}$", description="stable id, e.g. XR001")
    title: str = Field(min_length=3)
    severity: Severity
    enabled: bool = Field(True, description="false: a heuristic left off by default; it runs only when --select "
                                            "names it (by id or prefix)")
    description: str = Field(description="what the rule checks")
    rationale: str = Field(description="why an auditor cares")
    references: list[str] = Field([], description="authoritative references (ASC topics, DQC rules)")
    where: PageSelector = PageSelector.model_construct()  # PageSelector() would build its validator at import
    tolerance: Tolerance = Field("rounding", description="rounding: each printed value is an interval of half a "
                                                         "display unit either side; exact: as printed")
    message: str | None = Field(None, description="message template; placeholders depend on the kind")
    ambiguous_severity: Severity | None = Field(
        None, description="severity of a finding that rests on values whose columns the page leaves open (they may "
                          "be different periods); the rule's severity when omitted")
    supersedes: list[str] = Field(
        [], description="ids of more general rules that read the same arithmetic: where this rule's finding and "
                        "one of theirs name exactly the same cells, one finding is reported (the more severe, at "
                        "equal severity this rule's) and it lists the other rule under `also`")
    examples: Examples

    @field_validator("supersedes")
    @classmethod
    def _rule_ids(cls, ids: list[str]) -> list[str]:
        for rule_id in ids:
            if not re.fullmatch(RULE_ID, rule_id):
                raise ValueError(f"not a rule id: {rule_id!r} (ids look like FT001)")
        return ids

    PLACEHOLDERS: ClassVar[frozenset] = frozenset({"title", "operands", "diagnosis"})

    @model_validator(mode="after")
    def _template(self) -> Self:
        if self.message is not None:
            allowed = self.PLACEHOLDERS | type(self).EXTRA_PLACEHOLDERS
            for _, name, spec, conv in string.Formatter().parse(self.message):
                if name is None:
                    continue
                if name not in allowed or spec or conv:
                    raise ValueError(f"message placeholder {{{name}}} is not one of "
                                     + ", ".join(sorted(allowed)) + " (no attributes, formats or conversions)")
        return self

    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset()
