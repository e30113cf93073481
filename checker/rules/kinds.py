"""The kinds of rule: each `kind` with the operands and parameters it takes, and the rule file.

The common metadata and the selectors are in checker.rules.model; the engine code for a
kind lives in checker.findings.checks.<module>.
"""
# No `from __future__ import annotations` in the model modules: pydantic would evaluate each string
# annotation with eval() when it makes a model class, again for every subclass, at every start-up.

from decimal import Decimal
from typing import Annotated, ClassVar, Literal, Self, Union, get_args

from pydantic import Field, field_validator, model_validator

from checker.rules.model import RuleBase, Selector, Strict, regex_or_none
from checker.rules.severity import Severity


class Component(Selector):
    sign: Literal[1, -1, "either"] = Field(1, description="added (1) or subtracted (-1); either: tried both ways, "
                                                         "for a line some companies print negative (costs, taxes)")
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
                                                  "found by label, where signs and subtotals are guessed, or "
                                                  "components whose labels vary)")
    stop_after: Selector | None = Field(None, description="with components: above, a row it selects is the last "
                                                          "(topmost) a run takes: a roll-forward's ending balance "
                                                          "already stands for the rows that roll into it")
    start_after: Selector | None = Field(None, description="with components: above, the run is the total's section: "
                                                           "every row below the nearest row above the total that "
                                                           "it selects (a heading, printed without values) or the "
                                                           "previous total, whichever is nearer, through the "
                                                           "headings between; at most max_rows rows")
    start_at: Selector | None = Field(None, description="with components: above, as start_after, but the section "
                                                        "opens with the nearest row above the total it selects, "
                                                        "which it takes; rows of another unit or scale are passed "
                                                        "over, and a section of that row alone is no sum (the "
                                                        "basic shares, which the dilutive securities below add to)")
    own_heading: bool = Field(False, description="with components: above, as start_after, where the heading is the "
                                                 "total's own: the row above it printed without values whose label "
                                                 "is the total's less its 'Total' ('Other income (loss):' for "
                                                 "'Total other income (loss)'); a section of two rows or more")
    other_columns_hold: bool = Field(False, description="with declared components, report a column only when the "
                                                        "total foots in every other column the operands share (one "
                                                        "at least) and no row printed between them has the "
                                                        "difference as its value: the other periods vouch for the "
                                                        "rows and signs the labels picked, and a line printed for "
                                                        "one period only (discontinued operations) is no slip")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"total", "sum"})

    @model_validator(mode="after")
    def _bounds_need_a_run(self) -> Self:
        for name in ("stop_after", "start_after", "start_at"):
            if getattr(self, name) is not None and self.components != "above":
                raise ValueError(f"{name} bounds a run found above the total: it needs components: above")
        if self.own_heading and self.components != "above":
            raise ValueError("own_heading bounds a run found above the total: it needs components: above")
        if sum(map(bool, (self.start_after, self.start_at, self.own_heading))) > 1:
            raise ValueError("start_after, start_at and own_heading each open the section: give one")
        if self.other_columns_hold and self.components == "above":
            raise ValueError("other_columns_hold reads declared components: it needs a list of them")
        return self


class CrossFootingRule(RuleBase):
    """In a table with a total column, each row's total column equals the sum of its other columns."""

    kind: Literal["cross_footing"]
    item: Selector = Selector.model_construct()  # not Selector(): that would build its validator at import
    total_column: str = Field(r"^total$", description="regular expression on the last header line of the total "
                                                      "column")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"total", "sum"})

    _check = field_validator("total_column")(regex_or_none)


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
    balances: Literal["labelled", "repeated"] = Field(
        "labelled", description="how a beginning row finds its ending row: labelled, the nearest end row below of "
                                "the same item once the words that name the ends and dates are taken out; "
                                "repeated, the nearest end row below of the same label that carries the beginning "
                                "row's values a period on (oil and gas reserves, IFRS reconciliations that print "
                                "one label at both ends)")
    require_slip: bool = Field(False, description="report only mismatches one keying slip explains (activity "
                                                  "signs are taken as printed, and subtotals among them are not known)")
    row_sums: bool = Field(False, description="when the page does not show every value's column, add up whole rows: "
                                              "begin plus activity must equal end over all columns, an empty cell "
                                              "counting nil (for tables whose every column rolls, such as an "
                                              "equity statement's member columns)")
    corroborated_severity: Severity | None = Field(
        None, description="severity of a finding whose rows roll, with their signs as printed, in another column: "
                          "one column fails (the rows' columns are known, or only one placement of them fails in "
                          "one column alone), and each activity row with a value there has one in a column that "
                          "rolls; the rule's severity when omitted")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"begin", "end", "sum"})


