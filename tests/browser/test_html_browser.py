"""The HTML report in a real browser: Debian's Chromium, headless, driven by playwright.

Reports are made by the `check` command itself, for the seed and for a batch,
and the assertions read the rendered page: the highlighted cells are exactly
the finding's cells, the filters hide and show findings, nothing is fetched,
nothing logs an error, and markup in a filing's labels stays text.
Under CI (CI=true) a missing browser fails the test instead of skipping it.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from checker.cli.main import main

FIXTURES = Path(__file__).parents[1] / "fixtures" / "cli"
SEED = str(FIXTURES / "seed.txt")
CHROMIUM = os.environ.get("CHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright library is not installed")
    if not os.path.exists(CHROMIUM):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


class Opened:
    """A report open in a tab, with every request and console error it caused."""

    def __init__(self, browser, path: Path) -> None:
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.route("**/*", self._route)
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def _route(self, route) -> None:
        self.requests.append(route.request.url)
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def visible_findings(self) -> list[str]:
        return self.page.eval_on_selector_all(".finding", "items => items.filter(i => !i.hidden).map(i => i.id)")


def make_report(tmp_path: Path, capsys, *argv: str) -> tuple[Path, dict]:
    html = tmp_path / "report.html"
    main(["--format", "json", "--html", str(html), *argv])
    return html, json.loads(capsys.readouterr().out)


def test_seed_report_highlights_exactly_the_findings_cells(browser, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(FIXTURES)  # paths as a user types them
    html, data = make_report(tmp_path, capsys, "seed.txt")
    opened = Opened(browser, html)
    page = opened.page
    ids = page.eval_on_selector_all(".finding", "items => items.map(i => i.id)")
    assert len(ids) == len(data["findings"]) >= 1
    for finding_id, finding in zip(ids, data["findings"]):
        cell_ids = page.get_attribute(f"#{finding_id}", "data-cells").split()
        lines = sorted(int(page.get_attribute(f"#{cell_id}", "data-line")) for cell_id in cell_ids)
        assert lines == finding["lines"]
        for cell_id in cell_ids:
            assert "hit" in page.get_attribute(f"#{cell_id}", "class")
            assert finding_id in page.get_attribute(f"#{cell_id}", "data-findings").split()
    highlighted = page.eval_on_selector_all("td.hit", "cells => cells.map(c => Number(c.dataset.line))")
    assert sorted(highlighted) == sorted({line for f in data["findings"] for line in f["lines"]})
    assert page.inner_text("#file0-L22") == "451,898" and page.inner_text("#file0-L35") == "471,898"
    if os.environ.get("CHECK_SCREENSHOT"):  # README picture: CHECK_SCREENSHOT=docs/html-report.png
        page.screenshot(path=os.environ["CHECK_SCREENSHOT"])
    # a highlighted cell links to its finding, and the finding's cells link back
    page.click("#file0-L22 a")
    assert page.evaluate("location.hash") == f"#{ids[0]}"
    page.click(f"#{ids[0]} a[href='#file0-L35']")
    assert page.evaluate("location.hash") == "#file0-L35"
    assert opened.requests == [opened.url] and opened.errors == []


def test_filters_hide_and_show_findings_in_a_batch(browser, tmp_path, capsys):
    batch = [SEED, str(FIXTURES / "seed_fixed.txt"), str(FIXTURES / "batch")]
    html, data = make_report(tmp_path, capsys, "--extend-rules", str(FIXTURES / "team_rules"), *batch)
    opened = Opened(browser, html)
    page = opened.page
    everything = opened.visible_findings()
    severity = {i: page.get_attribute(f"#{i}", "data-severity") for i in everything}
    rule = {i: page.get_attribute(f"#{i}", "data-rule") for i in everything}
    assert {"error", "warning"} <= set(severity.values()) and {"XR001", "TM001"} <= set(rule.values())
    assert len(everything) == len(data["findings"])
    page.uncheck("#filters input[name=severity][value=error]")
    assert opened.visible_findings() == [i for i in everything if severity[i] != "error"]
    assert page.inner_text("#shown") == f"{len(opened.visible_findings())} of {len(everything)} findings shown"
    page.uncheck("#filters input[name=rule][value=TM001]")
    assert opened.visible_findings() == [i for i in everything if severity[i] != "error" and rule[i] != "TM001"]
    page.check("#filters input[name=severity][value=error]")
    assert opened.visible_findings() == [i for i in everything if rule[i] != "TM001"]
    page.check("#filters input[name=rule][value=TM001]")
    assert opened.visible_findings() == everything
    # one section per file with findings, reachable from the index
    sections = page.eval_on_selector_all("section.file h2", "hs => hs.map(h => h.textContent)")
    assert sections == sorted({f["path"] for f in data["findings"]}, key=[f["path"] for f in data["findings"]].index)
    assert page.is_visible("nav#index")
    assert opened.requests == [opened.url] and opened.errors == []


def test_markup_in_labels_is_shown_as_text_and_never_runs(browser, tmp_path, capsys):
    html, _ = make_report(tmp_path, capsys, str(FIXTURES / "xss.txt"))
    opened = Opened(browser, html)
    page = opened.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    labels = page.eval_on_selector_all("table.grid tbody th", "ths => ths.map(t => t.textContent)")
    assert 'Deferred Revenue <img src=x onerror="window.__pwned = 2">' in labels
    assert "Number of incentive stock options <script>window.__pwned = 1</script>" in labels
    assert page.eval_on_selector_all("main script, main img", "nodes => nodes.length") == 0
    assert opened.requests == [opened.url] and opened.errors == []
