"""Weeks and moments: which ISO week a moment falls in, on the user's own calendar.

Every rule compares datetimes as instants (in UTC), never as wall-clock times, so sessions
recorded under different offsets (travel, DST) order correctly; and a session belongs to
the week of the local date it started on in the configured zone (docs/definitions.md,
"Week"). Spans like "8 weeks before T" are the half-open interval (T − 8 weeks, T], the
weeks counted on the calendar of T's own zone: across a DST change the window still starts
at the same wall-clock time, so a Monday 09:05 check-in is in or out of it exactly like in
any other week.
"""

from __future__ import annotations

import datetime as dt
import re

_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def utc(moment: dt.datetime) -> dt.datetime:
    """The moment as an instant in UTC; ValueError for a naive datetime, which has no instant."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a time-zone aware datetime, got {moment!r}")
    return moment.astimezone(dt.UTC)


def calendar_minus(moment: dt.datetime, span: dt.timedelta) -> dt.datetime:
    """`moment − span` on the calendar of moment's own zone, as an instant in UTC.

    Python's aware arithmetic keeps the wall-clock time and tzinfo; converting after
    the subtraction picks the offset valid at the earlier date, which is what makes
    "8 weeks ago" mean the same wall-clock time across a DST change.
    """
    utc(moment)
    return (moment - span).astimezone(dt.UTC)


def iso_week(day: dt.date) -> str:
    """The ISO week of a date as written in files and screens: "2026-W48"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> dt.date:
    """The Monday of an ISO week string ("2026-W48"); ValueError if it is not one."""
    match = _ISO_WEEK.fullmatch(week.strip()) if isinstance(week, str) else None
    if match is None:
        raise ValueError(f"not an ISO week: {week!r} (expected e.g. 2026-W48)")
    try:
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError as exc:
        raise ValueError(f"not an ISO week: {week!r} ({exc})") from exc


def monday_of(day: dt.date) -> dt.date:
    """The Monday that starts the ISO week of `day`."""
    return day - dt.timedelta(days=day.weekday())


def local_date(moment: dt.datetime, tz: dt.tzinfo) -> dt.date:
    """The calendar date of a moment in the configured zone (what decides its week)."""
    return utc(moment).astimezone(tz).date()


def week_of(moment: dt.datetime, tz: dt.tzinfo) -> str:
    """The ISO week a moment belongs to in the configured zone.

    A session started at 23:30 on a Sunday in New York belongs to that week even
    though it is already Monday in UTC; a session recorded while travelling is
    placed by the user's home zone, not by the offset it was written with.
    """
    return iso_week(local_date(moment, tz))


def week_end(monday: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """The last representable instant of the local week starting on `monday`."""
    next_monday = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(0), tzinfo=tz)
    return next_monday - dt.timedelta(microseconds=1)
