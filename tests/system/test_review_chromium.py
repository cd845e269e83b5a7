"""The self-review draft in a real browser: it prints on at most three pages on A4 and on
Letter, for half a year of demo history and for one where every note, win and exercise
line is as long as a person might write, private texts included; and nothing runs past the
page's edge.

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
from test_export_chromium import MEASURE, PAGES, PX_PER_MM

from pmcoach.app.demo import DemoPlan, write_demo
from pmcoach.cache.opener import open_store
from pmcoach.domain.model import Text
from pmcoach.export.files import gather
from pmcoach.export.review import review_period
from pmcoach.export.review_html import render
from pmcoach.rubric.load import load_rubric

TODAY = dt.date(2026, 11, 23)
LONG = "I opened with the number, then the risk, then what I need from whom and by when. " * 8


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY.isoformat())
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def draft(wordy: bool) -> str:
    rubric = load_rubric(None).rubric
    assert rubric is not None
    write_demo(data_dir(), rubric, DemoPlan(weeks=30, end=TODAY), TODAY)
    store = open_store(data_dir())
    config = store.load_config()
    assert config is not None
    config = replace(config, name="Alexandra Katharina Montgomery-Oyelaran")
    if wordy:
        for session in store.sessions():
            answers = tuple(
                replace(a, note=Text(LONG, a.note.private)) if a.note else a
                for a in session.answers
            )
            store.save_session(replace(session, answers=answers))
        for item in store.events():
            if item.text is not None:
                store.save_event(replace(item, text=Text(LONG, item.text.private)))
    now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
    store.refresh()
    return render(gather(store, config, rubric, review_period(TODAY), wordy, now))


@pytest.mark.parametrize("wordy", [False, True], ids=["demo", "wordy"])
@pytest.mark.parametrize("paper", list(PAGES))
def test_the_draft_prints_on_at_most_three_pages(
    paper: str, wordy: bool, tmp_path: Path, require_tool: object
) -> None:
    browser = require_tool("chromium")  # type: ignore[operator]
    page = draft(wordy).replace("</style>", f"@page {{ size: {paper}; }}</style>")
    assert "<script" not in page and not re.search(r"<[^>]*\b(src|href)=", page)
    source = tmp_path / "review.html"
    source.write_text(page, encoding="utf-8")
    pdf = tmp_path / "review.pdf"
    chromium(browser, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri())
    assert 1 <= pages(pdf.read_bytes()) <= 3


@pytest.mark.parametrize("paper", list(PAGES))
def test_nothing_runs_past_the_page_edge(paper: str, tmp_path: Path, require_tool: object) -> None:
    browser = require_tool("chromium")  # type: ignore[operator]
    page = draft(True).replace("@media print", "@media all").replace("</body>", MEASURE + "</body>")
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    source = tmp_path / "measure.html"
    source.write_text(page, encoding="utf-8")
    width = round(PAGES[paper] * PX_PER_MM)
    dom = chromium(browser, tmp_path, f"--window-size={width},1200", "--dump-dom", source.as_uri())
    found = re.search(r'data-overflow="([^"]*)"', dom)
    assert found is not None, dom[-500:]
    assert found.group(1) == "none"
