"""The last weeks of history, read past every cache: the first frame of a start with none.

Parsing ten years of files takes half a second, the files of the last weeks a few
milliseconds. A start with no saved overview (a first start on a copied folder, a cleared
cache) draws its first frame from these, and reads everything right after.

How far back is derived here, once, from the windows of the rules (`domain.rules`) the
dashboard's figures look back over; a window the dashboard does not read is named as such
in `NOT_ON_THE_DASHBOARD`, so a window added to the rules must be placed in one or the
other (tests/app/test_recent_first.py). The streak has no window: given the last weeks,
it is known exactly when it broke within them, else only as a lower bound
(`Recent.streak_is_lower_bound`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pmcoach.domain import rules
from pmcoach.domain.model import Event, Session
from pmcoach.domain.streak import WeekStatus
from pmcoach.domain.weeks import local_date, monday_of
from pmcoach.storage import toml_io
from pmcoach.storage.errors import Problem
from pmcoach.storage.items import decode, event_updated, pick, session_updated
from pmcoach.storage.scan import Scanned, read_document, walk

# What the dashboard's figures look back over from now (docs/definitions.md).
WINDOWS: dict[str, dt.timedelta] = {
    "a score, and the score a week before for its change": rules.SCORE_WINDOW + rules.CHANGE_SPAN,
    "the focus, whose ties go to the larger decline": rules.SCORE_WINDOW + rules.DECLINE_SPAN,
    "say/do": dt.timedelta(weeks=rules.SAY_DO_WEEKS),
    "the peers' mean": dt.timedelta(weeks=rules.PEER_WEEKS),
}
# The rules' windows no figure of the dashboard reads: the exports', and the choice of
# exercises and questions at a check-in (made after the whole history is read).
NOT_ON_THE_DASHBOARD = frozenset(
    {"REPORT_WEEKS", "EXERCISE_REST_WEEKS", "EXERCISE_REST", "ROTATION_WEEKS"}
)
# Not a rule: a commitment reviewed within the say/do weeks was made before it came due,
# most a week or two before. One made earlier still shows after the full read.
COMMITMENT_LEAD = dt.timedelta(weeks=4)
# How far back the first frame reads.
RECENT_SPAN = max(WINDOWS.values()) + COMMITMENT_LEAD

_STAMPED = re.compile(r"^\d{8}T\d{6}Z")


@dataclass(frozen=True)
class Recent:
    """The sessions and events of the last weeks, and the first whole week they cover."""

    sessions: list[Session]
    events: list[Event]
    first_week: dt.date  # the Monday of the first whole week read

    def streak_is_lower_bound(self, status: WeekStatus) -> bool:
        """The streak computed from these runs back to their first whole week (or into
        the part of a week before it): weeks before may have continued it."""
        return status.streak_since <= self.first_week


def read(root: Path, now: dt.datetime, zone: dt.tzinfo) -> Recent:
    """The files of `RECENT_SPAN` before `now`, read past every cache."""
    since = now - RECENT_SPAN
    sessions, events = read_since(root, since)
    first_week = monday_of(local_date(since, zone)) + dt.timedelta(days=7)
    return Recent(sessions, events, first_week)


def read_since(root: Path, since: dt.datetime) -> tuple[list[Session], list[Event]]:
    """The sessions and events named from `since` on.

    A name starts with its id's UTC time; a file whose name does not is read too. A file
    that cannot be read is left out here and reported by the full read that follows.
    """
    utc = since.astimezone(dt.UTC)
    stamp = utc.strftime("%Y%m%dT%H%M%SZ")

    def earlier_year(rel: str) -> bool:
        # Files are saved in the folder of their id's UTC year.
        name = rel.partition("/")[2]
        return "/" not in name and name.isdigit() and len(name) == 4 and int(name) < utc.year

    sessions: dict[str, list[tuple[Session, str]]] = defaultdict(list)
    events: dict[str, list[tuple[Event, str]]] = defaultdict(list)
    for file in walk(root, ("sessions", "events"), skip=earlier_year):
        name = os.path.basename(file.full)
        if file.key is None or (_STAMPED.match(name) and name < stamp):
            continue
        try:
            doc, key = read_document(file.path)
        except toml_io.SchemaError:
            continue
        item = decode(Scanned(file.rel, file.path, doc, None, key))
        if isinstance(item, Session):
            sessions[item.id].append((item, file.full))
        elif isinstance(item, Event):
            events[item.id].append((item, file.full))
    unreported: list[Problem] = []
    return (
        sorted(
            pick(sessions, session_updated, unreported).values(),
            key=lambda s: (s.started, s.id),
        ),
        sorted(pick(events, event_updated, unreported).values(), key=lambda e: (e.at, e.id)),
    )
