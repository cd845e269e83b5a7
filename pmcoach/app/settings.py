"""How settings read to a person: used by `pmcoach config` and the settings screen."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from pmcoach.domain.model import Config
from pmcoach.domain.rules import WEEKDAYS
from pmcoach.storage.config import NAME_LIMIT

NO_NAME = "(none: reports say I and me)"
"""What `pmcoach config` says when no name is set."""

PEER_NAMES_WORDS = {
    False: "hidden (show_peer_names = true shows them)",
    True: "shown on screen",
}
"""How `show_peer_names` reads in `pmcoach config`."""


def weekday_name(day: int) -> str:
    return WEEKDAYS[day].capitalize()


def describe(config: Config) -> list[str]:
    from pmcoach.app import themes  # here: status imports this module for weekday names

    targets = ", ".join(f"{skill} {value}" for skill, value in sorted(config.targets.items()))
    return [
        f"name:        {config.name or NO_NAME}",
        f"track:       {config.track}",
        f"review:      {weekday_name(config.review_day)} at {config.review_time:%H:%M}",
        f"time zone:   {config.time_zone}",
        f"targets:     {targets or 'those of the track (the default)'}",
        f"peer names:  {PEER_NAMES_WORDS[config.show_peer_names]}",
        f"theme:       {themes.describe(config.theme)}",
    ]


def parse_review_time(text: str) -> dt.time | None:
    """`HH:MM` (24-hour); None when it is not a time of day."""
    try:
        hours, minutes = text.strip().split(":")
        if len(minutes) != 2:
            return None
        return dt.time(int(hours), int(minutes))
    except ValueError:
        return None


def parse_name(text: str) -> str | None:
    """The name as config.toml keeps it (spaces tidied, empty: none); ValueError with a
    line for people when config.toml would refuse it, so the form says why at once."""
    name = " ".join(text.split())
    if len(name) > NAME_LIMIT:
        raise ValueError(f"The name is {len(name)} characters long: at most {NAME_LIMIT}.")
    if not name.isprintable():
        raise ValueError("The name holds a character that cannot be shown.")
    return name or None


def valid_zone(name: str) -> bool:
    if not name or name != name.strip() or ".." in name or name.startswith("/"):
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
