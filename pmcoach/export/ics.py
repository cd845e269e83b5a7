"""The weekly review as a calendar file (RFC 5545), for `pmcoach remind --ics`.

A reminder belongs in the calendar people already look at: pmcoach runs no
daemon and sends nothing anywhere, so it writes one recurring event and lets
the calendar do the reminding.

The event is anchored to the configured time zone (`DTSTART;TZID=...`) rather
than to UTC, because a review at 09:00 must stay at 09:00 local time across a
daylight-saving change. RFC 5545 requires a VTIMEZONE for every TZID used, and
calendars that do not know IANA names (Outlook) compute times from it, so one
is generated from what `zoneinfo` says the zone does: the offsets of the years
around now, found by probing, written as yearly rules where the changes follow
one ("last Sunday of March at 02:00") and as single changes where they do not.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from pmcoach import __version__
from pmcoach.domain.model import Config

SUMMARY = "Weekly review with pmcoach"
DESCRIPTION = (
    "Ten minutes for your weekly check-in: run pmcoach and press w "
    "(or run pmcoach checkin --plain)."
)
DURATION = "PT15M"
LINE_OCTETS = 75

# Years probed for changes of offset, around the year of the first review: the
# year before covers a first review in January, the later ones the years ahead
# for zones whose changes follow no yearly rule.
YEARS_BEFORE = 1
YEARS_AFTER = 5
_PROBE_STEP = 6 * 3600  # seconds; no zone changes its offset twice within 6 hours

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


# --------------------------------------------------------------------------- text


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(raw, escaped)
    return text


def _param(value: str) -> str:
    """A parameter value, quoted when it holds a character that would end it."""
    return f'"{value}"' if any(c in value for c in ":;,") else value


def fold(line: str) -> list[str]:
    """A content line split into pieces of at most 75 octets, each piece after the
    first to be written after CRLF and a space (RFC 5545 3.1). Splits only between
    characters, never inside a UTF-8 sequence."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            pieces.append("".join(current))
            current, size = [], 1  # the leading space of the continuation line
        current.append(char)
        size += width
    pieces.append("".join(current))
    return pieces


def to_bytes(lines: list[str]) -> bytes:
    """Content lines folded and joined with CRLF, as RFC 5545 requires."""
    return "".join("\r\n ".join(fold(line)) + "\r\n" for line in lines).encode("utf-8")


