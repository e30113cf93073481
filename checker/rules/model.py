"""Pydantic models of a rule file: what a rule may say, checked strictly when the file loads.

A rule file is `{"rules": [Rule, ...]}`. Every rule has the same metadata (id, title,
severity, description, rationale, references, examples) and one `kind` that decides
which further fields it takes (its operands and parameters). The engine code for a kind
lives in checker.findings.checks.<module>; here is only the declaration.
"""
from __future__ import annotations

import re
import string
from decimal import Decimal
from enum import Enum
from typing import Annotated, ClassVar, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from checker.ast.model import StatementKind


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class UnitKind(str, Enum):
    money = "money"            # $ 1,234 or a row/page unit of USD
    shares = "shares"          # share counts
    per_share = "per_share"    # $ / share amounts
    number = "number"          # any other plain number
    percent = "percent"        # 51.00%


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _regex(value: str | None) -> str | None:
    if value is not None:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
    return value


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

    _check = field_validator("label", "not_label", "member", "section", "concept")(_regex)


class PageSelector(Strict):
    """Which pages a rule looks at."""

    statement: list[StatementKind] | None = Field(None, description="statement kinds (from the page title)")
    title: str | None = Field(None, description="regular expression searched in the page title")
    not_title: str | None = Field(None, description="regular expression the title must NOT contain")
    definition: str | None = Field(None, description="regular expression searched in the page's element definitions")

    _check = field_validator("title", "not_title", "definition")(_regex)


class Expected(Strict):
    """A finding a failing example must produce."""

    lines: list[int] = Field(description="the 1-based lines of the example page the finding names, sorted")
    message: str | None = Field(None, description="regular expression the message must contain")
    diagnosis: str | None = Field(None, description="text the diagnosis must contain")
    ambiguous: bool | None = None


class Example(Strict):
    name: str
    page: str = Field(description="a short snippet of a real page in the text rendering")
    expect: list[Expected] = Field([], description="failing examples: exactly the findings this rule must give")


class Examples(Strict):
    passing: list[Example] = Field(alias="pass", min_length=1)
    failing: list[Example] = Field(alias="fail", min_length=1)

    @model_validator(mode="after")
    def _failing_expect(self) -> Examples:
        for ex in self.failing:
            if not ex.expect:
                raise ValueError(f"failing example {ex.name!r} must say which findings it expects (expect:)")
        for ex in self.passing:
            if ex.expect:
                raise ValueError(f"passing example {ex.name!r} cannot expect findings")
        return self


Tolerance = Literal["rounding", "exact"]


class RuleBase(Strict):
    id: str = Field(pattern=r"^[A-Z]{2,4}[0-9]{3}$", description="stable id, e.g. XR001")
    title: str = Field(min_length=3)
    severity: Severity
    enabled: bool = Field(True, description="false: a heuristic left off by default; it runs only when --select "
                                            "names it (by id or prefix)")
    description: str = Field(description="what the rule checks")
    rationale: str = Field(description="why an auditor cares")
    references: list[str] = Field([], description="authoritative references (ASC topics, DQC rules)")
    where: PageSelector = PageSelector()
    tolerance: Tolerance = Field("rounding", description="rounding: each printed value is an interval of half a "
                                                         "display unit either side; exact: as printed")
    message: str | None = Field(None, description="message template; placeholders depend on the kind")
    ambiguous_severity: Severity | None = Field(
        None, description="severity of a finding that rests on values whose columns the page leaves open (they may "
                          "be different periods); the rule's severity when omitted")
    examples: Examples

    PLACEHOLDERS: ClassVar[frozenset] = frozenset({"title", "operands", "diagnosis"})

    @model_validator(mode="after")
    def _template(self) -> RuleBase:
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


class Component(Selector):
    sign: Literal[1, -1] = 1
    optional: bool = Field(False, description="the component may be absent (then it counts as nil); when present "
                                              "the total is also tried without it")


class EqualRule(RuleBase):
    """Two facts reporting the same quantity agree wherever they share a column."""

    kind: Literal["equal"]
    left: Selector
    right: Selector
    same_member: bool = Field(False, description="pair only rows with the same member path (Series B with Series B)")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"left", "right"})


class FootingRule(RuleBase):
    """A total equals the signed sum of its components: declared rows, or the run of rows above it (`above`)."""

    kind: Literal["footing"]
    total: Selector
    components: list[Component] | Literal["above"]
    max_rows: int = Field(12, ge=2, description="with components: above, the longest run considered")
    require_slip: bool = Field(False, description="report only mismatches one keying slip explains (for runs "
                                                  "found by label, where signs and subtotals are guessed)")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"total", "sum"})


