"""The ids of sessions and events: what one looks like, and how a new one is made.

An id is `<UTC timestamp>-<kind>-<4 hex>` (docs/data-format.md): it sorts by time, says
what it names, and names the file. Making one is a rule of the domain (a check-in or a
manager's session gets its id when it starts), so it lives here; storage reads it back
(the year folder) and checks files against the same pattern.
"""

from __future__ import annotations

import datetime as dt
import re

SUFFIX_DIGITS = 4  # the hex digits of an id's chance part
# \Z, not $: `$` also matches before a final line break, and an id names a file.
ID_PATTERN = re.compile(
    rf"^(\d{{4}})\d{{4}}T\d{{6}}Z-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)-[0-9a-f]{{{SUFFIX_DIGITS}}}\Z"
)
KIND_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")


def new_id(kind: str, now_utc: dt.datetime) -> str:
    """`<UTC timestamp>-<kind>-<4 hex>`: sorts by time, says what it is, and two
    devices starting the same kind in the same second almost always differ; when they
    do not, the store draws the second one's suffix again (`redrawn`) as it creates
    the file, so neither replaces the other."""
    if not KIND_PATTERN.match(kind):
        raise ValueError(f"not a valid kind for an id: {kind!r}")
    if now_utc.tzinfo is None:
        raise ValueError("new_id needs an aware datetime")
    stamp = now_utc.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{kind}-{suffix()}"


def redrawn(item_id: str) -> str:
    """The same id with its chance part drawn again, for a new item whose name another
    was given first (two processes, one second, one suffix in 65,536): the time and the
    kind it says stay true."""
    if not ID_PATTERN.match(item_id):
        raise ValueError(f"not a pmcoach id: {item_id!r}")
    return f"{item_id[:-SUFFIX_DIGITS]}{suffix()}"


def suffix() -> str:
    """The chance part of an id: the one place it is drawn (tests make it repeat here)."""
    import secrets  # 6 ms at import, and only a save needs a new id

    return secrets.token_hex(SUFFIX_DIGITS // 2)
