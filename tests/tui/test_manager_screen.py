"""The manager's ratings driven by keys: record, leave and resume, compare, flag."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local, settle
from textual.widgets import Static

from pmcoach.app.present.manager import FLAG
from pmcoach.cache.opener import open_store
from pmcoach.cli import main
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.lock import take_lock
from pmcoach.storage.sessions import decode_session
from pmcoach.tui.app import PMCoachApp, make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.manager import ComparisonScreen, ManagerScreen
from pmcoach.tui.screens.resume import ResumeScreen
from pmcoach.tui.widgets.text_field import TextField

HOSTILE = "[bold red]boss said[/] \x1b]0;pwned\x07 ‮rtl‬ $(rm -rf ~) 'q\" \\ ✓"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def manager_files() -> list[Path]:
    return sorted((data_dir() / "sessions").rglob("*-manager-*.toml"))


def only_manager_session() -> dict[str, object]:
    files = manager_files()
    assert len(files) == 1, files
    return tomllib.loads(files[0].read_text())


def screen_text(app: PMCoachApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


def senior_skills() -> list[str]:
    rubric = load_rubric(data_dir()).rubric
    assert rubric is not None
    track = rubric.track("senior")
    assert track is not None
    return [s.id for s in rubric.track_skills(track)]


async def open_manager(pilot, app: PMCoachApp) -> ManagerScreen:  # type: ignore[no-untyped-def]
    """As `m` on the dashboard does, after saying "later" to any resume prompt."""
    await settle(pilot)
    if isinstance(app.screen, ResumeScreen):
        await pilot.press("escape")
        await pilot.pause()
    assert isinstance(app.screen, DashboardScreen)
    app.push_screen(ManagerScreen())
    await pilot.pause()
    assert isinstance(app.screen, ManagerScreen)
    return app.screen


async def test_ratings_for_every_skill_are_saved_as_a_manager_session() -> None:
    configured()
    skills = senior_skills()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_manager(pilot, app)
        assert screen.ratings is not None and screen.ratings.total == len(skills)
        # The PM's own score is hidden before the rating, so it cannot anchor it.
        assert "hidden until" in screen_text(app)
        await pilot.press("4")
        await pilot.pause()
        saved = only_manager_session()  # on disk before the next skill appears
        assert saved["answers"] == [{"skill": skills[0], "rating": 4}]
        assert "✓ Saved." in screen_text(app) and "manager 4" in screen_text(app)
        for _ in skills[1:]:
            await pilot.press("3")
            await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        assert len(app.screen.rows) == len(skills)
    app.workspace.close()
    saved = only_manager_session()
    assert saved["kind"] == "manager" and "finished" in saved
    answers = saved["answers"]
    assert isinstance(answers, list)
    assert [a["skill"] for a in answers] == skills
    assert [a["rating"] for a in answers] == [4] + [3] * (len(skills) - 1)
    assert all("question" not in a for a in answers)


async def test_leave_keeps_the_session_and_m_resumes_it_where_it_stopped() -> None:
    configured()
    skills = senior_skills()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot, app)
        await pilot.press("2", "5")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    app.workspace.close()
    saved = only_manager_session()
    assert "finished" not in saved and len(saved["answers"]) == 2  # type: ignore[arg-type]

    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_manager(pilot, app)
        assert screen.ratings is not None
        assert screen.ratings.current is not None
        assert screen.ratings.current.id == skills[2]  # first unrated skill
        await pilot.press("left")
        await pilot.pause()
        # Already rated: the PM's own score is shown beside it now.
        assert "manager 5" in screen_text(app)
    assert len(manager_files()) == 1  # resumed, not a second session


async def test_the_resume_prompt_reopens_a_manager_session_on_its_screen() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_manager(pilot, app)
        await pilot.press("3", "escape")
        await pilot.pause()
    app.workspace.close()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")  # the dashboard offers the unfinished session
        await pilot.pause()
        assert isinstance(app.screen, ManagerScreen)
        assert app.screen.ratings is not None and app.screen.ratings.position == 1


async def test_a_difference_of_two_is_flagged_with_words() -> None:
    store = configured()
    skills = senior_skills()
    rubric = load_rubric(data_dir()).rubric
    assert rubric is not None
    first = next(q for q in rubric.questions if q.skill == skills[0] and q.kind == "rating")
    second = next(q for q in rubric.questions if q.skill == skills[1] and q.kind == "rating")
    finished_session(store, local("2026-11-20"), {first.id: 2, second.id: 3})
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_manager(pilot, app)
        await pilot.press("4")  # difference +2.0 on the first skill
        await pilot.pause()
        assert FLAG in screen_text(app)
        await pilot.press("4")  # difference +1.0 on the second: not flagged
        for _ in skills[2:]:
            await pilot.press("right")
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        _, first, second, *_ = app.screen.rows_text()
        assert first[1:] == ["2.0", "4", "+2.0", FLAG]
        assert second[1:] == ["3.0", "4", "+1.0", ""]
        assert "Topics for your next 1:1" in screen_text(app)
    answers = only_manager_session()["answers"]
    assert isinstance(answers, list)
    assert [a.get("skipped", False) for a in answers[2:]] == [True] * (len(skills) - 2)


async def test_a_hostile_note_is_stored_unchanged_and_private() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_manager(pilot, app)
        await pilot.press("n")
        await pilot.pause()
        field = screen.query_one("#note", TextField)
        field.insert(HOSTILE)
        await pilot.press("escape")  # leaves the field, keeps the text
        await pilot.press("v")  # back into the note, now private
        await pilot.press("escape")
        await pilot.press("3")
        await pilot.pause()
    path = manager_files()[0]
    session = decode_session(tomllib.loads(path.read_text()))
    note = session.answers[0].note
    assert note is not None and note.text == HOSTILE.strip() and note.private
    assert session.answers[0].rating == 3


async def test_read_only_refuses_and_writes_nothing() -> None:
    configured()
    store = open_store(data_dir())
    with take_lock(store.cache_dir / "lock"):
        app = make_app(data_dir())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.push_screen(ManagerScreen())
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
    assert manager_files() == []


async def test_opening_on_the_manager_screen() -> None:
    configured()
    app = make_app(data_dir(), start="manager")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ManagerScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


def test_assess_without_manager_is_a_one_line_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configured()
    assert main.main(["assess"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "press a" in err
    assert manager_files() == []


def test_assess_manager_in_a_folder_not_set_up_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main.main(["assess", "--manager"]) == 2
    assert "not set up" in capsys.readouterr().err
