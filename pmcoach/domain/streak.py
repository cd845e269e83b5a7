"""This week's state (done, off, due, overdue, upcoming), the streak, and say/do.

docs/definitions.md, "Due", "Streak" and "Say/do ratio": whether the user kept their weekly
review and whether they did what they said, judged on calendar dates in the configured zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pmcoach.domain import clock, ledger
from pmcoach.domain.model import Config, Event, Session
from pmcoach.domain.rules import CHECKIN_KINDS, OVERDUE_AFTER_DAYS, SAY_DO_WEEKS
from pmcoach.domain.weeks import iso_week, local_date, monday_of, utc, week_of, week_start

WeekState = Literal["done", "off", "due", "overdue", "upcoming"]


@dataclass(frozen=True)
class WeekStatus:
    """Where the user stands this week, as the dashboard and `pmcoach status` show it."""

    state: WeekState
    streak: int
    week: str  # "2026-W48" in the configured zone
    week_start: dt.date
    review_at: dt.datetime  # this week's review day and time in the configured zone
    overdue_from: dt.date  # the first day the state is "overdue"
    checkin: str | None  # id of the session that made this week done
    # The Monday of the oldest week the streak runs back over (done or off): the week
    # before it broke it, or is the oldest the history given knows of.
    streak_since: dt.date


def skip_week(event: Event, tz: dt.tzinfo) -> str | None:
    """The week a skip-week event marks off, or None for other events.

    `data["week"]` when it is a valid ISO week string; otherwise the week the event
    was recorded in, so a hand-edited file still marks some week instead of
    failing the dashboard.
    """
    if event.kind != "skip-week":
        return None
    raw = event.data.get("week")
    if isinstance(raw, str):
        try:
            return iso_week(week_start(raw))
        except ValueError:
            pass
    return week_of(event.at, tz)


def checkin_weeks(sessions: Iterable[Session], tz: dt.tzinfo) -> dict[str, str]:
    """Weeks with a finished check-in (weekly or full), each with its earliest session id."""
    found: dict[str, tuple[dt.datetime, str]] = {}
    for session in sessions:
        if session.kind not in CHECKIN_KINDS or session.finished is None:
            continue
        week = week_of(session.started, tz)
        key = (utc(session.started), session.id)
        if week not in found or key < found[week]:
            found[week] = key
    return {week: session_id for week, (_, session_id) in found.items()}


def week_status(
    config: Config,
    sessions: Iterable[Session],
    events: Iterable[Event],
    now: dt.datetime,
    tz: dt.tzinfo | None = None,
) -> WeekStatus:
    """Done, off, due, overdue or upcoming for the week of `now`, and the streak.

    Everything is judged on calendar dates in the configured zone (`tz`, default
    `config.time_zone`): due from the review day on, overdue from the third day
    after it. The first review is due on the first review day on or after the day
    of set-up (`config.onboarded`): someone who sets up on a Sunday with Monday
    reviews is not told on Sunday that a review they never had is overdue. The
    review time is carried for reminders but does not move the state, so "due"
    never flips in the middle of a day.

    The streak counts weeks with a finished check-in back from this week if it is
    done, else from last week (a week still in progress has not broken anything).
    Weeks marked off are stepped over. `streak_since` is the Monday of the oldest week
    it runs back over: given only part of the history, a streak that runs back to the
    first week of that part may be longer (the first frame says so, `app.snapshot`).
    """
    zone = tz if tz is not None else clock.zone(config.time_zone)
    if not 0 <= config.review_day <= 6:
        raise ValueError(f"review_day must be 0 (Monday) to 6 (Sunday), got {config.review_day}")
    today = local_date(now, zone)
    monday = monday_of(today)
    week = iso_week(monday)
    done = checkin_weeks(sessions, zone)
    off = {w for w in (skip_week(e, zone) for e in events) if w is not None}

    review_day = monday + dt.timedelta(days=config.review_day)
    review_at = dt.datetime.combine(review_day, config.review_time, tzinfo=zone)
    overdue_from = review_day + dt.timedelta(days=OVERDUE_AFTER_DAYS + 1)

    state: WeekState
    if week in done:
        state = "done"
    elif week in off:
        state = "off"
    elif config.onboarded is not None and review_day < config.onboarded:
        # Set up after this week's review day: the first review is next week's.
        state = "upcoming"
    elif today >= overdue_from:
        state = "overdue"
    elif today >= review_day:
        state = "due"
    else:
        state = "upcoming"

    streak = 0
    earliest = min((week_start(w) for w in (*done, *off)), default=monday)
    cursor = monday if week in done else monday - dt.timedelta(days=7)
    while cursor >= earliest:
        name = iso_week(cursor)
        if name in done:
            streak += 1
        elif name not in off:
            break
        cursor -= dt.timedelta(days=7)
    since = cursor + dt.timedelta(days=7)
    return WeekStatus(state, streak, week, monday, review_at, overdue_from, done.get(week), since)


@dataclass(frozen=True)
class SayDo:
    """Commitments kept versus not, over some weeks."""

    met: int = 0
    missed: int = 0
    renegotiated_kept: int = 0  # included in `met`: a new date was agreed, then kept
    renegotiated_missed: int = 0  # included in `missed`: a new date agreed, then missed

    @property
    def ratio(self) -> float | None:
        """met ÷ (met + missed); None when nothing was reviewed (not 0%, nor 100%)."""
        total = self.met + self.missed
        return None if total == 0 else self.met / total

    def __add__(self, other: SayDo) -> SayDo:
        return SayDo(
            self.met + other.met,
            self.missed + other.missed,
            self.renegotiated_kept + other.renegotiated_kept,
            self.renegotiated_missed + other.renegotiated_missed,
        )


def _counted(entry: ledger.Entry) -> SayDo:
    """One commitment's outcome as say/do counts it.

    Renegotiating is telling them in time and agreeing a new date: it never counts as
    missed by itself. With a new date the commitment stays open (the ledger moves its
    due date) and counts by what happens by then; a renegotiation recorded without a
    date (older files) closes it as kept.
    """
    if entry.state == "met":
        return SayDo(met=1, renegotiated_kept=int(entry.renegotiations > 0))
    if entry.state == "renegotiated":
        return SayDo(met=1, renegotiated_kept=1)
    if entry.state == "missed":
        return SayDo(missed=1, renegotiated_missed=int(entry.renegotiations > 0))
    return SayDo()


def say_do_by_week(
    history: ledger.Ledger,
    tz: dt.tzinfo,
    now: dt.datetime,
    weeks: int = SAY_DO_WEEKS,
) -> tuple[tuple[str, SayDo], ...]:
    """Say/do per ISO week for the `weeks` weeks ending with the week of `now`, oldest first.

    Each commitment counts once, with the outcome it has now, in the week it got it
    (the week of the reviewing session, or of the event that recorded it). Open and
    withdrawn commitments are not counted.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    this_monday = monday_of(local_date(now, tz))
    mondays = [this_monday - dt.timedelta(days=7 * i) for i in range(weeks - 1, -1, -1)]
    tally = {iso_week(m): SayDo() for m in mondays}
    upper = utc(now)
    for entry in history.closed():
        assert entry.closed_at is not None
        if utc(entry.closed_at) > upper:
            continue
        week = week_of(entry.closed_at, tz)
        if week in tally:
            tally[week] = tally[week] + _counted(entry)
    return tuple(tally.items())


def say_do(
    history: ledger.Ledger,
    tz: dt.tzinfo,
    now: dt.datetime,
    weeks: int = SAY_DO_WEEKS,
) -> SayDo:
    """Say/do over the `weeks` weeks ending with this one (default 12)."""
    total = SayDo()
    for _, week in say_do_by_week(history, tz, now, weeks):
        total = total + week
    return total
