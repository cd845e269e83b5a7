"""Writing into the data folder and the cache folder: the one write helper.

Every write goes to a temp file in the same folder, is fsynced and renamed over the
target (`write_atomic`); a crash leaves the old file or the new one, never half of one.
Temp files left by a crash are removed on the next open, but only this machine's and
only those whose process is gone, because other machines may be writing into a synced
copy of the same folder. Folders pmcoach creates are 0700 and files 0600: the notes are
the user's private words (docs/data-format.md, "How files are saved" and "Permissions and links").

For tests only: PMCOACH_NO_FSYNC=1 skips fsync (it makes a test suite slow, and what it
guards against, power loss, cannot happen in a test).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import threading
from pathlib import Path

from pmcoach.storage import paths
from pmcoach.storage.errors import SYMLINK_REASON, NameTaken, StoreError

DIR_MODE = 0o700
FILE_MODE = 0o600
MAX_FILE_SIZE = 1 << 20  # a session is ~5 KB; tomllib takes ~2 s on a 20 MB string
READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)

_TEMP_NAME = re.compile(rf"^\.(?P<name>.+)\.(?P<host>[{paths.HOST_CHARS}]+)\.(?P<pid>\d+)\.tmp$")
_DIR_FSYNC_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES})
# A filesystem without hard links (FAT, some network shares) says so with one of these.
_NO_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK})


def reason(exc: OSError) -> str:
    """An OSError as the few words a one-line message needs."""
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


def fsync_dir(folder: Path) -> None:
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
            raise StoreError(f"could not save in {folder}: {reason(exc)}") from None
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
            raise StoreError(f"could not create {folder}: {reason(exc)}") from None


def _temp_path(path: Path) -> Path:
    """The temp file for a save of `path`: this process's own, and in a thread other than
    the main one (the app reads in the background and saves caches there) that thread's
    own. Two saves of one cache file at once must not share a temp file: the second would
    take the first's away, and the first would put a half-written file in place."""
    name = path.name
    if threading.current_thread() is not threading.main_thread():
        name += f".t{threading.get_ident()}"
    return path.with_name(f".{name}.{paths.host_name()}.{os.getpid()}.tmp")


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
        raise StoreError(f"{path} {SYMLINK_REASON}; not changed")
    temp = _temp_path(path)
    try:
        fd = _create_temp(temp)
    except OSError as exc:
        raise StoreError(f"could not save {path}: {reason(exc)}") from None
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
            raise StoreError(f"could not save {path}: {reason(exc)}") from None
        raise
    fsync_dir(path.parent)


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
        raise StoreError(f"could not save {path}: {reason(exc)}") from None
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
            raise StoreError(f"could not save {path}: {reason(exc)}") from None
        raise
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    try:
        fsync_dir(path.parent)
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


def alive(pid: int) -> bool:
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
            if match is None or match["host"] != host or alive(int(match["pid"])):
                continue
            path = Path(current, name)
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed


def owned_private(info: os.stat_result) -> bool:
    """A folder of this user's, mode 0700: no one else can read or plant files in it."""
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.geteuid()
        and stat.S_IMODE(info.st_mode) == DIR_MODE
    )


def is_private_dir(folder: Path) -> bool:
    """The folder exists, is no link, is this user's and is 0700."""
    try:
        return owned_private(os.lstat(folder))
    except OSError:
        return False


def check_no_linked_folder(root: Path, folder: Path) -> None:
    """Refuse a folder inside the data folder that is a link, or lies under one:
    the scan lists what is behind it as a problem, so a save there would vanish
    from the history and put the notes wherever the link points."""
    current = folder
    while current != root and root in current.parents:
        if current.is_symlink():
            raise StoreError(f"{current} {SYMLINK_REASON}; nothing saved there")
        current = current.parent


def read_regular(path: str | Path, limit: int = MAX_FILE_SIZE) -> bytes | None:
    """A small data file's bytes (config.toml before the first frame, say), or None for
    a link, a FIFO, a device, a folder, a file over `limit` or one that cannot be read:
    opened without following links or waiting, so nothing in its place can hang a start."""
    try:
        fd = os.open(path, READ_FLAGS)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = read_limited(fd, limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return None if len(data) > limit else data


def read_limited(fd: int, limit: int) -> bytes:
    """At most `limit` bytes from an open file."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(fd, min(1 << 20, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
