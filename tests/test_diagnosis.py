"""Diagnosis: each keying slip named, with the place, side by side with its input."""
from decimal import Decimal as D

import pytest

from checker.findings.diagnosis import diagnose, either, one_digit_apart, trimmed

CASES = [
    ("471898", "451898", "one_digit", "one digit differs: 5 -> 7 in the ten-thousands place"),
    ("1243", "1234", "transposition", "adjacent digits transposed: 34 -> 43 in the tens and units places"),
    ("12340", "1234", "scale_slip", "x10 too large"),
    ("1234000", "1234", "scale_slip", "x1000 too large"),
    ("-5", "5", "sign_flip", "sign flipped"),
    ("124", "1234", "dropped_digit", "a digit dropped"),
    ("12234", "1234", "repeated_digit", "a digit repeated"),
    ("1.35", "1.25", "one_digit", "in the tenths place"),
    ("357", "100", "difference", "differs by 257, ratio 3.57"),
]


@pytest.mark.parametrize("shown,expected,kind,text", CASES)
def test_diagnose(shown, expected, kind, text):
    found = diagnose(D(shown), D(expected))
    assert found.kind == kind
    assert text in found.text


def test_equal_values_need_no_diagnosis():
    assert diagnose(D("5"), D("5.00")) is None


def test_one_digit_apart():
    assert one_digit_apart(D("451898"), D("471898"))
    assert not one_digit_apart(D("451898"), D("-471898"))
    assert not one_digit_apart(D("451898"), D("461899"))


@pytest.mark.parametrize("value,decimals,text", [
    ("9.000", 0, "9"),           # 9,000 scaled back to a page in thousands
    ("3743.000", 0, "3743"),
    ("3.750", 1, "3.75"),        # a real digit past the printed decimals stays
    ("4.5", 2, "4.50"),          # as the page prints it
    ("9E+3", 0, "9000"),
    ("0.000", 0, "0"),
    ("-12.3400", 2, "-12.34"),
])
def test_trimmed_drops_zeros_never_digits(value, decimals, text):
    got = trimmed(D(value), decimals)
    assert str(got) == text
    assert got == D(value)


@pytest.mark.parametrize("count,text", [
    (1, "a"),
    (3, "a; or b; or c"),
    (4, "a; or b; or c; or d"),
    (5, "a; or b; or c; or a slip in one of 2 other cells"),
    (6, "a; or b; or c; or a slip in one of 3 other cells"),
])
def test_either_names_three_slips_and_counts_the_rest(count, text):
    assert either(["a", "b", "c", "d", "e", "f"][:count]) == text
