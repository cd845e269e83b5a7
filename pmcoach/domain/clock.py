"""The one place that asks what time it is.

Every screen, command and export gets "now" from here so that `PMCOACH_TODAY` can
freeze the whole program on one day: snapshot tests and demos must not drift with
the wall clock.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pmcoach.domain import daterange

TODAY_ENV = "PMCOACH_TODAY"

# Noon rather than midnight: a frozen day then stays the same calendar day in every
# time zone within ±12 hours of the configured one, and is past a typical review time.
FROZEN_TIME = dt.time(12, 0, 0)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def zone(name: str) -> ZoneInfo:
    """Resolve an IANA zone name, failing with a message a user can act on."""
    if not name or name != name.strip():
        raise ValueError(f"unknown time zone {name!r}: expected an IANA name like 'Europe/Berlin'")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        # ZoneInfo raises ValueError for names that look like paths, OSError for some
        # unreadable files; the user only needs to know the name was not recognised.
        raise ValueError(
            f"unknown time zone {name!r}: expected an IANA name like 'Europe/Berlin'"
        ) from exc


def frozen_today(env: Mapping[str, str] = os.environ) -> dt.date | None:
    """The date `PMCOACH_TODAY` freezes the clock at, or None when the clock runs.

    Strict YYYY-MM-DD only, so a typo is reported instead of silently giving a
    different day.
    """
    raw = env.get(TODAY_ENV)
    if raw is None or raw == "":
        return None
    value = raw.strip()
    if not _DATE.fullmatch(value):
        raise ValueError(f"{TODAY_ENV}={raw!r} is not a date: expected YYYY-MM-DD, e.g. 2026-11-23")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{TODAY_ENV}={raw!r} is not a valid date: {exc}") from exc
    if not daterange.contains(day):
        raise ValueError(
            f"{TODAY_ENV}={raw!r} is outside the dates pmcoach works with ({daterange.RANGE})"
        )
    return day


def now(tz: ZoneInfo | None = None, env: Mapping[str, str] = os.environ) -> dt.datetime:
    """The current moment, always time-zone aware.

    With `PMCOACH_TODAY` set, the answer is that date at 12:00:00 in `tz`, every
    time, so that two screens rendered a second apart agree. Without `tz` the
    system's zone is used.
    """
    zone_info = tz if tz is not None else _system_zone()
    day = frozen_today(env)
    if day is not None:
        return dt.datetime.combine(day, FROZEN_TIME, tzinfo=zone_info)
    return dt.datetime.now(zone_info)


def system_zone_name(env: Mapping[str, str] = os.environ) -> str:
    """Best guess at the machine's IANA zone name, for the default configuration.

    Tries `TZ`, then the `/etc/localtime` symlink (Linux and macOS both point it into
    a zoneinfo tree), and falls back to "UTC" rather than failing: a wrong guess is
    fixed in settings, a crash on first run is not.
    """
    tz_env = env.get("TZ", "").strip().lstrip(":")
    if tz_env and _is_zone(tz_env):
        return tz_env
    name = _zone_from_localtime(Path("/etc/localtime"))
    if name is not None:
        return name
    return "UTC"


def _zone_from_localtime(path: Path) -> str | None:
    try:
        target = os.readlink(path)
    except OSError:
        return None
    parts = Path(target).parts
    if "zoneinfo" not in parts:
        return None
    # Counted from the last "zoneinfo" component, because the tree itself may sit
    # anywhere; some distributions nest posix/ or right/ copies below it.
    index = len(parts) - 1 - parts[::-1].index("zoneinfo")
    rest = [p for p in parts[index + 1 :] if p not in ("posix", "right")]
    name = "/".join(rest)
    return name if name and _is_zone(name) else None


def _is_zone(name: str) -> bool:
    try:
        zone(name)
    except ValueError:
        return False
    return True


def _system_zone() -> ZoneInfo:
    return zone(system_zone_name())
