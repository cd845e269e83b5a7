"""Edits the staleness rule must see: a file changed behind pmcoach's back."""

from __future__ import annotations

import os
import time
from pathlib import Path


def put_back(path: Path, new: bytes, *, in_place: bool) -> None:
    """Write `new` over the file as an editor or sync tool might: same size, and the old
    modification time put back afterwards; in place (same inode) or by a rename."""
    old = path.stat()
    assert len(new) == old.st_size
    time.sleep(0.01)  # past the filesystem's clock tick, as any real edit is
    if in_place:
        with open(path, "r+b") as handle:
            handle.write(new)
    else:
        temp = path.with_name(".replacement")
        temp.write_bytes(new)
        os.replace(temp, path)
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    now = path.stat()
    assert (now.st_size, now.st_mtime_ns) == (old.st_size, old.st_mtime_ns)
    assert (now.st_ino == old.st_ino) == in_place
