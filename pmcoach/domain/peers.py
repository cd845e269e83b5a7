"""How peers see a skill: their replies, kept apart from one's own score.

A peer answers a question's observer form (the same situation, asked about the person),
so a reply is read with the question's skill. Each reply gives a skill the mean of its
ratings on that skill's questions; a peer who replied more than once counts with their
latest reply only, so one keen colleague cannot outvote three. The mean across peers is
shown once `PEERS_SHOWN` peers rated the skill (docs/definitions.md, "Peers").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from pmcoach.domain.model import Rubric, Session
from pmcoach.domain.rules import PEERS_SHOWN

NAME_WIDTH = 24
"""A peer's name is cut to this many characters wherever it is shown or exported."""


@dataclass(frozen=True)
class PeerPoint:
    """One reply's view of one skill: what a chart draws, one mark per reply."""

    at: dt.datetime
    session: str
    peer: str  # the name as given; whether it may be shown is the caller's choice
    private: bool
    rating: float  # the mean of the reply's ratings on the skill's questions


@dataclass(frozen=True)
class PeerView:
    """A skill as peers see it, over the replies given."""

    skill: str
    peers: int  # distinct peers whose latest reply rated the skill
    mean: float | None  # None until `PEERS_SHOWN` peers rated it

    @property
    def shown(self) -> bool:
        return self.mean is not None


def peer_key(session: Session) -> str:
    """Who replied, as one person: the name without case or surrounding space."""
    return name_key(session.peer.text if session.peer is not None else "")


def name_key(name: str) -> str:
    """A peer's name as `peer_key` compares it: "Sam  Lee" and "sam lee" are one person."""
    return " ".join(name.casefold().split())


def points(
    sessions: Iterable[Session],
    rubric: Rubric,
    skill: str,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> tuple[PeerPoint, ...]:
    """Every finished peer reply in [since, until] that rated the skill, oldest first."""
    found = []
    for session in sessions:
        if session.kind != "peer" or session.finished is None or session.peer is None:
            continue
        if since is not None and session.started < since:
            continue
        if until is not None and session.started > until:
            continue
        ratings = [
            a.rating
            for a in session.answers
            if a.rating is not None
            and not a.skipped
            and a.question is not None
            and (q := rubric.question(a.question)) is not None
            and q.skill == skill
        ]
        if ratings:
            found.append(
                PeerPoint(
                    at=session.started,
                    session=session.id,
                    peer=session.peer.text,
                    private=session.peer.private,
                    rating=float(Fraction(sum(ratings), len(ratings))),
                )
            )
    found.sort(key=lambda p: (p.at.astimezone(dt.UTC), p.session))
    return tuple(found)


def view(
    sessions: Iterable[Session],
    rubric: Rubric,
    skill: str,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> PeerView:
    """The skill's peer mean over each peer's latest reply in [since, until]."""
    sessions = list(sessions)
    by_id = {s.id: s for s in sessions}
    latest: dict[str, PeerPoint] = {}
    for point in points(sessions, rubric, skill, since, until):
        latest[peer_key(by_id[point.session])] = point  # oldest first: the last one wins
    if len(latest) < PEERS_SHOWN:
        return PeerView(skill, len(latest), None)
    mean = sum((Fraction(p.rating) for p in latest.values()), Fraction(0)) / len(latest)
    return PeerView(skill, len(latest), float(mean))
