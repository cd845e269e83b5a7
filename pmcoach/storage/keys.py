"""A file's key: what tells that a file changed, from one stat.

Size, mtime_ns, ctime_ns and inode: an edit in place changes the ctime even when it keeps
the size and puts the old mtime back, and a replaced file has another inode. The rule
that decides when a key alone can be trusted is the cache's (`pmcoach.cache.cachedir`).
"""

from __future__ import annotations

import os

Key = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def file_key(st: os.stat_result) -> Key:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
