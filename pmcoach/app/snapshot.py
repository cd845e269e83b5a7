"""The last dashboard, saved so the next start can draw it before reading any session,
and the other answers saved the same way (the `status` line, the `config` output).

Parsing years of sessions takes longer than Textual takes to start, and the
first frame must not wait for it. A saved answer is used only while the day,
the program and the fingerprint of every file it was computed from still match
(`cachedir`: each file's size, times and inode, and the content of files too
recent for their times to tell); the app then recomputes in the background and
redraws if anything moved.

A saved answer is a JSON object `{"format", "fingerprint", "value"}`; the value is
checked by whoever reads it (`Overview.from_json`, the status and settings readers)
and anything unexpected is a miss.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmcoach.cache import cachedir
from pmcoach.cache.cachedir import Fingerprint

if TYPE_CHECKING:
    from pmcoach.app.present.views import Overview

NAME = "overview.json"
FORMAT = 4  # 3: the overview carries the settings' theme; 4: and peers, each field checked
# What the dashboard and the status line are computed from.
INPUTS = ("config.toml", "rubrics", "sessions", "events")
_FOLLOWED = frozenset({"rubrics"})  # the rubric loader reads through links; the store does not


def fingerprint(root: Path, day: str, *, saving: bool = False) -> Fingerprint:
    """The fingerprint of everything the dashboard and status read, on `day`. Take it
    with `saving` before computing an answer to save, so racy files are digested."""
    header = f"{day}\0{root}\0{cachedir.code_key()}"
    keys = cachedir.tree_keys(root, INPUTS, follow=_FOLLOWED)
    return Fingerprint.take(root, header, keys, digests=saving)


def load(cache_dir: Path, root: Path, day: str) -> Overview | None:
    return _overview(load_value(cache_dir, NAME, root, fingerprint(root, day)))


def load_unopened(root: Path) -> Overview | None:
    """The saved overview, found before the folder is opened or its settings read.

    The fingerprint needs today's date in the user's time zone, which lives in
    the settings; the zone saved with the overview stands in for them, and is
    right whenever the fingerprint matches, since that covers the settings file.
    """
    from pmcoach.domain import clock
    from pmcoach.storage import paths

    folder = paths.cache_dir(root)
    data = _read(folder, NAME)
    value = data.get("value") if data else None
    if not isinstance(value, dict) or not isinstance(value.get("zone"), str):
        return None
    try:
        day = clock.now(clock.zone(value["zone"])).date().isoformat()
    except ValueError:
        return None
    return _overview(load_value(folder, NAME, root, fingerprint(root, day), data))


def _overview(value: dict[str, Any] | None) -> Overview | None:
    from pmcoach.app.present.views import Overview

    if value is None:
        return None
    try:
        return Overview.from_json(value)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
        return None


def save(cache_dir: Path, taken: Fingerprint, overview: Overview, zone: str) -> None:
    save_value(cache_dir, NAME, taken, {**overview.to_json(), "zone": zone})


def load_value(
    cache_dir: Path,
    name: str,
    root: Path,
    now: Fingerprint,
    data: dict[str, Any] | None = None,
) -> dict[str, Any] | None:
    """A saved answer, if it was saved under the fingerprint `now` has (`data`: the
    file's content, when the caller has read it already)."""
    if data is None:
        data = _read(cache_dir, name)
    if data is None or data.get("format") != FORMAT:
        return None
    saved = data.get("fingerprint")
    still = cachedir.still_matches(saved, now, root)
    value = data.get("value")
    if still is None or not isinstance(value, dict):
        return None
    if isinstance(saved, dict) and cachedir.settled(saved, still):
        save_value(cache_dir, name, Fingerprint(now.key, still), value)
    return value


def _read(cache_dir: Path, name: str) -> dict[str, Any] | None:
    raw = cachedir.read(cache_dir, name)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def save_value(cache_dir: Path, name: str, taken: Fingerprint, value: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written only costs speed next time."""
    body = {"format": FORMAT, "fingerprint": taken.to_json(), "value": value}
    cachedir.write(cache_dir, name, json.dumps(body).encode())
