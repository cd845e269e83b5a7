"""The file format: what is written reads back identically, and what is wrong is named."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmcoach.domain.ids import new_id
from pmcoach.domain.model import (
    Answer,
    Commitment,
    CommitmentReview,
    Config,
    Event,
    ExerciseReview,
    Session,
    Text,
)
from pmcoach.storage import toml_io
from pmcoach.storage.config import config_doc, decode_config, encode_config
from pmcoach.storage.events import decode_event, encode_event, event_doc
from pmcoach.storage.ids import id_year
from pmcoach.storage.sessions import decode_session, encode_session
from pmcoach.storage.toml_io import SchemaError

BERLIN = dt.timezone(dt.timedelta(hours=1))
STARTED = dt.datetime(2026, 11, 23, 9, 5, 12, tzinfo=BERLIN)
FINISHED = dt.datetime(2026, 11, 23, 9, 13, 40, tzinfo=BERLIN)
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))


def full_session() -> Session:
    return Session(
        id="20261123T080512Z-weekly-3f9a",
        kind="weekly",
        track="senior",
        rubric="builtin@2026.11",
        device="laptop",
        started=STARTED,
        updated=FINISHED,
        finished=FINISHED,
        reflection=Text("Answered the pricing question with a story, not a number.", False),
        answers=(
            Answer(
                question="communicate.answer-first",
                rating=3,
                note=Text("Launch update was answer-first; the budget email was not.", False),
            ),
            Answer(question="communicate.updates-with-numbers", count=3, out_of=5, rating=3),
            Answer(question="prioritize.said-no", skipped=True),
            Answer(
                question="earn-trust.what-did-you-learn",
                text=Text("That Dana needs numbers first.", True),
                note=Text("from the 1:1", True),
            ),
        ),
        commitments=(
            Commitment("c-7b21", "Send the Q1 plan to finance", "Dana (finance)", STARTED.date()),
            Commitment("c-7b22", "Ask for feedback", "manager", dt.date(2026, 11, 30), True),
        ),
        commitment_reviews=(
            CommitmentReview("c-19e0", "met"),
            CommitmentReview("c-19e1", "renegotiated", Text("moved a week", True)),
        ),
        exercise_reviews=(
            ExerciseReview(
                "communicate.rewrite-answer-first", "partly", Text("Did two of three emails.")
            ),
        ),
        assigned=("prioritize.kill-one-project", "execute.pre-mortem"),
    )


def manager_session() -> Session:
    return Session(
        id="20261124T160000Z-manager-00ff",
        kind="manager",
        track="new",
        rubric="builtin@2026.11",
        device="desk",
        started=STARTED,
        updated=STARTED,
        finished=STARTED,
        answers=(
            Answer(skill="prioritize", rating=2, note=Text("too many yeses", True)),
            Answer(skill="communicate", rating=4),
        ),
    )


def roundtrip(session: Session) -> Session:
    return decode_session(tomllib.loads(encode_session(session).decode()))


def doc(session: Session | None = None) -> dict[str, Any]:
    return tomllib.loads(encode_session(session or full_session()).decode())


# --------------------------------------------------------------------------- sessions


def test_full_session_round_trips() -> None:
    session = full_session()
    assert roundtrip(session) == session


def test_manager_session_round_trips() -> None:
    session = manager_session()
    assert roundtrip(session) == session


def test_in_progress_session_has_no_finished() -> None:
    session = replace(full_session(), finished=None)
    assert "finished" not in doc(session)
    assert roundtrip(session).in_progress


def test_minimal_session_round_trips() -> None:
    session = Session(
        id="20261123T080512Z-full-0000",
        kind="full",
        track="new",
        rubric="",
        device="x",
        started=STARTED,
        updated=STARTED,
    )
    assert roundtrip(session) == session


def test_private_flags_are_kept_per_text() -> None:
    back = roundtrip(full_session())
    assert back.answers[3].text == Text("That Dana needs numbers first.", True)
    assert back.answers[0].note is not None and not back.answers[0].note.private
    assert back.commitments[1].private and not back.commitments[0].private


def test_written_layout_matches_the_documentation() -> None:
    text = encode_session(full_session()).decode()
    assert text.startswith('schema = 1\nid = "20261123T080512Z-weekly-3f9a"\nkind = "weekly"\n')
    assert "started = 2026-11-23T09:05:12+01:00\n" in text
    assert 'reflection = { text = "Answered the pricing' in text
    assert 'note = { text = "Launch update was answer-first; ' in text
    assert "\n[[answers]]\n" in text
    assert '\n[[assigned]]\nexercise = "prioritize.kill-one-project"\n' in text
    assert "due = 2026-11-23\n" in text
    assert "[answers.note]" not in text


def test_offsets_survive_exactly() -> None:
    back = roundtrip(full_session())
    assert back.started.utcoffset() == dt.timedelta(hours=1)
    assert back.started.isoformat() == "2026-11-23T09:05:12+01:00"


@given(note=TEXT, reflection=TEXT, commitment=TEXT)
def test_any_text_round_trips(note: str, reflection: str, commitment: str) -> None:
    session = replace(
        full_session(),
        reflection=Text(reflection, True),
        answers=(Answer(question="q", rating=1, note=Text(note, False)),),
        commitments=(Commitment("c-1", commitment, note, STARTED.date()),),
    )
    assert roundtrip(session) == session


def test_lone_surrogate_is_refused_with_the_field() -> None:
    session = replace(full_session(), answers=(Answer(question="q", note=Text("bad \udc80")),))
    with pytest.raises(SchemaError, match=r"^answers\[0\]\.note\.text: .*cannot be saved"):
        encode_session(session)


def test_naive_datetime_is_refused_on_write() -> None:
    with pytest.raises(SchemaError, match="started: expected a date-time with a UTC offset"):
        encode_session(replace(full_session(), started=dt.datetime(2026, 11, 23, 9)))


def test_invalid_rating_is_refused_on_write() -> None:
    with pytest.raises(SchemaError, match=r"answers\[0\]\.rating"):
        encode_session(replace(full_session(), answers=(Answer(question="q", rating=9),)))


def test_unknown_fields_are_kept_and_written_back() -> None:
    """A field a newer pmcoach added, in any table, survives a read and a save here."""
    data = doc()
    data["mood"] = "great"
    data["answers"][0]["confidence"] = 0.5
    data["answers"][0]["note"]["lang"] = "en"
    data["commitments"][0]["done"] = False
    data["commitment_reviews"][0]["late"] = []
    data["assigned"][0]["why"] = {"text": "PRIVATE why", "private": True}
    session = decode_session(data)
    assert session.extra == {"mood": "great"}
    assert session.answers[0].extra == {"confidence": 0.5}
    assert session.answers[0].note is not None and session.answers[0].note.extra == {"lang": "en"}
    assert session.commitments[0].extra == {"done": False}
    assert session.commitment_reviews[0].extra == {"late": []}
    assert session.assigned_extra[0] == {"why": {"text": "PRIVATE why", "private": True}}
    assert session != full_session()
    back = toml_io.parse_document(encode_session(session))
    assert back == data
    assert decode_session(back) == session


def test_unknown_config_and_event_fields_are_kept() -> None:
    settings = config_doc(Config(track="senior"))
    settings["font"] = "large"
    settings["reminders"] = {"email": False}
    config = decode_config(settings)
    assert config.extra == {"font": "large", "reminders": {"email": False}}
    assert toml_io.parse_document(encode_config(config)) == settings


def test_kept_fields_are_checked_like_any_value() -> None:
    data = doc()
    data["when"] = dt.date(1, 1, 1)
    with pytest.raises(SchemaError, match="when: expected a date from 1900-01-01"):
        decode_session(data)
    data["when"] = float("nan")
    with pytest.raises(SchemaError, match="when: expected a finite number"):
        decode_session(data)
    with pytest.raises(SchemaError, match="id: has a meaning of its own"):
        encode_session(replace(full_session(), extra={"id": "x"}))


def test_plain_toml_as_a_person_would_write_it() -> None:
    text = """
