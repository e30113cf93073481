"""ratio: when a per-share amount is its numerator over its denominator, and which slips would make it so."""
from decimal import Decimal
from types import SimpleNamespace

from checker.findings.checks.ratio import _slips_into, holds


def fact(printed: str, scale: int = 0) -> SimpleNamespace:
    """A printed value as the checks read it: scaled, with half a display unit of rounding either way."""
    value = Decimal(printed)
    decimals = max(0, -value.as_tuple().exponent)
    return SimpleNamespace(printed=value, value=value.scaleb(scale), half=Decimal("0.5").scaleb(scale - decimals),
                           cell=SimpleNamespace(decimals=decimals, scale=scale))


def test_the_quotient_may_be_off_by_a_whole_display_unit():
    """8,420 thousand over 25,868,000 shares is 0.3255: filers print 0.32 (from finer figures) or 0.33."""
    income, shares = fact("8420", scale=3), fact("25868000")
    assert holds(income, shares, fact("0.32")) and holds(income, shares, fact("0.33"))
    assert not holds(income, shares, fact("0.31")) and not holds(income, shares, fact("0.35"))


def test_a_denominator_printed_in_thousands_is_read_with_its_factor():
    income, shares = fact("8420", scale=3), fact("25868")
    assert not holds(income, shares, fact("0.32"))
    assert holds(income, shares, fact("0.32"), Decimal(1000))


def test_a_denominator_that_may_be_zero_says_nothing():
    assert holds(fact("10"), fact("0"), fact("1.00")) is None


def test_slips_into_keeps_the_slips_that_land_in_the_interval():
    shares = fact("16608000")
    assert _slips_into(shares, Decimal(15_386_000), Decimal(15_737_000)) == [Decimal(15_608_000)]
    eps = fact("0.89")  # a leading 0 may stay, and a swap counts: 0.98
    assert _slips_into(eps, Decimal("0.97"), Decimal("0.99")) == [Decimal("0.98"), Decimal("0.99")]
    assert _slips_into(fact("5868"), Decimal(800), Decimal(900)) == []  # 0868 would drop a digit: not one slip
