"""Peers on the dashboard: a skill's peer mean from two peers, names only when chosen.

The Peers column joins the skills table once a peer rated a skill in the last
`rules.PEER_WEEKS` weeks: "1 peer" (a count, never one person's number) until
`rules.PEERS_SHOWN` peers did, then their mean. Names show in a line under the table only
when the settings say so, and a name a reply keeps private never does. A peer's reply is
never one's own: it makes no check-in, no streak, no "last check-in".
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import replace

import pytest
from support.hostile import EVIL
from support.peer_replies import peer_reply
from support.tui import TODAY, configured, data_dir, finished_session, local, settle, typed
from textual.widgets import Static

from pmcoach.app import snapshot
from pmcoach.app.present import dashboard
from pmcoach.app.present.views import Overview
from pmcoach.app.workspace import Workspace
from pmcoach.cache import recent
from pmcoach.domain.model import Config
from pmcoach.domain.rules import PEER_WEEKS
from pmcoach.storage.store import Store
from pmcoach.tui.app import PMCoachApp, make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.widgets.skill_table import PEERS, SkillTable

QUESTION = "communicate.answer-first"
OTHER = "communicate.gave-the-date"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def replies(store: Store, count: int) -> None:
    """`count` peers (of three) replied this autumn; Sam twice, the later reply counting."""
    finished_session(store, local("2026-11-16"), {QUESTION: 3}, track="senior")
    peer_reply(store, local("2026-10-01", 11), "Sam Lee", {QUESTION: 1})
    peer_reply(store, local("2026-11-02", 11), "sam  lee", {QUESTION: 4, OTHER: 5})  # 4.5
    if count >= 2:
        peer_reply(store, local("2026-11-10", 11), "Dana Ruiz", {QUESTION: 3}, note="Clear.")
    if count >= 3:
        peer_reply(store, local("2026-11-12", 11), "Marco Bell", {QUESTION: 2}, private=True)


def table(app: PMCoachApp) -> dict[str, list[str]]:
    rows = app.screen.query_one(SkillTable).rows_text()
    return {row[0]: row for row in rows}


def screen_text(app: PMCoachApp) -> str:
    statics = [str(w.render()) for w in app.screen.query(Static) if w.display]
    return "\n".join(statics)


async def dashboard_after(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    assert isinstance(pilot.app.screen, DashboardScreen)


async def test_one_peer_is_a_count_never_a_number() -> None:
    replies(configured(), 1)
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await dashboard_after(pilot)
        rows = table(app)
        assert rows["Communicate"][4] == "1 peer"
        assert rows["Execute"][4] == "–"
        assert "4.5" not in " ".join(rows["Communicate"])
        assert "Sam" not in screen_text(app).lower() and "sam" not in screen_text(app)


async def test_two_peers_show_their_mean_each_with_their_latest_reply() -> None:
    replies(configured(), 2)
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await dashboard_after(pilot)
        # Sam's latest reply (4.5; the earlier 1 is replaced) and Dana's 3: 3.75 → 3.8.
        assert table(app)["Communicate"][4] == "3.8"
        assert not app.screen.query_one("#peer-names").display


async def test_replies_older_than_the_window_do_not_count() -> None:
    store = configured()
    finished_session(store, local("2026-11-16"), {QUESTION: 3}, track="senior")
    old = local(TODAY, 8) - dt.timedelta(weeks=PEER_WEEKS, days=1)
    peer_reply(store, old, "Ann Old", {QUESTION: 5})
    peer_reply(store, local("2026-11-10", 11), "Dana Ruiz", {QUESTION: 3})
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await dashboard_after(pilot)
        assert table(app)["Communicate"][4] == "1 peer"


async def test_no_reply_no_peers_column() -> None:
    store = configured()
    finished_session(store, local("2026-11-16"), {QUESTION: 3}, track="senior")
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await dashboard_after(pilot)
        assert PEERS not in str(app.screen.query_one(SkillTable).render())
        assert len(table(app)["Communicate"]) == 5


async def test_the_setting_toggles_names_and_a_private_name_never_shows() -> None:
    replies(configured(), 3)
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await dashboard_after(pilot)
        assert "Dana" not in screen_text(app)
        # Settings, to the box past the time zone and the name, tick it, save: one burst.
        await typed(pilot, "s", *["tab"] * 5, "space", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        names = str(app.screen.query_one("#peer-names").render())
        assert names == f"Peers who replied ({PEER_WEEKS} weeks): Dana Ruiz, sam lee"
        assert "Marco" not in screen_text(app)  # kept private by the reply
        assert tomllib.loads((data_dir() / "config.toml").read_text())["show_peer_names"]
        # And off again: no name anywhere.
        await typed(pilot, "s", *["tab"] * 5, "space", "ctrl+s")
        await settle(pilot)
        assert not app.screen.query_one("#peer-names").display
        assert "Dana" not in screen_text(app)
    assert "show_peer_names" not in tomllib.loads((data_dir() / "config.toml").read_text())


async def test_a_hostile_peer_name_is_shown_literally() -> None:
    store = configured()
    store.update_config(lambda c: replace(c or Config(), show_peer_names=True))
    peer_reply(store, local("2026-11-10", 11), "[bold]Eve[/]" + EVIL, {QUESTION: 3})
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await dashboard_after(pilot)
        names = str(app.screen.query_one("#peer-names").render())
        assert "[bold]Eve[/]" in names and "\x1b" not in names and "\u202e" not in names


async def test_a_peer_reply_is_never_a_check_in() -> None:
    """A reply this week leaves the review due, the streak at zero, and the dashboard
    still invites the first check-in: it is not one's own."""
    store = configured()
    peer_reply(store, local(TODAY, 8), "Dana Ruiz", {QUESTION: 4})
    peer_reply(store, local("2026-11-17", 8), "Sam Lee", {QUESTION: 4})
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await dashboard_after(pilot)
        status = str(app.screen.query_one("#status-line").render())
        assert "review DUE" in status and "streak 0" in status
        assert "No check-in yet" in str(app.screen.query_one("#notice").render())
        assert not app.screen.query_one("#this-week").display
        assert table(app)["Communicate"][4] == "4.0"


