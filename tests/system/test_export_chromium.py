"""The HTML report in a real browser: it prints to one page on A4 and on Letter, and nothing
runs past the page's edge, even with a 20,000-character note.

Headless Chromium prints the file as a person would; `.ci/run` installs it where missing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from support.chromium import chromium, pages
from support.tui import data_dir

from pmcoach.app.demo import DemoPlan, write_demo
from pmcoach.domain.model import Answer, Text
from pmcoach.export import render
from pmcoach.export.files import gather
from pmcoach.export.period import period_for
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.store import Store

TODAY = dt.date(2026, 11, 23)
# The printable width at 96 px an inch with the report's 12 mm margins on each side.
PAGES = {"A4": 210 - 24, "letter": 215.9 - 24}
PX_PER_MM = 96 / 25.4


# Run in the test's copy only (the report itself has no script): every element whose box
# ends right of the content area, or whose content is wider than its box, is overflow.
MEASURE = """
<script>
const main = document.querySelector('main').getBoundingClientRect();
const bad = [...document.querySelectorAll('main *')].filter(e => {
  const box = e.getBoundingClientRect();
  return box.right > main.right + 0.5 || e.scrollWidth > e.clientWidth + 1;
}).map(e => e.tagName + (e.className ? '.' + e.className : ''));
document.body.setAttribute('data-overflow', bad.length ? bad.join(' ') : 'none');
</script>
"""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY.isoformat())
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def report(note: str | None = None) -> str:
    rubric = load_rubric(None).rubric
    assert rubric is not None
    write_demo(data_dir(), rubric, DemoPlan(weeks=26, end=TODAY), TODAY)
    store = Store.open(data_dir())
    if note is not None:
        latest = max(store.sessions(), key=lambda s: s.started)
        answers = (replace(latest.answers[0], note=Text(note)), *latest.answers[1:])
        store.save_session(replace(latest, answers=answers))
        assert isinstance(answers[0], Answer)
    config = store.load_config()
    assert config is not None
    now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
    data = gather(store, config, rubric, period_for("html", TODAY), False, now)
    return render("html", data)


@pytest.mark.parametrize("paper", list(PAGES))
def test_the_report_prints_on_one_page(paper: str, tmp_path: Path, require_tool: object) -> None:
    browser = require_tool("chromium")  # type: ignore[operator]
    page = report().replace("</style>", f"@page {{ size: {paper}; }}</style>")
    source = tmp_path / "report.html"
    source.write_text(page, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    chromium(browser, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri())
    assert pages(pdf.read_bytes()) == 1


@pytest.mark.parametrize("paper", list(PAGES))
@pytest.mark.parametrize(
    "note",
    [None, "x" * 20000, "word " * 400 + "https://" + "a" * 300],
    ids=["demo", "one-long-word", "many-words-and-a-long-link"],
)
def test_nothing_runs_past_the_page_edge(
    paper: str, note: str | None, tmp_path: Path, require_tool: object
) -> None:
    browser = require_tool("chromium")  # type: ignore[operator]
    page = report(note)
    # The print rules, applied on screen at the printable width, then measured.
    page = page.replace("@media print", "@media all").replace("</body>", MEASURE + "</body>")
    # The report forbids scripts; the measuring copy lifts that, and only that.
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    source = tmp_path / "measure.html"
    source.write_text(page, encoding="utf-8")
    width = round(PAGES[paper] * PX_PER_MM)
    dom = chromium(browser, tmp_path, f"--window-size={width},1200", "--dump-dom", source.as_uri())
    found = re.search(r'data-overflow="([^"]*)"', dom)
    assert found is not None, dom[-500:]
    assert found.group(1) == "none"
