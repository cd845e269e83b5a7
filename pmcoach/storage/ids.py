"""Item ids: what names a session or an event, and the folder its file lives in.

`<UTC timestamp>-<kind>-<4 hex>` (docs/data-format.md, "Ids").
"""

from __future__ import annotations

import datetime as dt
import re

from pmcoach.storage.toml_io import SchemaError

# \Z, not $: `$` also matches before a final line break, and an id names a file.
ID_PATTERN = re.compile(r"^(\d{4})\d{4}T\d{6}Z-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)-[0-9a-f]{4}\Z")
KIND_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")


def new_id(kind: str, now_utc: dt.datetime) -> str:
    """`<UTC timestamp>-<kind>-<4 hex>`: sorts by time, says what it is, and two
    devices starting the same kind in the same second still differ."""
    if not KIND_PATTERN.match(kind):
        raise ValueError(f"not a valid kind for an id: {kind!r}")
    if now_utc.tzinfo is None:
        raise ValueError("new_id needs an aware datetime")
    stamp = now_utc.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    import secrets  # 6 ms at import, and only a save needs a new id

    return f"{stamp}-{kind}-{secrets.token_hex(2)}"


def id_year(item_id: str) -> str:
    """The UTC year an id was made in: the folder its file lives in."""
    match = ID_PATTERN.match(item_id)
    if match is None:
        raise SchemaError(f"id: not a pmcoach id: {item_id!r}")
    return match.group(1)