def test_the_saved_overview_keeps_peers_and_refuses_what_it_cannot_draw() -> None:
    store = configured()
    store.update_config(lambda c: replace(c or Config(), show_peer_names=True))
    replies(store, 2)
    workspace = Workspace.open(data_dir())
    try:
        computed = dashboard.overview(workspace)
        assert computed.peer_line and any(row.peers for row in computed.rows)
        assert dashboard.saved_overview(workspace) == computed
        assert Overview.from_json(computed.to_json()) == computed
        good = computed.to_json()
        for wrong in (
            {"peers": "2"},
            {"peers": True},
            {"peer_mean": "3.8"},
            {"peer_mean": float("nan")},
            {"score": "3.0"},
            {"target": 4.5},
            {"focus": "yes"},
            {"title": ["Communicate"]},
            {"extra": 1},
        ):
            row = {**good["rows"][0], **wrong}
            with pytest.raises((KeyError, TypeError, ValueError)):
                Overview.from_json({**good, "rows": [row, *good["rows"][1:]]})
        assert snapshot._overview({**good, "rows": [{**good["rows"][0], "score": "x"}]}) is None
    finally:
        workspace.close()


def test_a_first_frame_from_recent_files_shows_the_peers_or_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first frame without a saved overview reads the peers' 26 weeks, so it shows what
    the full read will; read over fewer weeks it would show no peer figure, never a part."""
    store = configured()
    replies(store, 2)
    workspace = Workspace.open(data_dir())
    try:
        first = dashboard.recent_overview(workspace)
    finally:
        workspace.close()
    workspace = Workspace.open(data_dir())
    try:
        full = dashboard.overview(workspace)
    finally:
        workspace.close()
    assert [(r.peers, r.peer_mean) for r in first.rows] == [
        (r.peers, r.peer_mean) for r in full.rows
    ]
    assert any(r.peers for r in first.rows)
    monkeypatch.setattr(recent, "RECENT_SPAN", dt.timedelta(weeks=16))
    workspace = Workspace.open(data_dir())
    try:
        short = dashboard.recent_overview(workspace)
        assert all(row.peers == 0 for row in short.rows) and not short.peer_line
    finally:
        workspace.close()
