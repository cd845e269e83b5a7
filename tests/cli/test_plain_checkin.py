"""`pmcoach checkin --plain`: the weekly check-in as lines in and lines out.

Driven the way a script or a screen reader drives it: answers on standard input, one a
line. The session file it writes is the same one the app writes, saved after every answer.
"""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from support.cli import home, run
from support.coaching import kept_in
from support.rubric import builtin

from pmcoach.cache.opener import open_store
from pmcoach.cli.plain.checkin import PlainCheckIn
from pmcoach.cli.plain.conversation import Conversation
from pmcoach.domain import rotation
from pmcoach.domain.checkin import CheckIn
from pmcoach.domain.model import (
    Answer,
    Commitment,
    CommitmentReview,
    Config,
    ExerciseReview,
    Question,
    Session,
    Text,
)
from pmcoach.storage.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 23, 12, tzinfo=BERLIN)


RUBRIC = builtin()
TRACK = RUBRIC.track("new")
assert TRACK is not None
PLAN = rotation.weekly_questions(RUBRIC, TRACK, [])
CONFIG = Config(track="new", review_day=0, review_time=dt.time(9), time_zone="Europe/Berlin")


@pytest.fixture
def store() -> Store:
    opened = open_store(home())
    opened.save_config(CONFIG)
    return opened


def sessions() -> list[Session]:
    return open_store(home()).sessions()


def lines(*answers: str) -> str:
    return "".join(a + "\n" for a in answers)


def value(question: Question, session: Session) -> int | None:
    """The number typed for a question: the count for "how many", else the rating."""
    answer = next(a for a in session.answers if a.question == question.id)
    return answer.count if question.kind == "frequency" else answer.rating


# --------------------------------------------------------------------------- whole runs


def test_a_whole_checkin_from_standard_input(store: Store) -> None:
    result = run("checkin", "--plain", stdin=lines(*["3"] * len(PLAN), "Gave the date last", ""))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out, "no colour, no cursor movement"
    assert len(PLAN) == 12
    for number, question in enumerate(PLAN, start=1):
        skill = RUBRIC.skill(question.skill)
        assert skill is not None
        assert f"{skill.title} · Question {number} of 12\n{question.prompt}\n" in out
    first_rating = next(q for q in PLAN if q.kind == "rating")
    assert f"  1  {first_rating.anchors[0]}\n" in out
    first_count = next(q for q in PLAN if q.kind == "frequency")
    assert f"Answer 0-{first_count.out_of}: how many of the last {first_count.out_of}." in out
    assert "Reflection: What could I have said or done better this week?" in out
    assert "Done: weekly check-in saved, 12 answered, 0 skipped." in out
    # Every key is 3: a rating of 3, or a count of 3 of 4 (a rating of 4) on the two counts.
    assert "  Communicate: 3.3, no score a week earlier, target 4" in out
    assert "\nFocus: " in out

    (session,) = sessions()
    assert session.kind == "weekly" and session.finished is not None
    assert session.device == "test-device" and session.track == "new"
    assert [a.question for a in session.answers] == [q.id for q in PLAN]
    assert all(value(q, session) == 3 for q in PLAN)
    assert session.reflection == Text("Gave the date last", False)


def test_skip_note_private_and_wrong_input(store: Store) -> None:
    script = lines(
        "s",  # question 1 skipped
        "n Opened with the date",  # question 2: a note first, then the rating
        "p",  # the note becomes private
        "x",  # not an answer
        "9",  # out of range
        "",  # shows the question again
        "4",
        *["3"] * 10,
        "p Talked too long in the review",
        "",  # no commitments
    )
    result = run("checkin", "--plain", stdin=script)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Skipped: it will come up again soon." in out
    assert "Note saved (shared in exports).\nYour rating?" in out
    assert "The note is now private: left out of exports." in out
    assert "'x' is not an answer here" in out
    assert "Type a number from " in out
    assert out.count(f"Question 2 of 12\n{PLAN[1].prompt}") == 2
    assert "11 answered, 1 skipped" in out

    (session,) = sessions()
    first, second = session.answers[0], session.answers[1]
    assert first.question == PLAN[0].id and first.skipped and first.rating is None
    assert second.note == Text("Opened with the date", True)
    assert value(PLAN[1], session) == 4
    assert session.reflection == Text("Talked too long in the review", True)


def test_back_changes_an_earlier_answer(store: Store) -> None:
    result = run("checkin", "--plain", stdin=lines("3", "b", "2", *["3"] * 11, "", ""))
    assert result.returncode == 0, result.stderr
    assert "Your answer: 3" in result.stdout
    (session,) = sessions()
    assert value(PLAN[0], session) == 2
    assert session.reflection is None and session.finished is not None


