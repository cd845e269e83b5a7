"""A skill's start and its chart tell one story (docs/definitions.md, "In the report").

The start rests on two answers, so a first week of one answer is no start; a chart that
still drew that week would show a fall (4 → 3.5) under a header reading "= 0.0".
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from support.tui import configured, finished_session, local

from pmcoach.export import ExportData, Period, render
from pmcoach.export.files import gather
from pmcoach.export.html_chart import BOTTOM, HEIGHT, TOP
from pmcoach.export.report import build_report
from pmcoach.export.report_model import NO_POINT, TREND_POINTS, sparkline
from pmcoach.export.review import build_review
from pmcoach.export.review_markdown import render as render_review
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.store import Store
from pmcoach.text import figures

NOW = local("2026-11-23", 12)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-23")
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def history() -> Store:
    """Communicate: one answer of 4 in its first week, then 3 and 4: start 3.5, now 3.5."""
    store = configured("senior")
    finished_session(store, local("2026-10-05"), {"communicate.answer-first": 4}, suffix="0001")
    finished_session(
        store,
        local("2026-10-12"),
        {"communicate.answer-first": 3, "communicate.gave-the-date": 4},
        suffix="0002",
    )
    return store


def export_data(store: Store) -> ExportData:
    config = store.load_config()
    assert config is not None
    rubric = load_rubric(store.root).rubric
    assert rubric is not None
    period = Period(dt.date(2026, 9, 7), NOW.date(), "last 12 weeks")
    return gather(store, config, rubric, period, False, NOW)


def drawn(svg: str) -> list[float]:
    """The scores the chart's line passes through, read back from its pixels."""
    span = HEIGHT - TOP - BOTTOM
    values = []
    for run in re.findall(r'<polyline points="([^"]+)"', svg):
        for point in run.split():
            y = float(point.split(",")[1])
            values.append(5.0 - (y - TOP) / span * 4.0)
    return values


def test_the_first_week_of_one_answer_is_not_the_start() -> None:
    line = next(s for s in build_report(export_data(history())).skills if s.skill == "communicate")
    assert (line.start, line.now) == (3.5, 3.5)
    marks = [m for m in line.series if m is not None]
    assert marks[0].value == 3.5
    assert marks[0].day == dt.date(2026, 10, 18)  # the Sunday of the start's week


def test_the_html_header_says_what_its_chart_draws() -> None:
    page = render("html", export_data(history()))
    figure = next(f for f in page.split("<figure>") if "<strong>Communicate</strong>" in f)
    caption = re.search(r"([\d.–]+) → ([\d.–]+) \(<span[^>]*>([^<]+)</span>\)", figure)
    assert caption is not None
    start, now, change = caption.groups()
    points = drawn(figure)
    assert figures.score(points[0]) == start == "3.5"
    assert figures.score(points[-1]) == now == "3.5"
    assert figures.change(points[-1] - points[0]) == change == "= 0.0"
    # The start is marked: a ring on the line's first point.
    assert 'fill="#fff"' in figure


def test_the_markdown_trend_begins_at_the_start() -> None:
    page = render("md", export_data(history()))
    row = next(r for r in page.splitlines() if r.startswith("| Communicate |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    start, now, trend = cells[1], cells[2], cells[4]
    assert (start, now) == ("3.5", "3.5")
    drawn_points = trend.lstrip(NO_POINT)
    assert drawn_points[0] == sparkline((float(start),))
    assert drawn_points[-1] == sparkline((float(now),))
    # Nothing drawn before the start (its weeks keep their place), so no fall is shown.
    assert set(drawn_points) == {sparkline((3.5,))}
    assert len(trend) == TREND_POINTS  # one place a week, as for every other skill


def test_the_review_takes_the_same_start() -> None:
    data = export_data(history())
    report = next(s for s in build_report(data).skills if s.skill == "communicate")
    review = next(s for s in build_review(data).skills if s.skill == "communicate")
    assert review.start is not None and review.start.score == report.start
    row = next(r for r in render_review(data).splitlines() if "Communicate" in r)
    assert "| 3.5 | 3.5 | = 0.0 |" in row


def long_history() -> tuple[Store, dt.date]:
    """100 weeks, more than a chart's 80 points and a trend's 12: the start (3.5, in week
    2, after two weeks of one answer of 4) falls between the evenly spaced points kept;
    from week 3 on Communicate stands at 2.0."""
    store = configured("senior")
    first = dt.date(2026, 11, 23) - dt.timedelta(weeks=99)
    week = 0

    def on(weeks: int, ratings: dict[str, int]) -> None:
        nonlocal week
        week += 1
        day = (first + dt.timedelta(weeks=weeks)).isoformat()
        finished_session(store, local(day), ratings, suffix=f"{week:04x}")

    on(0, {"communicate.answer-first": 4})
    on(2, {"communicate.answer-first": 3, "communicate.gave-the-date": 4})
    for weeks in range(3, 100, 4):
        on(weeks, {"communicate.answer-first": 2, "communicate.gave-the-date": 2})
    return store, first


def test_a_long_period_still_draws_its_start_first() -> None:
    store, first = long_history()
    config = store.load_config()
    rubric = load_rubric(store.root).rubric
    assert config is not None and rubric is not None
    data = gather(store, config, rubric, Period(first, NOW.date(), "100 weeks"), False, NOW)
    line = next(s for s in build_report(data).skills if s.skill == "communicate")
    assert (line.start, line.now) == (3.5, 2.0)
    assert len(line.series) == 80 and len(line.trend) == TREND_POINTS
    marks = [m for m in line.series if m is not None]
    assert (marks[0].value, marks[-1].value) == (3.5, 2.0)
    assert marks[0].day == first + dt.timedelta(weeks=2, days=6)
    drawn_trend = [v for v in line.trend if v is not None]
    assert (drawn_trend[0], drawn_trend[-1]) == (3.5, 2.0)
    figure = next(f for f in render("html", data).split("<figure>") if "Communicate<" in f)
    points = drawn(figure)
    assert figures.change(points[-1] - points[0]) == figures.change(line.change) == "▼ −1.5"
