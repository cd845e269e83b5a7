"""A request for feedback: which observer questions a peer is asked, and its record.

`pmcoach ask` prints the request (its words are `export.peer_request`'s) and records
it as a `peer-request` event, so that `pmcoach feedback add` can match a reply's
numbers to the questions asked, in order. The questions are the observer forms of the
skills named, else of the focus skill; those this peer was not asked lately come first,
so asking the same person again covers new ground.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pmcoach.domain import peer_request, scores
from pmcoach.domain.model import Config, Event, Question, Rubric, Session, Skill, Text, Track
from pmcoach.domain.rules import PEER_QUESTIONS
from pmcoach.text.sanitize import one_line

NAME_LIMIT = 60
"""A name in a request is one line of at most this many characters (config's own limit)."""


class AskError(ValueError):
    """A request that cannot be written; the message is one line for people."""


@dataclass(frozen=True)
class Ask:
    """A request, ready to print and to record."""

    request: peer_request.PeerRequest
    questions: tuple[Question, ...]  # in the order asked
    skills: tuple[Skill, ...]
    who: str | None  # the person asking, printable; None: no name set
    to: str | None  # the peer, printable; None: not named


def clean_name(name: str | None, what: str) -> str | None:
    """A name as a request prints it: one line, no control characters, not too long.
    Every name goes through here, so none reaches a terminal, a chat or a file as an
    escape sequence, whatever the shell or the settings handed in."""
    if name is None:
        return None
    cleaned = one_line(name, NAME_LIMIT)
    if not cleaned:
        raise AskError(f"{what} is empty")
    return cleaned


def asker(config: Config) -> str | None:
    """The person asking, as a request names them. The settings' name is optional: one
    that cleans to nothing is no name, not an error."""
    return one_line(config.name, NAME_LIMIT) or None if config.name else None


def forms(rubric: Rubric, track: Track, skill: str) -> tuple[Question, ...]:
    """The skill's questions on the track that a peer can be asked."""
    return tuple(
        q for q in rubric.active_questions(track) if q.skill == skill and q.observer is not None
    )


def prepare(
    rubric: Rubric,
    config: Config,
    sessions: Iterable[Session],
    events: Iterable[Event],
    now: dt.datetime,
    *,
    skills: Sequence[str] = (),
    to: str | None = None,
) -> Ask:
    """The request: its questions, its code, whom it is for. Every check runs here, before
    anything is printed or saved, so a refused request leaves nothing behind."""
    track = rubric.track(config.track) or rubric.tracks[0]
    peer = clean_name(to, "the name after --to")
    who = asker(config)
    chosen = _skills(rubric, track, config, sessions, now, skills)
    earlier = peer_request.requests(events)
    questions = _choose(rubric, track, chosen, earlier, peer)
    used = {r.code for r in earlier}
    code = peer_request.new_code()
    while code in used:  # a code names one request, so a reply finds it alone
        code = peer_request.new_code()
    request = peer_request.PeerRequest(
        code=code,
        questions=tuple(q.id for q in questions),
        at=now.replace(microsecond=0),
        to=Text(peer) if peer is not None else None,
    )
    shown = tuple(s for s in (rubric.skill(i) for i in chosen) if s is not None)
    return Ask(request, tuple(questions), shown, who, peer)


def _skills(
    rubric: Rubric,
    track: Track,
    config: Config,
    sessions: Iterable[Session],
    now: dt.datetime,
    named: Sequence[str],
) -> list[str]:
    """The skills asked about: those named (each with enough forms on the track), else
    the focus skill."""
    low, high = PEER_QUESTIONS
    chosen: list[str] = []
    for name in named:
        # Only here: the captures' module brings the streak and the ledger along.
        from pmcoach.app.capture import CaptureError, find_skill

        try:
            skill = find_skill(rubric, name)
        except CaptureError as exc:
            raise AskError(str(exc)) from None
        if skill not in chosen:
            chosen.append(skill)
    if len(chosen) > high:
        raise AskError(f"name at most {high} skills: a request asks at most {high} questions")
    if not chosen:
        focus = scores.focus(rubric, track, config, sessions, now)
        if focus is None:
            raise AskError(f"the {track.title} track has no skill to ask about")
        chosen.append(focus.skill)
    for skill in chosen:
        title = _title(rubric, skill)
        if skill not in track.skills:
            raise AskError(f"{title} is not a skill of the {track.title} track")
        count = len(forms(rubric, track, skill))
        if count < low:
            raise AskError(
                f"{title} has {count} question{'s' * (count != 1)} a peer can answer on the "
                f"{track.title} track; a request asks at least {low} (give its questions an "
                "observer form: questions/README.md)"
            )
    return chosen


def _title(rubric: Rubric, skill_id: str) -> str:
    skill = rubric.skill(skill_id)
    return one_line(skill.title if skill else skill_id, 40)


def _choose(
    rubric: Rubric,
    track: Track,
    skills: Sequence[str],
    earlier: Sequence[peer_request.PeerRequest],
    peer: str | None,
) -> list[Question]:
    """Up to the most a request asks, spread over the skills in turn; within a skill,
    the questions this peer was asked longest ago (or never) first, then those asked
    of anyone longest ago, then rubric order."""
    wanted = _key(peer)
    last_to_peer: dict[str, dt.datetime] = {}
    last_any: dict[str, dt.datetime] = {}
    for request in earlier:  # oldest first: a later request overwrites
        at = request.at.astimezone(dt.UTC)
        for question in request.questions:
            last_any[question] = at
            if wanted is not None and request.to is not None and _key(request.to.text) == wanted:
                last_to_peer[question] = at
    never = dt.datetime.min.replace(tzinfo=dt.UTC)
    queues: list[list[Question]] = []
    for skill in skills:
        mine = list(forms(rubric, track, skill))
        order = {q.id: i for i, q in enumerate(mine)}
        mine.sort(
            key=lambda q: (
                last_to_peer.get(q.id, never),
                last_any.get(q.id, never),
                order[q.id],
            )
        )
        queues.append(mine)
    chosen: list[Question] = []
    high = PEER_QUESTIONS[1]
    while len(chosen) < high and any(queues):
        for queue in queues:
            if queue and len(chosen) < high:
                chosen.append(queue.pop(0))
    return chosen


def _key(name: str | None) -> str | None:
    """A peer's name as requests are matched by it: case and spacing aside."""
    return " ".join(name.split()).casefold() if name is not None else None


def record(ask: Ask, device: str) -> Event:
    """The event that records the request, to be saved through the store."""
    from pmcoach.domain.ids import new_id

    event_id = new_id(peer_request.PEER_REQUEST, ask.request.at.astimezone(dt.UTC))
    return peer_request.as_event(ask.request, event_id, device)
