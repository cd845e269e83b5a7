"""The manager's ratings: saved after every change, resumable, and compared with self scores."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from support.coaching import kept_in

from pmcoach.domain import manager
from pmcoach.domain.manager import ManagerRatings
from pmcoach.domain.model import Answer, Bank, Question, Rubric, Session, Skill, Track
from pmcoach.storage import toml_io
from pmcoach.storage.sessions import decode_session, encode_session

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
HOSTILE = "[bold red]x[/] \x1b]0;pwned\x07 ‮evil‬ \r\n$(rm -rf ~) 'q\" \\"


def rubric() -> Rubric:
    skills = (
        Skill("communicate", "Communicate", "Say it so it lands."),
        Skill("prioritize", "Prioritize", "Choose what not to do."),
        Skill("execute", "Execute", "Ship."),
    )
    questions = tuple(
        Question(f"{s.id}.q{i}", s.id, "rating", f"prompt {i}", anchors=("a",) * 5)
        for s in skills
        for i in range(2)
    )
    track = Track("new", "New PM", tuple(s.id for s in skills))
    return Rubric((Bank("builtin", "1"),), (track,), skills, questions, ())


def track() -> Track:
    return rubric().tracks[0]


def self_session(when: dt.datetime, ratings: dict[str, int]) -> Session:
    return Session(
        id=f"{when:%Y%m%dT%H%M%SZ}-weekly-0000",
        kind="weekly",
        track="new",
        rubric="builtin@1",
        device="d",
        started=when,
        updated=when,
        finished=when,
        answers=tuple(Answer(question=q, rating=r) for q, r in ratings.items()),
    )


def started(saved: list[Session], now: dt.datetime = NOW) -> ManagerRatings:
    return ManagerRatings.start(
        rubric=rubric(),
        track=track(),
        device="d",
        now=now,
        save=saved.append,
        create=kept_in(saved),
    )


def test_start_writes_nothing_until_the_first_rating() -> None:
    """Ratings left before the first one leave no file to be asked about on every start."""
    saved: list[Session] = []
    ratings = started(saved)
    assert saved == [] and not ratings.written
    session = ratings.session
    assert session.kind == "manager" and session.in_progress and session.answers == ()
    assert "-manager-" in session.id
    assert [s.id for s in ratings.skills] == ["communicate", "prioritize", "execute"]
    ratings.rate(3, NOW)
    assert len(saved) == 1 and ratings.written


def test_every_change_is_saved_and_the_file_round_trips() -> None:
    saved: list[Session] = []
    ratings = started(saved)
    ratings.rate(4, NOW)
    ratings.set_note(HOSTILE, True, NOW)
    ratings.advance()
    ratings.skip(NOW)
    ratings.rate(2, NOW)
    assert len(saved) == 4  # rate, note, skip, rate
    session = ratings.finish(NOW + dt.timedelta(minutes=5))
    answers = {a.skill: a for a in session.answers}
    assert answers["communicate"].rating == 4
    assert answers["communicate"].note is not None
    assert answers["communicate"].note.text == HOSTILE  # stored exactly as written
    assert answers["communicate"].note.private
    assert answers["prioritize"].skipped and answers["prioritize"].rating is None
    assert answers["execute"].rating == 2
    assert all(a.question is None for a in session.answers)
    again = decode_session(toml_io.parse_document(encode_session(session)))
    assert again == session


def test_rating_keeps_the_note_and_refuses_out_of_range() -> None:
    ratings = started([])
    ratings.set_note("said in the 1:1", False, NOW)
    ratings.rate(3, NOW)
    answer = ratings.answer_for("communicate")
    assert answer is not None and answer.rating == 3 and not answer.skipped
    assert answer.note is not None and answer.note.text == "said in the 1:1"
    with pytest.raises(ValueError):
        ratings.rate(6, NOW)
    with pytest.raises(ValueError):
        ratings.rate(0, NOW)


def test_skip_keeps_an_existing_rating() -> None:
    ratings = started([])
    ratings.rate(5, NOW)
    ratings.back()
    ratings.back()  # already at the start: stays
    assert ratings.position == 0
    ratings.skip(NOW)
    answer = ratings.answer_for("communicate")
    assert answer is not None and answer.rating == 5


def test_resume_starts_at_the_first_unrated_skill_and_keeps_retired_skills() -> None:
    saved: list[Session] = []
    ratings = started(saved)
    ratings.rate(3, NOW)
    session = replace_answers(saved[-1], (*saved[-1].answers, Answer(skill="gone", rating=2)))
    resumed = ManagerRatings.resume(session, rubric(), track(), saved.append)
    assert resumed.current is not None and resumed.current.id == "prioritize"
    assert [s.id for s in resumed.skills][-1] == "gone"


def replace_answers(session: Session, answers: tuple[Answer, ...]) -> Session:
    return replace(session, answers=answers)


def test_only_manager_sessions_are_accepted() -> None:
    with pytest.raises(ValueError):
        ManagerRatings(self_session(NOW, {}), [], lambda s: None)


def test_in_progress_finds_this_devices_unfinished_manager_session() -> None:
    mine = started([]).session
    other = replace(mine, id=mine.id[:-4] + "beef", device="other")
    weekly = self_session(NOW + dt.timedelta(hours=1), {})
    unfinished_weekly = replace(weekly, finished=None)
    assert manager.in_progress([mine, other, unfinished_weekly], "d") == mine
    assert manager.in_progress([other, unfinished_weekly], "d") is None


def test_compare_shows_self_beside_manager_and_flags_a_difference_of_two() -> None:
    week_ago = NOW - dt.timedelta(days=7)
    history = [
        self_session(
            week_ago,
            {
                "communicate.q0": 3,
                "communicate.q1": 4,  # 3.5
                "prioritize.q0": 2,  # 2.0
                "execute.q0": 5,  # 5.0
            },
        )
    ]
    saved: list[Session] = []
    ratings = started(saved)
    ratings.rate(4, NOW)  # communicate: difference +0.5
    ratings.advance()
    ratings.rate(4, NOW)  # prioritize: difference +2.0, flagged
    ratings.advance()
    ratings.rate(3, NOW)  # execute: difference −2.0, flagged
    history.append(ratings.finish(NOW))
    rows = {r.skill: r for r in manager.compare(history, rubric(), track(), NOW)}
    assert rows["communicate"].cells == ("3.5", "4", "+0.5")
    assert not rows["communicate"].flagged
    assert rows["prioritize"].difference == 2.0 and rows["prioritize"].flagged
    assert rows["execute"].cells == ("5.0", "3", "−2.0")
    assert rows["execute"].flagged
    assert rows["communicate"].title == "Communicate"


def test_compare_without_one_side_has_no_difference_and_no_flag() -> None:
    history = [self_session(NOW - dt.timedelta(days=1), {"communicate.q0": 1})]
    rows = manager.compare(history, rubric(), track(), NOW)
    assert all(r.manager is None and r.difference is None and not r.flagged for r in rows)
    assert rows[0].cells == ("1.0", "–", "–")


def test_a_difference_just_under_two_is_not_flagged() -> None:
    history = [self_session(NOW - dt.timedelta(days=1), {"communicate.q0": 2, "communicate.q1": 3})]
    ratings = started([])
    ratings.rate(4, NOW)
    history.append(ratings.finish(NOW))
    row = manager.compare(history, rubric(), track(), NOW)[0]
    assert row.difference == 1.5 and not row.flagged


def test_a_manager_rating_older_than_eight_weeks_is_not_compared() -> None:
    old = NOW - dt.timedelta(weeks=9)
    ratings = started([], old)
    ratings.rate(5, old)
    history = [ratings.finish(old), self_session(NOW, {"communicate.q0": 3})]
    row = manager.compare(history, rubric(), track(), NOW)[0]
    assert row.manager is None and row.difference is None


# --------------------------------------------------------------------------- one scale


def old_scale(when: dt.datetime, ratings: dict[str, int]) -> Session:
    """A manager session as written before the levels scale: no `scale` in the file."""
    return Session(
        id=f"{when:%Y%m%dT%H%M%SZ}-manager-01d5",
        kind="manager",
        track="new",
        rubric="builtin@1",
        device="d",
        started=when,
        updated=when,
        finished=when,
        answers=tuple(Answer(skill=s, rating=r) for s, r in ratings.items()),
    )


def test_a_new_manager_session_says_it_is_on_the_levels_scale() -> None:
    saved: list[Session] = []
    ratings = started(saved)
    ratings.rate(4, NOW)
    assert saved[-1].scale == "levels" and manager.comparable(saved[-1])
    assert 'scale = "levels"' in encode_session(saved[-1]).decode()
    assert decode_session(toml_io.parse_document(encode_session(saved[-1]))).scale == "levels"


def test_an_old_scale_rating_gives_no_difference_and_no_flag() -> None:
    """A 4 "above the bar" is not a level 4: a gap of +2.5 from it was invented."""
    history = [
        self_session(NOW - dt.timedelta(days=7), {"prioritize.q0": 1, "prioritize.q1": 2}),
        old_scale(NOW - dt.timedelta(days=1), {"prioritize": 4}),
    ]
    assert not manager.comparable(history[1])
    row = {r.skill: r for r in manager.compare(history, rubric(), track(), NOW)}["prioritize"]
    assert row.manager == 4 and not row.comparable
    assert row.difference is None and not row.flagged
    assert row.cells == ("1.5", "4", "–") and row.old_scale
    assert row.manager_text == "4 (old scale)"


def test_a_levels_rating_after_an_old_one_is_compared_again() -> None:
    history = [
        self_session(NOW - dt.timedelta(days=7), {"prioritize.q0": 2}),
        old_scale(NOW - dt.timedelta(days=3), {"prioritize": 5}),
    ]
    ratings = started([])
    ratings.advance()
    ratings.rate(4, NOW)
    history.append(ratings.finish(NOW))
    row = {r.skill: r for r in manager.compare(history, rubric(), track(), NOW)}["prioritize"]
    assert (row.manager, row.comparable, row.difference, row.flagged) == (4, True, 2.0, True)


def test_latest_ratings_are_the_latest_manager_rating_in_the_window() -> None:
    sessions = [
        replace(old_scale(NOW - dt.timedelta(weeks=9), {"execute": 1}), id="a"),
        replace(old_scale(NOW - dt.timedelta(weeks=3), {"communicate": 2}), id="b"),
        replace(old_scale(NOW - dt.timedelta(weeks=1), {"communicate": 4}), id="c"),
        self_session(NOW, {"prioritize.q0": 5}),  # self ratings are not the manager's
    ]
    found = manager.latest_ratings(sessions, NOW, ["communicate", "prioritize", "execute"])
    assert found == {
        "communicate": manager.ManagerRating(4, "c", comparable=False),
        "prioritize": None,
        "execute": None,
    }


@pytest.mark.parametrize(
    ("kind", "scale"), [("weekly", "levels"), ("manager", "Levels"), ("manager", "")]
)
def test_a_scale_is_a_manager_sessions_word(kind: str, scale: str) -> None:
    session = replace(old_scale(NOW, {}), kind=kind)  # type: ignore[arg-type]
    doc = toml_io.parse_document(encode_session(session))
    doc["scale"] = scale
    if kind == "weekly":
        doc.pop("answers", None)
    with pytest.raises(toml_io.SchemaError, match="scale"):
        decode_session(doc)
