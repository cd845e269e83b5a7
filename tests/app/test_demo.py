"""The demo history: the same plan always gives the same history, it holds every kind of
thing the screens and exports show, and it tells the story it is meant to tell."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.rubric import builtin

from pmcoach.app import demo
from pmcoach.app.capture import WIN_KINDS
from pmcoach.cache.opener import open_store
from pmcoach.domain import exercises, ledger, manager, peer_request, rotation, rules, scores, streak
from pmcoach.domain.ids import ID_PATTERN
from pmcoach.domain.model import Rubric, Session, Text, Track
from pmcoach.drills import attempts

END = dt.date(2026, 11, 26)  # a Thursday: this week's check-in and the quarter's 1:1 are done
ZONE = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return builtin()


@pytest.fixture(scope="module")
def senior(rubric: Rubric) -> Track:
    found = rubric.track("senior")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def history(rubric: Rubric) -> demo.DemoHistory:
    return demo.generate(rubric, demo.DemoPlan(weeks=26, end=END), END)


def self_sessions(history: demo.DemoHistory) -> list[Session]:
    return [s for s in history.sessions if s.kind in rules.SELF_KINDS]


def test_the_same_plan_gives_the_same_history(rubric: Rubric) -> None:
    plan = demo.DemoPlan(weeks=40, seed=3, end=END)
    first = demo.generate(rubric, plan, END)
    assert demo.generate(rubric, plan, END) == first
    assert demo.generate(rubric, replace(plan, seed=4), END).sessions != first.sessions


def test_every_kind_of_session_and_event_is_there(
    history: demo.DemoHistory, rubric: Rubric
) -> None:
    assert {s.kind for s in history.sessions} == {"weekly", "full", "manager", "peer"}
    assert {e.kind for e in history.events} == {
        "grade",
        "win",
        "exercise-done",
        "topic",
        "topic-done",
        "peer-request",
        "drill",
    }
    year = demo.generate(rubric, demo.DemoPlan(weeks=52, end=END), END)
    assert "skip-week" in {e.kind for e in year.events}  # a week off is rarer than these
    weekly = [s for s in history.sessions if s.kind == "weekly"]
    assert sum(1 for s in weekly if s.commitments) > len(weekly) // 2
    assert all(len(s.commitments) <= 2 for s in weekly)
    outcomes = {r.outcome for s in weekly for r in s.commitment_reviews}
    assert outcomes == {"met", "missed", "renegotiated"}
    assert {r.outcome for s in weekly for r in s.exercise_reviews} == {"done", "partly", "not"}
    assert any(r.note for s in weekly for r in s.exercise_reviews)
    assert all(s.assigned for s in self_sessions(history))


def test_private_texts_are_there(history: demo.DemoHistory) -> None:
    texts: list[Text] = [e.text for e in history.events if e.text is not None]
    for session in history.sessions:
        texts += [a.note for a in session.answers if a.note is not None]
        texts += [session.reflection] if session.reflection is not None else []
    assert any(t.private for t in texts) and not all(t.private for t in texts)
    # A few, to show the rule; not so many that an export is mostly left out.
    assert sum(t.private for t in texts) < len(texts) * 0.08


def test_ids_look_like_the_apps_and_never_repeat(history: demo.DemoHistory) -> None:
    ids = [s.id for s in history.sessions] + [e.id for e in history.events]
    assert all(ID_PATTERN.match(i) for i in ids)
    assert len(set(ids)) == len(ids)
    assert all(f"-{e.kind}-" in e.id for e in history.events)
    commitments = [c.id for s in history.sessions for c in s.commitments]
    assert len(set(commitments)) == len(commitments)
    assert all(c.startswith("c-") and len(c) == 6 for c in commitments)


def test_nothing_happens_after_the_end(history: demo.DemoHistory) -> None:
    assert max(e.at.date() for e in history.events) <= END
    assert max(s.started.date() for s in history.sessions) <= END


def test_events_have_the_shape_the_commands_write(
    history: demo.DemoHistory, rubric: Rubric
) -> None:
    for event in history.events:
        assert event.device == "demo" and event.at.tzinfo is not None
        if event.kind == "grade":
            rating = event.data["rating"]
            assert isinstance(rating, int) and 1 <= rating <= 5
            assert set(event.data) <= {"rating", "note"} and event.text is not None
        elif event.kind == "win":
            assert event.data == {"win_kind": event.data["win_kind"]}
            assert event.data["win_kind"] in WIN_KINDS and event.skill is not None
        elif event.kind == "exercise-done":
            exercise = rubric.exercise(str(event.data["exercise"]))
            assert exercise is not None and event.skill == exercise.skills[0]
            assert event.text is not None
        elif event.kind == "skip-week":
            assert event.skill is None
            assert streak.skip_week(event, ZONE) == event.data["week"]
        elif event.kind == "peer-request":
            assert peer_request.from_event(event) is not None and event.text is not None
        elif event.kind == "drill":
            assert attempts.score_of(event) is not None and event.skill is not None
    assert any("note" in e.data for e in history.events if e.kind == "grade")
    marked_off = {e.data["week"] for e in history.events if e.kind == "skip-week"}
    assert not marked_off & set(streak.checkin_weeks(history.sessions, ZONE))


def test_a_manager_session_rates_each_skill(history: demo.DemoHistory, senior: Track) -> None:
    managers = [s for s in history.sessions if s.kind == "manager"]
    assert managers
    for session in managers:
        assert [a.skill for a in session.answers] == list(senior.skills)
        assert all(a.question is None and a.rating is not None for a in session.answers)
        assert session.finished is not None and session.reflection is None
    full = next(s for s in history.sessions if s.kind == "full")
    assert full.started < managers[0].started < full.started + dt.timedelta(days=5)


def test_each_review_covers_what_the_ledger_offers(history: demo.DemoHistory) -> None:
    """As the app does: a check-in or a full assessment reviews every commitment the
    ledger offers it (due by then, or made in the check-in before) and the exercises the
    session before proposed; only weekly check-ins make commitments."""
    selfs = self_sessions(history)
    previous: Session | None = None
    renegotiated = 0
    for index, session in enumerate(selfs):
        if session.kind == "full":
            assert not session.commitments
        offered = ledger.build(selfs[:index], ()).to_review(session)
        assert {r.commitment for r in session.commitment_reviews} == {e.id for e in offered}
        renegotiated += sum(1 for r in session.commitment_reviews if r.due is not None)
        if previous is not None:
            assert [r.exercise for r in session.exercise_reviews] == list(previous.assigned)
        previous = session
    assert renegotiated > 0
    assert any(s.kind == "full" and s.commitment_reviews for s in selfs)


def test_exercises_done_are_the_ones_reviewed_as_done(history: demo.DemoHistory) -> None:
    done = {str(e.data["exercise"]) for e in history.events if e.kind == "exercise-done"}
    reviewed = {r.exercise for s in history.sessions for r in s.exercise_reviews}
    reviewed_done = {
        r.exercise for s in history.sessions for r in s.exercise_reviews if r.outcome == "done"
    }
    assert reviewed_done <= done
    assert done & reviewed


def test_questions_and_exercises_follow_the_apps_rules(rubric: Rubric, senior: Track) -> None:
    """The demo hands the coach only the part of the history that can matter, to stay
    quick over ten years; the choices must be those the whole history gives."""
    history = demo.generate(rubric, demo.DemoPlan(weeks=60, end=END), END)
    earlier: list[Session] = []
    for session in self_sessions(history):
        if session.kind == "weekly":
            asked = [a.question for a in session.answers]
            planned = rotation.weekly_questions(rubric, senior, earlier)
            assert asked == [q.id for q in planned]
        at = session.finished
        assert at is not None
        focus = scores.focus(rubric, senior, history.config, [*earlier, session], at)
        assert focus is not None
        chosen = exercises.choose_exercises(rubric, senior, focus.skill, earlier)
        assert session.assigned == tuple(e.id for e in chosen)
        earlier.append(session)


def test_say_do_improves_and_the_manager_comes_closer(rubric: Rubric, senior: Track) -> None:
    history = demo.generate(rubric, demo.DemoPlan(weeks=260, end=END), END)
    now = dt.datetime.combine(END, dt.time(18), ZONE)
    weeks = streak.say_do_by_week(ledger.build(history.sessions, history.events), ZONE, now, 260)

    def ratio(part: tuple[tuple[str, streak.SayDo], ...]) -> float:
        met = sum(w.met for _, w in part)
        return met / (met + sum(w.missed for _, w in part))

    assert ratio(weeks[:52]) < 0.88 < 0.92 < ratio(weeks[-104:])

    def difference(session: Session) -> float:
        assert session.finished is not None
        rows = manager.compare(history.sessions, rubric, senior, session.finished)
        # The skill the last 1:1 sets far apart on purpose is not the general view.
        found = [r.difference for r in rows if r.difference is not None and not r.flagged]
        return sum(found) / len(found)

    managers = [s for s in history.sessions if s.kind == "manager"]
    assert difference(managers[0]) < -0.5
    assert abs(difference(managers[-1])) < 0.3


def test_the_written_folder_reads_back_as_generated(
    tmp_path: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    root = tmp_path / "demo"
    written = demo.write_demo(root, rubric, demo.DemoPlan(weeks=14, end=END), END)
    store = open_store(root)
    assert store.problems == []
    assert store.load_config() == written.config
    assert sorted(store.sessions(), key=lambda s: s.id) == sorted(
        written.sessions, key=lambda s: s.id
    )
    assert sorted(store.events(), key=lambda e: e.id) == sorted(written.events, key=lambda e: e.id)
