"""Peers on the progress screen: a mark of their own per reply, and the skill's peer mean.

A peer's reply is drawn in the week it was given, one `◇` per reply (`◆` where it falls on
the row of your score or the manager's rating), and the legend says so; the line under the
table gives the skill's peer mean over the range only once two peers answered, and names
them only when the settings say so (docs/definitions.md, "Peers").
Regenerate the snapshots after an intended change with
`pytest tests/tui/test_progress_peers.py --snapshot-update` and look at them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from support import exports
from support.hostile import EVIL
from support.peer_replies import peer_reply
from support.tui import TODAY, configured, data_dir, finished_session, local, settle

from pmcoach.app.present.progress import ProgressView, RangeName, WeekValue, workspace_progress
from pmcoach.app.workspace import Workspace
from pmcoach.domain.model import LEVELS_SCALE, Config
from pmcoach.tui.app import PMCoachApp, make_app
from pmcoach.tui.screens.progress import ProgressScreen
from pmcoach.tui.widgets.chart import (
    BOTH,
    MANAGER,
    PEER,
    PEER_WITH,
    SELF,
    ProgressChart,
    chart_lines,
)

SIZES = [(80, 24), (120, 40)]
LABELS = ("5 ┤", "4 ┤", "3 ┤", "2 ┤", "1 ┤")
QUESTION = "communicate.answer-first"
OTHER = "communicate.gave-the-date"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def history(peers: int = 3, names: bool = False) -> None:
    """Self scores for six weeks, a manager's 4 and peers' replies (1, 4, 5 …)."""
    store = configured(track="new")
    if names:
        store.update_config(lambda c: replace(c or Config(), show_peer_names=True))
    for index, (day, rating) in enumerate(
        [
            ("2026-10-12", 2),
            ("2026-10-19", 3),
            ("2026-10-26", 3),
            ("2026-11-02", 2),
            ("2026-11-09", 3),
            ("2026-11-16", 3),
        ]
    ):
        finished_session(store, local(day), {QUESTION: rating}, track="new", suffix=f"a{index:03d}")
    when = local("2026-11-04", 15)
    store.save_session(
        exports.manager(when, "e001", scale=LEVELS_SCALE, ratings={"communicate": 4}, track="new")
    )
    replies = [
        ("2026-10-21", "Dana Ruiz", {QUESTION: 5, OTHER: 4}),  # 4.5
        ("2026-11-10", "Marco Bell", {QUESTION: 3}),  # on the row of the self score
        ("2026-11-11", "Sam Lee", {QUESTION: 1, OTHER: None}),
    ]
    for day, name, ratings in replies[:peers]:
        peer_reply(store, local(day, 11), name, ratings, note="Clear updates.")


def marks(lines: list[str]) -> list[tuple[str, float, int]]:
    """Every peer mark drawn: (glyph, the value of its row, its column)."""
    rows = [next(i for i, t in enumerate(lines) if t.startswith(lab)) for lab in LABELS]
    top, bottom = rows[0], rows[-1]
    per_level = (bottom - top) / 4
    found = []
    for row in range(top, bottom + 1):
        for column, char in enumerate(lines[row][3:]):
            if char in (PEER, PEER_WITH):
                found.append((char, 1 + (bottom - row) / per_level, column))
    return found


def test_each_reply_is_a_mark_of_its_own_on_its_row() -> None:
    start = dt.date(2026, 11, 2)
    points = (
        WeekValue(start, "2026-W45", 2.0, None, peers=(4.5,)),
        WeekValue(start + dt.timedelta(weeks=1), "2026-W46", 3.0, 4, peers=(3.0, 1.0, 4.0)),
        WeekValue(start + dt.timedelta(weeks=2), "2026-W47", 3.0, None),
    )
    lines = [line.plain for line in chart_lines(points, 4, 60, 14)]
    drawn = marks(lines)
    assert sorted((value, glyph) for glyph, value, _ in drawn) == [
        (1.0, PEER),
        (3.0, PEER_WITH),  # on the row of the self score
        (4.0, PEER_WITH),  # on the row of the manager's rating
        (4.5, PEER),
    ], "\n".join(lines)
    assert len({column for *_, column in drawn}) == 2
    legend = " ".join(legend_lines(lines))
    assert f"{PEER} peer (4)" in legend and f"{PEER_WITH} peer on {SELF}/{MANAGER}" in legend
    assert SELF in legend and MANAGER in legend and BOTH in legend


def legend_lines(lines: list[str]) -> list[str]:
    """The lines under the axis and its dates: the legend, on one line or more."""
    axis = next(i for i, line in enumerate(lines) if line.startswith("  └"))
    return lines[axis + 1 :]


def test_a_long_legend_takes_a_spare_line_or_is_cut() -> None:
    point = WeekValue(dt.date(2026, 11, 2), "2026-W45", 3.0, 4, peers=(3.0, 1.0))
    for width, height in [(40, 14), (40, 36), (40, 12), (30, 8), (200, 8)]:
        lines = chart_lines([point], 4, width, height)
        assert len(lines) <= max(height, 8) and all(line.cell_len <= width for line in lines)
        legend = legend_lines([line.plain for line in lines])
        if width == 200:
            assert len(legend) == 1 and "…" not in legend[0]
        if height in (14, 36):  # room for two rows a level and a second legend line
            assert len(legend) > 1 and "target 4" in " ".join(legend)
        if height in (8, 12) and width < 100:  # no room: one line, cut
            assert len(legend) == 1 and legend[0].endswith("…")


def test_folded_weeks_keep_every_reply() -> None:
    start = dt.date(2016, 1, 4)
    points = tuple(
        WeekValue(
            start + dt.timedelta(weeks=i), "w", 2.0, None, peers=(5.0,) if i % 50 == 0 else ()
        )
        for i in range(520)
    )
    lines = [line.plain for line in chart_lines(points, None, 60, 14)]
    legend = " ".join(legend_lines(lines))
    assert len(marks(lines)) == 11 and "wk/col" in legend
    assert f"{PEER} peer (11)" in legend


def test_no_peer_no_peer_legend() -> None:
    point = WeekValue(dt.date(2026, 11, 2), "2026-W45", 2.0, 3)
    assert "peer" not in " ".join(legend_lines([t.plain for t in chart_lines([point], 4, 60, 14)]))


def view_of(names: bool = False, peers: int = 3, range_name: RangeName = "12w") -> ProgressView:
    history(peers, names)
    workspace = Workspace.open(data_dir())
    try:
        return workspace_progress(workspace, range_name)
    finally:
        workspace.close()


def test_the_peer_mean_shows_from_two_peers_and_never_names_by_default() -> None:
    view = view_of(peers=3)
    communicate = view.skills[view.skill_index("communicate")]
    # Each reply's mean of the skill's questions: 4.5, 3 and 1; their mean 2.8.
    assert communicate.peer.mean == pytest.approx((4.5 + 3 + 1) / 3)
    line = view.peer_line(view.skill_index("communicate"))
    assert line == "Peers (12 weeks): 2.8 from 3 peers"
    assert sum(len(p.peers) for p in communicate.points) == 3
    # The replies are not one's own: they make no score and no check-in.
    assert view.rated_sessions == 6


def test_one_peer_is_counted_never_given_a_number() -> None:
    """Neither the mean nor the reply's mark: one reply alone is that peer's rating."""
    view = view_of(peers=1, names=True)
    communicate = view.skills[view.skill_index("communicate")]
    line = view.peer_line(view.skill_index("communicate"))
    assert line.startswith("Peers (12 weeks): 1 peer so far") and "4.5" not in line
    assert "Dana Ruiz" in line
    assert not any(p.peers for p in communicate.points)


def test_a_range_counts_only_its_replies() -> None:
    view = view_of(peers=3, range_name="4w")
    # The 4 weeks from 2 Nov hold Marco's and Sam's replies only.
    assert view.peer_line(view.skill_index("communicate")) == "Peers (4 weeks): 2.0 from 2 peers"


def test_names_show_only_when_the_settings_say_so() -> None:
    view = view_of(names=True)
    line = view.peer_line(view.skill_index("communicate"))
    assert line.endswith(" · Sam Lee, Marco Bell, Dana Ruiz")


def texts(app: PMCoachApp) -> dict[str, str]:
    screen = app.screen
    found = {name: str(screen.query_one(f"#{name}").render()) for name in ("peers", "review")}
    found["chart"] = str(screen.query_one(ProgressChart).render())
    return found


async def open_progress(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.push_screen(ProgressScreen())
    await pilot.pause()


async def test_a_hostile_peer_name_is_shown_literally() -> None:
    store = configured(track="new")
    store.update_config(lambda c: replace(c or Config(), show_peer_names=True))
    finished_session(store, local("2026-11-16"), {QUESTION: 3}, track="new")
    name = "[bold]Eve[/] [@click=app.quit]x[/]" + EVIL
    peer_reply(store, local("2026-11-17", 11), name, {QUESTION: 4})
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_progress(pilot)
        shown = texts(app)
        assert "[bold]Eve[/] [@click=ap…" in shown["peers"], shown["peers"]
        assert "\x1b" not in shown["peers"] and "\u202e" not in shown["peers"]
        await pilot.click("#peers")
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_progress_with_manager_and_peers_snapshot(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    history()
    assert snap_compare(make_app(data_dir()), terminal_size=size, run_before=open_progress)


def test_a_reply_beside_an_old_scale_rating_keeps_both_marks() -> None:
    start = dt.date(2026, 11, 2)
    points = (
        WeekValue(start, "2026-W45", 2.0, 4, manager_old=True, peers=(4.0, 1.0)),
        WeekValue(start + dt.timedelta(weeks=1), "2026-W46", 3.0, None),
    )
    lines = [line.plain for line in chart_lines(points, None, 60, 14)]
    assert sorted((value, glyph) for glyph, value, _ in marks(lines)) == [
        (1.0, PEER),
        (4.0, PEER_WITH),  # on the row of the old-scale rating
    ], "\n".join(lines)
    legend = " ".join(legend_lines(lines))
    assert "o manager, old scale" in legend and f"{PEER} peer (2)" in legend
