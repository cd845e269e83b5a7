"""A peer's reply in the session list and on its own page: named only when the settings
say so, opened read-only with each question as the peer was asked it, their rating and
their note; never offered to resume, never taken for one's own check-in."""

from __future__ import annotations

from dataclasses import replace

import pytest
from support.hostile import EVIL
from support.peer_replies import peer_reply
from support.tui import TODAY, configured, data_dir, finished_session, local, settle, typed
from textual.widgets import DataTable, Static

from pmcoach.domain.model import KIND_WORDS, Config, Session
from pmcoach.storage.store import Store
from pmcoach.tui.app import PMCoachApp, make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.results import ResultsScreen
from pmcoach.tui.screens.sessions import SessionListScreen
from pmcoach.tui.widgets.key_bar import KeyBar

QUESTION = "communicate.answer-first"
OTHER = "communicate.gave-the-date"
PEER_KIND = KIND_WORDS["peer"]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def names_on(store: Store) -> None:
    store.update_config(lambda c: replace(c or Config(), show_peer_names=True))


def folder() -> tuple[Store, Session]:
    """A check-in last week and, newer, a peer's reply with a note."""
    store = configured()
    finished_session(store, local("2026-11-16"), {QUESTION: 3})
    reply = peer_reply(
        store, local("2026-11-20", 11), "Dana Ruiz", {QUESTION: 4, OTHER: None}, note="Crisp."
    )
    return store, reply


def reply_file(session: Session) -> bytes:
    (path,) = [p for p in (data_dir() / "sessions").rglob("*.toml") if p.stem == session.id]
    return path.read_bytes()


def list_rows(app: PMCoachApp) -> list[list[str]]:
    table = app.screen.query_one("#sessions", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def answer_rows(app: PMCoachApp) -> list[list[str]]:
    table = app.screen.query_one("#answers", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_a_burst_opens_the_reply_read_only_and_changes_nothing() -> None:
    _store, reply = folder()
    before = reply_file(reply)
    app = make_app(data_dir())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        # The list, the newest (the reply) opened, then keys that would correct a
        # self answer: all typed at once.
        await typed(pilot, "l", "enter", "3", "o", "5")
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.session.id == reply.id
        title = str(app.screen.query_one("#title").render())
        assert title.startswith(f"{PEER_KIND} · Fri 20 Nov 2026")
        rows = answer_rows(app)
        assert [row[2] for row in rows] == ["4", "not answered"]
        assert rows[0][0] == "Communicate"
        # As the peer was asked it: the observer form, about "them".
        assert rows[1][1].startswith("The last time you asked them 'when?'"), rows[1][1]
        text = str(app.screen.query_one("#focus", Static).render())
        assert "Their note: Crisp." in text and "cannot be corrected" in text
        bar = str(app.screen.query_one(KeyBar).render())
        assert "Correct" not in bar and "No occasion" not in bar and "Delete" in bar
    assert reply_file(reply) == before


async def test_the_list_names_a_peer_only_when_the_settings_say_so() -> None:
    store, _reply = folder()
    peer_reply(store, local("2026-11-21", 11), "Marco Bell", {QUESTION: 2}, private=True)
    app = make_app(data_dir())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await typed(pilot, "l")
        assert isinstance(app.screen, SessionListScreen)
        kinds = [row[1] for row in list_rows(app)]
        assert kinds == [PEER_KIND, PEER_KIND, "Weekly check-in"]
    names_on(store)
    app = make_app(data_dir())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await typed(pilot, "l")
        kinds = [row[1] for row in list_rows(app)]
        # Marco's reply keeps his name private: listed without it.
        assert kinds == [PEER_KIND, f"{PEER_KIND} · Dana Ruiz", "Weekly check-in"]
        await typed(pilot, "enter")
        assert isinstance(app.screen, ResultsScreen)
        # On the reply's own page the private name shows, marked.
        title = str(app.screen.query_one("#title").render())
        assert title.startswith(f"{PEER_KIND} · (private) Marco Bell · ")


async def test_a_hostile_name_and_note_are_shown_literally() -> None:
    store = configured()
    names_on(store)
    name = "[bold]Eve[/] [@click=app.quit]x[/]" + EVIL
    note = "[red]loud[/] [link=https://evil.example/]l[/link]" + EVIL
    peer_reply(store, local("2026-11-20", 11), name, {QUESTION: 4}, note=note)
    app = make_app(data_dir())
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await typed(pilot, "l")
        (row,) = list_rows(app)
        assert "[bold]Eve[/] [@click=ap" in row[1]
        await typed(pilot, "enter")
        shown = str(app.screen.query_one("#title").render()) + str(
            app.screen.query_one("#focus").render()
        )
        assert "[bold]Eve[/]" in shown and "[red]loud[/] [link=https://evil.example/]l" in shown
        for bad in ("\x1b", "\x07", "\u202e", "\u009b"):
            assert bad not in shown
        await pilot.click("#title")
        await pilot.click("#focus")
        await pilot.pause()
        assert app.is_running


async def test_an_unfinished_peer_reply_is_never_offered_to_resume() -> None:
    """A peer's reply is written whole: one without a finish time (a file written by
    hand or by another program) is shown, never resumed as a check-in nor discarded."""
    store = configured()
    reply = peer_reply(store, local("2026-11-22", 11), "Dana Ruiz", {}, finished=False)
    app = make_app(data_dir())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.workspace.in_progress() is None
    assert reply_file(reply)
