"""Files that are not R-page renderings get one clear InputError; odd encodings of real pages still parse."""
import pytest

from checker.ast import InputError, parse_bytes
from conftest import ROOT

SEED = (ROOT / "examples" / "filing.txt").read_bytes()


@pytest.mark.parametrize("data, line, words", [
    (b"", None, "empty file"),
    (b"  \n\n", None, "empty file"),
    (b"|\nTitle\x00\x01\x02", 2, "binary file"),
    ("|\nTitle - USD ($)\n".encode("utf-16"), 1, "UTF-16 text: save the page as UTF-8"),   # with its BOM
    (b"\xfe\xff" + "|\nTitle - USD ($)\n".encode("utf-16-be"), 1, "UTF-16 text"),          # big-endian
    (b"<!DOCTYPE html>\n<html><body><table class='report'></table></body></html>\n", 1, "HTML"),
    (b"Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit.\n", 1, "not an R-page"),
    (b"|just a label\n|another label\n", 1, "not an R-page"),
    (b"|\nTitle - USD ($)\n|Revenue\n|$ 1\xff00\n", 4, "not UTF-8"),
])
def test_rejected_with_file_and_line(data, line, words):
    with pytest.raises(InputError) as caught:
        parse_bytes(data, "bad.txt")
    error = caught.value
    assert words in error.message and error.line == line and error.path == "bad.txt"
    assert str(error).startswith("bad.txt:") and "\n" not in str(error)


@pytest.mark.parametrize("data", [
    SEED.replace(b"\n", b"\r\n"),
    b"\xef\xbb\xbf" + SEED,
    SEED.rstrip(b"\n"),
    SEED.replace(b"\n", b"\r\n").rstrip(b"\n"),
])
def test_crlf_bom_and_missing_final_newline_round_trip(data):
    filing = parse_bytes(data, "seed.txt")
    assert filing.render().encode("utf-8") == data
    assert [c.value for _, c in filing.pages[0].cells()][:3] == [315370, 936428, 1587553]
