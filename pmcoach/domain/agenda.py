"""The agenda for the next 1:1: topics the person chose to raise, and suggested ones.

A topic is written once, as an event of kind `topic` (its `text` with its private flag,
optionally a `skill`), from `pmcoach discuss`, the app's agenda or the end of a check-in.
Marking one discussed is another event, `topic-done`, naming the topic; nothing is ever
rewritten, so two synced machines never edit one file (docs/data-format.md, "Event
files").

Suggested topics are not written: they are read off the figures whenever the agenda is
shown. A skill where the manager's latest comparable rating and one's own score are
`FLAG_DIFFERENCE` or more apart is one; so is a skill where the peer mean (shown only
from `PEERS_SHOWN` peers) and one's own score are. Each is named by the difference it
comes from (the rating's session, or the newest of the replies the mean is made of), so a
suggestion marked discussed does not come back until a new rating or reply makes a new
difference (docs/definitions.md, "Agenda").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pmcoach.domain import manager, peers, scores
from pmcoach.domain.ids import new_id
from pmcoach.domain.model import TOPIC, TOPIC_DONE, Event, Rubric, Session, Text, Track
from pmcoach.domain.rules import FLAG_DIFFERENCE, PEER_WEEKS, SCORE_WINDOW
from pmcoach.domain.weeks import utc
from pmcoach.text import figures

LOOK_BACK_MARGIN = dt.timedelta(weeks=2)  # past any calendar or time-zone edge of a window
MANAGER_SOURCE = "manager"
PEER_SOURCE = "peers"


@dataclass(frozen=True)
class Topic:
    """One item of the agenda."""

    key: str  # a written topic: its event's id; a suggested one: the difference it names
    text: Text
    at: dt.datetime  # when it was written, or when the difference arose
    skill: str | None = None
    suggested: bool = False

    @property
    def private(self) -> bool:
        return self.text.private


def topic_event(text: Text, now: dt.datetime, device: str, skill: str | None = None) -> Event:
    """A topic to raise, as the event that records it. Refuses an empty text: a topic that
    says nothing could only be marked discussed."""
    if not text.text.strip():
        raise ValueError("a topic says what to raise")
    stamp = now.replace(microsecond=0)
    cleaned = Text(text.text.strip(), text.private)
    return Event(new_id(TOPIC, utc(stamp)), TOPIC, stamp, device, skill=skill, text=cleaned)


def done_event(topic: Topic, now: dt.datetime, device: str) -> Event:
    """The event marking `topic` discussed."""
    stamp = now.replace(microsecond=0)
    return Event(
        new_id(TOPIC_DONE, utc(stamp)), TOPIC_DONE, stamp, device, data={"topic": topic.key}
    )


def _order(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (utc(e.at), e.id))


def written(events: Iterable[Event]) -> tuple[Topic, ...]:
    """Every topic written, oldest first; one without text (only a hand-edited file) is
    not a topic."""
    return tuple(
        Topic(e.id, e.text, e.at, e.skill)
        for e in _order(events)
        if e.kind == TOPIC and e.text is not None and e.text.text.strip()
    )


def discussed(events: Iterable[Event], until: dt.datetime | None = None) -> frozenset[str]:
    """The keys of the topics marked discussed (up to `until`, when given)."""
    moment = None if until is None else utc(until)
    return frozenset(
        str(e.data["topic"])
        for e in events
        if e.kind == TOPIC_DONE
        and isinstance(e.data.get("topic"), str)
        and (moment is None or utc(e.at) <= moment)
    )


def _title(rubric: Rubric, skill: str) -> str:
    found = rubric.skill(skill)
    return found.title if found else skill


def _manager_topics(
    sessions: Sequence[Session], rubric: Rubric, track: Track, now: dt.datetime
) -> list[Topic]:
    by_id = {s.id: s for s in sessions}
    found = []
    for row in manager.compare(sessions, rubric, track, now):
        if not row.flagged or row.rated_in is None:
            continue
        text = (
            f"{row.title}: my manager rates {row.manager_text}, I rate myself "
            f"{figures.format_score(row.self_score)} "
            f"(difference {manager.difference_text(row.difference)})"
        )
        given = by_id[row.rated_in]
        found.append(
            Topic(
                f"{MANAGER_SOURCE}:{row.skill}:{row.rated_in}",
                Text(text),
                given.finished or given.updated,
                row.skill,
                suggested=True,
            )
        )
    return found


def _peer_topics(
    sessions: Sequence[Session], rubric: Rubric, track: Track, now: dt.datetime
) -> list[Topic]:
    since = now - dt.timedelta(weeks=PEER_WEEKS)
    ids = [s.id for s in rubric.track_skills(track)]
    own = {row.skill: row.score for row in scores.skill_scores(sessions, rubric, now, ids)}
    found = []
    for skill in ids:
        score = own.get(skill)
        if score is None:
            continue
        view = peers.view(sessions, rubric, skill, since, now)
        if view.mean is None:
            continue
        apart = round(view.mean - score, 6)
        if abs(apart) < FLAG_DIFFERENCE:
            continue
        replies = peers.points(sessions, rubric, skill, since, now)
        newest = replies[-1]
        text = (
            f"{_title(rubric, skill)}: {view.peers} peers rate me "
            f"{figures.format_score(view.mean)}, I rate myself {figures.format_score(score)} "
            f"(difference {manager.difference_text(apart)})"
        )
        found.append(
            Topic(
                f"{PEER_SOURCE}:{skill}:{newest.session}",
                Text(text),
                newest.at,
                skill,
                suggested=True,
            )
        )
    return found


def suggested(
    sessions: Iterable[Session], rubric: Rubric, track: Track | None, now: dt.datetime
) -> tuple[Topic, ...]:
    """The differences worth a conversation now: the manager's first, then peers', each in
    the track's skill order."""
    if track is None:
        return ()
    # Only what the windows read (26 weeks of peers, 8 of scores and ratings): ten years
    # of history cost the agenda nothing more than this half year.
    since = utc(now) - max(dt.timedelta(weeks=PEER_WEEKS), SCORE_WINDOW) - LOOK_BACK_MARGIN
    history = [s for s in sessions if utc(s.started) >= since]
    return tuple(
        _manager_topics(history, rubric, track, now) + _peer_topics(history, rubric, track, now)
    )


def open_topics(
    sessions: Iterable[Session],
    events: Iterable[Event],
    rubric: Rubric,
    track: Track | None,
    now: dt.datetime,
) -> tuple[Topic, ...]:
    """The agenda as it stands at `now`, in the order it is numbered 1..n everywhere:
    the topics written, oldest first, then the suggested ones; none marked discussed."""
    known = list(events)
    moment = utc(now)
    done = discussed(known, now)
    mine = [t for t in written(known) if utc(t.at) <= moment]
    found = [*mine, *suggested(sessions, rubric, track, now)]
    return tuple(t for t in found if t.key not in done)
