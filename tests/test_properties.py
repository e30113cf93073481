"""Property tests: no text makes the parser raise anything but InputError; mutated pages still round-trip."""
import random

from hypothesis import HealthCheck, given, settings, strategies as st

from checker.ast import InputError, parse_text
from conftest import FIXTURES, ROOT

REAL = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "pages").glob("*.txt"))[:20]] + [
    (ROOT / "examples" / "filing.txt").read_text(encoding="utf-8")]
PIECES = ["|", "|X", "|[1]", "|3 Months Ended", "|$ 1,234", "|(5)", "|Total assets", "- Definition",
          "+ Details", "No definition available.", "Dec. 31, 2020", "|\n", "\n", "\r\n", "|12.5%", "\ufeff"]


def parse_or_reject(text):
    try:
        filing = parse_text(text, "p.txt")
    except InputError:
        return None
    assert filing.render() == text
    owned = sorted(n for leaf in filing.leaves() for n in range(leaf.line, leaf.line + len(leaf.source)))
    assert owned == list(range(1, filing.line_count + 1))  # each line owned once, by one contiguous node
    return filing


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text):
    parse_or_reject(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=60))
def test_page_like_text_never_raises(pieces):
    parse_or_reject("\n".join(pieces))


def mutate(text: str, rng: random.Random, how: str) -> str:
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    if how == "drop":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, lines[j])
    elif how == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    else:  # truncate, possibly mid-line
        return text[: rng.randrange(len(text) + 1)]
    return "\n".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(REAL))), st.sampled_from(["drop", "duplicate", "swap", "truncate"]),
       st.integers(0, 2**32), st.integers(1, 5))
def test_mutated_real_pages_round_trip(index, how, seed, times):
    rng = random.Random(seed)
    text = REAL[index]
    for _ in range(times):
        text = mutate(text, rng, how)
    parse_or_reject(text)
