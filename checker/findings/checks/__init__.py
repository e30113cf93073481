"""One module per check kind; CHECKS maps a rule's `kind` to its engine function."""
from checker.findings.checks import (average_roll, compare, continuity, cross_footing, detected, equal, footing_above,
                                     footing_declared, member_footing, member_tie, member_total, near_miss, periods,
                                     range, ratio, rollforward, tie_out, unique)


def footing(compiled, ctx):
    """A total and its components: declared (a list of selectors), or the rows above it."""
    if compiled.rule.components == "above":
        return footing_above.check(compiled, ctx)
    return footing_declared.check(compiled, ctx)


CHECKS = {
    "equal": equal.check,
    "footing": footing,
    "cross_footing": cross_footing.check,
    "detected_footing": detected.check,
    "rollforward": rollforward.check_rollforward,
    "average_roll": average_roll.check,
    "continuity": continuity.check_continuity,
    "compare": compare.check,
    "range": range.check,
    "unique": unique.check,
    "periods": periods.check,
    "period_sum": periods.check_sum,
    "member_total": member_total.check,
    "member_footing": member_footing.check,
    "near_miss": near_miss.check,
    "ratio": ratio.check,
    "tie_out": tie_out.check,  # run once a filing, with every page's Context (checker.rules.kinds.FILING_KINDS)
    "member_tie": member_tie.check,  # likewise
}
# kinds that can also say where the cells a page leaves open sit: (line, column) pairs, which the HTML report's
# grid follows (engine.settled_columns)
SETTLES = {
    "rollforward": rollforward.settled_cells,
    "footing": footing_declared.settled_cells,  # declared components only
}
