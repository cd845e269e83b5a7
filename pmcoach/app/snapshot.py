"""The last dashboard, saved so the next start can draw it before reading any session.

Parsing years of sessions takes longer than Textual takes to start, and the first frame
must not wait for it. The overview is a cached answer like any other (`cache.answers`,
`OVERVIEW`): used only while the day, the program and the fingerprint of every file it
was computed from still match; the app then recomputes in the background and redraws if
anything moved. This module turns it into the dashboard's `Overview` and back, and finds
it before the folder is opened (`load_unopened`, the start-up path of `run_app`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmcoach.cache.answers import OVERVIEW

if TYPE_CHECKING:
    from pmcoach.app.present.views import Overview
    from pmcoach.cache.cachedir import Fingerprint

NAME = OVERVIEW.name


def fingerprint(root: Path, day: str, *, saving: bool = False) -> Fingerprint:
    """The fingerprint of everything the dashboard reads, on `day`. Take it with
    `saving` before computing an answer to save, so racy files are digested."""
    return OVERVIEW.fingerprint(root, day, saving=saving)


def load(cache_dir: Path, root: Path, day: str) -> Overview | None:
    return _overview(OVERVIEW.load(cache_dir, root, fingerprint(root, day)))


def load_unopened(root: Path) -> Overview | None:
    """The saved overview, found before the folder is opened or its settings read.

    The fingerprint needs today's date in the user's time zone, which lives in
    the settings; the zone saved with the overview stands in for them, and is
    right whenever the fingerprint matches, since that covers the settings file.
    """
    from pmcoach.domain import clock
    from pmcoach.storage import paths

    folder = paths.cache_dir(root)
    data = OVERVIEW.read(folder)
    value = data.get("value") if data else None
    if not isinstance(value, dict) or not isinstance(value.get("zone"), str):
        return None
    try:
        day = clock.now(clock.zone(value["zone"])).date().isoformat()
    except ValueError:
        return None
    return _overview(OVERVIEW.load(folder, root, fingerprint(root, day), data))


def _overview(value: dict[str, Any] | None) -> Overview | None:
    from pmcoach.app.present.views import Overview

    if value is None:
        return None
    try:
        return Overview.from_json(value)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
        return None


def save(cache_dir: Path, taken: Fingerprint, overview: Overview, zone: str) -> None:
    OVERVIEW.save(cache_dir, taken, {**overview.to_json(), "zone": zone})
