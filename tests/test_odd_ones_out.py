"""near_miss.odd_ones_out: a cell one slip away from several printings of one value draws one finding, not one a
printing; the pairs stay apart where the other printings differ among themselves."""
from __future__ import annotations

from checker.findings.checks.near_miss import odd_ones_out
from checker.findings.model import Finding, Involved, Severity


def pair(left: tuple[int, str], right: tuple[int, str]) -> Finding:
    cells = tuple(Involved(line=line, raw=raw, label="Bank-owned life insurance", role=role)
                  for (line, raw), role in ((left, "left"), (right, "right")))
    return Finding(rule="NM002", severity=Severity.warning, message=f"{left[1]} and {right[1]} are nearly the same",
                   path="R35.txt", page=0, page_title="FAIR VALUE (Details)", cells=cells)


def brief(findings: list[Finding]) -> list[tuple]:
    return [([c.line for c in f.cells], f.message) for f in findings]


def test_one_finding_names_every_printing_and_the_odd_one():
    found = odd_ones_out([pair((20, "26,404"), (87, "20,404")), pair((44, "$ 26,404"), (87, "20,404")),
                          pair((23, "3,525"), (47, "3,521"))])
    assert brief(found) == [
        ([20, 87, 44], "26,404 and 20,404 are nearly the same; line 44 prints 26,404 for the item too, "
                       "so the odd value is line 87's"),
        ([23, 47], "3,525 and 3,521 are nearly the same")]


def test_printings_that_differ_among_themselves_stay_pairs():
    given = [pair((20, "26,404"), (87, "26,409")), pair((44, "26,401"), (87, "26,409"))]
    assert odd_ones_out(given) == given
