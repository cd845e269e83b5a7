"""From a data folder's files to its items: one session or event per id.

A file is decoded by `sessions` or `events`, and its name must start with the id it
holds. A sync tool's conflicted copy keeps the id in its file name; among the copies of
an id the one updated last is used, the others listed as duplicates
(docs/data-format.md, "Synced folders and conflicted copies").
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pmcoach.domain.model import Event, Session
from pmcoach.storage import toml_io
from pmcoach.storage.errors import Problem
from pmcoach.storage.events import decode_event
from pmcoach.storage.scan import Decoded, Scanned
from pmcoach.storage.sessions import decode_session

Item = TypeVar("Item", Session, Event)


def pick(
    groups: dict[str, list[tuple[Item, str]]],
    updated: Callable[[Item], dt.datetime],
    problems: list[Problem],
) -> dict[str, Item]:
    """One item per id. A sync tool's conflicted copy keeps the id in its file name;
    the copy updated last wins, the file named exactly by the id on a tie. Each
    group is left sorted, the copy used first."""
    chosen: dict[str, Item] = {}
    for item_id, copies in groups.items():
        if len(copies) > 1:
            exact = f"{item_id}.toml"
            copies.sort(
                key=lambda c: (updated(c[0]), os.path.basename(c[1]) == exact), reverse=True
            )
            used = os.path.basename(copies[0][1])
            for _item, path in copies[1:]:
                reason = f"duplicate of {item_id}; the later copy is used ({used})"
                problems.append(Problem(Path(path), reason, duplicate=True))
        chosen[item_id] = copies[0][0]
    return chosen


def session_updated(session: Session) -> dt.datetime:
    return session.updated


def event_updated(event: Event) -> dt.datetime:
    return event.updated or event.at


def decode(scanned: Scanned) -> Decoded:
    """A file's session or event, or the reason it is a problem."""
    if scanned.error is not None or scanned.doc is None:
        return scanned.error or "cannot be read"
    doc = scanned.doc
    item: Session | Event
    try:
        item = decode_session(doc) if scanned.rel.startswith("sessions/") else decode_event(doc)
        _check_name(scanned.path, item.id)
    except toml_io.SchemaError as exc:
        return str(exc)
    return item


def _check_name(path: Path, item_id: str) -> None:
    # A conflicted copy ("<id> (conflicted copy).toml", "<id>.sync-conflict-….toml")
    # keeps the id at the front of its name.
    if not path.stem.startswith(item_id):
        raise toml_io.SchemaError(f"id {item_id} does not match the file name")