def _local(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _offset(offset: dt.timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


# --------------------------------------------------------------------------- time zone


@dataclass(frozen=True)
class Change:
    """One change of UTC offset: at `at` (UTC), from `before` to `after`."""

    at: dt.datetime
    before: dt.timedelta
    after: dt.timedelta
    dst: bool
    name: str

    @property
    def onset(self) -> dt.datetime:
        """The wall-clock time of the change, read on the clock before it (as VTIMEZONE's
        DTSTART is)."""
        return (self.at + self.before).replace(tzinfo=None)

    def weekdays(self) -> frozenset[int]:
        """The ways to name the onset's day in a rule: its week of the month (1–5),
        and -1 when it is the month's last such weekday."""
        day = self.onset.date()
        last = day.day + 7 > calendar.monthrange(day.year, day.month)[1]
        return frozenset({(day.day - 1) // 7 + 1, *((-1,) if last else ())})


@dataclass
class _Run:
    """Changes that follow one yearly rule, in consecutive years."""

    first: Change
    last: Change
    weekdays: frozenset[int]
    years: int = 1

    @staticmethod
    def key(change: Change) -> tuple[object, ...]:
        onset = change.onset
        return (
            change.before,
            change.after,
            change.dst,
            change.name,
            onset.month,
            onset.weekday(),
            onset.time(),
        )


def _offset_at(zone: ZoneInfo, timestamp: int) -> dt.timedelta:
    offset = dt.datetime.fromtimestamp(timestamp, zone).utcoffset()
    assert offset is not None  # a ZoneInfo always has one
    return offset


def changes(zone: ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[Change]:
    """Every change of offset between two instants, found by probing every 6 hours and
    narrowing each change down to the second. zoneinfo keeps its transitions private,
    and probing asks it exactly what a reader of the zone would see."""
    found: list[Change] = []
    low = int(start.timestamp())
    stop = int(end.timestamp())
    before = _offset_at(zone, low)
    while low < stop:
        high = min(low + _PROBE_STEP, stop)
        after = _offset_at(zone, high)
        if after != before:
            a, b = low, high  # offset(a) == before, offset(b) != before
            while b - a > 1:
                middle = (a + b) // 2
                if _offset_at(zone, middle) == before:
                    a = middle
                else:
                    b = middle
            moment = dt.datetime.fromtimestamp(b, zone)
            found.append(
                Change(
                    at=moment.astimezone(dt.UTC).replace(tzinfo=None),
                    before=before,
                    after=_offset_at(zone, b),
                    dst=bool(moment.dst()),
                    name=moment.tzname() or "",
                )
            )
            before = _offset_at(zone, b)
            low = b
            continue
        low = high
    return found


def _runs(found: list[Change]) -> list[_Run]:
    runs: list[_Run] = []
    for change in found:
        year = change.onset.year
        key = _Run.key(change)
        for run in runs:
            if (
                _Run.key(run.last) == key
                and run.last.onset.year == year - 1
                and run.weekdays & change.weekdays()
            ):
                run.last = change
                run.weekdays &= change.weekdays()
                run.years += 1
                break
        else:
            runs.append(_Run(change, change, change.weekdays()))
    runs.sort(key=lambda r: r.first.at)
    return runs


def _observance(
    onset: dt.datetime, before: dt.timedelta, after: dt.timedelta, dst: bool, name: str
) -> list[str]:
    kind = "DAYLIGHT" if dst else "STANDARD"
    lines = [f"BEGIN:{kind}", f"DTSTART:{_local(onset)}"]
    lines += [f"TZOFFSETFROM:{_offset(before)}", f"TZOFFSETTO:{_offset(after)}"]
    if name:
        lines.append(f"TZNAME:{escape_text(name)}")
    lines.append(f"END:{kind}")
    return lines


def vtimezone(name: str, around: dt.datetime) -> list[str]:
    """A VTIMEZONE for the IANA zone `name`, exact from the year before `around` on.

    It opens with the offset in force on 1 January of the year before (so any time
    after that is covered), then one observance per run of changes: with a yearly
    RRULE when a change recurs on the same weekday rule in consecutive years (UNTIL
    its last year when it stops within the probed years), on its own otherwise.
    """
    zone = ZoneInfo(name)
    year = around.astimezone(zone).year
    start = dt.datetime(year - YEARS_BEFORE, 1, 1, tzinfo=zone)
    end = dt.datetime(year + YEARS_AFTER + 1, 1, 1, tzinfo=zone)
    offset = start.utcoffset()
    assert offset is not None
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}"]
    lines += _observance(
        start.replace(tzinfo=None), offset, offset, bool(start.dst()), start.tzname() or ""
    )
    last_year = end.year - 1
    for run in _runs(changes(zone, start, end)):
        first = run.first
        body = _observance(first.onset, first.before, first.after, first.dst, first.name)
        if run.years > 1:
            week = -1 if -1 in run.weekdays else min(run.weekdays)
            rule = f"RRULE:FREQ=YEARLY;BYMONTH={first.onset.month};"
            rule += f"BYDAY={week}{_BYDAY[first.onset.weekday()]}"
            if run.last.onset.year < last_year:
                # Any bound between the last change and the next year's is the same
                # rule; a day after it keeps readers that compare UNTIL (UTC) with the
                # local DTSTART as if both were local (dateutil does) from losing it.
                until = run.last.at + dt.timedelta(days=1)
                rule += f";UNTIL={until:%Y%m%dT%H%M%S}Z"
            body.insert(2, rule)
        lines += body
    lines.append("END:VTIMEZONE")
    return lines


# --------------------------------------------------------------------------- event


def first_review(config: Config, now: dt.datetime) -> dt.datetime:
    """The first review at or after `now`: this week's if it is still to come."""
    zone = ZoneInfo(config.time_zone)
    today = now.astimezone(zone).date()
    day = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=config.review_day)
    start = dt.datetime.combine(day, config.review_time, tzinfo=zone)
    if start < now:
        start = dt.datetime.combine(day + dt.timedelta(days=7), config.review_time, tzinfo=zone)
    return start


def review_uid(data_dir: Path) -> str:
    """The same UID every time for one data folder, so that importing a new file
    after changing the review day updates the calendar's event instead of adding
    a second one. Derived from the folder's path by a hash, which says nothing
    about the path."""
    real = os.path.realpath(data_dir.expanduser())
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    return f"weekly-review-{digest}@pmcoach"


def calendar_lines(config: Config, now: dt.datetime, uid: str) -> list[str]:
    start = first_review(config, now)
    byday = _BYDAY[config.review_day]
    return [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//pmcoach//pmcoach {__version__}//EN",
        "CALSCALE:GREGORIAN",
        *vtimezone(config.time_zone, start),
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART;TZID={_param(config.time_zone)}:{_local(start)}",
        f"DURATION:{DURATION}",
        f"RRULE:FREQ=WEEKLY;BYDAY={byday}",
        f"SUMMARY:{escape_text(SUMMARY)}",
        f"DESCRIPTION:{escape_text(DESCRIPTION)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text(SUMMARY)}",
        "TRIGGER:PT0S",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]


def review_calendar(config: Config, now: dt.datetime, uid: str) -> bytes:
    """The whole .ics file: a weekly event at the review day and time, in the zone."""
    return to_bytes(calendar_lines(config, now, uid))
