"""One module per check kind; CHECKS maps a rule's `kind` to its engine function."""
from checker.findings.checks import detected, equal

CHECKS = {
    "equal": equal.check,
    "detected_footing": detected.check,
}
