"""The data folder: safe writes, reading everything back, trash, and the lock.

Rules this module keeps, so that a week of answers is never lost:

* Every write goes to a temp file in the same folder, is fsynced and renamed
  over the target (`write_atomic`); a crash leaves the old file or the new one,
  never half of one. Temp files left by a crash are removed on the next open,
  but only this machine's and only those whose process is gone, because other
  machines may be writing into a synced copy of the same folder.
* A file pmcoach cannot read is reported as a `Problem` and never rewritten,
  moved or "repaired"; nor is a file written by a newer pmcoach.
* Nothing is deleted: deleting moves to `trash/`, from where it can be restored.
* Folders are 0700 and files 0600: the notes are the user's private words.

Links: the data folder itself may be a symbolic link (people keep it in a synced
folder and link to it), but links *inside* it are not followed, read or replaced:
`sessions/`, `events/` and `trash/` must be real folders, a linked file is listed
as a problem and never replaced, a save into a linked sub-folder (`sessions/2026`)
is refused, and a linked lock file is refused. Writing through a link would put
private notes wherever the link points, with that place's permissions.

A settings change that must not undo another window's goes through
`update_config`, which reads config.toml again under a lock of its own
(`config.lock` in the cache folder).

For tests only: PMCOACH_NO_FSYNC=1 skips fsync (it makes a test suite slow, and
what it guards against, power loss, cannot happen in a test).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import re
import stat
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from pmcoach.cache import cachedir, documents
from pmcoach.domain.model import Config, Event, Session
from pmcoach.storage import codec, paths

DIR_MODE = 0o700
FILE_MODE = 0o600
FOLDERS = ("sessions", "events", "rubrics", "trash")
CONFIG_NAME = "config.toml"
LOCK_NAME = "lock"
CONFIG_LOCK_NAME = "config.lock"
# A settings change holds its lock for milliseconds; waiting longer means a stuck holder.
CONFIG_LOCK_WAIT = 10.0
HOLDER_NAMING = 0.5  # seconds to wait for a new holder of a lock to write its name
_LINKS_OK = frozenset({"rubrics"})  # read by the rubric loader, never written by pmcoach

_STAMPED = re.compile(r"^\d{8}T\d{6}Z")
_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<host>[A-Za-z0-9_-]+)\.(?P<pid>\d+)\.tmp$")
_TRASH_COPY = re.compile(r"^(?P<stem>.+)~\d+$")
_DIR_FSYNC_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES})

Item = TypeVar("Item", Session, Event)


class StoreError(Exception):
    """Something about the data folder the user has to know; the message is one line."""


class Locked(StoreError):
    def __init__(
        self, pid: int | None, host: str | None, doing: str = "is using this data folder"
    ) -> None:
        self.pid = pid
        self.host = host
        who = f" (pid {pid} on {host})" if pid is not None and host else ""
        super().__init__(f"another pmcoach{who} {doing}")


@dataclass(frozen=True)
class Problem:
    """A file that could not be read, or a second copy of an item that is not used;
    either is left exactly as it is."""

    path: Path
    reason: str
    # A copy of an item another file holds too: nothing is missing from the figures.
    duplicate: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


# --------------------------------------------------------------------------- files


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _fsync(fd: int) -> None:
    if os.environ.get("PMCOACH_NO_FSYNC") == "1":
        return
    # On macOS fsync only reaches the drive's cache; F_FULLFSYNC reaches the platter.
    full = getattr(fcntl, "F_FULLFSYNC", None)
    if full is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, full)
            return
    os.fsync(fd)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable; some filesystems cannot fsync a folder, which is fine."""
    if os.environ.get("PMCOACH_NO_FSYNC") == "1":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _DIR_FSYNC_UNSUPPORTED:
            raise StoreError(f"could not save in {folder}: {_reason(exc)}") from None
    finally:
        os.close(fd)


