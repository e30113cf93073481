"""One module per check kind; CHECKS maps a rule's `kind` to its engine function."""
from checker.findings.checks import equal

CHECKS = {
    "equal": equal.check,
}