class CrossFootingRule(RuleBase):
    """In a table with a total column, each row's total column equals the sum of its other columns."""

    kind: Literal["cross_footing"]
    item: Selector = Selector()
    total_column: str = Field(r"^total$", description="regular expression on the last header line of the total "
                                                      "column")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"total", "sum"})

    _check = field_validator("total_column")(_regex)
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"total", "sum"})


class DetectedFootingRule(RuleBase):
    """A run of rows that foots into the row below in every column but one."""

    kind: Literal["detected_footing"]
    min_rows: int = Field(2, ge=1)
    max_rows: int = Field(10, ge=2, le=12)
    last_unit: Literal["skip", "only"] = Field(
        "skip", description="a column off by exactly one display unit on a rounded page ($ in Thousands) may be "
                            "rounding: skip such runs, or report only them (a separate, lower-confidence rule)")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"total", "sum", "n", "column"})


class RollforwardRule(RuleBase):
    """Beginning balance + the activity rows between = ending balance, column by column."""

    kind: Literal["rollforward"]
    begin: Selector
    end: Selector
    max_rows: int = Field(15, ge=1)
    require_slip: bool = Field(False, description="report only mismatches one keying slip explains (activity "
                                                  "signs are taken as printed, and subtotals among them are not known)")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"begin", "end", "sum"})


class ContinuityRule(RuleBase):
    """One period's ending balance is the next period's beginning balance."""

    kind: Literal["continuity"]
    begin: Selector
    end: Selector
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"begin", "end"})


class CompareRule(RuleBase):
    """left OP right for rows paired by label (e.g. Minimum member <= Maximum member)."""

    kind: Literal["compare"]
    left: Selector
    right: Selector
    op: Literal["<=", "<", ">=", ">"]
    pair_by_label: bool = Field(True, description="pair rows whose labels (and other members) are the same")
    label_ignore: str | None = Field(None, description="regular expression taken out of both labels before they "
                                                       "are compared ('shares (issued|outstanding)')")
    ignore_members: str | None = Field(None, description="regular expression: members it matches are left out "
                                                         "when member paths are compared (Minimum|Maximum)")
    nonnegative: bool = Field(False, description="compare only values printed without a minus sign")

    _check = field_validator("label_ignore", "ignore_members")(_regex)
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"left", "right", "op"})


class RangeRule(RuleBase):
    """A value within fixed bounds (as printed: 51.00% is 51)."""

    kind: Literal["range"]
    value: Selector
    min: Decimal | None = None
    max: Decimal | None = None
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"value", "bound"})

    @model_validator(mode="after")
    def _bounds(self) -> RangeRule:
        if self.min is None and self.max is None:
            raise ValueError("a range rule needs min, max or both")
        return self


class UniqueRule(RuleBase):
    """The same item, member and period reported twice must have one value."""

    kind: Literal["unique"]
    item: Selector = Selector()
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"first", "second"})


class PeriodsRule(RuleBase):
    """A non-negative flow for a shorter period ending on the same date is not larger than the longer period's."""

    kind: Literal["periods"]
    item: Selector
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"shorter", "longer"})


class MemberTotalRule(RuleBase):
    """A member's non-negative value is not larger than the total (the same item without the member)."""

    kind: Literal["member_total"]
    item: Selector
    member: str | None = Field(None, description="regular expression: only these members (all when omitted)")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"member", "total"})

    _check = field_validator("member")(_regex)


class NearMissRule(RuleBase):
    """Two facts of the same unit that differ only by a keying slip, where coincidence is unlikely."""

    kind: Literal["near_miss"]
    item: Selector = Selector()
    min_significant: int = Field(5, ge=3, description="significant digits (trailing zeros not counted)")
    min_value: Decimal = Field(Decimal(1000), description="smallest absolute value considered, as printed")
    slips: list[Literal["one_digit", "transposition", "scale_slip"]] = ["one_digit", "transposition"]
    same_column: bool = Field(False, description="only values that could be in the same column")
    related_labels: bool = Field(False, description="only rows whose labels name the same item once the words for "
                                                    "beginning/ending, balance, dates and 'total' are taken out")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"left", "right"})


Rule = Annotated[Union[EqualRule, FootingRule, CrossFootingRule, DetectedFootingRule, RollforwardRule, ContinuityRule, CompareRule,
                       RangeRule, UniqueRule, PeriodsRule, MemberTotalRule, NearMissRule],
                 Field(discriminator="kind")]


KINDS = frozenset(get_args(cls.model_fields["kind"].annotation)[0] for cls in get_args(get_args(Rule)[0]))


class RuleFile(Strict):
    rules: list[Rule] = Field(min_length=1)
