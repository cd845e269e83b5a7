"""Drill attempts that count toward an exercise that includes a built-in drill.

An exercise may include a number of attempts of a built-in drill (the rubric's
`drill = { kind, attempts }`). No file records the link: an attempt is a `drill`
event as always, and the ledger counts those of the right drill saved while the
exercise is assigned, from the end of the check-in that proposed it until the same
exercise is proposed again (docs/definitions.md, "Exercises"). So a drill done
anywhere (the app, `pmcoach drill`) counts, and deleting an attempt uncounts it.

Pure like the ledger: events in, counts out; no files, no clock.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pmcoach.domain.model import DRILL_ATTEMPT, DRILL_KINDS, Event, ExerciseDrill


@dataclass(frozen=True)
class DrillTally:
    """How far an exercise's drills have come for one proposal."""

    kind: str
    done: int  # attempts counted, at most `needed`
    needed: int
    completed_at: dt.datetime | None = None  # when the last needed attempt was saved
    completed_by: str | None = None  # that attempt's event id

    @property
    def complete(self) -> bool:
        return self.done >= self.needed

    @property
    def words(self) -> str:
        """As the exercise lists read it: "2 of 3 drills"."""
        return f"{self.done} of {self.needed} drills"


class Attempts:
    """Every drill attempt by drill, in time order, to count a window by bisection."""

    def __init__(self, events: Iterable[Event]) -> None:
        found: dict[str, list[tuple[dt.datetime, str, dt.datetime]]] = {}
        for event in events:
            drill = event.data.get("drill")
            if event.kind == DRILL_ATTEMPT and drill in DRILL_KINDS:
                at = event.at.astimezone(dt.UTC)
                found.setdefault(str(drill), []).append((at, event.id, event.at))
        self._by_kind = {kind: sorted(items) for kind, items in found.items()}
        self._starts = {kind: [i[0] for i in items] for kind, items in self._by_kind.items()}

    def tally(
        self, drill: ExerciseDrill, start: dt.datetime, end: dt.datetime | None
    ) -> DrillTally:
        """The attempts of `drill` saved in [start, end): `end` None is open."""
        items = self._by_kind.get(drill.kind, [])
        starts = self._starts.get(drill.kind, [])
        low = bisect.bisect_left(starts, start.astimezone(dt.UTC))
        high = len(starts) if end is None else bisect.bisect_left(starts, end.astimezone(dt.UTC))
        counted = items[low:high]
        if len(counted) < drill.attempts:
            return DrillTally(drill.kind, len(counted), drill.attempts)
        _utc, event_id, at = counted[drill.attempts - 1]
        return DrillTally(drill.kind, drill.attempts, drill.attempts, at, event_id)
