"""A request for feedback, as recorded when it is written: which questions it asked.

`pmcoach ask` prints a request and records it as a `peer-request` event; `pmcoach
feedback add` reads a reply and finds the request by the code printed on it (or, without
one, takes the latest), so the numbers in the reply are matched to the questions asked,
in the order they were asked. The event holds only the code, the question ids and, when
given, whom it was for (docs/data-format.md, "Event files").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pmcoach.domain.model import Event, Text

PEER_REQUEST = "peer-request"
"""The event kind of a recorded request."""
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""No 0/O, 1/I/L: a code is read off a screen and typed back."""
CODE_LENGTH = 4
CODE_PATTERN = re.compile(rf"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
CODE_LABEL = "Request code"
"""How the code is introduced on a request ("Request code: K7QF"), and looked for in a reply."""
PERSON = re.compile(r"\b(them|they|their)\b", re.IGNORECASE)
"""How an observer prompt speaks of the person asked about: a request puts their name at
the first of these words, and `rubric validate` warns of a prompt without one."""


@dataclass(frozen=True)
class PeerRequest:
    code: str
    questions: tuple[str, ...]  # question ids, in the order they were asked
    at: dt.datetime
    to: Text | None = None  # whom it was written for, when named
    event: str = ""  # the id of the event that recorded it


def new_code() -> str:
    import secrets  # only a new request needs one

    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def as_event(request: PeerRequest, event_id: str, device: str) -> Event:
    return Event(
        id=event_id,
        kind=PEER_REQUEST,
        at=request.at,
        device=device,
        text=request.to,
        data={"code": request.code, "questions": list(request.questions)},
    )


def from_event(event: Event) -> PeerRequest | None:
    """The request an event records, or None when the event is not one or not usable."""
    if event.kind != PEER_REQUEST:
        return None
    code = event.data.get("code")
    questions = event.data.get("questions")
    if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
        return None
    if not isinstance(questions, list) or not questions:
        return None
    if not all(isinstance(q, str) and q for q in questions):
        return None
    return PeerRequest(
        code=code,
        questions=tuple(str(q) for q in questions),
        at=event.at,
        to=event.text,
        event=event.id,
    )


def requests(events: Iterable[Event]) -> tuple[PeerRequest, ...]:
    """Every usable recorded request, oldest first."""
    found = [r for e in events if (r := from_event(e)) is not None]
    found.sort(key=lambda r: (r.at.astimezone(dt.UTC), r.event))
    return tuple(found)


def find(events: Iterable[Event], code: str | None) -> PeerRequest | None:
    """The request with this code (any case), or the latest when no code is given."""
    known = requests(events)
    if code is None:
        return known[-1] if known else None
    wanted = code.strip().upper()
    matches = [r for r in known if r.code == wanted]
    return matches[-1] if matches else None
