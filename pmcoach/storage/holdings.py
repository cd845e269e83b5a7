"""What a store holds in memory once it has read its folder: one item per id, the files
of each id, and the files it could not use.

Kept apart from the store so that a copy of it is one call: the app reads the folder
again in the background through a copy of its store (`Store.fork`), and the two must
share nothing that either changes. The items themselves are frozen and shared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pmcoach.domain.model import Event, Session
from pmcoach.storage.errors import Problem
from pmcoach.storage.items import event_updated, pick, session_updated
from pmcoach.storage.scan import Decoded, Found


@dataclass
class Holdings:
    sessions: dict[str, Session]
    events: dict[str, Event]
    copies: dict[str, list[str]]  # the files of each id, the one used first
    problems: list[Problem]

    @classmethod
    def of(cls, found: Sequence[Found], items: Mapping[str, Decoded]) -> Holdings:
        """The items of a walk's files (`items` by relative path), one per id."""
        # Files go by their path strings: a Path for each of 1,300 files costs milliseconds.
        sessions: dict[str, list[tuple[Session, str]]] = defaultdict(list)
        events: dict[str, list[tuple[Event, str]]] = defaultdict(list)
        problems: list[Problem] = []
        for file in found:
            item = items[file.rel]
            if isinstance(item, str):
                problems.append(Problem(file.path, item))
            elif isinstance(item, Session):
                sessions[item.id].append((item, file.full))
            else:
                events[item.id].append((item, file.full))
        chosen_sessions = pick(sessions, session_updated, problems)
        chosen_events = pick(events, event_updated, problems)
        # Each id's files, the one used first (pick put them in that order).
        copies = {
            item_id: [path for _item, path in group]
            for groups in (sessions, events)
            for item_id, group in groups.items()
        }
        return cls(
            chosen_sessions, chosen_events, copies, sorted(problems, key=lambda p: str(p.path))
        )

    def copy(self) -> Holdings:
        return Holdings(
            dict(self.sessions),
            dict(self.events),
            {item_id: list(paths) for item_id, paths in self.copies.items()},
            list(self.problems),
        )

    def keep(self, item: Session | Event, path: Path) -> None:
        """An item just saved to `path`."""
        if isinstance(item, Session):
            self.sessions[item.id] = item
        else:
            self.events[item.id] = item
        copies = self.copies.setdefault(item.id, [])
        if str(path) not in copies:
            copies.insert(0, str(path))
