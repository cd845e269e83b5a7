"""The app driven by keys, as a person would: onboarding, check-ins, resume, corrections."""

from __future__ import annotations

import tomllib
from dataclasses import replace

import pytest
from support.tui import (
    TODAY,
    configured,
    data_dir,
    finished_session,
    local,
    only_session,
    session_files,
    settle,
)
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from pmcoach.app.present import dashboard
from pmcoach.app.workspace import Workspace
from pmcoach.cache.opener import open_store
from pmcoach.domain import rotation
from pmcoach.domain.model import Config, Text
from pmcoach.storage.lock import take_lock
from pmcoach.storage.sessions import decode_session
from pmcoach.tui.app import PMCoachApp, make_app
from pmcoach.tui.screens.commitments import CommitmentsScreen
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.onboarding import OnboardingScreen
from pmcoach.tui.screens.question import QuestionScreen
from pmcoach.tui.screens.reflection import ReflectionScreen
from pmcoach.tui.screens.results import ResultsScreen
from pmcoach.tui.screens.resume import ResumeScreen
from pmcoach.tui.screens.settings import SettingsScreen
from pmcoach.tui.widgets.skill_table import SkillTable
from pmcoach.tui.widgets.text_field import TextField


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def screen_text(app: PMCoachApp) -> str:
    parts = []
    for widget in app.screen.query(Static):
        parts.append(str(widget.render()))
    return "\n".join(parts)


async def answer_all(pilot, app: PMCoachApp, rating: str = "3") -> int:  # type: ignore[no-untyped-def]
    """Rate every question; frequency questions get a count of 3. Returns how many."""
    count = 0
    while isinstance(app.screen, QuestionScreen):
        screen = app.screen
        question = screen.question
        assert question is not None
        await pilot.press(rating)
        await pilot.pause()
        assert app.screen is not screen or screen.question is not question  # never held
        count += 1
        assert count < 100
    return count


async def test_onboarding_saves_config_and_opens_dashboard() -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press("down")  # the second track: senior
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    config = tomllib.loads((data_dir() / "config.toml").read_text())
    assert config["track"] == "senior"
    assert config["review_day"] == "monday"
    assert (data_dir() / "config.toml").stat().st_mode & 0o777 == 0o600
    assert data_dir().stat().st_mode & 0o777 == 0o700


async def test_onboarding_refuses_a_bad_time_in_place() -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form_time = app.screen.query_one("#review-time")
        form_time.focus()
        await pilot.press("end", *["backspace"] * 5, *"25:99")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        error = app.screen.query_one("#form-error", Static)
        assert "is not HH:MM" in str(error.render())
    assert not (data_dir() / "config.toml").exists()


async def test_weekly_check_in_end_to_end() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        total = app.screen.checkin.total
        assert 7 <= total <= 12  # every senior skill at least once
        # Each answer is on disk before the next question appears.
        await pilot.press("3")
        await pilot.pause()
        saved = only_session()
        assert len(saved["answers"]) == 1  # type: ignore[arg-type]
        answered = 1 + await answer_all(pilot, app)
        assert answered == total
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press(*"Spoke in stories")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentsScreen)
        assert only_session()["reflection"] == {"text": "Spoke in stories", "private": False}
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
    doc = only_session()
    assert doc["kind"] == "weekly"
    assert "finished" in doc
    assert doc["reflection"] == {"text": "Spoke in stories", "private": False}
    assert len(doc["answers"]) == total  # type: ignore[arg-type]


async def test_full_assessment_asks_every_active_question() -> None:
    configured(track="new")
    app = make_app(data_dir())
    expected = list(rotation.full_questions(app.workspace.rubric, app.workspace.track))
    active = app.workspace.rubric.active_questions(app.workspace.track)
    assert len(expected) == len([q for q in active if q.scored])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert await answer_all(pilot, app, "2") == len(expected)
        assert isinstance(app.screen, ResultsScreen)
    doc = only_session()
    assert doc["kind"] == "full"
    assert [a["question"] for a in doc["answers"]] == [q.id for q in expected]  # type: ignore[index, union-attr]


async def test_last_rating_is_hidden_until_rated() -> None:
    store = configured(track="new")
    workspace = Workspace.open(data_dir())
    every = workspace.plan("full")
    workspace.close()
    # All asked at once: the next check-in starts again with the first question.
    finished_session(store, local("2026-11-16"), dict.fromkeys((q.id for q in every), 2))
    question = every[0]
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.question is not None and screen.question.id == question.id
        text = screen_text(app)
        assert "hidden until you rate" in text
        assert "last time: 2" not in text
        await pilot.press("4")  # a jump of two: evidence is invited, the next question shows
        await pilot.pause()
        text = screen_text(app)
        assert "last time: 2" in text
        assert "That is a big change: e adds evidence to it" in text
        assert screen.checkin.position == 1


async def test_leave_and_resume_on_the_same_device() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("right")  # skip the second
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    app.workspace.close()
    doc = only_session()
    assert "finished" not in doc
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.checkin.position == 2


async def test_discard_moves_the_session_to_trash() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("3")
        await pilot.press("escape")
        await pilot.pause()
    app.workspace.close()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert session_files() == []
    assert len(list((data_dir() / "trash").rglob("*.toml"))) == 1


