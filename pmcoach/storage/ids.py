"""Where an item's file lives: the UTC year its id was made in (docs/data-format.md, "Ids").

Ids themselves are the domain's (`pmcoach.domain.ids`); only the folder is storage's.
"""

from __future__ import annotations

from pmcoach.domain.ids import ID_PATTERN
from pmcoach.storage.toml_io import SchemaError


def id_year(item_id: str) -> str:
    """The UTC year an id was made in: the folder its file lives in."""
    match = ID_PATTERN.match(item_id)
    if match is None:
        raise SchemaError(f"id: not a pmcoach id: {item_id!r}")
    return match.group(1)
