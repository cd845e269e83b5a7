"""Where an item's file lives: the UTC year its id was made in, and a name no other file
has for a new one (docs/data-format.md, "Ids").

Ids themselves are the domain's (`pmcoach.domain.ids`); the folder and the file's name
are storage's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from pmcoach.domain.ids import ID_PATTERN, redrawn
from pmcoach.storage.errors import NameTaken, StoreError
from pmcoach.storage.toml_io import SchemaError

# New names tried for a new item before giving up: a second clash in one second is
# already one in 65,536; sixteen in a row mean the chance part is not by chance.
NEW_NAME_ATTEMPTS = 16

Created = TypeVar("Created")


def id_year(item_id: str) -> str:
    """The UTC year an id was made in: the folder its file lives in."""
    match = ID_PATTERN.match(item_id)
    if match is None:
        raise SchemaError(f"id: not a pmcoach id: {item_id!r}")
    return match.group(1)


def created(item_id: str, create: Callable[[str], Created]) -> Created:
    """`create(id)` of a new item's file, which raises NameTaken rather than replace a
    file (`files.write_new`): on a taken name, again with the id's suffix drawn anew.
    Two windows that made the same id (one second, one suffix in 65,536) would
    otherwise write to one name, and the later would replace the earlier."""
    for _attempt in range(NEW_NAME_ATTEMPTS):
        try:
            return create(item_id)
        except NameTaken:
            item_id = redrawn(item_id)
    raise StoreError(f"{item_id} not saved: no free name for it in that second")