def test_leave_and_resume(store: Store) -> None:
    left = run("checkin", "--plain", stdin=lines("3", "2", "q"))
    assert left.returncode == 0, left.stderr
    assert "Kept: 2 of 12 answered. Run pmcoach checkin --plain again to go on." in left.stdout
    (kept,) = sessions()
    assert kept.finished is None and len(kept.answers) == 2

    resumed = run("checkin", "--plain", stdin=lines(*["1"] * 10, "", ""))
    assert resumed.returncode == 0, resumed.stderr
    assert "Resuming your unfinished weekly check-in of Mon 23 Nov 2026 12:00: 2 of 12" in (
        resumed.stdout
    )
    assert "Question 1 of 12" not in resumed.stdout
    assert "Question 3 of 12" in resumed.stdout
    (done,) = sessions()
    assert done.id == kept.id and done.finished is not None
    assert [value(q, done) for q in PLAN] == [3, 2] + [1] * 10


def test_end_of_input_leaves_like_q(store: Store) -> None:
    result = run("checkin", "--plain", stdin="3\n")
    assert result.returncode == 0, result.stderr
    assert "Kept: 1 of 12 answered." in result.stdout
    (session,) = sessions()
    assert session.finished is None and len(session.answers) == 1


def test_end_of_input_at_the_reflection_keeps_it_unfinished(store: Store) -> None:
    result = run("checkin", "--plain", stdin=lines(*["3"] * 12))
    assert "Kept: 12 of 12 answered." in result.stdout
    (session,) = sessions()
    assert session.finished is None
    again = run("checkin", "--plain", stdin=lines("A reflection", ""))
    assert "12 of 12 answered" in again.stdout and "Done:" in again.stdout
    (session,) = sessions()
    assert session.finished is not None and session.reflection == Text("A reflection", False)


# --------------------------------------------------------------------------- the weekly ritual

EXERCISE = next(e for e in RUBRIC.exercises if not e.retired)
LAST_WEEK = dt.datetime(2026, 11, 16, 9, tzinfo=BERLIN)


def last_week(store: Store) -> Session:
    """A finished check-in a week ago with two commitments and one exercise proposed."""
    session = Session(
        id="20261116T080000Z-weekly-0001",
        kind="weekly",
        track="new",
        rubric=RUBRIC.label,
        device="test-device",
        started=LAST_WEEK,
        updated=LAST_WEEK,
        finished=LAST_WEEK,
        commitments=(
            Commitment("c-0001", "Send the Q1 plan to finance", "Dana", dt.date(2026, 11, 23)),
            Commitment("c-0002", "Share the launch risks", "", dt.date(2026, 11, 23)),
        ),
        assigned=(EXERCISE.id,),
    )
    store.save_session(session)
    return session


def this_week() -> Session:
    return next(s for s in sessions() if s.started.date() == NOW.date())


def test_last_week_is_reviewed_and_commitments_are_made(store: Store) -> None:
    last_week(store)
    script = lines(
        "z",  # not an outcome
        "m",  # Send the Q1 plan: met
        "r",  # Share the launch risks: renegotiated...
        "",  # ...to the default new date, the next review
        "d",  # the exercise: done
        *["3"] * len(PLAN),
        "Gave the date last",
        "Send the pricing memo",
        "Dana (finance)",
        "2026-11-20",  # past: refused, asked again
        "soon",  # not a date: asked again
        "",  # the default, the next review
        "p Ask Sam for feedback on the demo",
        "",
        "2026-12-01",
        "",  # no more
    )
    result = run("checkin", "--plain", stdin=script)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Commitment 1 of 2: Send the Q1 plan to finance\n(to Dana, due Mon 23 Nov)" in out
    assert f"Exercise 1 of 1: {EXERCISE.title}\n" in out
    assert "'z' is not an outcome here" in out
    assert "By (YYYY-MM-DD, default 2026-11-30):" in out
    assert "Fri 20 Nov is in the past; pick today or later." in out
    assert "'soon' is not a date (YYYY-MM-DD)." in out

    session = this_week()
    assert session.finished is not None
    assert session.commitment_reviews == (
        CommitmentReview("c-0001", "met"),
        CommitmentReview("c-0002", "renegotiated", due=dt.date(2026, 11, 30)),
    )
    assert "Saved: renegotiated → Mon 30 Nov." in out
    assert session.exercise_reviews == (ExerciseReview(EXERCISE.id, "done"),)
    assert session.reflection == Text("Gave the date last", False)
    first, second = session.commitments
    assert (first.text, first.to, first.due, first.private) == (
        "Send the pricing memo",
        "Dana (finance)",
        dt.date(2026, 11, 30),
        False,
    )
    assert (second.text, second.to, second.due, second.private) == (
        "Ask Sam for feedback on the demo",
        "",
        dt.date(2026, 12, 1),
        True,
    )
    assert first.id != second.id and first.id.startswith("c-")
    # The renegotiated one is open until its new date: only the met one counts so far.
    assert "Say/do: 100% of commitments kept (1 met, 0 missed, last 12 weeks)." in out


