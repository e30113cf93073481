"""Rule names as users write them (--select, --extend-select, --ignore, per-file-ignores): an id (XR001),
an id prefix of letters (XR: every XR rule), or ALL (every rule, those off by default too, as in ruff).
Its own light module: the results cache's runs read it without the rules."""

ALL = "ALL"


def matches(rule_id: str, name: str) -> bool:
    return rule_id == name or name == ALL or (name.isalpha() and rule_id.startswith(name))
