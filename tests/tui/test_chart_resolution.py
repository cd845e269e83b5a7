"""A move of 0.4 is never drawn flat, at 80×24 too: read back from the progress screen.

At 80×24 the senior track's table left the chart one row a level, so a 3.0 and a 3.4
shared a row and the chart looked flat for a quarter's work. Your score's mark now sits
low, in the middle or high in its row, and the screen gives the chart two rows a level
there; these tests read the drawn chart back as heights (row × 3 + third) and compare
them with the scores the screen was given.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from support.tui import (
    TODAY,
    configured,
    data_dir,
    finished_session,
    local,
    logged,
    session_files,
    settle,
)

from pmcoach.app.present.progress import WeekValue
from pmcoach.drills.attempts import ANSWER_FIRST
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.progress import ProgressScreen
from pmcoach.tui.widgets.chart import SELF_MARKS, ProgressChart, chart_lines

LABELS = ("5 ┤", "4 ┤", "3 ┤", "2 ┤", "1 ┤")
QUESTIONS = (
    "communicate.answer-first",
    "communicate.updates-with-numbers",
    "communicate.gave-the-date",
    "communicate.no-vague-words",
    "communicate.graded-myself",
)
# Each week's answers; the score is the mean of each question's latest rating:
# 3.0, then 3.4 (two questions up), 3.2 (one back down), 3.6 (two up again).
WEEKS = [
    ("2026-10-26", dict.fromkeys(QUESTIONS, 3)),
    ("2026-11-02", {QUESTIONS[0]: 4, QUESTIONS[1]: 4}),
    ("2026-11-09", {QUESTIONS[0]: 3}),
    ("2026-11-16", {QUESTIONS[0]: 4, QUESTIONS[2]: 4}),
]
SCORES = [3.0, 3.4, 3.2, 3.6, 3.6]  # and this week's, with no check-in yet


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def history() -> None:
    """The senior track (seven skills in the table) and a drill practised (a line more
    under it): the fullest screen at 80×24, so the chart has the fewest rows."""
    store = configured(track="senior")
    when = local("2026-11-18", 12)
    store.save_event(
        logged(
            "drill",
            when,
            "We ship on Friday.",
            "d001",
            drill=ANSWER_FIRST,
            card="status-update",
            score=70,
        )
    )
    for index, (day, ratings) in enumerate(WEEKS):
        finished_session(store, local(day), ratings, track="senior", suffix=f"c{index:03d}")


def self_marks(lines: list[str]) -> dict[int, tuple[int, int, str]]:
    """Each column's mark of your score: (height from the bottom in thirds of a row, its
    row's index in `lines`, the label at the start of that row)."""
    bottom = next(i for i, line in enumerate(lines) if line.startswith(LABELS[-1]))
    found: dict[int, tuple[int, int, str]] = {}
    for row in range(bottom + 1):
        for column, char in enumerate(lines[row][3:]):
            if char in SELF_MARKS:
                height = (bottom - row) * len(SELF_MARKS) + SELF_MARKS.index(char)
                found[column] = (height, row, lines[row][:3])
    return found


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_move_of_0_4_is_drawn_at_another_height(size: tuple[int, int]) -> None:
    history()
    app = make_app(data_dir())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(ProgressScreen())
        await pilot.pause()
        skill = app.screen.view().skills[0]
        assert skill.skill == "communicate"
        scores = [p.score for p in skill.points if p.score is not None]
        assert scores == pytest.approx(SCORES)
        chart = app.screen.query_one(ProgressChart)
        lines = chart.render().plain.split("\n")
        shown = "\n".join(lines)
        rows = sum(1 for line in lines if line.startswith(("┤", "│"), 2))
        # Two rows a level even at 80×24 under the senior track's table and the drill line.
        assert rows >= 2 * (len(LABELS) - 1) + 1, shown
        marks = [mark for _, mark in sorted(self_marks(lines).items())]
        assert len(marks) == len(SCORES), shown
        heights = [height for height, _, _ in marks]
        # Every move of 0.2 or more is drawn at another height, the way the score went.
        for (a, b), (ha, hb) in zip(
            itertools.combinations(SCORES, 2), itertools.combinations(heights, 2), strict=True
        ):
            if abs(a - b) >= 0.2 - 1e-9:
                assert (ha < hb) == (a < b) and ha != hb, (a, b, shown)
        # The 3.0 sits in the middle of the row labelled 3.
        _, row, label = marks[0]
        assert label == "3 ┤", shown
        assert lines[row][3:].count(SELF_MARKS[1]) == 1, shown


WEEK0 = dt.date(2026, 10, 5)
WEEK = dt.timedelta(weeks=1)


def heights(values: list[float], width: int, height: int) -> list[int]:
    points = tuple(
        WeekValue(WEEK0 + WEEK * i, f"2026-W{40 + i}", v, None) for i, v in enumerate(values)
    )
    lines = [line.plain for line in chart_lines(points, None, width, height)]
    return [h for _, (h, _, _) in sorted(self_marks(lines).items())]


@pytest.mark.parametrize("height", range(8, 30))
def test_any_two_scores_0_4_apart_differ_at_every_height(height: int) -> None:
    """The third of a row is at most a third of a level: 0.4 always shows; from two rows a
    level (a chart of 12 lines or more) a sixth, so 0.2 does too."""
    values = [round(1 + i / 20, 2) for i in range(81)]  # 1.00, 1.05 … 5.00
    drawn = heights(values, 120, height)
    assert len(drawn) == len(values)
    for (a, ha), (b, hb) in itertools.combinations(zip(values, drawn, strict=True), 2):
        assert (ha <= hb) == (a <= b) or ha == hb, (a, b)  # never upside down
        if b - a >= 0.4 - 1e-9 or (height >= 12 and b - a >= 0.2 - 1e-9):
            assert ha < hb, (height, a, b)


async def test_a_key_burst_through_progress_lands_where_the_keys_say() -> None:
    """`p`, skills, a range and back in one burst: each key reaches the screen it was meant
    for, and nothing is written."""
    history()
    before = {path: path.read_bytes() for path in session_files()}
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p", "right", "right", "3", "left", "down", "down")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        assert (screen.selected, screen.range) == (3, "1y")
        assert "Think big (4 of 7) · a year" in str(screen.query_one("#title").render())
        await pilot.press("1", "up", "escape", "p", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
    assert {path: path.read_bytes() for path in session_files()} == before