def test_the_finished_checkin_proposes_exercises(store: Store) -> None:
    result = run("checkin", "--plain", stdin=lines(*["3"] * len(PLAN), "", ""))
    assert result.returncode == 0, result.stderr
    (session,) = sessions()
    assert session.finished is not None
    assert 1 <= len(session.assigned) <= 2
    assert "Exercises for this week:\n" in result.stdout
    for exercise_id in session.assigned:
        exercise = RUBRIC.exercise(exercise_id)
        assert exercise is not None
        assert f"  {exercise.title} (" in result.stdout
        assert f"    Done when: {exercise.done_when}" in result.stdout
    assert "Say/do" not in result.stdout, "nothing reviewed yet: no ratio"


def test_each_review_is_saved_at_once_and_a_resume_goes_to_the_questions(store: Store) -> None:
    last_week(store)
    left = run("checkin", "--plain", stdin=lines("", "x", "q"))
    assert left.returncode == 0, left.stderr
    assert "Left open." in left.stdout
    kept = this_week()
    assert kept.finished is None
    assert kept.commitment_reviews == (CommitmentReview("c-0002", "missed"),)
    assert kept.exercise_reviews == ()

    resumed = run("checkin", "--plain", stdin=lines(*["3"] * len(PLAN), "", ""))
    assert resumed.returncode == 0, resumed.stderr
    assert "Last week:" not in resumed.stdout
    done = this_week()
    assert done.id == kept.id and done.finished is not None
    assert done.commitment_reviews == kept.commitment_reviews


def test_leaving_at_the_commitments_keeps_them_and_the_reflection(store: Store) -> None:
    script = lines(*["3"] * len(PLAN), "Gave the date last", "Send the memo", "", "")
    left = run("checkin", "--plain", stdin=script)
    assert "Kept: 12 of 12 answered." in left.stdout
    (kept,) = sessions()
    assert kept.finished is None
    assert kept.reflection == Text("Gave the date last", False)
    assert [c.text for c in kept.commitments] == ["Send the memo"]

    again = run("checkin", "--plain", stdin=lines("", ""))
    assert "Saved (shared in exports): Gave the date last" in again.stdout
    (done,) = sessions()
    assert done.finished is not None
    assert done.reflection == Text("Gave the date last", False)
    assert [c.text for c in done.commitments] == ["Send the memo"]


# --------------------------------------------------------------------------- refusals


def test_the_lock_is_taken(store: Store) -> None:
    with store.lock():
        result = run("checkin", "--plain", stdin="3\n")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "another pmcoach" in result.stderr and "is using this data folder" in result.stderr
    assert sessions() == []


def test_without_plain_points_to_the_app(store: Store) -> None:
    result = run("checkin")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "press w" in result.stderr
    assert sessions() == []


def test_not_set_up() -> None:
    result = run("checkin", "--plain", stdin="3\n")
    assert result.returncode == 2 and "not set up yet" in result.stderr
    assert not home().exists()


# --------------------------------------------------------------------------- in-process


class Recorder:
    def __init__(self) -> None:
        self.saved: list[Session] = []

    def __call__(self, session: Session) -> None:
        self.saved.append(session)


def talk(text: str, interactive: bool) -> tuple[Conversation, io.StringIO]:
    out = io.StringIO()
    return Conversation(io.StringIO(text), out, interactive=interactive), out


def plain(text: str, *, interactive: bool = False) -> tuple[PlainCheckIn, io.StringIO, Recorder]:
    recorder = Recorder()
    checkin = CheckIn.start(
        kind="weekly",
        config=CONFIG,
        rubric=RUBRIC,
        questions=PLAN,
        device="here",
        now=NOW,
        save=recorder,
        create=kept_in(recorder.saved),
    )
    conversation, out = talk(text, interactive)
    return PlainCheckIn(conversation, checkin, RUBRIC, [], lambda: NOW), out, recorder


def saved_values(checkin: PlainCheckIn) -> list[int | None]:
    session = checkin.checkin.session
    return [value(q, session) for q in PLAN if checkin.checkin.answer_for(q.id)]