async def test_correct_an_answer_from_the_session_list() -> None:
    store = configured(track="new")
    session = finished_session(
        store, local("2026-11-16"), {"communicate.answer-first": 2, "prioritize.said-no": 3}
    )
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("5")
        await pilot.pause()
    fixed = decode_session(only_session())
    assert fixed.id == session.id
    assert fixed.answers[0].rating == 5
    assert fixed.answers[1].rating == 3
    assert fixed.updated > session.updated


async def test_delete_a_session_to_trash_and_restore_it() -> None:
    store = configured(track="new")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 2})
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert session_files() == []
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
    assert len(session_files()) == 1


HOSTILE = "[@click=app.quit]click me[/] [bold]x [/ [TODO] \x1b]0;title\x07 \u202eevil 😀 漢字"


async def test_a_hostile_note_is_stored_unchanged_and_shown_literally() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        area = app.screen.query_one("#note", TextField)
        area.insert(HOSTILE)
        await pilot.press("escape")  # leaves the note, keeps it
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
    doc = only_session()
    assert doc["answers"][0]["note"] == {"text": HOSTILE.strip(), "private": False}  # type: ignore[index]


async def test_private_toggle_is_saved_with_the_note() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("n")
        await pilot.press(*"secret")
        await pilot.press("escape")
        await pilot.press("v")  # back into the note, now private
        await pilot.press("escape")
        await pilot.press("3")
        await pilot.pause()
    doc = only_session()
    assert doc["answers"][0]["note"] == {"text": "secret", "private": True}  # type: ignore[index]


async def test_a_second_instance_is_read_only_and_says_who_holds_the_folder() -> None:
    store = configured()
    lock = take_lock(store.cache_dir / "lock")
    try:
        app = make_app(data_dir())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            assert app.workspace.read_only is not None
            assert "pid" in app.workspace.read_only
            await pilot.press("w")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
        assert session_files() == []
    finally:
        lock.release()


async def test_an_unreadable_file_is_listed_and_left_untouched() -> None:
    store = configured(track="new")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 4})
    bad = data_dir() / "sessions" / "2026" / "20261110T080000Z-weekly-dead.toml"
    bad.write_bytes(b"schema = 1\nid = [unclosed\n")
    before = bad.read_bytes()
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        problems = str(app.screen.query_one("#problems", Static).render())
        assert "20261110T080000Z-weekly-dead.toml" in problems
        rows = {row.skill: row for row in dashboard.overview(app.workspace).rows}
        assert rows["communicate"].score == 4.0
    assert bad.read_bytes() == before


async def test_help_shows_the_screens_keys_and_the_data_folder() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "weekly check-in" in text
        assert str(data_dir()) in text.replace("\n", "")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


def test_store_sees_what_the_tests_wrote() -> None:
    store = configured()
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 4}, note=Text("x"))
    assert len(open_store(data_dir()).sessions()) == 1


async def test_settings_change_the_track_and_keep_history() -> None:
    store = configured(track="new")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 2}, track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("down", "enter")  # senior
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        titles = [str(row[0]) for row in app.screen.query_one(SkillTable).rows_text()]
        assert "Think big" in titles
    config = tomllib.loads((data_dir() / "config.toml").read_text())
    assert config["track"] == "senior"
    assert decode_session(only_session()).track == "new"


async def test_saving_settings_keeps_a_change_made_elsewhere_meanwhile() -> None:
    """Only what the form changed is saved, onto the settings as they are on disk."""
    store = configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        # Another window (or a synced machine) changes the time zone and a target.
        store.update_config(
            lambda c: replace(c or Config(), time_zone="Asia/Tokyo", targets={"execute": 5})
        )
        await pilot.press("down", "enter")  # senior
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    config = tomllib.loads((data_dir() / "config.toml").read_text())
    assert config["track"] == "senior"
    assert config["time_zone"] == "Asia/Tokyo"
    assert config["targets"]["execute"] == 5


async def test_a_wrong_time_zone_is_refused_in_place() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#time-zone", Input).value = "Mars/Olympus"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "Unknown time zone" in str(app.screen.query_one("#form-error", Static).render())
    config = tomllib.loads((data_dir() / "config.toml").read_text())
    assert config["time_zone"] == "Europe/Berlin"


async def test_the_command_palette_reaches_the_screens_actions() -> None:
    from pmcoach.tui.screens.progress import ProgressScreen

    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Progress")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)


async def test_the_offer_to_resume_last_weeks_checkin_says_which_week_it_counts_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "3", "escape")
        await pilot.pause()
    app.workspace.close()
    monkeypatch.setenv("PMCOACH_TODAY", "2026-12-01")  # the next week
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen)
        text = " ".join(screen_text(app).split())
        assert "It counts for 2026-W48, not for this week's review, which stays due." in text
        assert "To check in for this week, discard it and press w." in text
    app.workspace.close()


async def test_the_dashboard_scrolls_under_the_scroll_keys_with_nothing_focused() -> None:
    """Nothing takes the focus at start (focusing the page would restyle it before the
    first frame), and the page still scrolls from the keyboard on a short terminal."""
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 12)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.focused is None
        page = app.screen.query_one(VerticalScroll)
        assert page.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert page.scroll_y == page.max_scroll_y
        await pilot.press("up", "home")
        await pilot.pause()
        assert page.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert page.scroll_y > 0
    app.workspace.close()
