"""One staleness rule for every cached answer: a change to a file is seen, however made.

Editors and sync tools write in place, keep the size, and put the old modification time
back. For the `status` line, the first frame's saved overview and the decoded files, each
change is tried: an edit in place (same size, the old mtime put back), a replaced file
(same), a removed file and an added one. Each runs twice: as it happens in a test, within
a moment of the file's first save (times too recent to trust, so content is checked), and
with that window closed (times and inode alone must tell).
"""

from __future__ import annotations

import contextlib
import io
import json
import time
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from support.edits import put_back
from support.tui import TODAY, configured, data_dir, finished_session, local

from pmcoach.app import snapshot
from pmcoach.app.present import dashboard
from pmcoach.app.workspace import Workspace
from pmcoach.cache import cachedir
from pmcoach.cache.answers import STATUS
from pmcoach.cache.documents import INDEX_NAME
from pmcoach.cache.opener import open_store
from pmcoach.cli.main import main
from pmcoach.rubric.cached import RUBRIC_CACHE_NAME
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.keys import file_key
from pmcoach.storage.sessions import decode_session
from pmcoach.storage.store import Store

CHANGES = ["edit in place", "replaced", "removed", "added"]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


@pytest.fixture(params=["recent files", "times alone"])
def window(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "times alone":
        monkeypatch.setattr(cachedir, "RACY_NS", 0)
    return str(request.param)


def status() -> tuple[str, int]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["status"])
    return out.getvalue().strip(), code


def moved_to_last_week(raw: bytes) -> bytes:
    """The session started a week earlier: same size, and no longer this week's review."""
    old, new = f"started = {TODAY}".encode(), b"started = 2026-11-16"
    assert raw.count(old) == 1
    return raw.replace(old, new)


def change(how: str) -> tuple[Path, bool]:
    """Make the change on a folder whose review is done (or, for "added", not yet done);
    the review is done afterwards when the second value says so."""
    store = open_store(data_dir())
    if how == "added":
        finished_session(store, local(TODAY), {"communicate.answer-first": 4})
        return data_dir(), True
    path = next((data_dir() / "sessions").rglob("*.toml"))
    if how == "removed":
        time.sleep(0.01)
        path.unlink()
    else:
        put_back(path, moved_to_last_week(path.read_bytes()), in_place=how == "edit in place")
    return path, False


def set_up(how: str) -> Store:
    store = configured(track="new")
    if how != "added":
        finished_session(store, local(TODAY), {"communicate.answer-first": 4})
    return store


@pytest.mark.parametrize("how", CHANGES)
def test_status_sees_every_change(how: str, window: str) -> None:
    set_up(how)
    before = status()
    assert status() == before  # answered from the saved line
    _path, done = change(how)
    after = status()
    assert ("review done" in after[0]) == done, after
    assert after != before
    assert status() == after


@pytest.mark.parametrize("how", CHANGES)
def test_first_frame_sees_every_change(how: str, window: str) -> None:
    set_up(how)
    workspace = Workspace.open(data_dir())
    try:
        saved = dashboard.overview(workspace)
        assert snapshot.load_unopened(data_dir()) == saved
        assert dashboard.saved_overview(workspace) == saved
        change(how)
        assert snapshot.load_unopened(data_dir()) is None
        assert dashboard.saved_overview(workspace) is None
    finally:
        workspace.close()
    fresh = Workspace.open(data_dir())
    try:
        assert dashboard.overview(fresh) != saved
        assert snapshot.load_unopened(data_dir()) is not None
    finally:
        fresh.close()


def from_files() -> list[object]:
    found = sorted((data_dir() / "sessions").rglob("*.toml"))
    return [decode_session(tomllib.loads(p.read_text())) for p in found]


@pytest.mark.parametrize("how", CHANGES)
def test_decoded_files_see_every_change(how: str, window: str) -> None:
    set_up(how)
    warm = open_store(data_dir())
    assert warm.sessions() == from_files()
    assert open_store(data_dir()).sessions() == from_files()  # from the index
    change(how)
    assert open_store(data_dir()).sessions() == from_files()  # a new process
    warm.refresh()
    assert warm.sessions() == from_files()  # the app, reading again


def test_a_recent_file_is_checked_by_its_content(tmp_path: Path) -> None:
    """Two writes within one tick of the filesystem's clock may leave the same times,
    size and inode: for a file that recent, the saved answer holds a digest of it."""
    path = tmp_path / "f.toml"
    path.write_bytes(b"a = 1\n")
    key = file_key(path.stat())
    taken = cachedir.Fingerprint.take(tmp_path, "h", [("f.toml", key)], digests=True)
    assert taken.racy == {"f.toml": cachedir.digest(b"a = 1\n")}
    saved = taken.to_json()
    looked_up = cachedir.Fingerprint.take(tmp_path, "h", [("f.toml", key)], digests=False)
    assert cachedir.still_matches(saved, looked_up, tmp_path)
    with open(path, "r+b") as handle:  # same size; the key below is the old one, as if
        handle.write(b"a = 2\n")  # the clock had not moved
    assert not cachedir.still_matches(saved, looked_up, tmp_path)


def test_an_open_app_saves_no_stale_first_frame() -> None:
    """The app recomputes its dashboard while it runs (after a check-in, on return to
    it); what it saves for the next start must be what the files say by then, even when
    a sync tool changed a file, or another window the settings, meanwhile."""
    set_up("edit in place")
    workspace = Workspace.open(data_dir())
    try:
        assert dashboard.overview(workspace).state == "done"
        change("edit in place")
        recomputed = dashboard.overview(workspace)
        assert recomputed.state != "done"
        assert snapshot.load_unopened(data_dir()) == recomputed
        other = open_store(data_dir())
        config = other.load_config()
        assert config is not None
        other.save_config(replace(config, review_day=3))
        dashboard.overview(workspace)  # computed with the settings read at the start
        assert snapshot.load_unopened(data_dir()) is None
    finally:
        workspace.close()


def test_digests_are_checked_until_the_times_can_tell(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written a moment ago are checked by content; once their times are old
    enough to tell the next change, each cached answer drops their digests (saving it
    once more), so ten years of freshly copied files are not read on every start."""
    store = set_up("edit in place")
    line = status()
    Workspace.open(data_dir()).close()
    load_rubric(data_dir())
    workspace = Workspace.open(data_dir())
    dashboard.overview(workspace)
    workspace.close()
    names = (STATUS.name, snapshot.NAME, RUBRIC_CACHE_NAME)

    def racy(name: str) -> dict[str, str]:
        return dict(json.loads((store.cache_dir / name).read_bytes())["fingerprint"]["racy"])

    assert all(racy(name) for name in (STATUS.name, snapshot.NAME))
    index = json.loads((store.cache_dir / INDEX_NAME).read_bytes())
    assert any("d" in item for item in index["files"].values())
    monkeypatch.setattr(cachedir, "RACY_NS", 0)
    assert status() == line
    assert snapshot.load_unopened(data_dir()) is not None
    load_rubric(data_dir())
    open_store(data_dir()).sessions()
    assert [racy(name) for name in names] == [{}, {}, {}]
    index = json.loads((store.cache_dir / INDEX_NAME).read_bytes())
    assert not any("d" in item for item in index["files"].values())
    read: list[object] = []
    monkeypatch.setattr(cachedir, "content_digest", lambda path: read.append(path))
    assert status() == line
    assert open_store(data_dir()).sessions() and read == []
