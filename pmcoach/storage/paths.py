"""Where pmcoach keeps things: the single source of truth for every path.

Nothing here touches the disk, so importing it (or calling it to print where data
would live) never creates a folder. The store creates folders when it opens one.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "pmcoach"
ENV_HOME = "PMCOACH_HOME"
ENV_CACHE_HOME = "PMCOACH_CACHE_HOME"
ENV_DEVICE = "PMCOACH_DEVICE"
ENV_THEME = "PMCOACH_THEME"  # the app's colour theme for one start (see pmcoach.app.themes)

# The characters of a host name as host_name() gives it: temp files and the lock name it.
HOST_CHARS = "A-Za-z0-9_-"
_UNSAFE = re.compile(f"[^{HOST_CHARS}]+")


class PathError(ValueError):
    """A path that cannot be made sense of (`~nosuchuser/pm`); the message is one line."""


def expand(path: str | os.PathLike[str]) -> Path:
    """`path` with a leading `~` or `~user` expanded; a user who does not exist (or
    no home folder) is a PathError naming the path, not a RuntimeError."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        raise PathError(
            f"{os.fspath(path)}: cannot expand '~' (no such user or home folder)"
        ) from None


def resolve_data_dir(cli_value: str | None, env: Mapping[str, str] = os.environ) -> Path:
    """The data folder: --data-dir, else PMCOACH_HOME, else the platform's data dir.

    An empty value counts as unset, so `PMCOACH_HOME= pmcoach` behaves like no
    variable rather than meaning the current directory.
    """
    for value in (cli_value, env.get(ENV_HOME)):
        if value:
            return expand(value)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def export_dir() -> Path:
    """Where an export goes when no file is named (`x` in the app; html and json on a
    terminal): the user's documents folder, or the home folder where there is none.

    Never the current folder: a report left wherever a shell happened to be, or in
    the folder the app was started from, is a report the user has to hunt for.
    """
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def cache_root(env: Mapping[str, str] = os.environ) -> Path:
    """pmcoach's own cache folder: PMCOACH_CACHE_HOME, else the platform's."""
    root_value = env.get(ENV_CACHE_HOME)
    if root_value:
        return expand(root_value)
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def cache_dir(data_dir: Path, env: Mapping[str, str] = os.environ) -> Path:
    """Per-machine state (index, lock) for one data folder, kept outside it.

    Keyed by a hash of the folder's real path so that two data folders never share
    a cache and a synced folder never carries one machine's lock or index to another.
    The folder's own name is kept in front of the hash for people reading the cache.
    """
    root = cache_root(env)
    real = os.path.realpath(expand(data_dir))
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:12]
    label = _UNSAFE.sub("-", Path(real).name).strip("-")[:32] or "data"
    return root / f"{label}-{digest}"


def host_name() -> str:
    """This machine's short host name, safe inside a file name.

    Temp files carry it so that a machine only ever cleans up its own leftovers
    in a folder that other machines sync.
    """
    import socket  # 5 ms, and only saving needs a host name

    short = socket.gethostname().split(".")[0]
    return _UNSAFE.sub("-", short).strip("-") or "localhost"


def device_name(env: Mapping[str, str] = os.environ) -> str:
    """The device recorded in sessions, so an unfinished one resumes only where it began."""
    return env.get(ENV_DEVICE) or host_name()
