"""pmcoach status: this week in one line, for shell prompts.

It runs before every prompt, so its answer is kept in the cache folder and given
again while nothing in the data folder changed and it is the same day; this module
imports only the standard library and the data folder's paths at the top.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pmcoach.cli.folder import configured, data_dir

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    root = data_dir(args).expanduser().absolute()
    saved, day = _saved_status(root)
    if saved is not None:
        print(saved[0])
        return saved[1]
    from pmcoach.app import days
    from pmcoach.app.present.status import status
    from pmcoach.cache.answers import STATUS
    from pmcoach.rubric.load import load_rubric

    # Taken before anything is read, config.toml included: a change made meanwhile is a
    # miss next time, never a stale answer.
    taken = STATUS.fingerprint(root, day, saving=True) if day is not None else None
    store, config = configured(args)
    rubric = load_rubric(store.root).rubric
    assert rubric is not None  # load_rubric raises when it cannot build one
    now = days.now_for(config)
    sessions, events = store.sessions(), store.events()
    result = status(config, rubric, sessions, events, now, unreadable=len(store.unreadable))
    if taken is not None and now.date().isoformat() == day and store.root == root:
        value = {"line": result.line, "exit": result.exit_code}
        STATUS.save(store.cache_dir, taken, value)
    print(result.line)
    return result.exit_code


def _saved_status(root: Path) -> tuple[tuple[str, int] | None, str | None]:
    """The last status line, while nothing in the folder changed and it is the same day;
    and the day, for the answer to be saved under (None: config.toml gives none).

    status runs from shell prompts, so it must cost about as much as starting
    Python; reading every session and the rubric does not. Only the time zone is
    read from config.toml here (with tomllib alone), to know what day it is.
    """
    import tomllib

    from pmcoach.app import days
    from pmcoach.cache.answers import STATUS
    from pmcoach.storage.files import read_regular
    from pmcoach.storage.paths import cache_dir

    # Opened as every file is: a FIFO in its place must not hang a shell prompt.
    raw = read_regular(root / "config.toml")
    if raw is None:
        return None, None
    try:
        zone_name = tomllib.loads(raw.decode("utf-8")).get("time_zone", "UTC")
        day = days.now_in(str(zone_name)).date().isoformat()
    except (ValueError, RecursionError):  # UnicodeDecodeError and TOMLDecodeError too
        return None, None
    value = STATUS.load(cache_dir(root), root, STATUS.fingerprint(root, day))
    if value is None:
        return None, day
    line, code = value.get("line"), value.get("exit")
    if type(line) is not str or type(code) is not int:
        return None, day
    return (line, code), day
