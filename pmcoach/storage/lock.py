"""The lock that keeps two pmcoach processes of a machine from writing at once.

The folder's lock (`LOCK_NAME`) is held by an open app or a writing command for as long
as it runs; a settings change takes a lock of its own (`CONFIG_LOCK_NAME`), so that
settings stay changeable beside an open app. Both live in the cache folder, which
must be private (docs/data-format.md, "The cache and the lock (outside the folder)").
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
from pathlib import Path
from types import TracebackType

from pmcoach.storage import paths
from pmcoach.storage.errors import SYMLINK_REASON, Locked, StoreError
from pmcoach.storage.files import FILE_MODE, alive, is_private_dir, make_private_dir, reason

LOCK_NAME = "lock"
CONFIG_LOCK_NAME = "config.lock"
# A settings change holds its lock for milliseconds; waiting longer means a stuck holder.
CONFIG_LOCK_WAIT = 10.0
HOLDER_NAMING = 0.5  # seconds to wait for a new holder of a lock to write its name


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


_HOST = re.compile(f"^[{paths.HOST_CHARS}]{{1,64}}$")  # what paths.host_name() gives


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
        raise StoreError(f"{path} {SYMLINK_REASON}; not used")
    make_private_dir(path.parent)
    if not is_private_dir(path.parent):
        raise StoreError(
            f"the cache folder {path.parent} is not private (another owner, or not mode 0700);"
            " its lock is not used"
        )
    with contextlib.suppress(OSError):
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            raise StoreError(f"{path} {SYMLINK_REASON}; not used")
        if not stat.S_ISREG(mode):  # not even opened: a device may react to that
            raise StoreError(f"the lock {path} is not a regular file; remove it and try again")
    # O_NONBLOCK: a FIFO or a device in the lock's place must not hang the open (a FIFO
    # with no writer would); it is then refused as not a regular file.
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, FILE_MODE)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link since the check above
            raise StoreError(f"{path} {SYMLINK_REASON}; not used") from None
        raise StoreError(f"could not open the lock {path}: {reason(exc)}") from None
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
            named = pid is not None and (host != paths.host_name() or alive(pid))
            if now >= deadline and (named or now >= named_by):
                os.close(fd)
                if not named:
                    pid, host = None, None
                raise Locked(pid, host, doing) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.01)
        except OSError as exc:
            os.close(fd)
            raise StoreError(f"could not lock {path}: {reason(exc)}") from None
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    # Written only once the lock is ours: the holder's name must survive others' tries.
    # Name first, then cut off what is left of a longer name written before.
    name = f"{os.getpid()} {paths.host_name()} {started}\n".encode()
    os.pwrite(fd, name, 0)
    os.ftruncate(fd, len(name))
    return Lock(path, fd)
