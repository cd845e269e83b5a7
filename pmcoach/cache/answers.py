"""Answers kept in the cache folder, each under the fingerprint of what it was computed from.

Every cached answer but the document index is one of these: the dashboard's overview,
the `status` line, the `config` output and the rubric's parsed banks. They share one
form, one staleness rule and one way in and out of the cache folder, so that what makes
one of them trustworthy makes every one:

* a file `{"format", "fingerprint", "value"}` in the cache folder, read and written only
  by `cachedir.read` and `cachedir.write` (a private folder, an atomic write, a failure
  only a miss);
* used while the fingerprint taken now is the one saved with it (`cachedir`: every input
  file's path, size, times and inode, the content of inputs too recent for their times to
  tell, and a header naming the day, the folder and the program);
* its `value` a JSON object, checked by whoever reads it; anything unexpected is a miss.

The fingerprint of an answer about to be saved is taken before its inputs are read (with
`saving=True`, so racy inputs are digested): a change made meanwhile is a miss next time,
never a stale answer.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pmcoach.cache import cachedir
from pmcoach.cache.cachedir import Fingerprint
from pmcoach.storage.keys import Key, file_key

FORMAT = 5  # 4: the rubric's banks kept in the same form as every other answer;
# 5: the overview carries peers, each field of a row checked

# What the dashboard and the status line are computed from: the settings, the rubric
# and every session and event. The rubric loader reads through links; the store does not.
USER_RUBRICS = ("rubrics",)
DATA = ("config.toml", *USER_RUBRICS, "sessions", "events")
_FOLLOWED = frozenset({"rubrics"})


class Answer:
    """One kind of cached answer: its file in the cache folder, and the names under the
    data folder it is computed from.

    A plain class: this module is read before the first frame and on every `status`,
    and making a dataclass costs a millisecond there."""

    __slots__ = ("follow", "inputs", "name")

    def __init__(
        self, name: str, inputs: tuple[str, ...], follow: frozenset[str] = frozenset()
    ) -> None:
        self.name = name
        self.inputs = inputs
        self.follow = follow

    def fingerprint(
        self, root: Path, day: str | None = None, *, saving: bool = False
    ) -> Fingerprint:
        """The fingerprint of this answer's inputs in `root` now, on `day` when the answer
        depends on the date (the dashboard's and status's do)."""
        header = f"{day or ''}\0{root}\0{cachedir.code_key()}"
        keys = cachedir.tree_keys(root, self.inputs, follow=self.follow)
        return Fingerprint.take(root, header, keys, digests=saving)

    def read(self, cache_dir: Path) -> dict[str, Any] | None:
        """The saved file as JSON, unchecked: for a caller that needs a field of the value
        before it can take the fingerprint (the overview's time zone), then `load`s it."""
        return _read(cache_dir, self.name)

    def load(
        self, cache_dir: Path, root: Path, now: Fingerprint, data: dict[str, Any] | None = None
    ) -> dict[str, Any] | None:
        return load_value(cache_dir, self.name, root, now, data)

    def save(self, cache_dir: Path, taken: Fingerprint, value: dict[str, Any]) -> None:
        save_value(cache_dir, self.name, taken, value)


def inputs_now(root: Path, names: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """What these inputs under `root` are now, by the rule of a saved answer (their keys,
    and the content of those too recent for their times to tell): for something computed
    once and held in memory (the app's rubric), so that an answer computed from it is
    saved only while it matches the files the answer's fingerprint sees."""
    keys = cachedir.tree_keys(root, names, follow=_FOLLOWED)
    taken = Fingerprint.take(root, "", keys, digests=True)
    return taken.key, taken.racy


OVERVIEW = Answer("overview.json", DATA, _FOLLOWED)
STATUS = Answer("status.json", DATA, _FOLLOWED)
SETTINGS = Answer("settings.json", ("config.toml",))
# The rubric's banks live outside the data folder too (the built-in ones): its inputs are
# whole paths, fingerprinted with `of_files`.
RUBRIC_NAME = "rubric.json"
# A fingerprint of whole paths is taken relative to the root of the filesystem.
FILES_ROOT = Path("/")


def of_files(paths: Iterable[Path], header: str, *, saving: bool = True) -> Fingerprint:
    """The fingerprint of files named by whole paths, read through links (as the rubric
    loader reads its banks), with `header` naming what else the answer depends on."""
    keys = [(str(path), _key(path)) for path in paths]
    return Fingerprint.take(FILES_ROOT, f"{header}\0{cachedir.code_key()}", keys, digests=saving)


def _key(path: Path) -> Key | None:
    try:
        return file_key(os.stat(path))
    except OSError:
        return None


def load_value(
    cache_dir: Path,
    name: str,
    root: Path,
    now: Fingerprint,
    data: dict[str, Any] | None = None,
) -> dict[str, Any] | None:
    """A saved answer's value, if it was saved under the fingerprint `now` has (`data`:
    the file's content, when the caller has read it already).

    An answer whose racy inputs have settled is saved again without their digests
    (`cachedir.settled`), so files just written are read once more, not on every look-up.
    """
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


def save_value(cache_dir: Path, name: str, taken: Fingerprint, value: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written only costs speed next time."""
    body = {"format": FORMAT, "fingerprint": taken.to_json(), "value": value}
    cachedir.write(cache_dir, name, json.dumps(body, separators=(",", ":")).encode("ascii"))


def _read(cache_dir: Path, name: str) -> dict[str, Any] | None:
    raw = cachedir.read(cache_dir, name)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None
