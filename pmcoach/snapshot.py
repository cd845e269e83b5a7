"""The last dashboard, saved so the next start can draw it before reading any session.

Parsing years of sessions takes longer than Textual takes to start, and the
first frame must not wait for it. The saved overview is used only while a
fingerprint of the data folder (the modification times of its folders, where
every atomic save lands as a new entry), the day and the program version still
match; the app then recomputes in the background and redraws if anything moved.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmcoach import __version__

if TYPE_CHECKING:
    from pmcoach.views import Overview

NAME = "overview.json"


def fingerprint(root: Path, day: str) -> str:
    parts: list[str] = [__version__, day, str(root)]
    for name in ("config.toml", "rubrics", "sessions", "events"):
        path = root / name
        try:
            info = os.stat(path)
        except OSError:
            parts.append(f"{name}:-")
            continue
        parts.append(f"{name}:{info.st_mtime_ns}:{info.st_size}")
        if name in ("sessions", "events", "rubrics") and os.path.isdir(path):
            try:
                with os.scandir(path) as entries:
                    for entry in sorted(entries, key=lambda e: e.name):
                        stat = entry.stat(follow_symlinks=False)
                        parts.append(f"{name}/{entry.name}:{stat.st_mtime_ns}:{stat.st_size}")
            except OSError:  # `chmod 000 sessions`: the full read reports it
                parts.append(f"{name}:unlistable")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def load(cache_dir: Path, key: str) -> Overview | None:
    return _overview(load_value(cache_dir, NAME, key))


def load_unopened(root: Path) -> Overview | None:
    """The saved overview, found before the folder is opened or its settings read.

    The fingerprint needs today's date in the user's time zone, which lives in
    the settings; the zone saved with the overview stands in for them, and is
    right whenever the fingerprint matches, since that covers the settings file.
    """
    from pmcoach import clock, paths

    data = _read(paths.cache_dir(root) / NAME) or {}
    value = data.get("value")
    if not isinstance(value, dict) or not isinstance(value.get("zone"), str):
        return None
    try:
        day = clock.now(clock.zone(value["zone"])).date().isoformat()
    except ValueError:
        return None
    if data.get("fingerprint") != fingerprint(root, day):
        return None
    return _overview(value)


def _overview(value: dict[str, Any] | None) -> Overview | None:
    from pmcoach.views import Overview

    if value is None:
        return None
    try:
        return Overview.from_json(value)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def save(cache_dir: Path, key: str, overview: Overview, zone: str) -> None:
    save_value(cache_dir, NAME, key, {**overview.to_json(), "zone": zone})


def load_value(cache_dir: Path, name: str, key: str) -> dict[str, Any] | None:
    """A saved result, if it was saved under this fingerprint."""
    data = _read(cache_dir / name)
    if data is None or data.get("fingerprint") != key:
        return None
    value = data.get("value")
    return value if isinstance(value, dict) else None


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def save_value(cache_dir: Path, name: str, key: str, value: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written only costs speed next time."""
    from pmcoach.store import StoreError, make_private_dir, write_atomic

    data = json.dumps({"fingerprint": key, "value": value}).encode()
    try:
        make_private_dir(cache_dir)
        write_atomic(cache_dir / name, data)
    except (OSError, StoreError):
        pass