def make_private_dir(path: Path) -> None:
    """Create a folder and any missing parents as 0700 (os.makedirs would give the
    parents the umask's 0755)."""
    missing: list[Path] = []
    current = path
    while not current.exists() and not current.is_symlink():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
            os.chmod(folder, DIR_MODE)
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError(f"could not create {folder}: {_reason(exc)}") from None


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{paths.host_name()}.{os.getpid()}.tmp")


def _create_temp(temp: Path) -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(temp, flags, FILE_MODE)
    except FileExistsError:
        # Our own name, so a leftover of an earlier process that had our pid.
        os.unlink(temp)
        return os.open(temp, flags, FILE_MODE)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers and crashes see all or nothing.

    On failure the temp file is removed, the original is untouched, and the
    reason (disk full, permission denied) is raised as a StoreError. Only a
    failure to make the rename durable (the folder's fsync) comes after the
    new file is in place: it is still raised, as the save may not survive a
    power cut.
    """
    if path.is_symlink():
        raise StoreError(f"{path} {documents.SYMLINK_REASON}; not changed")
    temp = _temp_path(path)
    try:
        fd = _create_temp(temp)
    except OSError as exc:
        raise StoreError(f"could not save {path}: {_reason(exc)}") from None
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away
            _write_all(fd, data)
            _fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise StoreError(f"could not save {path}: {_reason(exc)}") from None
        raise
    _fsync_dir(path.parent)


class NameTaken(StoreError):
    """`write_new` found its name in use: a file it did not write is never replaced."""


# A filesystem without hard links (FAT, some network shares) says so with one of these.
_NO_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK})


def write_new(path: Path, data: bytes) -> os.stat_result:
    """Create `path` holding `data`, never replacing what is there, even a file that
    another program (a sync tool) creates at that name while this one is written.

    The data goes to a temp file first and is then linked to its name, which fails if
    the name exists: readers never see half a file, and the check and the creation
    are one step. Where the filesystem has no hard links, the file is created with
    O_EXCL and written in place. Returns the new file's status, so that a caller can
    later tell its own file from one put there since (NameTaken if the name is in use).
    """
    temp = _temp_path(path)
    try:
        fd = _create_temp(temp)
    except OSError as exc:
        raise StoreError(f"could not save {path}: {_reason(exc)}") from None
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            _write_all(fd, data)
            _fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temp, path)
        except FileExistsError:
            raise NameTaken(f"{path} exists; not replaced") from None
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            _create_exclusive(path, data)
        info = os.lstat(path)
    except BaseException as exc:
        if isinstance(exc, OSError):
            raise StoreError(f"could not save {path}: {_reason(exc)}") from None
        raise
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    try:
        _fsync_dir(path.parent)
    except BaseException:
        # The file may not survive a power cut: the caller is told the save failed, so
        # it must not stay behind either (unless something else replaced it since).
        with contextlib.suppress(OSError):
            now = os.lstat(path)
            if (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino):
                os.unlink(path)
        raise
    return info


def _create_exclusive(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, FILE_MODE)
    except FileExistsError:
        raise NameTaken(f"{path} exists; not replaced") from None
    try:
        os.fchmod(fd, FILE_MODE)
        _write_all(fd, data)
        _fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    """os.write may write less than asked, as when the disk fills up part way."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # never for a regular file; guards against looping forever
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except (OverflowError, OSError):
        return False
    return True


def cleanup_temp_files(folder: Path) -> list[Path]:
    """Remove temp files that this machine's dead processes left under `folder`."""
    host = paths.host_name()
    removed: list[Path] = []
    for current, _dirs, files in os.walk(folder):
        for name in files:
            match = _TEMP_NAME.match(name)
            if match is None or match["host"] != host or _alive(int(match["pid"])):
                continue
            path = Path(current, name)
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed


# --------------------------------------------------------------------------- lock


class Lock:
    """An exclusive hold on a data folder for writing sessions; release by closing.

    flock is released by the kernel when the process dies, so a crash never
    leaves a stale lock behind; the text inside only names the holder.
    """

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            # Unnamed until the next holder writes its name: a name left here would be
            # reported as the holder by whoever fails to lock in that moment.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Lock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


_HOST = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what paths.host_name() gives


def _holder(fd: int) -> tuple[int | None, str | None]:
    """The pid and host the lock file names, if it names them as pmcoach writes them.

    The file is in the cache folder, which a home folder's backup can bring back
    from anywhere: a "host" that is not a host name (an escape sequence, a line of
    prose) is not repeated to the user, who is told of "another pmcoach" instead.
    """
    try:
        words = os.pread(fd, 512, 0).decode("utf-8", "replace").split()
    except OSError:
        return None, None
    if len(words) >= 2 and words[0].isascii() and words[0].isdigit() and _HOST.match(words[1]):
        return int(words[0]), words[1]
    return None, None


def take_lock(path: Path, *, wait: float = 0.0, doing: str = "is using this data folder") -> Lock:
    """Take the lock at `path`, waiting up to `wait` seconds for its holder to let go.

    The wait polls, because flock cannot time out: a holder that hangs must end
    in a Locked naming it, not in a window that hangs as well.
    """
    if path.is_symlink():
        raise StoreError(f"{path} {documents.SYMLINK_REASON}; not used")
    make_private_dir(path.parent)
    if not cachedir.usable(path.parent):
        raise StoreError(
            f"the cache folder {path.parent} is not private (another owner, or not mode 0700);"
            " its lock is not used"
        )
    with contextlib.suppress(OSError):
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            raise StoreError(f"{path} {documents.SYMLINK_REASON}; not used")
        if not stat.S_ISREG(mode):  # not even opened: a device may react to that
            raise StoreError(f"the lock {path} is not a regular file; remove it and try again")
    # O_NONBLOCK: a FIFO or a device in the lock's place must not hang the open (a FIFO
    # with no writer would); it is then refused as not a regular file.
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, FILE_MODE)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link since the check above
            raise StoreError(f"{path} {documents.SYMLINK_REASON}; not used") from None
        raise StoreError(f"could not open the lock {path}: {_reason(exc)}") from None
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        regular = False
    if not regular:
        os.close(fd)
        raise StoreError(f"the lock {path} is not a regular file; remove it and try again")
    deadline = time.monotonic() + wait
    # A new holder names itself just after it takes the lock; until then the file is
    # blank (or names a process that is gone), and a Locked should wait to name it.
    named_by = time.monotonic() + max(wait, HOLDER_NAMING)
    pause = 0.0005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            now = time.monotonic()
            pid, host = _holder(fd)
            named = pid is not None and (host != paths.host_name() or _alive(pid))
            if now >= deadline and (named or now >= named_by):
                os.close(fd)
                if not named:
                    pid, host = None, None
                raise Locked(pid, host, doing) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.01)
        except OSError as exc:
            os.close(fd)
            raise StoreError(f"could not lock {path}: {_reason(exc)}") from None
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    # Written only once the lock is ours: the holder's name must survive others' tries.
    # Name first, then cut off what is left of a longer name written before.
    name = f"{os.getpid()} {paths.host_name()} {started}\n".encode()
    os.pwrite(fd, name, 0)
    os.ftruncate(fd, len(name))
    return Lock(path, fd)


