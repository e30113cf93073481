"""rows.AnyCase finds exactly what re.IGNORECASE finds, on ASCII labels and beyond."""
import re

import pytest
from hypothesis import given, settings, strategies as st

from checker.ast import parse_file
from checker.ast.rows import MONEY_LABEL, PER_SHARE_LABEL, SHARE_COUNT, SHARE_LABEL, AnyCase
from conftest import FIXTURES

PATTERNS = [SHARE_LABEL, PER_SHARE_LABEL, MONEY_LABEL, SHARE_COUNT]
FIXTURE_LABELS = sorted({row.label for path in sorted((FIXTURES / "pages").glob("*.txt"))
                         for page in parse_file(str(path)).pages for row in page.rows})
# letters whose case folding in re differs from str.lower: long s, Kelvin sign, dotted and dotless i
TRICKY = ["ſhares authorized", "Number of RSUS", "PRİCE per share", "Stock awards (ın shares)", "Kash",
          "OPTIONS", "Value of ſhares repurchaſed", "(In Shares)", "Per Unit", "Warrant Liability"]


def ignorecase(pattern: AnyCase, text: str) -> bool:
    return re.search(pattern.any_case.pattern, text, re.I) is not None


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.any_case.pattern[:20])
def test_same_as_ignorecase_on_labels(pattern):
    assert len(FIXTURE_LABELS) > 100
    for label in FIXTURE_LABELS + TRICKY:
        assert pattern.search(label) == ignorecase(pattern, label), label


PIECES = ["share", "ſhares", "SHARES", "price", "PRİCE", "unit", "ınits", "RSUs", "Kash", "cash", "Value",
          "in", "per ", "number of", "outstanding", " ", " ", "/", "$", "(", ")", "-", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_same_as_ignorecase_on_any_text(text):
    for pattern in PATTERNS:
        assert pattern.search(text) == ignorecase(pattern, text), (pattern.any_case.pattern, text)


def test_an_upper_case_escape_is_refused():
    with pytest.raises(ValueError, match="upper-case escape"):
        AnyCase(r"\bshares\B")
