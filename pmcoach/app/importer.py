"""`pmcoach import FILE`: restore a JSON export, or merge one into a folder in use.

Two promises make it safe to run on a folder that holds a year of notes:

* It never overwrites. A session or event whose id the folder already has (or
  whose file name is taken, even by a file pmcoach cannot read) is skipped and
  counted, and the folder's settings are kept when it has any. Each file is
  created only where no file is at that moment (Store.create), so a file another
  program writes at a name while the import runs is never replaced either.
* A failed import changes nothing. The whole file is read and checked first
  (export.json_read) before the first file is written; if a write still fails (disk
  full), the files this import wrote are removed again, and only those.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmcoach.domain.model import Config, Event, Session
from pmcoach.export.json_read import Backup, ImportRefused
from pmcoach.storage import codec
from pmcoach.storage.store import CONFIG_NAME, NameTaken, Store, StoreError


@dataclass(frozen=True)
class Outcome:
    sessions: int
    events: int
    skipped: int
    differing: int  # of the skipped: the folder's copy is not the file's
    settings: str  # "written" from the file, "kept" the folder's differing own, or ""


def _taken(store: Store, rel: str) -> bool:
    """A file name in use, even by a file pmcoach cannot read: never replaced."""
    path = store.root / rel
    return path.exists() or path.is_symlink()


class _Undo:
    """What this import created, so that a failure halfway can take it back. Only a
    file this import created is removed, and only while it is still that file (the
    same inode, size and time): one a sync tool put in its place is left alone."""

    def __init__(self) -> None:
        self.files: list[tuple[Path, os.stat_result]] = []
        self.folders: list[Path] = []

    def missing_folders(self, path: Path) -> None:
        """Note the folders a file at `path` will create (before creating it)."""
        folder = path.parent
        missing: list[Path] = []
        while not folder.exists() and not folder.is_symlink():
            missing.append(folder)
            folder = folder.parent
        self.folders[:0] = missing  # deepest first

    def created(self, path: Path, info: os.stat_result) -> None:
        self.files.append((path, info))

    def undo(self) -> None:
        for path, info in reversed(self.files):
            with contextlib.suppress(OSError):
                if _same_file(os.lstat(path), info):
                    os.unlink(path)
        for folder in self.folders:
            with contextlib.suppress(OSError):
                os.rmdir(folder)  # only when empty


def _same_file(now: os.stat_result, then: os.stat_result) -> bool:
    return (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == (
        then.st_dev,
        then.st_ino,
        then.st_size,
        then.st_mtime_ns,
    )


def _session_rel(session: Session) -> str:
    return f"sessions/{codec.id_year(session.id)}/{session.id}.toml"


def _event_rel(event: Event) -> str:
    return f"events/{codec.id_year(event.id)}/{event.id}.toml"


def _as_json(doc: codec.Doc) -> Any:
    """An item as its export shows it, to tell "the same" from "changed": the order of
    keys does not count, an offset does, and a kind's TOML date equals its text."""
    from pmcoach.export.json import plain

    return plain(doc)


def restore(store: Store, backup: Backup) -> Outcome:
    """Add what the folder does not have; the caller holds the store's lock.

    Each file is created only if its name is free at that very moment (Store.create):
    a file a sync tool puts at a name while the import runs is kept, and counted
    with the items already present.
    """
    have: dict[str, Any] = {s.id: _as_json(codec.session_doc(s)) for s in store.sessions()}
    have.update((e.id, _as_json(codec.event_doc(e))) for e in store.events())
    todo: list[tuple[str, str, bytes]] = [
        (s.id, _session_rel(s), codec.encode_session(s)) for s in backup.sessions
    ]
    todo += [(e.id, _event_rel(e), codec.encode_event(e)) for e in backup.events]
    theirs = {s.id: _as_json(codec.session_doc(s)) for s in backup.sessions}
    theirs.update((e.id, _as_json(codec.event_doc(e))) for e in backup.events)
    sessions = events = skipped = differing = 0
    settings = ""
    undo = _Undo()
    try:
        for item_id, rel, data in todo:
            if item_id in have or _taken(store, rel):
                skipped += 1
                differing += have.get(item_id) != theirs[item_id]
                continue
            if _create(store, undo, rel, data):
                sessions += rel.startswith("sessions/")
                events += rel.startswith("events/")
            else:
                skipped += 1
                differing += not _holds(store.root / rel, data)
        if backup.config is not None:
            written = not _taken(store, CONFIG_NAME) and _create(
                store, undo, CONFIG_NAME, codec.encode_config(backup.config)
            )
            settings = "written" if written else _kept(store, backup.config)
    except BaseException as exc:
        undo.undo()
        if isinstance(exc, StoreError):
            raise ImportRefused(f"{exc}; nothing was imported") from None
        raise
    return Outcome(sessions, events, skipped, differing, settings)


def _create(store: Store, undo: _Undo, rel: str, data: bytes) -> bool:
    """Create one file; False when its name was taken in the meantime."""
    undo.missing_folders(store.root / rel)
    try:
        path, info = store.create(rel, data)
    except NameTaken:
        return False
    undo.created(path, info)
    return True


def _holds(path: Path, data: bytes) -> bool:
    """The file at `path` holds exactly `data` (a sync tool brought the same item)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return os.read(fd, len(data) + 1) == data
    except OSError:
        return False
    finally:
        os.close(fd)


def _kept(store: Store, config: Config | None) -> str:
    """Say "kept" only when the folder's settings differ from the file's: the same
    settings kept are not news."""
    if config is None:
        return ""
    try:
        same = store.load_config() == config
    except StoreError:
        same = False  # a broken config.toml is never replaced; the user fixes it
    return "" if same else "kept"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' * (number != 1)}"


def summary(outcome: Outcome) -> str:
    """One line: what was added, what was already there."""
    sessions = _count(outcome.sessions, "session")
    events = _count(outcome.events, "event")
    if outcome.settings == "written":
        line = f"imported {sessions}, {events} and the settings"
    else:
        line = f"imported {sessions} and {events}"
    if outcome.settings == "kept":
        line += "; kept this folder's settings"
    if outcome.skipped:
        line += f"; skipped {outcome.skipped} already present"
        if outcome.differing:
            line += (
                f" ({outcome.differing} of them not the same as in the file:"
                " the folder's copy was kept)"
            )
    return line