# --------------------------------------------------------------------------- store


class Store:
    """One data folder. Reads are lazy and cached in memory until `refresh()`."""

    def __init__(self, root: Path, cache_dir: Path) -> None:
        self.root = root
        self.cache_dir = cache_dir
        self._index: documents.Index | None = None
        # config.toml's key when the settings were last read or saved here (None: absent),
        # so that an answer computed from them is saved only while they are current.
        self.config_key: documents.Key | None = None
        self._sessions: dict[str, Session] = {}
        self._events: dict[str, Event] = {}
        self._copies: dict[str, list[str]] = {}  # the files of each id, the one used first
        self._problems: list[Problem] = []
        self._loaded = False

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        root: Path,
        cache_root: Path | None = None,
        *,
        cleanup: bool = True,
        write: bool = True,
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
        `cleanup=False` skips the walk for dead temp files.
        """
        root = paths.expand(root).absolute()
        _prepare_root(root, write)
        for name in FOLDERS:
            _prepare_folder(root / name, links_ok=name in _LINKS_OK, write=write)
        if write and not os.access(root, os.W_OK | os.X_OK):
            raise StoreError(f"data folder {root} is not writable")
        store = cls(root, cache_root if cache_root is not None else paths.cache_dir(root))
        if cleanup and write:
            store.cleanup_temp_files()
        return store

    def cleanup_temp_files(self) -> list[Path]:
        removed = cleanup_temp_files(self.root)
        if cachedir.usable(self.cache_dir):  # a cache folder not ours is left alone
            removed += cleanup_temp_files(self.cache_dir)
        return removed

    def lock(self) -> Lock:
        """Hold the folder for writing; raises Locked when another pmcoach holds it."""
        return take_lock(self.cache_dir / LOCK_NAME)

    # ----------------------------------------------------------------- config

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def load_config(self) -> Config | None:
        """The settings, or None on first run. A broken file is an error, not a
        reason to start over: the user's settings are in it."""
        path = self.config_path
        self.config_key = None
        if not path.exists() and not path.is_symlink():
            return None
        try:
            doc, self.config_key = documents.read_document(path)
            return codec.decode_config(doc)
        except codec.SchemaError as exc:
            raise StoreError(f"{path}: {exc}") from None

    def save_config(self, config: Config) -> Path:
        try:
            data = codec.encode_config(config)
        except codec.SchemaError as exc:
            raise StoreError(f"settings not saved: {exc}") from None
        _check_replaceable(self.config_path)
        write_atomic(self.config_path, data)
        self.config_key = self._config_file_key()
        return self.config_path

    def _config_file_key(self) -> documents.Key | None:
        try:
            return documents.file_key(os.stat(self.config_path, follow_symlinks=False))
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

        Every file is checked by its key (see cachedir for the rule); only a file the
        index does not hold as it is now is parsed, and only an entry not decoded yet
        in this process is decoded.
        """
        found = documents.walk(self.root, ("sessions", "events"))
        index = self._get_index()
        items = {scanned.rel: index.item(scanned, _decode) for scanned in index.read(found)}
        self._save_index(index)
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
        self._sessions = _pick(sessions, _session_updated, problems)
        self._events = _pick(events, _event_updated, problems)
        # Each id's files, the one used first (_pick put them in that order).
        self._copies = {
            item_id: [path for _item, path in copies]
            for groups in (sessions, events)
            for item_id, copies in groups.items()
        }
        self._problems = sorted(problems, key=lambda p: str(p.path))
        self._loaded = True

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self.refresh()

    def sessions(self) -> list[Session]:
        self._ensure_loaded()
        return sorted(self._sessions.values(), key=lambda s: (s.started, s.id))

    def events(self) -> list[Event]:
        self._ensure_loaded()
        return sorted(self._events.values(), key=lambda e: (e.at, e.id))

    @property
    def loaded(self) -> bool:
        return self._loaded

    def recent(self, since: dt.datetime) -> tuple[list[Session], list[Event]]:
        """The sessions and events named from `since` on, read past every cache.

        For a first frame with no cache: parsing ten years takes half a second, the
        files of the last weeks a few milliseconds. A name starts with its id's UTC
        time; a file whose name does not is read too. A file that cannot be read is
        left out here and reported by the full read that follows.
        """
        utc = since.astimezone(dt.UTC)
        stamp = utc.strftime("%Y%m%dT%H%M%SZ")

        def earlier_year(rel: str) -> bool:
            # Files are saved in the folder of their id's UTC year.
            name = rel.partition("/")[2]
            return "/" not in name and name.isdigit() and len(name) == 4 and int(name) < utc.year

        sessions: dict[str, list[tuple[Session, str]]] = defaultdict(list)
        events: dict[str, list[tuple[Event, str]]] = defaultdict(list)
        for file in documents.walk(self.root, ("sessions", "events"), skip=earlier_year):
            name = os.path.basename(file.full)
            if file.key is None or (_STAMPED.match(name) and name < stamp):
                continue
            try:
                doc, key = documents.read_document(file.path)
            except codec.SchemaError:
                continue
            item = _decode(documents.Scanned(file.rel, file.path, doc, None, key))
            if isinstance(item, Session):
                sessions[item.id].append((item, file.full))
            elif isinstance(item, Event):
                events[item.id].append((item, file.full))
        unreported: list[Problem] = []
        return (
            sorted(
                _pick(sessions, _session_updated, unreported).values(),
                key=lambda s: (s.started, s.id),
            ),
            sorted(_pick(events, _event_updated, unreported).values(), key=lambda e: (e.at, e.id)),
        )

    def session(self, session_id: str) -> Session | None:
        self._ensure_loaded()
        return self._sessions.get(session_id)

    @property
    def problems(self) -> list[Problem]:
        self._ensure_loaded()
        return list(self._problems)

    @property
    def unreadable(self) -> list[Problem]:
        """The problems whose files were left out (not the duplicates, whose item is read
        from the copy used): what changes the figures until someone looks."""
        return [p for p in self.problems if not p.duplicate]

    def in_progress(self, device: str) -> Session | None:
        """The session to offer for resuming: only ever one begun on this device."""
        mine = [s for s in self.sessions() if s.in_progress and s.device == device]
        return max(mine, key=lambda s: (s.started, s.id), default=None)

    # ----------------------------------------------------------------- writing

    def save_session(self, session: Session) -> Path:
        try:
            data = codec.encode_session(session)
        except codec.SchemaError as exc:
            raise StoreError(f"session {session.id} not saved: {exc}") from None
        path = self._save(f"sessions/{codec.id_year(session.id)}/{session.id}.toml", data)
        if self._loaded:
            self._sessions[session.id] = session
            self._remember(session.id, path)
        return path

    def save_event(self, event: Event) -> Path:
        try:
            data = codec.encode_event(event)
        except codec.SchemaError as exc:
            raise StoreError(f"event {event.id} not saved: {exc}") from None
        path = self._save(f"events/{codec.id_year(event.id)}/{event.id}.toml", data)
        if self._loaded:
            self._events[event.id] = event
            self._remember(event.id, path)
        return path

    def _remember(self, item_id: str, path: Path) -> None:
        copies = self._copies.setdefault(item_id, [])
        if str(path) not in copies:
            copies.insert(0, str(path))

    def _save(self, rel: str, data: bytes) -> Path:
        path = self.root / rel
        _check_no_linked_folder(self.root, path.parent)
        make_private_dir(path.parent)
        if not self._unchanged_since_read(rel, path):
            _check_replaceable(path)
        write_atomic(path, data)
        # Tell the index what is now on disk, so the next refresh does not parse it.
        if self._index is not None:
            with contextlib.suppress(OSError, codec.SchemaError):
                key = documents.file_key(os.stat(path, follow_symlinks=False))
                doc = codec.parse_document(data)
                item = _decode(documents.Scanned(rel, path, doc, None, key))
                self._index.put(rel, key, doc, data, item)
        return path

    def create(self, rel: str, data: bytes) -> tuple[Path, os.stat_result]:
        """Add a file at `rel` that must not exist yet (see write_new): an import adds,
        it never replaces. The caches learn of it on the next refresh."""
        path = self.root / rel
        _check_no_linked_folder(self.root, path.parent)
        make_private_dir(path.parent)
        return path, write_new(path, data)

    def _unchanged_since_read(self, rel: str, path: Path) -> bool:
        """The file is the one this store decoded (same size, times and inode), so it
        is a regular file in a schema this version reads: replacing it needs no
        second parse. An answer is saved after every key, in a millisecond or two."""
        if self._index is None:
            return False
        try:
            info = os.stat(path, follow_symlinks=False)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode):
            return False
        entry = self._index.current(rel, documents.file_key(info), path)
        return entry is not None and isinstance(entry.item, (Session, Event))

    # ----------------------------------------------------------------- trash

    @property
    def trash_dir(self) -> Path:
        return self.root / "trash"

    def delete_session(self, session_id: str) -> list[Path]:
        """Move the session, and any conflicted copies of it, to the trash."""
        self._ensure_loaded()
        if session_id not in self._sessions:
            raise StoreError(f"no session {session_id}")
        return self._trash_copies(session_id)

    def delete_event(self, event_id: str) -> list[Path]:
        self._ensure_loaded()
        if event_id not in self._events:
            raise StoreError(f"no event {event_id}")
        return self._trash_copies(event_id)

    def _trash_copies(self, item_id: str) -> list[Path]:
        # Read again afterwards: a conflicted copy left behind would bring the item back.
        self._loaded = False
        return [self._to_trash(Path(path)) for path in self._copies.get(item_id, [])]

    def _to_trash(self, path: Path) -> Path:
        rel = path.relative_to(self.root)
        target = self.trash_dir / rel
        number = 2
        while target.exists() or target.is_symlink():
            target = target.with_name(f"{path.stem}~{number}{path.suffix}")
            number += 1
        _check_no_linked_folder(self.root, target.parent)
        make_private_dir(target.parent)
        try:
            os.rename(path, target)
        except OSError as exc:
            raise StoreError(f"could not move {path} to the trash: {_reason(exc)}") from None
        _fsync_dir(path.parent)
        _fsync_dir(target.parent)
        return target

    def trashed(self) -> list[Path]:
        found: list[Path] = []
        for current, dirs, files in os.walk(self.trash_dir):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [Path(current, f) for f in files if not f.startswith(".")]
        return sorted(found)

    def restore(self, path_in_trash: Path) -> Path:
        """Move a trashed file back where it came from; never over an existing file."""
        path = Path(path_in_trash)
        if not path.is_absolute():
            path = self.trash_dir / path
        try:
            rel = path.relative_to(self.trash_dir)
        except ValueError:
            raise StoreError(f"{path} is not in the trash") from None
        if not path.is_file() or path.is_symlink():
            raise StoreError(f"{path} is not a file in the trash")
        match = _TRASH_COPY.match(path.stem)
        name = f"{match['stem']}{path.suffix}" if match else path.name
        target = self.root / rel.parent / name
        if target.exists() or target.is_symlink():
            raise StoreError(f"{target} already exists; not restored")
        _check_no_linked_folder(self.root, target.parent)
        make_private_dir(target.parent)
        try:
            os.rename(path, target)
        except OSError as exc:
            raise StoreError(f"could not restore {path}: {_reason(exc)}") from None
        _fsync_dir(target.parent)
        self._loaded = False
        return target

    # ----------------------------------------------------------------- index

    @property
    def index_path(self) -> Path:
        return self.cache_dir / documents.INDEX_NAME

    def _get_index(self) -> documents.Index:
        if self._index is None:
            data = cachedir.read(self.cache_dir, documents.INDEX_NAME)
            self._index = documents.Index.from_bytes(data, os.path.realpath(self.root))
        return self._index

    def _save_index(self, index: documents.Index) -> None:
        """Best effort: without a usable cache folder pmcoach is slower, not broken."""
        if index.changed and cachedir.write(self.cache_dir, documents.INDEX_NAME, index.to_bytes()):
            index.changed = False


def _pick(
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


def _session_updated(session: Session) -> dt.datetime:
    return session.updated


def _event_updated(event: Event) -> dt.datetime:
    return event.updated or event.at


def _decode(scanned: documents.Scanned) -> documents.Decoded:
    """A file's session or event, or the reason it is a problem."""
    if scanned.error is not None or scanned.doc is None:
        return scanned.error or "cannot be read"
    doc = scanned.doc
    item: Session | Event
    try:
        if scanned.rel.startswith("sessions/"):
            item = codec.decode_session(doc)
        else:
            item = codec.decode_event(doc)
        _check_name(scanned.path, item.id)
    except codec.SchemaError as exc:
        return str(exc)
    return item