@pytest.mark.parametrize("interactive", [True, False])
def test_five_three_one_typed_ahead_land_on_their_questions(interactive: bool) -> None:
    """The report: typed ahead at a terminal, `5 3 1` saved 3 on the first question."""
    checkin, _, _ = plain(lines("5", "3", "1", "q"), interactive=interactive)
    assert checkin.run() is None
    assert saved_values(checkin) == [5, 3, 1]
    assert checkin.checkin.position == 3


@pytest.mark.parametrize("interactive", [True, False])
def test_evidence_is_invited_and_added_to_the_answer_just_given(interactive: bool) -> None:
    checkin, out, _ = plain(
        lines("4", "e Sent the plan a day early", "4", "2", "e", "e late", "q"),
        interactive=interactive,
    )
    assert checkin.run() is None
    text = out.getvalue()
    assert "That is a 4: e and a note adds evidence to it." in text
    assert "That is a 5: e and a note adds evidence to it." in text
    assert "Evidence saved on your 4 (shared in exports)." in text
    assert "Write the evidence after e, like: e Sent the plan a day early." in text
    answers = checkin.checkin.session.answers
    assert saved_values(checkin) == [4, 4, 2]
    assert answers[0].note == Text("Sent the plan a day early", False)
    # `e late` came after a 2, which asks for nothing: it goes on the last answer given.
    assert answers[1].note is None
    assert answers[2].note == Text("late", False)
    assert checkin.checkin.position == 3


def test_a_corrected_answer_goes_on_to_the_next_open_question() -> None:
    checkin, _, _ = plain(lines("3", "2", "3", "b", "b", "1", "4", "q"))
    checkin.run()
    assert saved_values(checkin) == [3, 1, 3, 4]


def test_an_empty_line_after_a_high_rating_does_not_move_on() -> None:
    checkin, _, _ = plain(lines("5", "", "3", "q"), interactive=True)
    checkin.run()
    assert saved_values(checkin) == [5, 3]
    assert checkin.checkin.position == 2


def test_every_answer_is_saved_as_it_is_given() -> None:
    checkin, _, recorder = plain(lines("3", "n because", "p", "s", "q"))
    checkin.run()
    # rating, note, private, skip: one save each (nothing before the first answer).
    assert len(recorder.saved) == 4
    assert recorder.saved[-1].answers[1].skipped
    assert recorder.saved[-1].answers[1].note == Text("because", True)


def test_frequency_answers_are_counts() -> None:
    index = next(i for i, q in enumerate(PLAN) if q.kind == "frequency")
    question = PLAN[index]
    assert question.out_of == 4
    checkin, out, _ = plain(lines(*["s"] * index, "5", "4", "q"))
    checkin.run()
    assert "Type a number from 0 to 4" in out.getvalue()
    answer = checkin.checkin.answer_for(question.id)
    assert answer is not None
    assert (answer.count, answer.out_of, answer.rating) == (4, 4, 5)
    assert "Saved: 4 of 4, a rating of 5 (last time: none yet)." in out.getvalue()


def test_help_and_first_question_back() -> None:
    checkin, out, _ = plain(lines("?", "b", "q"))
    checkin.run()
    assert "q          leave" in out.getvalue()
    assert "This is the first question." in out.getvalue()


def test_control_characters_from_a_rubric_are_not_printed() -> None:
    evil = Question(
        id="communicate.evil",
        skill="communicate",
        kind="rating",
        prompt="Title\x1b]0;owned\x07 here",
        anchors=tuple(f"anchor {n}\x1b[31m" for n in range(1, 6)),
    )
    recorder = Recorder()
    checkin = CheckIn.start(
        kind="weekly",
        config=CONFIG,
        rubric=RUBRIC,
        questions=[evil],
        device="here",
        now=NOW,
        save=recorder,
        create=kept_in(recorder.saved),
    )
    conversation, out = talk("q\n", False)
    PlainCheckIn(conversation, checkin, RUBRIC, [], lambda: NOW).run()
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()


def test_an_unfinished_manager_session_is_not_taken_over(store: Store) -> None:
    started = NOW.replace(hour=10)
    store.save_session(
        Session(
            id="20261123T090000Z-manager-0001",
            kind="manager",
            track="new",
            rubric="builtin@test",
            device="test-device",
            started=started,
            updated=started,
            answers=(Answer(skill="communicate", rating=3),),
        )
    )
    result = run("checkin", "--plain", stdin="3\n")
    assert result.returncode == 2
    assert "manager's ratings" in result.stderr and result.stderr.count("\n") == 1
    assert [s.kind for s in sessions()] == ["manager"]