class AverageRollRule(RuleBase):
    """Where share counts roll forward and the page prints each row's weighted-average price, the counts at their
    prices roll too: beginning + each movement = ending, within the rounding of the printed figures."""

    kind: Literal["average_roll"]
    begin: Selector
    end: Selector
    max_rows: int = Field(10, ge=1)
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"begin", "end", "implied"})


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

    _check = field_validator("label_ignore", "ignore_members")(regex_or_none)
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"left", "right", "op"})


class RangeRule(RuleBase):
    """A value within fixed bounds (as printed: 51.00% is 51)."""

    kind: Literal["range"]
    value: Selector
    min: Decimal | None = None
    max: Decimal | None = None
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"value", "bound"})

    @model_validator(mode="after")
    def _bounds(self) -> Self:
        if self.min is None and self.max is None:
            raise ValueError("a range rule needs min, max or both")
        return self


class UniqueRule(RuleBase):
    """The same item, member and period reported twice must have one value."""

    kind: Literal["unique"]
    item: Selector = Selector.model_construct()
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"first", "second"})


class PeriodsRule(RuleBase):
    """A non-negative flow for a shorter period ending on the same date is not larger than the longer period's."""

    kind: Literal["periods"]
    item: Selector
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"shorter", "longer"})


class PeriodSumRule(RuleBase):
    """A flow for a longer period is the sum of the shorter periods that make it up (four quarters, a year)."""

    kind: Literal["period_sum"]
    item: Selector
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"total", "sum"})


class MemberTotalRule(RuleBase):
    """A member's non-negative value is not larger than the total (the same item without the member)."""

    kind: Literal["member_total"]
    item: Selector
    member: str | None = Field(None, description="regular expression: only these members (all when omitted)")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"member", "total"})

    _check = field_validator("member")(regex_or_none)


class MemberFootingRule(RuleBase):
    """An item's parts add up to the item in every column but one: its members to the item without them, or its
    rows in the sections above a Total section to its row there."""

    kind: Literal["member_footing"]
    item: Selector = Selector.model_construct()
    parts: Literal["members", "sections"] = Field(
        "members", description="members: the rows whose member paths add one member to the whole's; sections: the "
                               "rows of the whole's label, members and unit in the sections (the abstract headings "
                               "above them) printed between the previous Total section and the whole's own, "
                               "'Total [Abstract]', one row a section")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"total", "sum", "n", "column"})


class RatioRule(RuleBase):
    """A quotient row equals numerator over denominator in every column but one (earnings per share = net income /
    weighted average shares), within the rounding of all three (a whole display unit for the quotient)."""

    kind: Literal["ratio"]
    quotient: Selector
    numerator: Selector
    denominator: Selector
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"quotient", "numerator", "denominator", "expected"})


class NearMissRule(RuleBase):
    """Two facts of the same unit that differ only by a keying slip, where coincidence is unlikely."""

    kind: Literal["near_miss"]
    item: Selector = Selector.model_construct()
    min_significant: int = Field(5, ge=3, description="significant digits (trailing zeros not counted)")
    min_value: Decimal = Field(Decimal(1000), description="smallest absolute value considered, as printed")
    slips: list[Literal["one_digit", "transposition", "scale_slip"]] = ["one_digit", "transposition"]
    same_column: bool = Field(False, description="only values that could be in the same column")
    related_labels: bool = Field(False, description="only rows whose labels name the same item once the words for "
                                                    "beginning/ending, balance, dates and 'total' are taken out")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"left", "right"})


class TieOutRule(RuleBase):
    """An item a filing prints for one period on two pages or more has one value (the pages of one filing, in one
    file or in several)."""

    kind: Literal["tie_out"]
    item: Selector = Selector.model_construct()
    min_significant: int = Field(4, ge=3, description="significant digits both values must have (trailing zeros "
                                                      "not counted)")
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"first", "second", "agree"})


class MemberTieRule(RuleBase):
    """An item's members on one page add up to the item on another page of the filing, in every period they share
    but one."""

    kind: Literal["member_tie"]
    item: Selector = Selector.model_construct()
    EXTRA_PLACEHOLDERS: ClassVar[frozenset] = frozenset({"total", "sum", "n", "column", "agree"})


Rule = Annotated[Union[EqualRule, FootingRule, CrossFootingRule, DetectedFootingRule, RollforwardRule, AverageRollRule,
                       ContinuityRule, CompareRule, RangeRule, UniqueRule, PeriodsRule, PeriodSumRule,
                       MemberTotalRule, MemberFootingRule, RatioRule, NearMissRule, TieOutRule, MemberTieRule],
                 Field(discriminator="kind")]
# kinds checked once a filing, over all its pages, rather than page by page
FILING_KINDS = frozenset({"tie_out", "member_tie"})


KINDS = frozenset(get_args(cls.model_fields["kind"].annotation)[0] for cls in get_args(get_args(Rule)[0]))


class RuleFile(Strict):
    rules: list[Rule] = Field(min_length=1)