def _check_name(path: Path, item_id: str) -> None:
    # A conflicted copy ("<id> (conflicted copy).toml", "<id>.sync-conflict-….toml")
    # keeps the id at the front of its name.
    if not path.stem.startswith(item_id):
        raise codec.SchemaError(f"id {item_id} does not match the file name")


def _check_no_linked_folder(root: Path, folder: Path) -> None:
    """Refuse a folder inside the data folder that is a link, or lies under one:
    the scan lists what is behind it as a problem, so a save there would vanish
    from the history and put the notes wherever the link points."""
    current = folder
    while current != root and root in current.parents:
        if current.is_symlink():
            raise StoreError(f"{current} {documents.SYMLINK_REASON}; nothing saved there")
        current = current.parent


def _check_replaceable(path: Path) -> None:
    """Refuse to replace a link, a file pmcoach cannot read, or a newer one."""
    if path.is_symlink():
        raise StoreError(f"{path} {documents.SYMLINK_REASON}; not changed")
    if not path.exists():
        return
    try:
        doc, _key = documents.read_document(path)
        codec.check_schema(doc)
    except codec.SchemaError as exc:
        reason = str(exc)
        if not reason.endswith("not changed"):
            reason += "; not changed"
        raise StoreError(f"{path}: {reason}") from None


