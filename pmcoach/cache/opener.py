"""How the app and every command open a data folder: with the cache's index.

The store itself knows nothing of the cache (storage sits below it); this is the one
place that gives it the index of decoded documents, so that no path reads ten years of
files when the cache holds them (see `documents`).
"""

from __future__ import annotations

from pathlib import Path

from pmcoach.cache.documents import FolderIndex
from pmcoach.storage.store import Store


def open_store(
    root: Path, cache_root: Path | None = None, *, cleanup: bool = True, write: bool = True
) -> Store:
    """A data folder opened with its index (see `Store.open` for the arguments)."""
    return Store.open(root, cache_root, cleanup=cleanup, write=write, index=FolderIndex)
