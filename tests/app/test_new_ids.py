"""Two items made in the same second with the same suffix both survive.

An id is the second it was made in, the kind and four hex digits of chance. Two windows
(or two machines on a synced folder) that make the same kind in the same second share a
name once in 65,536 times; the second file would replace the first, and a week's answers
or a win would be gone. Here the chance part is made to repeat, and every place that
makes a new item is used twice on one folder: both are kept, each under its own name,
and later saves of each go to its own file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.exports import CONFIG, at, weekly
from support.store_child import new_ids_from

from pmcoach.app import agenda, records
from pmcoach.app.workspace import Workspace
from pmcoach.cache.opener import open_store
from pmcoach.cli.main import main
from pmcoach.domain import ids
from pmcoach.domain.model import Event, Session, Text
from pmcoach.drills import attempts, drafts
from pmcoach.drills.answer_first import answer_first_feedback
from pmcoach.storage.errors import StoreError
from pmcoach.storage.store import Store

REPEATED = "beef"


@pytest.fixture(autouse=True)
def same_second_same_suffix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-23")  # every `now` is noon of that day
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    monkeypatch.setattr(ids, "suffix", new_ids_from(itertools.repeat(REPEATED)))
    monkeypatch.chdir(tmp_path)


LAST_WEEK = weekly(at("2026-11-16"))  # its commitments are open


@pytest.fixture
def root(tmp_path: Path) -> Path:
    store = open_store(tmp_path / "data")
    store.save_config(CONFIG)
    store.save_session(LAST_WEEK)
    return store.root


@pytest.fixture
def two(root: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """Two windows on one folder, each with its own store (the second has no lock)."""
    first = Workspace(root, open_store(root))
    second = Workspace(root, open_store(root), take_lock=False)
    try:
        yield first, second
    finally:
        first.close()
        second.close()


def files(root: Path, folder: str) -> list[Path]:
    return sorted((root / folder).rglob("*.toml"))


def new(sessions: list[Session]) -> list[Session]:
    return [s for s in sessions if s != LAST_WEEK]


def fresh(root: Path) -> Store:
    store = open_store(root)
    assert store.problems == []
    return store


def test_two_check_ins_begun_in_one_second_keep_their_own_files(
    root: Path, two: tuple[Workspace, Workspace]
) -> None:
    checkins = [workspace.start("weekly") for workspace in two]
    assert checkins[0].session.id == checkins[1].session.id, "the clash this is about"
    now = two[0].now()
    for rating, checkin in zip((2, 5), checkins, strict=True):
        checkin.rate(rating, now)
    first, second = (c.session.id for c in checkins)
    assert first != second and second.startswith(first[: -ids.SUFFIX_DIGITS])
    # Later answers are updates: each goes to its own file, not a third one.
    for checkin in checkins:
        checkin.advance()
        checkin.rate(3, now)
    assert len(files(root, "sessions")) == 3
    kept = {s.id: [a.rating for a in s.answers] for s in new(fresh(root).sessions())}
    assert kept == {first: [2, 3], second: [5, 3]}


def test_two_records_of_the_managers_ratings_in_one_second(
    root: Path, two: tuple[Workspace, Workspace]
) -> None:
    started = [workspace.manager_ratings()[0] for workspace in two]
    now = two[0].now()
    for rating, ratings in zip((2, 4), started, strict=True):
        ratings.rate(rating, now)
        ratings.finish(now)
    kept = {s.id: s.answers[0].rating for s in new(fresh(root).sessions())}
    assert sorted(kept.values()) == [2, 4]
    assert set(kept) == {r.session.id for r in started}


Make = Callable[[Workspace], Event]


def topic(workspace: Workspace) -> Event:
    return agenda.add_topic(workspace, "Hiring plan for Q1", private=False)


def exercise_done(workspace: Workspace) -> Event:
    exercise = workspace.rubric.exercises[0]
    return records.mark_exercise_done(workspace, exercise, Text("Did it", False))


def drill(workspace: Workspace) -> Event:
    card = workspace.rubric.drill_cards[0]
    reply = "It ships on 14 January; the review moved."
    feedback = answer_first_feedback(card, reply, workspace.rubric.word_lists)
    event = attempts.answer_first_event(card, reply, feedback, workspace.now(), "d")
    return workspace.save_drill_event(event)


def commitment_kept(workspace: Workspace) -> Event:
    entry = workspace.ledger().commitments[0]
    return records.commitment_outcome(workspace, entry, "met")


@pytest.mark.parametrize(
    "make", [topic, exercise_done, drill, commitment_kept], ids=lambda f: f.__name__
)
def test_two_events_made_in_one_second_are_both_kept(
    root: Path, two: tuple[Workspace, Workspace], make: Make
) -> None:
    made = [make(workspace) for workspace in two]
    assert made[0].id != made[1].id
    assert made[0].id.endswith(REPEATED)
    assert len(files(root, "events")) == 2
    assert {e.id for e in fresh(root).events()} == {e.id for e in made}


@pytest.mark.parametrize(
    "args",
    [
        ["win", "--skill", "communicate", "Shipped the pricing page"],
        ["discuss", "Hiring plan for Q1"],
    ],
    ids=lambda a: a[0],
)
def test_two_commands_in_one_second_both_save(
    root: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 0
    assert main([*args[:-1], args[-1] + " again"]) == 0
    capsys.readouterr()
    texts = sorted(e.text.text for e in fresh(root).events() if e.text is not None)
    assert texts == [args[-1], args[-1] + " again"]


def test_two_requests_and_their_replies_in_one_second_all_save(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = {}
    for name in ("Dana Ruiz", "Sam Lee"):
        assert main(["ask", "--skill", "communicate", "--to", name]) == 0
        asked = capsys.readouterr().out
        code = re.search(r"Request code: (\w+)", asked)
        assert code is not None
        codes[name] = (code[1], len(re.findall(r"^\d+\. ", asked, re.MULTILINE)))
    assert len([e for e in fresh(root).events() if e.kind == "peer-request"]) == 2
    for name, (code, count) in codes.items():
        reply = "\n".join([f"Request code: {code}", *(f"{i + 1}: 4" for i in range(count)), ""])
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(reply.encode())))
        assert main(["feedback", "add", "-", "--from", name, "--yes"]) == 0, capsys.readouterr()
    peers = [s for s in fresh(root).sessions() if s.kind == "peer"]
    assert len(peers) == 2 and len({s.id for s in peers}) == 2


def test_a_save_of_an_existing_item_replaces_its_own_file(root: Path) -> None:
    store = open_store(root)
    session = Session(
        id=ids.new_id("weekly", dt.datetime(2026, 11, 23, 11, tzinfo=dt.UTC)),
        kind="weekly",
        track="senior",
        rubric="builtin@1",
        device="d",
        started=dt.datetime(2026, 11, 23, 11, tzinfo=dt.UTC),
        updated=dt.datetime(2026, 11, 23, 11, tzinfo=dt.UTC),
    )
    added, path = store.add_session(session)
    assert added == session
    later = dataclasses.replace(added, reflection=Text("Done", False))
    assert store.save_session(later) == path
    assert path in files(root, "sessions") and len(files(root, "sessions")) == 2
    assert new(fresh(root).sessions()) == [later]


def test_no_free_name_saves_nothing_and_replaces_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chance part that always repeats is no chance: refused in words, after a few tries."""
    monkeypatch.setattr(ids, "suffix", lambda: REPEATED)
    store = open_store(root)
    event = agenda.new_topic("First", False, dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC), "d")
    store.add_event(event)
    before = files(root, "events")[0].read_bytes()
    again = agenda.new_topic("Second", False, dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC), "d")
    with pytest.raises(StoreError, match="no free name"):
        store.add_event(again)
    assert files(root, "events")[0].read_bytes() == before


def test_two_drafts_begun_in_one_second_keep_their_own_files(
    root: Path, two: tuple[Workspace, Workspace]
) -> None:
    begun = [drafts.new_draft(workspace.now()) for workspace in two]
    assert begun[0].id == begun[1].id
    saved = [
        workspace.add_draft(draft.with_text("problem", f"Problem {n}"))
        for n, (workspace, draft) in enumerate(zip(two, begun, strict=True))
    ]
    assert saved[0].id != saved[1].id
    # The next step's text replaces each window's own file.
    for n, (workspace, draft) in enumerate(zip(two, saved, strict=True)):
        workspace.save_draft(draft.with_text("solution", f"Solution {n}"))
    found = [f.draft for f in drafts.load_all(root)]
    assert sorted((d.problem, d.solution) for d in found if d is not None) == [
        ("Problem 0", "Solution 0"),
        ("Problem 1", "Solution 1"),
    ]