schema = 1
id = "20261123T080512Z-weekly-3f9a"
kind = "weekly"
track = "new"
rubric = "builtin@2026.11"
device = "laptop"
started = 2026-11-23 09:05:12+01:00
updated = 2026-11-23T08:13:40Z

[[answers]]
question = "communicate.answer-first"
rating = 3

[answers.note]
text = "a note written as a sub-table is the same TOML"
"""
    session = decode_session(tomllib.loads(text))
    assert session.answers[0].note == Text("a note written as a sub-table is the same TOML")
    assert session.updated == dt.datetime(2026, 11, 23, 8, 13, 40, tzinfo=dt.UTC)


def _broken(change: dict[str, Any], path: tuple[str | int, ...] = ()) -> dict[str, Any]:
    data = doc()
    target: Any = data
    for step in path:
        target = target[step]
    for key, value in change.items():
        if value is None:
            del target[key]
        else:
            target[key] = value
    return data


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"rating": 7}, ("answers", 2), "answers[2].rating: expected an integer 1–5, got 7"),
        ({"rating": True}, ("answers", 0), "answers[0].rating: expected an integer 1–5, got true"),
        ({"rating": "3"}, ("answers", 0), "answers[0].rating: expected an integer 1–5, got '3'"),
        ({"schema": 2}, (), "written by a newer pmcoach (schema 2); not changed"),
        ({"schema": 0}, (), "schema: expected 1, got 0"),
        ({"schema": None}, (), "schema: missing"),
        ({"kind": "daily"}, (), "kind: expected weekly | full | manager | peer, got 'daily'"),
        ({"track": None}, (), "track: missing"),
        ({"id": "weekly-1"}, (), "id: expected an id like 20261123T080512Z-weekly-3f9a, got"),
        ({"note": "plain"}, ("answers", 0), "answers[0].note: expected a table { text, private }"),
        ({"text": None}, ("answers", 0, "note"), "answers[0].note.text: missing"),
        ({"private": "no"}, ("reflection",), "reflection.private: expected true or false"),
        ({"question": None}, ("answers", 1), "answers[1].question: missing"),
        ({"rating": 2}, ("answers", 2), "answers[2]: a skipped answer has no rating"),
        ({"count": 6}, ("answers", 1), "answers[1].count: 6 is more than out_of (5)"),
        ({"out_of": None}, ("answers", 1), "answers[1]: count and out_of go together"),
        ({"due": "friday"}, ("commitments", 0), "commitments[0].due: expected a date"),
        ({"outcome": "sort of"}, ("commitment_reviews", 0), "commitment_reviews[0].outcome"),
        ({"outcome": "done!"}, ("exercise_reviews", 0), "exercise_reviews[0].outcome"),
        ({"answers": {"a": 1}}, (), "answers: expected an array of tables, got a table"),
        ({"answers": [1]}, (), "answers[0]: expected a table, got 1"),
        ({"exercise": 3}, ("assigned", 0), "assigned[0].exercise: expected a string, got 3"),
    ],
)
def test_wrong_values_are_named(
    change: dict[str, Any], path: tuple[str | int, ...], message: str
) -> None:
    with pytest.raises(SchemaError) as caught:
        decode_session(_broken(change, path))
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_local_datetime_is_refused_with_an_example() -> None:
    data = _broken({"started": dt.datetime(2026, 11, 23, 9, 5)})
    with pytest.raises(SchemaError, match=r"started: .*UTC offset \(like 2026-11-23T09:05:12"):
        decode_session(data)


def test_date_is_not_a_datetime() -> None:
    with pytest.raises(SchemaError, match=r"finished: expected a date-time.*got the date"):
        decode_session(_broken({"finished": dt.date(2026, 11, 23)}))


def test_manager_answers_need_a_skill() -> None:
    data = doc(manager_session())
    del data["answers"][0]["skill"]
    data["answers"][0]["question"] = "prioritize.said-no"
    with pytest.raises(SchemaError, match=r"answers\[0\]\.skill: missing"):
        decode_session(data)


# --------------------------------------------------------------------------- parsing


def test_parse_document_reasons() -> None:
    with pytest.raises(SchemaError, match=r"^not UTF-8 text \(bad byte at position 4\)$"):
        toml_io.parse_document(b"a = \xff")
    with pytest.raises(SchemaError, match=r"^not valid TOML: .*\(at line 2, column \d+\)$"):
        toml_io.parse_document(b"a = 1\nb = = 2\n")
    deep = b"a = " + b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(SchemaError, match=r"not (readable|valid TOML)"):
        toml_io.parse_document(deep)


# --------------------------------------------------------------------------- ids


def test_new_id_format_and_year() -> None:
    now = dt.datetime(2026, 11, 23, 9, 5, 12, tzinfo=BERLIN)
    made = new_id("weekly", now)
    assert re.fullmatch(r"20261123T080512Z-weekly-[0-9a-f]{4}", made)
    assert id_year(made) == "2026"
    assert new_id("exercise-done", now).startswith("20261123T080512Z-exercise-done-")


def test_new_id_refuses_naive_time_and_odd_kinds() -> None:
    with pytest.raises(ValueError):
        new_id("weekly", dt.datetime(2026, 1, 1))
    with pytest.raises(ValueError):
        new_id("Weekly/..", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def test_year_folder_is_the_utc_year() -> None:
    new_year = dt.datetime(2027, 1, 1, 0, 30, tzinfo=BERLIN)  # still 2026 in UTC
    assert id_year(new_id("weekly", new_year)) == "2026"


# --------------------------------------------------------------------------- events


def event(**data: object) -> Event:
    return Event(
        id="20261125T120000Z-exercise-done-abcd",
        kind="exercise-done",
        at=STARTED,
        device="laptop",
        skill="communicate",
        text=Text("rewrote the launch email", True),
        data=dict(data),
    )


def test_event_round_trips_with_kind_specific_keys() -> None:
    original = event(exercise="communicate.rewrite", minutes=20, on=dt.date(2026, 11, 25))
    text = encode_event(original).decode()
    assert 'exercise = "communicate.rewrite"\nminutes = 20\n' in text
    assert decode_event(tomllib.loads(text)) == original


def test_event_round_trips_nested_data() -> None:
    original = event(tags=["a", "b"], score={"x": 1.5}, steps=[{"n": 1}, {"n": 2, "m": {"k": 1}}])
    text = encode_event(original).decode()
    assert decode_event(tomllib.loads(text)) == original


def test_event_minimal_and_updated() -> None:
    original = Event(
        id="20261125T120000Z-skip-week-0001",
        kind="skip-week",
        at=STARTED,
        device="d",
        updated=FINISHED,
    )
    back = decode_event(tomllib.loads(encode_event(original).decode()))
    assert back == original


def test_event_data_cannot_shadow_fields() -> None:
    with pytest.raises(SchemaError, match="kind: reserved"):
        encode_event(event(kind="other"))


def test_event_data_must_be_finite() -> None:
    with pytest.raises(SchemaError, match="minutes: expected a finite number"):
        encode_event(event(minutes=float("nan")))
    with pytest.raises(SchemaError, match="minutes: expected a finite number"):
        decode_event({**event_doc(event()), "minutes": float("inf")})


def test_event_needs_an_aware_time() -> None:
    data = event_doc(event())
    data["at"] = dt.datetime(2026, 11, 25, 12)
    with pytest.raises(SchemaError, match=r"^at: expected a date-time with a UTC offset"):
        decode_event(data)


@given(text=TEXT, value=TEXT)
def test_event_text_and_data_round_trip(text: str, value: str) -> None:
    original = replace(event(value=value), text=Text(text, False))
    assert decode_event(tomllib.loads(encode_event(original).decode())) == original


# --------------------------------------------------------------------------- config


def test_config_round_trips_in_the_documented_form() -> None:
    config = Config(
        track="senior",
        review_day=0,
        review_time=dt.time(9, 0),
        time_zone="Europe/Berlin",
        targets={"communicate": 5, "prioritize": 3},
    )
    text = encode_config(config).decode()
    assert 'review_day = "monday"\nreview_time = 09:00:00\ntime_zone = "Europe/Berlin"\n' in text
    assert "\n[targets]\ncommunicate = 5\nprioritize = 3\n" in text
    assert decode_config(tomllib.loads(text)) == config


def test_config_defaults_for_missing_fields() -> None:
    assert decode_config({"schema": 1}) == Config()


def test_config_weekday_is_case_insensitive() -> None:
    assert decode_config({"schema": 1, "review_day": "Friday"}).review_day == 4


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"review_day": "mon"}, "review_day: expected a weekday name"),
        ({"review_time": "09:00"}, "review_time: expected a time like 09:00:00, got '09:00'"),
        ({"time_zone": "Mars/Olympus"}, "time_zone: unknown time zone 'Mars/Olympus'"),
        ({"targets": {"communicate": 6}}, "targets.communicate: expected an integer 1–5, got 6"),
        ({"targets": 4}, "targets: expected a table"),
        ({"schema": 3}, "written by a newer pmcoach (schema 3); not changed"),
    ],
)
def test_config_errors_are_named(change: dict[str, Any], message: str) -> None:
    with pytest.raises(SchemaError) as caught:
        decode_config({"schema": 1, **change})
    assert str(caught.value).startswith(message)


# --------------------------------------------------------------------------- documentation


def test_documented_examples_are_valid() -> None:
    """The examples in docs/data-format.md must stay readable by this version."""
    docs = Path(__file__).resolve().parents[2] / "docs" / "data-format.md"
    if not docs.is_file():
        pytest.skip("documentation not shipped here")
    blocks = re.findall(r"```toml\n(.*?)```", docs.read_text(encoding="utf-8"), re.S)
    parsed = [tomllib.loads(block) for block in blocks]
    configs = [d for d in parsed if "review_day" in d]
    sessions = [d for d in parsed if d.get("kind") in ("weekly", "full", "manager")]
    events = [d for d in parsed if "at" in d]
    assert configs and sessions and events
    for d in configs:
        decode_config(d)
    for d in sessions:
        session = decode_session(d)
        assert roundtrip(session) == session
    for d in events:
        decode_event(d)


def test_a_kept_table_in_the_settings_is_written_so_that_it_reads_back() -> None:
    """Tables below a `[section]` are written inline: as `[a.a.a…]` headers, a table 20
    deep would have made a dotted key longer than the reader takes."""
    deep: dict[str, Any] = {"x": 1}
    for _ in range(20):
        deep = {"a": deep}
    config = Config(extra={"plugin": deep, "flat": {"on": True}})
    data = encode_config(config)
    assert decode_config(toml_io.parse_document(data)) == config


def test_changing_an_answer_or_a_review_keeps_its_unknown_fields() -> None:
    """Correcting a rating, a note or a review in the app built each anew, and the
    fields a newer pmcoach had written into it were gone from the file."""
    from pmcoach.domain.checkin import CheckIn
    from pmcoach.rubric.load import load_rubric

    rubric = load_rubric(None).rubric
    assert rubric is not None
    data = doc()
    data["answers"][0]["confidence"] = 0.5
    data["answers"][0]["note"]["lang"] = "en"
    data["commitment_reviews"][0]["late"] = True
    saved: list[Session] = []
    checkin = CheckIn.resume(decode_session(data), rubric, [], saved.append)
    later = STARTED + dt.timedelta(minutes=5)
    checkin.position = 0  # back to the first question, as the back key does
    checkin.rate(5, later)
    checkin.set_note("Answer-first twice this week", False, later)
    checkin.review_commitment("c-19e0", "missed", later)
    back = decode_session(toml_io.parse_document(encode_session(saved[-1])))
    assert back.answers[0].rating == 5
    assert back.answers[0].extra == {"confidence": 0.5}
    assert back.answers[0].note == Text("Answer-first twice this week", False, {"lang": "en"})
    (review,) = [r for r in back.commitment_reviews if r.commitment == "c-19e0"]
    assert (review.outcome, review.extra) == ("missed", {"late": True})
