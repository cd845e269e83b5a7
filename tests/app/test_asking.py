"""Which questions a request asks: spread over the skills named, the ones this peer was
not asked lately first; and names that cannot reach a terminal as escape sequences."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from support import exports
from support.hostile import FORBIDDEN, hostile_strings

from pmcoach.app.asking import Ask, AskError, forms, prepare, record
from pmcoach.domain import peer_request
from pmcoach.domain.model import Event
from pmcoach.domain.rules import PEER_QUESTIONS
from pmcoach.export.peer_request import WIDTH, named, render
from pmcoach.text.sanitize import one_line

RUBRIC = exports.RUBRIC
CONFIG = dataclasses.replace(exports.CONFIG, name="Alex")
TRACK = RUBRIC.track(CONFIG.track)
assert TRACK is not None


def _ask(events: list[Event], *, skills: tuple[str, ...], to: str | None, days: int = 0) -> Ask:
    now = exports.NOW + dt.timedelta(days=days)
    return prepare(RUBRIC, CONFIG, [], events, now, skills=skills, to=to)


def _asked(events: list[Event], *, skills: tuple[str, ...], to: str | None, days: int) -> Ask:
    """A request, and its event added to `events` as `pmcoach ask` saves it."""
    ask = _ask(events, skills=skills, to=to, days=days)
    events.append(record(ask, "laptop"))
    return ask


def test_one_skill_asks_all_its_forms_up_to_the_most() -> None:
    ask = _ask([], skills=("earn-trust",), to=None)
    everything = forms(RUBRIC, TRACK, "earn-trust")
    assert len(everything) == 5
    assert [q.id for q in ask.questions] == [q.id for q in everything]
    assert ask.request.questions == tuple(q.id for q in everything)


def test_several_skills_are_taken_in_turn() -> None:
    skills = ("communicate", "prioritize", "execute", "earn-trust")
    ask = _ask([], skills=skills, to=None)
    assert len(ask.questions) == PEER_QUESTIONS[1]
    assert [q.skill for q in ask.questions] == [*skills, "communicate", "prioritize"]


def test_what_this_peer_was_not_asked_comes_first() -> None:
    events: list[Event] = []
    skills = ("communicate", "prioritize", "execute")
    first = _asked(events, skills=skills, to="Sam", days=0)
    second = _asked(events, skills=skills, to="sam ", days=7)
    assert not set(first.request.questions) & set(second.request.questions)
    # Everything was asked once now: the oldest come back first, in rubric order.
    third = _asked(events, skills=skills, to="SAM", days=14)
    assert third.request.questions == first.request.questions


def test_another_peer_gets_what_nobody_was_asked_first() -> None:
    events: list[Event] = []
    skills = ("communicate", "prioritize", "execute")
    first = _asked(events, skills=skills, to="Sam", days=0)
    other = _asked(events, skills=skills, to="Kim", days=1)
    assert not set(first.request.questions) & set(other.request.questions)
    # Kim was never asked anything, so Sam's questions are fresh to Kim; those asked of
    # nobody still come before those asked of someone else.
    later = _asked(events, skills=skills, to="Kim", days=2)
    assert set(later.request.questions) <= set(first.request.questions)


def test_each_request_has_a_code_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[Event] = []
    codes = iter(["AAAA", "AAAA", "AAAA", "BBBB"])
    monkeypatch.setattr(peer_request, "new_code", lambda: next(codes))
    first = _asked(events, skills=("execute",), to=None, days=0)
    second = _asked(events, skills=("execute",), to=None, days=1)
    assert (first.request.code, second.request.code) == ("AAAA", "BBBB")
    found = peer_request.find(events, "bbbb")
    assert found is not None and found.event == events[-1].id
    assert found.questions == second.request.questions


def test_named_puts_the_name_at_the_first_pronoun() -> None:
    assert named("The last time you asked them 'when?', how did they reply?", "Alex") == (
        "The last time you asked Alex 'when?', how did they reply?"
    )
    assert named("For their last proposal, what did they write?", "Alex") == (
        "For Alex's last proposal, what did they write?"
    )
    assert named("They said what?", "Alex") == "Alex said what?"
    assert named("The last time you asked them", None) == "The last time you asked them"


@pytest.mark.parametrize("text", hostile_strings()[:400])
def test_hostile_names_never_reach_the_request_as_controls(text: str) -> None:
    config = dataclasses.replace(CONFIG, name=text)
    try:
        ask = prepare(RUBRIC, config, [], [], exports.NOW, skills=("execute",), to=text)
    except AskError as exc:
        assert str(exc) == "the name after --to is empty"
        assert not text.strip() or not one_line(text)
        return
    written = render(ask.questions, ask.request.code, ask.who, ask.to)
    for char in FORBIDDEN:
        assert char not in written, repr(char)
    assert all(len(line) <= WIDTH for line in written.splitlines())
    assert ask.request.to is not None and ask.request.to.text == ask.to
