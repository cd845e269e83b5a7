"""What an export covers, and how much private text it leaves out.

Every format answers both questions the same way, so a report and a spreadsheet of
the same period agree on what is in it, and `pmcoach export` can say "3 private
notes left out" whichever format was asked for (CSV has nowhere to say it itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from pmcoach.domain import clock, weeks
from pmcoach.domain.model import Event, Session, Text
from pmcoach.export import ExportData


def day_of(data: ExportData, moment: dt.datetime) -> dt.date:
    """The calendar day of a moment in the configured time zone: the day that decides
    its week everywhere else in pmcoach, so a report and a spreadsheet agree."""
    return weeks.local_date(moment, clock.zone(data.config.time_zone))


def sessions_in(data: ExportData) -> tuple[Session, ...]:
    """The sessions that started in the period, in progress ones included."""
    return tuple(s for s in data.sessions if data.period.covers(day_of(data, s.started)))


def events_in(data: ExportData) -> tuple[Event, ...]:
    """The events that happened in the period."""
    return tuple(e for e in data.events if data.period.covers(day_of(data, e.at)))


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
    texts: list[Text | None] = [session.reflection]
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


def left_out(data: ExportData) -> int:
    """How many private texts in the period this export does not show: answer notes,
    reflection answers, reflections, private commitments, review notes, event texts
    and notes. 0 with `include_private`. Counted over everything in the period, in
    progress sessions included, so the number does not depend on the format."""
    if data.include_private:
        return 0
    return sum(session_private_count(s) for s in sessions_in(data)) + sum(
        event_private_count(e) for e in events_in(data)
    )
