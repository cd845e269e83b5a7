"""The progress chart read back from the screen: every point on the row of its value.

Each rating's mark must sit within half a level of the value it stands for, each of your
scores within the third of a row its mark (low, middle, high) names, every level must be
labelled at the left edge, and a tall terminal must be used, at the sizes people run the
app at (80×24 is the README's own).
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from support import exports
from support.tui import TODAY, configured, data_dir, finished_session, local, logged, settle

from pmcoach.app.present.progress import WeekValue
from pmcoach.domain.model import LEVELS_SCALE, Event, Text
from pmcoach.drills.attempts import ANSWER_FIRST
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.progress import ProgressScreen
from pmcoach.tui.widgets.chart import (
    BOTH,
    MANAGER,
    SELF,
    SELF_MARKS,
    ProgressChart,
    chart_lines,
)

SIZES = [(80, 24), (100, 30), (160, 50)]
LABELS = ("5 ┤", "4 ┤", "3 ┤", "2 ┤", "1 ┤")

# Three communicate questions a week: means of 2.3, 2.7, 2.8 (of 5 answers), 2.5 …
COMMUNICATE = (
    "communicate.answer-first",
    "communicate.gave-the-date",
    "communicate.no-vague-words",
    "communicate.asked-for-feedback",
)
WEEKS = [
    ("2026-10-05", (2, 2, 3)),
    ("2026-10-12", (3, 3, 2)),
    ("2026-10-19", (3, 3, 3, 2)),
    ("2026-10-26", (2, 3, 3, 2)),
    ("2026-11-02", (2, 2, 2, 3)),
    ("2026-11-09", (4, 4, 3, 4)),
    ("2026-11-16", (1, 2, 1, 1)),
]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def history(track: str) -> None:
    """Fractional scores, a manager's 3 beside a self score near it, and a target of 4;
    a drill attempt and a win, so every line under the chart is there too."""
    store = configured(track=track)
    when = local("2026-11-18", 12)
    stamp = f"{when.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
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
    store.save_event(
        Event(
            id=f"{stamp}-win-d002",
            kind="win",
            at=when,
            device="test-device",
            skill="communicate",
            text=Text("The launch update went out with numbers and a date, and it was read."),
        )
    )
    for index, (day, ratings) in enumerate(WEEKS):
        finished_session(
            store,
            local(day),
            dict(zip(COMMUNICATE, ratings, strict=False)),
            track=track,
            suffix=f"a{index:03d}",
        )
    for day, rating in (("2026-10-21", 3), ("2026-11-04", 2)):
        when = local(day, 15)
        ratings = {"communicate": rating}
        store.save_session(
            exports.manager(when, f"e00{rating}", scale=LEVELS_SCALE, ratings=ratings, track=track)
        )


def read_back(lines: list[str], points: tuple[WeekValue, ...]) -> list[str]:
    """Every way the drawn chart disagrees with its points (empty: it tells the truth)."""
    wrong: list[str] = []
    label_rows = [next((i for i, t in enumerate(lines) if t.startswith(lab)), -1) for lab in LABELS]
    if -1 in label_rows or label_rows != sorted(label_rows):
        return [f"levels not all labelled in order at the left edge: {label_rows}"]
    top, bottom = label_rows[0], label_rows[-1]
    if len({b - a for a, b in itertools.pairwise(label_rows)}) != 1:
        return [f"levels not evenly spaced: {label_rows}"]
    per_level = (bottom - top) / 4

    def value(row: int) -> float:
        return 1 + (bottom - row) / per_level

    thirds = len(SELF_MARKS)
    marks: dict[int, list[tuple[str, float]]] = {}
    for row in range(top, bottom + 1):
        for column, char in enumerate(lines[row][3:]):
            if char in SELF_MARKS:
                # The middle of the third its mark names: low, middle or high in the row.
                shift = (SELF_MARKS.index(char) - thirds // 2) / thirds / per_level
                marks.setdefault(column, []).append((SELF, value(row) + shift))
            elif char in (MANAGER, BOTH):
                marks.setdefault(column, []).append((char, value(row)))
    shown = [p for p in points if p.score is not None or p.manager is not None]
    if len(marks) != len(shown):
        return [f"{len(marks)} columns drawn for {len(shown)} weeks with a value"]
    for (column, drawn), point in zip(sorted(marks.items()), shown, strict=True):
        for char, at in drawn:
            truths = {
                SELF: [point.score],
                MANAGER: [point.manager],
                BOTH: [point.score, point.manager],
            }
            # Your score within its third of a row; a rating within half a level.
            near = 0.5 / thirds / per_level + 1e-9 if char == SELF else 0.5
            for truth in truths[char]:
                if truth is None or abs(at - truth) > near:
                    wrong.append(f"{point.start} column {column}: {char} at {at:.2f} for {truth}")
        expected = {c for c, v in ((SELF, point.score), (MANAGER, point.manager)) if v is not None}
        chars = {c for c, _ in drawn}
        if not (chars == expected or (chars == {BOTH} and expected == {SELF, MANAGER})):
            wrong.append(f"{point.start}: drew {chars} for {expected}")
    return wrong


@pytest.mark.parametrize("track", ["new", "senior"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_point_is_drawn_within_half_a_level(size: tuple[int, int], track: str) -> None:
    history(track)
    app = make_app(data_dir())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(ProgressScreen())
        await pilot.pause()
        for range_key in ("2", "4"):
            await pilot.press(range_key)
            await pilot.pause()
            chart = app.screen.query_one(ProgressChart)
            lines = chart.render().plain.split("\n")
            skill = app.screen.view().skills[0]
            assert skill.skill == "communicate"
            assert read_back(lines, skill.points) == [], "\n".join(lines)
            # The chart overlaps nothing, and everything under it is on screen too.
            body = app.screen.query_one("#body").region
            assert chart.region.bottom <= app.screen.query_one("#chart-pane").region.bottom
            for part in app.screen.query("#table-pane > Static"):
                if part.display:
                    assert body.contains_region(part.region), (part.id, part.region, body)
            # No more than three lines of the chart's height are left unused.
            assert chart.size.height - len(lines) <= 3, "\n".join(lines)


def test_a_short_chart_still_labels_every_level() -> None:
    points = tuple(
        WeekValue(dt.date(2026, 11, 2) + dt.timedelta(weeks=i), f"2026-W{45 + i}", s, m)
        for i, (s, m) in enumerate([(2.3, None), (2.8, 3), (3.0, 3), (4.6, None)])
    )
    for height in range(3, 30):
        lines = [line.plain for line in chart_lines(points, 4, 60, height)]
        assert read_back(lines, points) == [], (height, "\n".join(lines))
