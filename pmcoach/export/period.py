"""Which days an export covers: `--since DATE`, `--last 12w|90d|6m`, or the format's default."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from pmcoach.domain import daterange
from pmcoach.export import DEFAULT_WEEKS, ExportError, Period, check_format

_LAST = re.compile(r"(\d+)([wdm])")
# Enough to reach from the last day pmcoach works with back past the first one.
LONGEST = 9999
_UNITS = {"w": "week", "d": "day", "m": "month"}


def _months_back(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` earlier, or that month's last day."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    if year < 1:
        raise ExportError(f"--last {months}m reaches before the year 1")
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def parse_since(text: str, today: dt.date) -> Period:
    value = text.strip()
    try:
        start = dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        start = None
    if start is None:
        raise ExportError(f"--since {value[:20]!r} is not a date: expected YYYY-MM-DD")
    if not daterange.contains(start):
        raise ExportError(
            f"--since {start} is outside the dates pmcoach works with ({daterange.RANGE})"
        )
    if start > today:
        raise ExportError(f"--since {start} is after today ({today}): nothing to export")
    return Period(start, today, f"since {start:%d %b %Y}")


def parse_last(text: str, today: dt.date) -> Period:
    value = text.strip().lower()
    match = _LAST.fullmatch(value)
    if match is None:
        raise ExportError(
            f"--last {text[:20]!r} is not a length: expected a number and w, d or m, like 12w"
        )
    digits, unit = match[1].lstrip("0") or "0", match[2]
    if len(digits) > len(str(LONGEST)) or int(digits) > LONGEST:
        raise ExportError(
            f"--last {value[:20]} is too long: at most {LONGEST} weeks, days or months "
            "(for everything, use --since or leave out --last with csv or json)"
        )
    count = int(digits)
    if count == 0:
        raise ExportError("--last 0 covers no days: give at least 1")
    try:
        if unit == "m":
            start = _months_back(today, count)
        elif unit == "w":
            # Whole ISO weeks, this one included, so a report starts on a Monday.
            start = today - dt.timedelta(days=today.weekday(), weeks=count - 1)
        else:
            start = today - dt.timedelta(days=count - 1)
    except OverflowError:
        raise ExportError(f"--last {value} reaches before the year 1") from None
    name = _UNITS[unit] + ("s" if count != 1 else "")
    return Period(start, today, f"last {count} {name}")


def period_for(
    fmt: str, today: dt.date, since: str | None = None, last: str | None = None
) -> Period:
    """The period asked for, or the format's default (12 weeks for md and html, else all)."""
    check_format(fmt)
    if since is not None and last is not None:
        raise ExportError("give --since or --last, not both")
    if since is not None:
        return parse_since(since, today)
    if last is not None:
        return parse_last(last, today)
    weeks = DEFAULT_WEEKS[fmt]
    if weeks is None:
        return Period(None, today, "everything")
    return parse_last(f"{weeks}w", today)


def parse_period(fmt: str, text: str, today: dt.date) -> Period:
    """The app's one period field, in the command line's words: `12w`, `90d`, `6m`, a date
    (from that day on), `all`, or empty for the format's default."""
    value = text.strip()
    if not value:
        return period_for(fmt, today)
    if value.lower() in ("all", "everything"):
        return Period(None, today, "everything")
    if value[:1].isdigit() and "-" in value:
        return parse_since(value, today)
    return parse_last(value, today)
