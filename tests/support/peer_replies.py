"""Peers' replies saved into the pilot tests' data folder, as `pmcoach feedback add` saves them."""

from __future__ import annotations

import datetime as dt
import itertools

from pmcoach.domain.model import Answer, Session, Text
from pmcoach.storage.store import Store

_SUFFIXES = itertools.count(1)


def peer_reply(
    store: Store,
    when: dt.datetime,
    name: str,
    ratings: dict[str, int | None],
    *,
    private: bool = False,
    note: str | None = None,
    finished: bool = True,
) -> Session:
    """One peer's reply: each question's rating (None: left unanswered), the peer's note."""
    utc = when.astimezone(dt.UTC)
    session = Session(
        id=f"{utc:%Y%m%dT%H%M%SZ}-peer-{next(_SUFFIXES):04x}",
        kind="peer",
        track="senior",
        rubric="builtin@2026.11",
        device="test-device",
        started=when,
        updated=when,
        finished=when if finished else None,
        reflection=None if note is None else Text(note, private),
        answers=tuple(
            Answer(question=q, rating=r) if r is not None else Answer(question=q, skipped=True)
            for q, r in ratings.items()
        ),
        peer=Text(name, private),
        request="K7QF",
    )
    store.save_session(session)
    return session
