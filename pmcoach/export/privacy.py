"""Private text in sessions and events: where it sits, and how much there is.

Every format finds it the same way, so a report and a spreadsheet of the same period
agree, and `pmcoach export` can say "3 private notes left out" whichever format was
asked for (CSV has nowhere to say it itself). What an export covers is its data's to
say (`ExportData.sessions_in`); this module knows no export, only what it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from pmcoach.domain.model import Event, Session, Text


def is_text_table(value: object) -> bool:
    """A `{ text, private }` table inside an event's kind-specific values (a grade's
    note, and whatever later kinds add): private text is found by its shape, so a
    new kind's notes are protected without this module knowing the kind."""
    return (
        isinstance(value, Mapping)
        and isinstance(value.get("text"), str)
        and isinstance(value.get("private"), bool)
    )


def data_texts(value: object) -> Iterator[Mapping[str, object]]:
    """Every `{ text, private }` table in kind-specific event values, at any depth."""
    if is_text_table(value):
        assert isinstance(value, Mapping)
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from data_texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from data_texts(item)


def session_private_count(session: Session) -> int:
    texts: list[Text | None] = [session.reflection, session.peer]
    for answer in session.answers:
        texts += [answer.note, answer.text]
    texts += [r.note for r in session.commitment_reviews]
    texts += [r.note for r in session.exercise_reviews]
    count = sum(1 for t in texts if t is not None and t.private)
    count += sum(1 for c in session.commitments if c.private)
    # Fields a newer pmcoach added, kept as they were: their private texts are found by
    # shape, as in an event's values.
    kept: list[object] = [session.extra, *session.assigned_extra]
    kept += [a.extra for a in session.answers]
    kept += [c.extra for c in session.commitments if not c.private]
    kept += [r.extra for r in session.commitment_reviews]
    kept += [r.extra for r in session.exercise_reviews]
    return count + sum(1 for x in kept if x for t in data_texts(x) if t["private"] is True)


def event_private_count(event: Event) -> int:
    count = 1 if event.text is not None and event.text.private else 0
    return count + sum(1 for t in data_texts(event.data) if t["private"] is True)


def private_count(sessions: Iterable[Session], events: Iterable[Event]) -> int:
    """How many private texts the sessions and events hold (`ExportData.left_out` counts
    those of an export's period)."""
    return sum(session_private_count(s) for s in sessions) + sum(
        event_private_count(e) for e in events
    )
