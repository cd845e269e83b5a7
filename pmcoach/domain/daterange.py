"""The one range of dates pmcoach accepts, from a file, an import or the command line.

Python's dates end at the years 1 and 9999, and pmcoach computes around every date it
holds: the Monday of its week, the week before, the same moment in another time zone
(up to a day away), "12 weeks back", a demo history of up to 20 years. A date near
either end made each of those raise OverflowError far from where the date was read.
So a date is accepted only well inside Python's range, where no such step can leave
it: 1900 to 2999 leaves close to two thousand years below and seven thousand above,
more than any number of weeks a command accepts, and still covers every date a
person's working life, a backup or a clock set wrong by decades can hold.

A date outside the range is refused where it enters: a file holding one is listed as
a problem and left out, an import naming one is refused, a command-line date or
`PMCOACH_TODAY` gets one line and exit status 2.
"""

from __future__ import annotations

import datetime as dt

FIRST = dt.date(1900, 1, 1)
LAST = dt.date(2999, 12, 31)
RANGE = f"{FIRST.isoformat()} to {LAST.isoformat()}"


def contains(day: dt.date) -> bool:
    """The date (of a date-time: its own calendar date) lies in the range."""
    day = day.date() if isinstance(day, dt.datetime) else day
    return FIRST <= day <= LAST


def problem(value: dt.date) -> str | None:
    """Why a date or date-time cannot be used, or None when it can. A date-time is
    judged by its own calendar date; its UTC offset must be whole minutes, as TOML
    writes them (a backup's ISO text may carry seconds)."""
    if isinstance(value, dt.datetime):
        offset = value.utcoffset()
        if offset is not None and offset % dt.timedelta(minutes=1):
            return f"a UTC offset of whole minutes, got {value.isoformat()}"
    if not contains(value):
        return f"a date from {RANGE}, got {value.isoformat()}"
    return None


def check(value: dt.date, what: str) -> None:
    """Raise ValueError naming `what` when the date cannot be used."""
    reason = problem(value)
    if reason is not None:
        raise ValueError(f"{what}: expected {reason}")
