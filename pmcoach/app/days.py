"""What day it is for the user, and which days pmcoach works with.

The command line and the screens reach the clock (`pmcoach.domain.clock`, where
`PMCOACH_TODAY` freezes the whole program on one day) and the one range of dates
(`pmcoach.domain.daterange`) through here, as the layers above the rules do.

`pmcoach status` reads this on its fast path, so it imports only the clock, which
imports the range: nothing a shell prompt would wait for.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pmcoach.domain import clock, daterange

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from pmcoach.domain.model import Config

# The variable that shows pmcoach as on another day, as `PMCOACH_TODAY=2026-11-30`.
TODAY_ENV = clock.TODAY_ENV
# The dates pmcoach works with, in words (docs/data-format.md, "What a file may hold").
DAY_RANGE = daterange.RANGE


def zone_of(config: Config) -> ZoneInfo:
    """The time zone the settings name (a wrong name raises ValueError, in words)."""
    return clock.zone(config.time_zone)


def now_in(zone_name: str) -> dt.datetime:
    """Now in the zone named, or noon of the day `PMCOACH_TODAY` names."""
    return clock.now(clock.zone(zone_name))


def now_for(config: Config) -> dt.datetime:
    """Now in the settings' time zone: the moment every saved answer and event carries."""
    return clock.now(zone_of(config))


def now_here() -> dt.datetime:
    """Now in this machine's zone, for what no folder's settings place (a team page)."""
    return clock.now()


def check_today() -> None:
    """Raise ValueError, in words, when `PMCOACH_TODAY` names no day pmcoach can use."""
    clock.frozen_today()


def works_with(day: dt.date) -> bool:
    """The day lies in the range pmcoach accepts from a file or the command line."""
    return daterange.contains(day)