# --------------------------------------------------------------------------- a whole script at once


def test_a_whole_script_at_once_saves_what_it_meant(store: Store) -> None:
    """Every answer, note and piece of evidence of a check-in on standard input in one go,
    with 4s and 5s (which invite evidence) among them; the file holds exactly that."""
    values = [5, 4, 1, 5, 3, 4, 2, 4, 5, 1, 4, 3]
    script: list[str] = []
    meant_notes: dict[str, Text] = {}
    for index, (question, wanted) in enumerate(zip(PLAN, values, strict=True)):
        if index == 2:
            script.append("n Said no to the offsite")
            meant_notes[question.id] = Text("Said no to the offsite", False)
        if index == 6:
            script.append("p Kept this one to myself")
            meant_notes[question.id] = Text("Kept this one to myself", True)
        script.append(str(wanted))
        if index in (0, 7):
            script.append(f"e Evidence {index}")
            meant_notes[question.id] = Text(f"Evidence {index}", False)
    script += ["Slowed down in the review", ""]
    result = run("checkin", "--plain", stdin=lines(*script))
    assert result.returncode == 0, result.stderr
    assert "12 answered, 0 skipped" in result.stdout
    (session,) = sessions()
    assert session.finished is not None
    assert [value(q, session) for q in PLAN] == values
    notes = {a.question: a.note for a in session.answers if a.note is not None}
    assert notes == meant_notes
    assert session.reflection == Text("Slowed down in the review", False)


def test_leaving_before_any_answer_leaves_nothing(store: Store) -> None:
    result = run("checkin", "--plain", stdin=lines("s", "s", "q"))
    assert result.returncode == 0, result.stderr
    assert "Nothing answered, so nothing was kept." in result.stdout
    assert sessions() == []
    assert not list(home().glob("sessions/**/*.toml"))


def test_the_results_name_the_windows_the_scores_and_say_do_look_back_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The weeks in the results' words are the rules' own, not copies of them."""
    from pmcoach.app import checkin_flow
    from pmcoach.cli.plain.results import results

    checkin, _, _ = plain("")
    session = checkin.checkin.finish(NOW, None)
    conversation, out = talk("", interactive=False)
    assert TRACK is not None
    results(conversation, RUBRIC, TRACK, CONFIG, [session], session)
    assert f"in the last {checkin_flow.SCORE_WEEKS} weeks):" in out.getvalue()
    monkeypatch.setattr(checkin_flow, "SCORE_WEEKS", 5)
    results(conversation, RUBRIC, TRACK, CONFIG, [session], session)
    assert "in the last 5 weeks):" in out.getvalue()


def test_o_answers_no_occasion_unscored_and_not_a_skip(store: Store) -> None:
    script = lines("o", "2", "O", "n No launch review yet", *["3"] * 9, "", "")
    result = run("checkin", "--plain", stdin=script)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "o for no occasion" in out
    assert out.count("Saved: no occasion (not scored).") == 2
    assert "12 answered, 0 skipped" in out

    (session,) = sessions()
    first, _, third = session.answers[:3]
    assert first == Answer(question=PLAN[0].id, no_occasion=True)
    assert value(PLAN[1], session) == 2
    # `O` as well; a note typed after it goes on the next question, as after any answer.
    assert third == Answer(question=PLAN[2].id, no_occasion=True)
    fourth = session.answers[3]
    assert fourth.note == Text("No launch review yet", False) and value(PLAN[3], session) == 3
    text = (home() / "sessions").rglob("*.toml")
    saved = next(text).read_text()
    assert saved.count("no_occasion = true") == 2


def test_the_plain_help_names_the_no_occasion_key(store: Store) -> None:
    result = run("checkin", "--plain", stdin=lines("?", "q"))
    assert "  o          no occasion: it did not come up" in result.stdout


def test_resuming_last_weeks_checkin_says_this_weeks_review_stays_due(store: Store) -> None:
    """A check-in counts for the week it was begun in: finished a week later, it does
    not make this week's review done, and resuming it says so."""
    left = run("checkin", "--plain", stdin=lines("3", "2", "q"))
    assert left.returncode == 0, left.stderr
    same_week = run("checkin", "--plain", stdin=lines("q"), today="2026-11-26")
    assert "not for this week's review" not in same_week.stdout
    resumed = run("checkin", "--plain", stdin=lines(*["1"] * 10, "", ""), today="2026-12-01")
    assert resumed.returncode == 0, resumed.stderr
    assert (
        "2 of 12 answered. It counts for 2026-W48, not for this week's review, which stays due."
        in " ".join(resumed.stdout.split())
    )
