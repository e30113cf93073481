"""A line no part of a page can take is kept as an Unparsed node and named in a warning, never dropped.

The grammar classifies every line and the builder places every item, so no real page reaches
this path (bench/parse_corpus.py: 0 unparsed nodes in 412 pages); a builder that refuses one
marked line stands in for a future rendering we do not know yet.
"""
from checker.ast import parse as parse_module
from checker.cli.main import main
from conftest import ROOT

SEED = (ROOT / "examples" / "filing.txt").read_text(encoding="utf-8")
MARK = "|1 Months Ended"


def refusing(feed):
    def wrapper(self, item, following=None):
        return False if item.lines[0] == MARK else feed(self, item, following)
    return wrapper


def test_refused_line_is_unparsed_warned_and_kept(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(parse_module.PageBuilder, "feed", refusing(parse_module.PageBuilder.feed))
    page = tmp_path / "page.txt"
    page.write_text(SEED, encoding="utf-8")
    filing = parse_module.parse_text(SEED, str(page))
    assert [(node.line, node.source) for _, node in filing.unparsed()] == [(3, [MARK])]
    assert filing.render() == SEED

    status = main(["--format", "json", "--jobs", "1", str(page)])
    err = capsys.readouterr().err
    assert f"{page}:3: warning: unparsed line kept as is" in err
    assert status in (0, 1)  # a warning about the input is not an input error
