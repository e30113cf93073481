"""One module per check kind; CHECKS maps a rule's `kind` to its engine function."""
from checker.findings.checks import detected, equal, near_miss, rollforward

CHECKS = {
    "equal": equal.check,
    "detected_footing": detected.check,
    "rollforward": rollforward.check_rollforward,
    "continuity": rollforward.check_continuity,
    "near_miss": near_miss.check,
}
