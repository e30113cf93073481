"""One module per check kind; CHECKS maps a rule's `kind` to its engine function."""
from checker.findings.checks import (compare, continuity, cross_footing, detected, equal, footing_declared,
                                     member_footing, member_total, near_miss, periods, range, rollforward, unique)

CHECKS = {
    "equal": equal.check,
    "footing": footing_declared.check,
    "cross_footing": cross_footing.check,
    "detected_footing": detected.check,
    "rollforward": rollforward.check_rollforward,
    "continuity": continuity.check_continuity,
    "compare": compare.check,
    "range": range.check,
    "unique": unique.check,
    "periods": periods.check,
    "member_total": member_total.check,
    "member_footing": member_footing.check,
    "near_miss": near_miss.check,
}
