"""Explain a numeric mismatch as the keying error it most likely is.

Pure functions on Decimals as printed (sign applied, page scale not applied).
Order of the explanations tried, most specific first: sign flip, scale slip
(x10, x100, x1000, x1,000,000), one digit substituted, two adjacent digits
transposed, a digit dropped or repeated; otherwise the difference and ratio.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

PLACES = ["units", "tens", "hundreds", "thousands", "ten-thousands", "hundred-thousands", "millions",
          "ten-millions", "hundred-millions", "billions", "ten-billions", "hundred-billions", "trillions"]
FRACTION_PLACES = ["tenths", "hundredths", "thousandths", "ten-thousandths", "hundred-thousandths", "millionths"]
SCALES = {1: "x10", 2: "x100", 3: "x1000", 6: "x1,000,000"}


@dataclass(frozen=True)
class Diagnosis:
    """Why two numbers that should agree differ, when a keying slip explains it."""

    kind: str      # sign_flip | scale_slip | one_digit | transposition | dropped_digit | extra_digit
                   # | repeated_digit | difference
    text: str

    @property
    def keying(self) -> bool:
        """True when the mismatch looks like one slip of the hand rather than a different number."""
        return self.kind != "difference"


def either(slips: list[str], shown: int = 3) -> str:
    """Several cells' slips that would each explain one difference: the first few, then how many more
    (naming three of a dozen would suggest the culprit is among them); all of them when only one more
    would be left unnamed, as naming it takes no more words than counting it."""
    if len(slips) <= shown + 1:
        return "; or ".join(slips)
    return "; or ".join(slips[:shown]) + f"; or a slip in one of {len(slips) - shown} other cells"


def place_name(power: int) -> str:
    if power >= 0:
        return PLACES[power] if power < len(PLACES) else f"10^{power}"
    return FRACTION_PLACES[-power - 1] if -power <= len(FRACTION_PLACES) else f"10^{power}"


def fmt(value: Decimal) -> str:
    """1234567.5 -> '1,234,567.5' (as a filing would print it)."""
    return f"{value:,}" if value == value.to_integral_value() or value.as_tuple().exponent < 0 else f"{value:,f}"


def trimmed(value: Decimal, decimals: int) -> Decimal:
    """`value` without trailing zeros past `decimals` places, never rounded: a sum worked out in whole
    units and scaled back (9,000 in a page in thousands is 9.000) reads as the page prints its values."""
    return value.quantize(Decimal(1).scaleb(min(-decimals, value.normalize().as_tuple().exponent)))


def _digits(value: Decimal, decimals: int) -> str:
    return f"{abs(value):.{decimals}f}".replace(".", "")


def _decimals(*values: Decimal) -> int:
    return max(0, *(-v.normalize().as_tuple().exponent for v in values if v == v and v != 0))


def diagnose(shown: Decimal, expected: Decimal) -> Diagnosis | None:
    """Why `shown` might have been keyed instead of `expected`; None when they are equal."""
    if shown == expected:
        return None
    if shown == -expected:
        return Diagnosis("sign_flip", f"sign flipped: {fmt(shown)} where {fmt(expected)} was expected")
    found = _scale_slip(shown, expected) or _digit_slip(shown, expected)
    if found:
        return found
    return difference(shown, expected)


def difference(shown: Decimal, expected: Decimal) -> Diagnosis:
    diff = shown - expected
    ratio = f", ratio {shown / expected:.4g}" if expected else ""
    return Diagnosis("difference", f"differs by {fmt(diff)}{ratio}")


def _scale_slip(shown: Decimal, expected: Decimal) -> Diagnosis | None:
    if not shown or not expected or (shown < 0) != (expected < 0):
        return None
    for power, name in SCALES.items():
        if shown == expected.scaleb(power) or expected == shown.scaleb(power):
            way = "too large" if abs(shown) > abs(expected) else "too small"
            return Diagnosis("scale_slip", f"scale slip: {fmt(shown)} is {name} {way} against {fmt(expected)}")
    return None


def _digit_slip(shown: Decimal, expected: Decimal) -> Diagnosis | None:
    if (shown < 0) != (expected < 0) and shown and expected:
        return None
    decimals = _decimals(shown, expected)
    a, b = _digits(shown, decimals), _digits(expected, decimals)
    if len(a) == len(b):
        return _substitution(a, b, decimals)
    if abs(len(a) - len(b)) == 1:
        return _insertion(a, b, shown, expected)
    return None


def _substitution(a: str, b: str, decimals: int) -> Diagnosis | None:
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diff) == 1:
        i = diff[0]
        place = place_name(len(a) - 1 - i - decimals)
        return Diagnosis("one_digit", f"one digit differs: {b[i]} -> {a[i]} in the {place} place")
    if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
        i = diff[0]
        places = f"{place_name(len(a) - 1 - i - decimals)} and {place_name(len(a) - 2 - i - decimals)}"
        return Diagnosis("transposition", f"adjacent digits transposed: {b[i:i + 2]} -> {a[i:i + 2]} "
                                          f"in the {places} places")
    return None


def _insertion(a: str, b: str, shown: Decimal, expected: Decimal) -> Diagnosis | None:
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1:] == shorter:
            extra = longer[i]
            repeated = (i > 0 and longer[i - 1] == extra) or (i + 1 < len(longer) and longer[i + 1] == extra)
            if longer is a:
                kind, verb = ("repeated_digit", "repeated") if repeated else ("extra_digit", "extra")
                return Diagnosis(kind, f"a digit {verb}: {fmt(shown)} has one {extra} more than {fmt(expected)}")
            return Diagnosis("dropped_digit", f"a digit dropped: {fmt(shown)} lacks the {extra} "
                                              f"of {fmt(expected)}")
    return None


def one_digit_apart(a: Decimal, b: Decimal) -> bool:
    """Same sign and length, exactly one digit different, or two adjacent digits swapped."""
    found = _digit_slip(a, b) if a != b and (a < 0) == (b < 0) else None
    return found is not None and found.kind in ("one_digit", "transposition")
