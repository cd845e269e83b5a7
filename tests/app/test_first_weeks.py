"""Track switches and first weeks: what comes first after a switch, where a report's
start is, and when the first review is due."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections import Counter
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.exports import from_store
from support.tui import configured, data_dir, finished_session, local
from textual.widgets import Static

from pmcoach.cli.main import main
from pmcoach.domain import rotation, scores, streak
from pmcoach.domain.model import Answer, Config, Rubric, Session, Track
from pmcoach.export import ExportData, Period, render
from pmcoach.export.files import gather
from pmcoach.export.report import build_report
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.store import Store
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.onboarding import OnboardingScreen
from pmcoach.tui.screens.settings import SettingsScreen

ZONE = ZoneInfo("Europe/Berlin")
NEW_EMPHASIS = ("communicate", "prioritize", "execute")
SENIOR_EMPHASIS = ("think-big", "earn-trust", "drive-impact")


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    found = load_rubric().rubric
    assert found is not None
    return found


def track(rubric: Rubric, name: str) -> Track:
    found = rubric.track(name)
    assert found is not None
    return found


def weeks_on_the_new_track(rubric: Rubric, count: int = 8) -> list[Session]:
    """Weekly check-ins as the app plans them; prioritize is rated lowest."""
    new = track(rubric, "new")
    sessions: list[Session] = []
    day = dt.datetime(2026, 9, 21, 9, tzinfo=ZONE)
    for index in range(count):
        questions = rotation.weekly_questions(rubric, new, sessions)
        sessions.append(
            Session(
                id=f"{day.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-weekly-{index:04x}",
                kind="weekly",
                track="new",
                rubric="builtin@2026.11",
                device="test",
                started=day,
                updated=day,
                finished=day,
                answers=tuple(
                    Answer(question=q.id, rating=2 if q.skill == "prioritize" else 3)
                    for q in questions
                ),
            )
        )
        day += dt.timedelta(weeks=1)
    return sessions


# --------------------------------------------------------------------------- track switch


def test_after_a_switch_the_new_tracks_unrated_emphasised_skills_come_first(
    rubric: Rubric,
) -> None:
    history = weeks_on_the_new_track(rubric)
    senior = track(rubric, "senior")
    asked = Counter(q.skill for q in rotation.weekly_questions(rubric, senior, history))
    fresh = [asked[s] for s in SENIOR_EMPHASIS]
    # Each of the three gets its turn: none is left with the one question every skill has.
    assert min(fresh) >= 2 and max(fresh) - min(fresh) <= 1, asked
    assert all(asked[s] <= min(fresh) for s in asked if s not in SENIOR_EMPHASIS), asked


def test_a_first_check_in_ever_keeps_the_plain_rotation(rubric: Rubric) -> None:
    senior = track(rubric, "senior")
    plain = rotation.weekly_questions(rubric, senior, [])
    # Every skill once, then rubric order fills the rest, as before any switch existed.
    assert Counter(q.skill for q in plain)["communicate"] == 6


def test_after_a_switch_an_unrated_emphasised_skill_is_the_focus_until_rated(
    rubric: Rubric,
) -> None:
    history = weeks_on_the_new_track(rubric)
    senior = track(rubric, "senior")
    config = Config(track="senior", time_zone="Europe/Berlin")
    at = history[-1].started + dt.timedelta(days=1)
    before = scores.focus(rubric, track(rubric, "new"), replace(config, track="new"), history, at)
    assert before is not None and before.skill == "prioritize"

    switched = scores.focus(rubric, senior, config, history, at)
    assert switched is not None
    assert switched.skill == "think-big"
    assert switched.reason.startswith("Think big: not rated yet (target 4)")
    assert "until your next check-in rates it" in switched.reason

    # One check-in on the new track rates the three; then the weighted gap decides.
    day = at + dt.timedelta(days=6)
    questions = rotation.weekly_questions(rubric, senior, history)
    rated = Session(
        id=f"{day.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-weekly-ffff",
        kind="weekly",
        track="senior",
        rubric="builtin@2026.11",
        device="test",
        started=day,
        updated=day,
        finished=day,
        answers=tuple(
            Answer(question=q.id, rating=4 if q.skill in SENIOR_EMPHASIS else 3) for q in questions
        ),
    )
    after = scores.focus(rubric, senior, config, [*history, rated], day)
    assert after is not None and after.skill == "prioritize" and after.score is not None


# --------------------------------------------------------------------------- report start


def test_a_skills_report_start_rests_on_at_least_two_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-23")
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    store = configured(track="new")
    weeks = [
        ("2026-10-05", {"execute.unblocked": 1}),  # one answer: not a start
        ("2026-10-12", {"execute.unblocked": 1, "execute.cut-scope": 3}),  # 2.0 on two
        ("2026-10-19", {"execute.unblocked": 3, "execute.cut-scope": 3}),  # 3.0
    ]
    for index, (day, ratings) in enumerate(weeks):
        finished_session(store, local(day), ratings, track="new", suffix=f"{index:04x}")
    config = store.load_config()
    rubric = load_rubric(store.root).rubric
    assert config is not None and rubric is not None
    now = local("2026-11-23", 12)
    period = Period(dt.date(2026, 9, 28), now.date(), "last 9 weeks")
    report = build_report(gather(store, config, rubric, period, False, now))
    execute = next(line for line in report.skills if line.skill == "execute")
    assert (execute.start, execute.now) == (2.0, 3.0)
    assert execute.change == 1.0
    assert "Execute rose +1.0 to 3.0 in this period." in report.strengths


# --------------------------------------------------------------------------- first review


def status(config: Config, day: str) -> streak.WeekStatus:
    now = dt.datetime.fromisoformat(f"{day}T12:00:00").replace(tzinfo=ZONE)
    return streak.week_status(config, [], [], now)


def test_the_first_review_is_due_on_the_first_review_day_after_onboarding() -> None:
    config = Config(review_day=0, time_zone="Europe/Berlin", onboarded=dt.date(2026, 11, 22))
    assert status(config, "2026-11-22").state == "upcoming"  # the Sunday of set-up
    assert status(config, "2026-11-23").state == "due"  # the Monday after
    assert status(config, "2026-11-26").state == "overdue"
    # Set up on the review day itself: due that day.
    same_day = replace(config, onboarded=dt.date(2026, 11, 23))
    assert status(same_day, "2026-11-23").state == "due"
    # A folder set up before the date was kept counts every week, as it always did.
    assert status(replace(config, onboarded=None), "2026-11-22").state == "overdue"


async def test_onboarding_on_a_sunday_is_not_overdue_and_settings_keep_the_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-22")  # a Sunday
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        line = str(app.screen.query_one("#status-line", Static).render())
        assert "OVERDUE" not in line and "Upcoming" in line, line
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
    config = tomllib.loads((data_dir() / "config.toml").read_text())
    assert config["onboarded"] == dt.date(2026, 11, 22)
    assert Store.open(data_dir()).load_config() is not None


def test_the_set_up_date_survives_an_export_and_an_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-23")
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    source = Store.open(tmp_path / "source")
    source.save_config(Config(time_zone="Europe/Berlin", onboarded=dt.date(2026, 11, 22)))
    backup = tmp_path / "backup.json"
    backup.write_text(render("json", from_store(source)))
    assert json.loads(backup.read_text())["config"]["onboarded"] == "2026-11-22"
    assert main(["import", str(backup), "--data-dir", str(tmp_path / "target")]) == 0
    restored = Store.open(tmp_path / "target").load_config()
    assert restored is not None and restored.onboarded == dt.date(2026, 11, 22)


def test_a_skill_with_one_question_starts_on_that_one(rubric: Rubric) -> None:
    single = replace(
        rubric,
        questions=tuple(
            q for q in rubric.questions if q.skill != "execute" or q.id == "execute.unblocked"
        ),
    )
    sessions = []
    for index, (day, rating) in enumerate((("2026-10-05", 2), ("2026-10-12", 3))):
        started = dt.datetime.fromisoformat(f"{day}T09:00:00").replace(tzinfo=ZONE)
        sessions.append(
            Session(
                id=f"{started.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-weekly-{index:04x}",
                kind="weekly",
                track="new",
                rubric="builtin@2026.11",
                device="test",
                started=started,
                updated=started,
                finished=started,
                answers=(Answer(question="execute.unblocked", rating=rating),),
            )
        )
    now = dt.datetime(2026, 11, 23, 12, tzinfo=ZONE)
    data = ExportData(
        config=Config(track="new", time_zone="Europe/Berlin"),
        sessions=tuple(sessions),
        events=(),
        period=Period(dt.date(2026, 9, 28), now.date(), "last 9 weeks"),
        include_private=False,
        now=now,
        rubric=single,
    )
    execute = next(line for line in build_report(data).skills if line.skill == "execute")
    assert (execute.start, execute.now) == (2.0, 3.0)
