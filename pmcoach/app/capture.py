"""Grades, wins and weeks off, recorded in one command right when they happen.

Evidence is best written down minutes after the meeting or the email, not on
Monday from memory, so these commands do without the app: each checks its
input, builds one event and says in one line what was saved. Every check runs
before anything is written, so a refused command leaves no file behind.

Event layout (docs/data-format.md, "Event files"): the free text is the event's
`text` with its private flag; kind-specific values are top-level keys:

* grade: `rating` (1–5) and an optional `note` table `{ text, private }`;
* win: `win_kind`, one of artifact, peer, self;
* skip-week: `week`, the ISO week marked off ("2026-W48"), as `streak.skip_week` reads it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pmcoach.domain import daterange, streak, weeks
from pmcoach.domain.ids import new_id
from pmcoach.domain.model import MAX_RATING, MIN_RATING, Event, Rubric, Session, Text
from pmcoach.text.sanitize import one_line

WIN_KINDS = ("artifact", "peer", "self")
DEFAULT_GRADE_SKILL = "communicate"

_WEEK = re.compile(r"\d{4}-[Ww]\d{2}")


class CaptureError(ValueError):
    """Input refused before anything is written; the message is one line for people."""


@dataclass(frozen=True)
class Context:
    """What every capture needs to know: when, where, and against which rubric."""

    rubric: Rubric
    now: dt.datetime  # aware, in the configured zone
    device: str


# --------------------------------------------------------------------------- checks


def check_text(text: str, what: str) -> str:
    """The text without surrounding blanks; refused when empty or unsavable, because an
    event with an empty text says nothing and a broken character would fail the save."""
    cleaned = text.strip()
    if not cleaned:
        raise CaptureError(f"{what} is empty")
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:
        raise CaptureError(f"{what} contains a character that cannot be saved") from None
    return cleaned


def parse_rating(text: str) -> int:
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or not MIN_RATING <= int(value) <= MAX_RATING:
        raise CaptureError(f"rating must be a whole number from {MIN_RATING} to {MAX_RATING}")
    return int(value)


def find_skill(rubric: Rubric, name: str) -> str:
    """A skill id from its id or its title, in any case ("Earn trust" → earn-trust),
    so that a user need not remember the spelling of ids."""
    wanted = " ".join(name.split()).lower()
    for skill in rubric.skills:
        if wanted in (skill.id.lower(), skill.title.lower(), skill.id.replace("-", " ")):
            return skill.id
    known = ", ".join(s.id for s in rubric.skills)
    raise CaptureError(f"no skill {one_line(name, 40)!r} (known: {known})")


def parse_week(text: str) -> str:
    """The ISO week of a date (2026-11-23) or an ISO week itself (2026-W48)."""
    value = text.strip()
    if _WEEK.fullmatch(value):
        try:
            day = weeks.week_start(value.upper())
        except ValueError:
            raise CaptureError(f"{one_line(value, 20)!r} is not a week of the calendar") from None
    else:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise CaptureError(
                f"{one_line(value, 20)!r} is not a date (like 2026-11-23) or a week (like 2026-W48)"
            ) from None
    if not daterange.contains(day):
        raise CaptureError(
            f"{one_line(value, 20)!r} is outside the dates pmcoach works with ({daterange.RANGE})"
        )
    return weeks.iso_week(day)


def _event(
    kind: str,
    ctx: Context,
    data: dict[str, object],
    skill: str | None = None,
    text: Text | None = None,
) -> Event:
    now = ctx.now.replace(microsecond=0)
    event_id = new_id(kind, now.astimezone(dt.UTC))
    return Event(event_id, kind, now, ctx.device, skill=skill, text=text, data=data)


# --------------------------------------------------------------------------- events


def grade(
    ctx: Context,
    text: str,
    rating: int,
    skill: str = DEFAULT_GRADE_SKILL,
    note: str | None = None,
    private: bool = False,
) -> Event:
    """One communication graded 1–5 right after it happened; `private` covers the note too,
    because a note about a graded meeting is as sensitive as the meeting's name."""
    if isinstance(rating, bool) or not MIN_RATING <= rating <= MAX_RATING:
        raise CaptureError(f"rating must be a whole number from {MIN_RATING} to {MAX_RATING}")
    what = check_text(text, "the text")
    skill_id = find_skill(ctx.rubric, skill)
    data: dict[str, object] = {"rating": rating}
    if note is not None:
        data["note"] = {"text": check_text(note, "the note"), "private": private}
    return _event("grade", ctx, data, skill_id, Text(what, private))


def win(ctx: Context, text: str, skill: str, kind: str = "self", private: bool = False) -> Event:
    """Evidence for a skill: an artifact, a peer's word, or the user's own observation."""
    if kind not in WIN_KINDS:
        raise CaptureError(
            f"kind must be one of {', '.join(WIN_KINDS)}, got {one_line(kind, 20)!r}"
        )
    what = check_text(text, "the text")
    skill_id = find_skill(ctx.rubric, skill)
    return _event("win", ctx, {"win_kind": kind}, skill_id, Text(what, private))


def skip_week(
    ctx: Context,
    sessions: Iterable[Session],
    events: Iterable[Event],
    week: str | None = None,
    reason: str | None = None,
    private: bool = False,
) -> Event:
    """A week marked off (holiday, sick leave): it neither breaks nor counts in the streak.

    Refused for a week already marked off (a second file would add nothing) and
    for a week whose check-in is done (there is nothing left to excuse).
    """
    zone = ctx.now.tzinfo
    assert zone is not None
    chosen = parse_week(week) if week is not None else weeks.week_of(ctx.now, zone)
    for event in events:
        if streak.skip_week(event, zone) == chosen:
            raise CaptureError(f"week {chosen} is already marked off")
    if chosen in streak.checkin_weeks(sessions, zone):
        raise CaptureError(f"week {chosen} already has a finished check-in; nothing to mark off")
    text = Text(check_text(reason, "the reason"), private) if reason is not None else None
    return _event("skip-week", ctx, {"week": chosen}, text=text)


# --------------------------------------------------------------------------- saying so


def describe(event: Event, rubric: Rubric) -> str:
    """The one confirming line: what was saved, in the user's words, shortened."""
    skill = rubric.skill(event.skill) if event.skill else None
    title = skill.title if skill else (event.skill or "")
    said = f'"{one_line(event.text.text, 60)}"' if event.text else ""
    private = " (private)" if event.text is not None and event.text.private else ""
    if event.kind == "grade":
        return f"saved: {said}{private} graded {event.data.get('rating')}/5 for {title}"
    if event.kind == "win":
        return f"saved: a win for {title} ({event.data.get('win_kind')}): {said}{private}"
    if event.kind == "skip-week":
        week = str(event.data.get("week"))
        monday = weeks.week_start(week)
        sunday = monday + dt.timedelta(days=6)
        span = f"{monday:%d %b} – {sunday:%d %b %Y}"
        because = f": {said}{private}" if said else ""
        return f"saved: week {week} ({span}) is off, neither breaking nor counting{because}"
    return f"saved: {event.kind}"
