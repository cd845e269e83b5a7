"""The data folder: reading everything back, and saving sessions, events and settings.

Rules this module keeps, so that a week of answers is never lost:

* Every write goes through `files` (atomic, private); a crash leaves the old file or
  the new one, never half of one.
* A file pmcoach cannot read is reported as a `Problem` and never rewritten,
  moved or "repaired"; nor is a file written by a newer pmcoach.
* Nothing is deleted: deleting moves to `trash/`, from where it can be restored.
* A new session or event gets a file of its own (`add_session`, `add_event`), never
  another's name; only a save of an item already on disk replaces its file.

Links: the data folder itself may be a symbolic link (people keep it in a synced
folder and link to it), but links *inside* it are not followed, read or replaced:
`sessions/`, `events/` and `trash/` must be real folders (`folder`), a linked file is
listed as a problem and never replaced, a save into a linked sub-folder
(`sessions/2026`) is refused, and a linked lock file is refused (`lock`). Writing
through a link would put private notes wherever the link points, with that place's
permissions.

A settings change that must not undo another window's goes through
`update_config`, which reads config.toml again under a lock of its own
(`config.lock` in the cache folder).

Speed: a store may be given an index of decoded documents (`scan.DocumentIndex`); the
cache gives one to every store the app and the commands open. Without one, every file
is parsed on every refresh.

Threads: a store belongs to one thread and takes no lock. Work in the background reads
through a `fork` (its own copy of what is in memory, sharing nothing that either
changes) and hands what it read back with `adopt`, which takes it only while the store
has not changed since the fork (`version`): what the app's own thread saved meanwhile
is never undone by an older read.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from pmcoach.domain.model import Config, Event, Session
from pmcoach.domain.rules import RESUMABLE_KINDS
from pmcoach.storage import folder, paths, toml_io, trash
from pmcoach.storage.config import decode_config, encode_config
from pmcoach.storage.errors import SYMLINK_REASON, Problem, StoreError
from pmcoach.storage.events import encode_event
from pmcoach.storage.files import (
    check_no_linked_folder,
    cleanup_temp_files,
    is_private_dir,
    make_private_dir,
    write_atomic,
    write_new,
)
from pmcoach.storage.holdings import Holdings
from pmcoach.storage.ids import created, id_year
from pmcoach.storage.items import decode
from pmcoach.storage.keys import Key, file_key
from pmcoach.storage.lock import CONFIG_LOCK_NAME, CONFIG_LOCK_WAIT, LOCK_NAME, Lock, take_lock
from pmcoach.storage.scan import DocumentIndex, Scanned, fits, read_document, read_found, walk
from pmcoach.storage.sessions import encode_session

# Makes the index for a store of (data folder, cache folder); the cache has one.
IndexFactory = Callable[[Path, Path], DocumentIndex]
Item = TypeVar("Item", Session, Event)


class Store:
    """One data folder. Reads are lazy and cached in memory until `refresh()`."""

    def __init__(self, root: Path, cache_dir: Path, index: DocumentIndex | None = None) -> None:
        self.root = root
        self.cache_dir = cache_dir
        self._index = index
        # config.toml's key when the settings were last read or saved here (None: absent),
        # so that an answer computed from them is saved only while they are current.
        self.config_key: Key | None = None
        self._held: Holdings | None = None  # None until the folder is read
        # Counts every change to what this store holds or wrote: a fork remembers it, and
        # what the fork read is current here only while it has not moved.
        self.version = 0
        self.forked_at: int | None = None

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        root: Path,
        cache_root: Path | None = None,
        *,
        cleanup: bool = True,
        write: bool = True,
        index: IndexFactory | None = None,
    ) -> Store:
        """Open a data folder, for writing unless `write=False`.

        For writing, a missing folder and its sub-folders are created (0700) and
        the folder must be writable. For reading only (`status`, `export`,
        `config`, `doctor`), nothing is created, no mode is changed and no temp
        file is cleaned up: such a command works on a read-only folder or one
        that belongs to someone else, and a mistyped path stays a mistake rather
        than becoming an empty history. Either way, a folder that holds other
        files and nothing of pmcoach's is refused.

        `cache_root` is this folder's own cache directory (default: paths.cache_dir).
        `cleanup=False` skips the walk for dead temp files. `index` makes the index
        of decoded documents for (data folder, cache folder); see `cache.documents`.
        """
        root = paths.expand(root).absolute()
        folder.prepare(root, write)
        cache_dir = cache_root if cache_root is not None else paths.cache_dir(root)
        store = cls(root, cache_dir, None if index is None else index(root, cache_dir))
        if cleanup and write:
            store.cleanup_temp_files()
        return store

    def cleanup_temp_files(self) -> list[Path]:
        removed = cleanup_temp_files(self.root)
        if is_private_dir(self.cache_dir):  # a cache folder not ours is left alone
            removed += cleanup_temp_files(self.cache_dir)
        return removed

    def lock(self) -> Lock:
        """Hold the folder for writing; raises Locked when another pmcoach holds it."""
        return take_lock(self.cache_dir / LOCK_NAME)

    # ----------------------------------------------------------------- config

    @property
    def config_path(self) -> Path:
        return self.root / folder.CONFIG_NAME

    def load_config(self) -> Config | None:
        """The settings, or None on first run. A broken file is an error, not a
        reason to start over: the user's settings are in it."""
        path = self.config_path
        self.config_key = None
        if not path.exists() and not path.is_symlink():
            return None
        try:
            doc, self.config_key = read_document(path)
            return decode_config(doc)
        except toml_io.SchemaError as exc:
            raise StoreError(f"{path}: {exc}") from None

    def save_config(self, config: Config) -> Path:
        try:
            data = fits(encode_config(config))
        except toml_io.SchemaError as exc:
            raise StoreError(f"settings not saved: {exc}") from None
        _check_replaceable(self.config_path)
        write_atomic(self.config_path, data)
        self.version += 1
        self.config_key = self._config_file_key()
        return self.config_path

    def _config_file_key(self) -> Key | None:
        try:
            return file_key(os.stat(self.config_path, follow_symlinks=False))
        except OSError:
            return None

    def config_current(self) -> bool:
        """config.toml is the file the settings held here were read from (or saved as)."""
        return self._config_file_key() == self.config_key

    def update_config(self, change: Callable[[Config | None], Config]) -> Config:
        """Change the settings as they are on disk now, with no other pmcoach of this
        machine saving them in between; `change` gets None on the first run.

        Saving a Config read a while ago would undo a change another window made
        meanwhile. The lock is not the folder's: an open app holds that one for as
        long as it runs, and settings must stay changeable beside it.
        """
        lock = take_lock(
            self.cache_dir / CONFIG_LOCK_NAME, wait=CONFIG_LOCK_WAIT, doing="is saving the settings"
        )
        with lock:
            config = change(self.load_config())
            self.save_config(config)
        return config

    # ----------------------------------------------------------------- reading

    def refresh(self) -> None:
        """Read the folder again (new files from sync, edits by hand).

        Every file is checked by its key (see cache.cachedir for the rule); only a file
        the index does not hold as it is now is parsed, and only an entry not decoded yet
        in this process is decoded.
        """
        found = walk(self.root, ("sessions", "events"))
        index = self._index
        if index is None:
            items = {file.rel: decode(read_found(file)) for file in found}
        else:
            items = {scanned.rel: index.item(scanned, decode) for scanned in index.read(found)}
            index.save()
        self._held = Holdings.of(found, items)
        self.version += 1

    def fork(self) -> Store:
        """A store of the same folder for another thread, with copies of what this one
        holds in memory and of its index: neither changes anything the other reads."""
        index = None if self._index is None else self._index.copy()
        fork = Store(self.root, self.cache_dir, index)
        fork.config_key, fork.forked_at = self.config_key, self.version
        fork._held = None if self._held is None else self._held.copy()
        return fork

    def adopt(self, fork: Store) -> bool:
        """Take what `fork` read, and its index, if nothing changed here since it was
        made (False, nothing taken, otherwise). `fork` is not used after."""
        if fork.forked_at != self.version or fork._held is None:
            return False
        self._held, self._index, self.version = fork._held, fork._index, self.version + 1
        return True

    def _holdings(self) -> Holdings:
        if self._held is None:
            self.refresh()
        assert self._held is not None
        return self._held

    def sessions(self) -> list[Session]:
        return sorted(self._holdings().sessions.values(), key=lambda s: (s.started, s.id))

    def events(self) -> list[Event]:
        return sorted(self._holdings().events.values(), key=lambda e: (e.at, e.id))

    @property
    def loaded(self) -> bool:
        return self._held is not None

    def session(self, session_id: str) -> Session | None:
        return self._holdings().sessions.get(session_id)

    @property
    def problems(self) -> list[Problem]:
        return list(self._holdings().problems)

    @property
    def unreadable(self) -> list[Problem]:
        """The problems whose files were left out (not the duplicates, whose item is read
        from the copy used): what changes the figures until someone looks."""
        return [p for p in self.problems if not p.duplicate]

    def in_progress(self, device: str) -> Session | None:
        """The session to offer for resuming: only ever one begun on this device."""
        mine = [
            s
            for s in self.sessions()
            if s.in_progress and s.device == device and s.kind in RESUMABLE_KINDS
        ]
        return max(mine, key=lambda s: (s.started, s.id), default=None)

    # ----------------------------------------------------------------- writing

    def save_session(self, session: Session) -> Path:
        """Save a session that has its file (a check-in's next answer): replaced."""
        return self._update(session, encode_session)

    def save_event(self, event: Event) -> Path:
        return self._update(event, encode_event)

    def add_session(self, session: Session) -> tuple[Session, Path]:
        """Save a new session in a file of its own: never over another's (see `_add`).
        Returns the session as saved, its id drawn again if its name was taken."""
        return self._add(session, encode_session)

    def add_event(self, event: Event) -> tuple[Event, Path]:
        """Save a new event in a file of its own, as `add_session` does a session."""
        return self._add(event, encode_event)

    def _update(self, item: Item, encode: Callable[[Item], bytes]) -> Path:
        rel, data = _encoded(item, encode)
        path = self._save(rel, data)
        self._keep(item, path)
        return path

    def _add(self, item: Item, encode: Callable[[Item], bytes]) -> tuple[Item, Path]:
        """Create the item's file where no file is (`ids.created`); what the caller
        saves next must use the id returned, drawn again if the name was taken."""

        def create(item_id: str) -> tuple[Item, Path]:
            new = replace(item, id=item_id)
            rel, data = _encoded(new, encode)
            path, _written = self.create(rel, data)
            self._written(rel, path, data)
            self._keep(new, path)
            return new, path

        return created(item.id, create)

    def _keep(self, item: Session | Event, path: Path) -> None:
        self.version += 1
        if self._held is not None:
            self._held.keep(item, path)

    def _save(self, rel: str, data: bytes) -> Path:
        path = self.root / rel
        check_no_linked_folder(self.root, path.parent)
        make_private_dir(path.parent)
        if not self._unchanged_since_read(rel, path):
            _check_replaceable(path)
        write_atomic(path, data)
        self._written(rel, path, data)
        return path

    def _written(self, rel: str, path: Path, data: bytes) -> None:
        """Tell the index what is now on disk, so the next refresh does not parse it."""
        if self._index is not None and self._index.ready:
            with contextlib.suppress(OSError, toml_io.SchemaError):
                key = file_key(os.stat(path, follow_symlinks=False))
                doc = toml_io.parse_document(data)
                item = decode(Scanned(rel, path, doc, None, key))
                self._index.put(rel, key, doc, data, item)

    def create(self, rel: str, data: bytes) -> tuple[Path, os.stat_result]:
        """Add a file at `rel` that must not exist yet (see write_new): an import adds,
        it never replaces. The caches learn of it on the next refresh."""
        path = self.root / rel
        check_no_linked_folder(self.root, path.parent)
        make_private_dir(path.parent)
        written = write_new(path, data)
        self.version += 1
        return path, written

    def _unchanged_since_read(self, rel: str, path: Path) -> bool:
        """The file is the one this store decoded (same size, times and inode), so it
        is a regular file in a schema this version reads: replacing it needs no
        second parse. An answer is saved after every key, in a millisecond or two."""
        if self._index is None or not self._index.ready:
            return False
        try:
            info = os.stat(path, follow_symlinks=False)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode):
            return False
        return isinstance(self._index.current(rel, file_key(info), path), (Session, Event))

    # ----------------------------------------------------------------- trash

    @property
    def trash_dir(self) -> Path:
        return self.root / trash.TRASH

    def delete_session(self, session_id: str) -> list[Path]:
        """Move the session, and any conflicted copies of it, to the trash."""
        if session_id not in self._holdings().sessions:
            raise StoreError(f"no session {session_id}")
        return self._trash_copies(session_id)

    def delete_event(self, event_id: str) -> list[Path]:
        if event_id not in self._holdings().events:
            raise StoreError(f"no event {event_id}")
        return self._trash_copies(event_id)

    def _trash_copies(self, item_id: str) -> list[Path]:
        copies = self._holdings().copies.get(item_id, [])
        # Read again afterwards: a conflicted copy left behind would bring the item back.
        self._held = None
        self.version += 1
        return [trash.to_trash(self.root, Path(path)) for path in copies]

    def trashed(self) -> list[Path]:
        return trash.trashed(self.root)

    def restore(self, path_in_trash: Path) -> Path:
        """Move a trashed file back where it came from; never over an existing file."""
        target = trash.restore(self.root, path_in_trash)
        self._held = None
        self.version += 1
        return target


def _encoded(item: Item, encode: Callable[[Item], bytes]) -> tuple[str, bytes]:
    """Where the item's file lives in the folder, and what it holds."""
    noun = "session" if isinstance(item, Session) else "event"
    try:
        data = fits(encode(item))
    except toml_io.SchemaError as exc:
        raise StoreError(f"{noun} {item.id} not saved: {exc}") from None
    return f"{noun}s/{id_year(item.id)}/{item.id}.toml", data


def _check_replaceable(path: Path) -> None:
    """Refuse to replace a link, a file pmcoach cannot read, or a newer one."""
    if path.is_symlink():
        raise StoreError(f"{path} {SYMLINK_REASON}; not changed")
    if not path.exists():
        return
    try:
        doc, _key = read_document(path)
        toml_io.check_schema(doc)
    except toml_io.SchemaError as exc:
        reason = str(exc)
        if not reason.endswith("not changed"):
            reason += "; not changed"
        raise StoreError(f"{path}: {reason}") from None
