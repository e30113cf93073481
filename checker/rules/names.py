"""Rule names as users write them (--select, --ignore, per-file-ignores): an id (XR001), or an id prefix of
letters (XR: every XR rule).  Its own light module: the results cache's runs read it without the rules."""


def matches(rule_id: str, name: str) -> bool:
    return rule_id == name or (name.isalpha() and rule_id.startswith(name))
