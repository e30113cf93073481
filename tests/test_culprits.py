"""relations.likeliest_first: which of the cells a keying slip could be in the page makes likeliest."""
from collections import Counter
from decimal import Decimal
from types import SimpleNamespace

from checker.findings.checks.relations import Culprit, footing_slips, likeliest_first
from checker.findings.diagnosis import Diagnosis

SLIP = Diagnosis("one_digit", "one digit differs")


def culprit(name: str, printed: str, wanted: str) -> Culprit:
    return Culprit(SimpleNamespace(name=name, printed=Decimal(printed)), SLIP, Decimal(wanted))


def order(culprits, *printed: str) -> list[str]:
    """The culprits' names in likeliest_first's order on a page printing these values (unsigned, as counted)."""
    return [c.fact.name for c in likeliest_first(culprits, Counter(Decimal(value) for value in printed))]


def test_a_cell_whose_right_value_is_printed_elsewhere_comes_first():
    """2,309 should read 2,329, which the page prints as the previous year's ending balance."""
    culprits = [culprit("ending", "2181", "2161"), culprit("beginning", "2309", "2329")]
    assert order(culprits, "2181", "2309", "2329") == ["beginning", "ending"]


def test_a_cell_whose_own_value_is_printed_again_comes_last():
    """121,583 is printed twice (this year's beginning, last year's ending): the repeat vouches for it."""
    culprits = [culprit("beginning", "121583", "621583"), culprit("ending", "644921", "144921")]
    assert order(culprits, "121583", "121583", "644921") == ["ending", "beginning"]


def test_signs_do_not_matter_and_small_values_say_nothing():
    culprits = [culprit("small", "7", "9"), culprit("negative", "-4431", "-4481")]
    assert order(culprits, "7", "7", "9", "4481") == ["negative", "small"]
    assert order(culprits, "7", "7", "9") == ["small", "negative"]  # as given: nothing to go by


def test_footing_slips_read_a_subtracted_term_the_other_way():
    """150 - 40 = 110 against a total of 100: 40 should read 50 (subtracted, it must grow), 150 should read 140."""
    def fact(printed: int):
        return SimpleNamespace(printed=Decimal(printed), value=Decimal(printed), cell=SimpleNamespace(scale=0, line=0))
    total, plus, minus = fact(100), fact(150), fact(40)
    found = footing_slips(total, [plus, minus], Decimal(10), signs=[1, -1])
    assert {(c.fact.printed, c.wanted) for c in found} == {(150, 140), (40, 50), (100, 110)}