def _prepare_root(root: Path, write: bool) -> None:
    """Check the data folder; for writing, create it (0700) if it is not there.

    Only a folder pmcoach creates is made private: an existing folder's mode is
    the user's (it may be a shared or synced place), and a folder that holds other
    files and nothing of pmcoach's is refused, untouched, rather than filled.
    """
    if root.is_symlink() and not root.exists():
        raise StoreError(f"data folder {root} is a link to a folder that does not exist")
    try:
        info = os.stat(root)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        doing = "created" if write else "read"
        raise StoreError(f"data folder {root} cannot be {doing}: a part of it is a file") from None
    except OSError as exc:
        raise StoreError(f"data folder {root} cannot be read: {_reason(exc)}") from None
    if info is None:
        if write:
            make_private_dir(root)
        return
    if not stat.S_ISDIR(info.st_mode):
        raise StoreError(f"data folder {root} is a file, not a folder")
    _check_ours(root)


def _check_ours(root: Path) -> None:
    """Refuse a folder that holds files and none of pmcoach's (hidden ones aside)."""
    try:
        with os.scandir(root) as entries:
            names = [entry.name for entry in entries if not entry.name.startswith(".")]
    except OSError as exc:
        raise StoreError(f"data folder {root} cannot be read: {_reason(exc)}") from None
    if names and not {CONFIG_NAME, *FOLDERS} & set(names):
        raise StoreError(
            f"{root} holds other files and is not a pmcoach data folder; "
            "choose an empty or new folder (nothing was changed)"
        )


def _prepare_folder(folder: Path, links_ok: bool, write: bool) -> None:
    if folder.is_symlink():
        if links_ok and folder.is_dir():
            return
        raise StoreError(f"{folder} {documents.SYMLINK_REASON}")
    if folder.exists():
        if not folder.is_dir():
            raise StoreError(f"{folder} is a file, not a folder")
        return  # its mode is the user's, as the data folder's is
    if write:
        make_private_dir(folder)
