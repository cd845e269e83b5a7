"""The agenda in the app: `t` on the dashboard, the list with `d`, and the 1:1 topic at the
end of a check-in. Keys go in one burst each, then the saved files are compared with
what was meant."""

from __future__ import annotations

import pytest
from support import exports
from support.tui import TODAY, configured, data_dir, finished_session, local, settle
from textual.widgets import DataTable

from pmcoach.app.agenda import CHECKIN_PROMPT
from pmcoach.cache.opener import open_store
from pmcoach.domain.model import LEVELS_SCALE, TOPIC, TOPIC_DONE, Event, Text
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.agenda import AgendaScreen
from pmcoach.tui.screens.commitments import CommitmentsScreen
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.question import QuestionScreen
from pmcoach.tui.screens.reflection import ReflectionScreen
from pmcoach.tui.screens.results import ResultsScreen


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def events(kind: str) -> list[Event]:
    return sorted(
        (e for e in open_store(data_dir()).events() if e.kind == kind), key=lambda e: e.id
    )


async def test_t_adds_topics_in_one_burst_private_when_asked() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(
            "t",
            *"Ask about the promo timeline",
            "enter",
            "ctrl+t",
            *"Salary band",
            "enter",
            "escape",
        )
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert {e.text for e in events(TOPIC)} == {
        Text("Ask about the promo timeline", False),
        Text("Salary band", True),
    }


async def test_the_list_marks_the_chosen_topic_discussed() -> None:
    store = configured()
    from pmcoach.domain import agenda

    first = agenda.topic_event(Text("Promo timeline"), local("2026-11-16"), "test-device")
    second = agenda.topic_event(Text("Hiring plan"), local("2026-11-17"), "test-device")
    store.save_event(first)
    store.save_event(second)
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t", "tab", "down", "d", "y")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
    (done,) = events(TOPIC_DONE)
    assert done.data == {"topic": second.id}


async def test_a_suggested_topic_is_listed_and_marked_discussed() -> None:
    store = configured()
    question = "communicate.answer-first"
    finished_session(store, local("2026-11-16"), {question: 5, "communicate.gave-the-date": 4})
    when = local("2026-11-18", 15)
    store.save_session(
        exports.manager(when, "e001", scale=LEVELS_SCALE, ratings={"communicate": 2})
    )
    app = make_app(data_dir())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        (suggested,) = screen.topics
        assert suggested.suggested and suggested.skill == "communicate"
        await pilot.press("tab", "d", "y")
        await pilot.pause()
        assert screen.topics == ()
    (done,) = events(TOPIC_DONE)
    assert done.data == {"topic": suggested.key}


async def test_the_checkin_ends_with_a_topic_for_the_next_one_to_one() -> None:
    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        for _ in range(100):
            if not isinstance(app.screen, QuestionScreen):
                break
            await pilot.press("3")
            await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentsScreen)
        assert CHECKIN_PROMPT in app.screen.query_one("#topic").placeholder  # type: ignore[attr-defined]
        # A commitment, then to the topic past to whom, by when and private; the topic's
        # own private ticked; ctrl+f saves what is typed and finishes.
        await pilot.press(
            *"Send the launch date",
            "tab",
            *"Dana",
            "ctrl+s",
            "tab",
            "tab",
            "tab",
            "tab",
            *"Ask about the promo criteria",
            "tab",
            "space",
            "ctrl+f",
        )
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
    (topic,) = events(TOPIC)
    assert topic.text == Text("Ask about the promo criteria", True)
    (session,) = open_store(data_dir()).sessions()
    assert [c.text for c in session.commitments] == ["Send the launch date"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_agenda_snapshot(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Two topics of one's own (one private, one about a skill), then a suggested one."""
    from pmcoach.domain import agenda

    store = configured()
    finished_session(
        store, local("2026-11-16"), {"communicate.answer-first": 5, "communicate.gave-the-date": 4}
    )
    when = local("2026-11-18", 15)
    store.save_session(
        exports.manager(when, "e001", scale=LEVELS_SCALE, ratings={"communicate": 2})
    )
    for day, text, private, skill in (
        ("2026-11-16", "Ask about the promotion timeline", True, None),
        ("2026-11-17", "Who owns the pricing page after the reorg?", False, "prioritize"),
    ):
        event = agenda.topic_event(Text(text, private), local(day), "test-device", skill)
        store.save_event(event)
    assert snap_compare(make_app(data_dir()), press=["t"], terminal_size=size)


async def test_a_hostile_topic_is_drawn_literally_without_control_characters() -> None:
    from support.hostile import EVIL, FORBIDDEN

    from pmcoach.domain import agenda

    store = configured()
    store.save_event(agenda.topic_event(Text(EVIL), local("2026-11-16"), "test-device"))
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        drawn = "".join(str(cell) for cell in table.get_row_at(0))
        assert "pwned" in drawn and "evil" in drawn
        assert not any(c in drawn for c in FORBIDDEN), repr(drawn)
