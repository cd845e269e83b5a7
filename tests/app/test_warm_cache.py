"""The index and the rubric's cache: a warm start must give exactly what the files say.

A change is seen at once, however it was made (in place or replaced, same size, the old
mtime put back), and a cache that is damaged, planted or not this user's is ignored and
never breaks a command.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from support.edits import put_back
from support.exports import RUBRIC, export_data
from support.hostile import code_running_pickle

import pmcoach
from pmcoach.app.demo import DemoPlan, write_demo
from pmcoach.cache import cachedir
from pmcoach.cache.documents import INDEX_NAME
from pmcoach.cache.opener import open_store
from pmcoach.cli import main
from pmcoach.domain.model import Event, Rubric, Session, Text
from pmcoach.rubric import cached, load, parse
from pmcoach.rubric.load import LoadResult, load_rubric
from pmcoach.rubric.parsed import ParsedFile
from pmcoach.storage import errors, toml_io
from pmcoach.storage.events import decode_event
from pmcoach.storage.sessions import decode_session

TODAY = dt.date(2026, 11, 23)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

ACME = """\
bank = "acme"
version = "3"

[[skill]]
id = "data-fluency"
title = "Data fluency"
summary = "Reads the numbers behind the product without an analyst in the room."
levels.staff = [
  "Asks.", "Quotes old numbers.", "Quotes dated numbers.", "Writes queries.", "Shares queries.",
]

[[track]]
id = "staff"
title = "Staff PM"
skills = ["communicate", "data-fluency"]

[[question]]
id = "data-fluency.own-query"
skill = "data-fluency"
kind = "rating"
prompt = "Last time you needed a number about your product, how did you get it?"
anchors = [
  "I asked someone and waited for the answer.",
  "I quoted an old dashboard without checking its date.",
  "I quoted a current dashboard with its date.",
  "I wrote the query myself and checked it against a dashboard.",
  "I wrote the query, checked it, and shared it so others can rerun it.",
]
"""


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PMCOACH_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    monkeypatch.chdir(tmp_path)  # rubric issues name user files relative to here


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty weeks of demo history, written once; each test works on its own copy."""
    root = tmp_path_factory.mktemp("demo") / "data"
    bank = load_rubric(None).rubric
    assert bank is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PMCOACH_CACHE_HOME", str(root.parent / "cache-home"))
        patch.setenv("PMCOACH_NO_FSYNC", "1")
        write_demo(root, bank, DemoPlan(weeks=40, end=TODAY), TODAY)
    return root


@pytest.fixture
def data(demo_copy: Path, tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(demo_copy, root)
    os.chmod(root, 0o700)
    return root


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the data files parsed (as opposed to taken from the index)."""
    counted: list[str] = []
    real = toml_io.parse_document

    def parse(raw: bytes) -> dict[str, Any]:
        doc = real(raw)
        counted.append(str(doc.get("id")))
        return doc

    monkeypatch.setattr(toml_io, "parse_document", parse)
    return counted


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The rubric files parsed (as opposed to the rubric taken from its cache)."""
    counted: list[Path] = []
    real = parse.read_file

    def counting(path: Path, display: str | None = None) -> ParsedFile:
        counted.append(path)
        return real(path, display)

    monkeypatch.setattr(parse, "read_file", counting)
    return counted


State = tuple[list[Session], list[Event], list[errors.Problem]]


def state(data: Path) -> State:
    st = open_store(data)
    return st.sessions(), st.events(), st.problems


def index_path(data: Path) -> Path:
    return open_store(data).cache_dir / INDEX_NAME


def rubric_path(data: Path) -> Path:
    return open_store(data).cache_dir / cached.RUBRIC_CACHE_NAME


def direct(data: Path) -> tuple[list[Session], list[Event]]:
    """What the files say, parsed and decoded one by one with no cache at all."""
    sessions = [
        decode_session(tomllib.loads(p.read_text()))
        for p in sorted((data / "sessions").rglob("*.toml"))
    ]
    events = [
        decode_event(tomllib.loads(p.read_text()))
        for p in sorted((data / "events").rglob("*.toml"))
    ]
    return (
        sorted(sessions, key=lambda s: (s.started, s.id)),
        sorted(events, key=lambda e: (e.at, e.id)),
    )


def first_file(data: Path, folder: str) -> Path:
    return sorted((data / folder).rglob("*.toml"))[0]


def same_size_edit(raw: bytes) -> bytes:
    """The file with the case of one letter of its device name flipped."""
    marker = b'device = "'
    at = raw.index(marker) + len(marker)
    return raw[:at] + raw[at : at + 1].swapcase() + raw[at + 1 :]


def files_of(result: LoadResult) -> list[tuple[object, ...]]:
    return [(f.path, f.display, f.bank, f.version, f.issues) for f in result.files]


# --------------------------------------------------------------------------- same answers


def test_warm_store_equals_cold_store_and_the_files(data: Path, decodes: list[str]) -> None:
    files = direct(data)
    session_file = first_file(data, "sessions")
    copy = session_file.with_name(f"{session_file.stem} (conflicted copy).toml")
    copy.write_bytes(session_file.read_bytes())
    (session_file.parent / "20260101T000000Z-weekly-dead.toml").write_bytes(b"schema = = 1")

    cold = state(data)
    assert decodes, "the first load decodes every file"
    assert index_path(data).is_file()
    decodes.clear()
    warm = state(data)
    assert decodes == []
    assert warm == cold
    assert (warm[0], warm[1]) == files
    assert len(warm[2]) == 2  # the copy and the broken file, as without a cache


def test_warm_rubric_equals_cold_rubric(tmp_path: Path, data: Path, reads: list[Path]) -> None:
    (data / "rubrics" / "acme.toml").write_text(ACME)
    (data / "rubrics" / "broken.toml").write_text(ACME.replace('version = "3"', "version = 3"))
    cold = load_rubric(data)
    assert reads and rubric_path(data).is_file()
    reads.clear()
    warm = load_rubric(data)
    assert reads == []
    uncached = load.load_rubric_files(data)
    for result in (warm, uncached):
        assert result.rubric == cold.rubric
        assert result.issues == cold.issues
        assert files_of(result) == files_of(cold)
    assert cold.rubric is not None and cold.rubric.track("staff") is not None
    assert any("broken.toml" in str(i) for i in cold.issues)


def test_a_save_is_in_the_cache_without_decoding_anything_else(
    data: Path, decodes: list[str]
) -> None:
    st = open_store(data)
    before = st.sessions()
    added = replace(before[-1], id="20261124T080000Z-weekly-beef", reflection=Text("new"))
    decodes.clear()
    st.save_session(added)
    st.refresh()
    again = open_store(data).sessions()
    assert set(decodes) == {added.id}  # checked when saved; nothing read back or re-parsed
    assert added in again and again == st.sessions()


# --------------------------------------------------------------------------- changes are seen


@pytest.mark.parametrize("folder", ["sessions", "events"])
@pytest.mark.parametrize("in_place", [True, False], ids=["in place", "replaced"])
def test_same_size_same_mtime_change_is_seen(
    data: Path, folder: str, in_place: bool, decodes: list[str]
) -> None:
    state(data)
    state(data)  # warm
    path = first_file(data, folder)
    put_back(path, same_size_edit(path.read_bytes()), in_place=in_place)
    decodes.clear()
    sessions, events, problems = state(data)
    assert len(decodes) == 1
    assert (sessions, events) == direct(data) and problems == []
    changed = decode_session if folder == "sessions" else decode_event
    item = changed(tomllib.loads(path.read_text()))
    assert item.device != "demo" and item in (*sessions, *events)


@pytest.mark.parametrize("folder", ["sessions", "events"])
def test_added_and_deleted_files_are_seen(data: Path, folder: str) -> None:
    state(data)
    state(data)
    gone = first_file(data, folder)
    raw = gone.read_bytes()
    gone.unlink()
    assert state(data)[:2] == direct(data)
    doc = tomllib.loads(raw.decode())
    new_id = doc["id"][:-4] + "f00d"
    gone.with_name(f"{new_id}.toml").write_bytes(raw.replace(doc["id"].encode(), new_id.encode()))
    sessions, events, problems = state(data)
    assert (sessions, events) == direct(data) and problems == []
    assert new_id in {i.id for i in (*sessions, *events)}


@pytest.fixture
def own_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in bank that a test may change."""
    bank = tmp_path / "bank"
    shutil.copytree(load.builtin_bank_dir(), bank)
    monkeypatch.setattr(load, "builtin_bank_dir", lambda: bank)
    return bank


def flip_prompt(path: Path, *, in_place: bool) -> None:
    raw = path.read_bytes()
    marker = b'prompt = "'
    at = raw.index(marker) + len(marker)
    put_back(path, raw[:at] + raw[at : at + 1].swapcase() + raw[at + 1 :], in_place=in_place)


@pytest.mark.parametrize("in_place", [True, False], ids=["in place", "replaced"])
@pytest.mark.parametrize("which", ["built-in", "user"])
def test_changed_rubric_file_is_seen(
    data: Path, own_bank: Path, which: str, in_place: bool, reads: list[Path]
) -> None:
    (data / "rubrics" / "acme.toml").write_text(ACME)
    cold = load_rubric(data)
    load_rubric(data)
    path = own_bank / "communicate.toml" if which == "built-in" else data / "rubrics" / "acme.toml"
    flip_prompt(path, in_place=in_place)
    reads.clear()
    changed = load_rubric(data)
    assert reads, "the changed bank is read again"
    assert changed.rubric != cold.rubric
    assert changed.rubric == load.load_rubric_files(data).rubric
    assert load_rubric(data).rubric == changed.rubric


def test_added_and_deleted_rubric_files_are_seen(data: Path, own_bank: Path) -> None:
    load_rubric(data)
    added = data / "rubrics" / "acme.toml"
    added.write_text(ACME)
    with_acme = load_rubric(data).rubric
    assert with_acme is not None and with_acme.track("staff") is not None
    added.unlink()
    without = load_rubric(data).rubric
    assert without is not None and without.track("staff") is None
    (own_bank / "drills.toml").unlink()
    fewer = load_rubric(data).rubric
    assert fewer is not None and fewer.drill_cards == () != without.drill_cards


def test_another_working_folder_names_user_files_its_way(tmp_path: Path, data: Path) -> None:
    (data / "rubrics" / "broken.toml").write_text("bank = ")
    here = [str(i) for i in load_rubric(data).issues]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    there = [str(i) for i in load_rubric(data).issues]
    assert here != there
    assert there == [str(i) for i in load.load_rubric_files(data).issues]


# --------------------------------------------------------------------------- stale program


@pytest.mark.parametrize("what", ["version", "code"])
def test_another_version_or_code_does_not_use_the_caches(
    data: Path, what: str, monkeypatch: pytest.MonkeyPatch, decodes: list[str], reads: list[Path]
) -> None:
    expected = state(data)
    expected_rubric = load_rubric(data)
    decodes.clear()
    reads.clear()
    cachedir.code_key.cache_clear()
    if what == "version":
        monkeypatch.setattr(pmcoach, "__version__", "999")
    else:
        monkeypatch.setattr(cachedir, "code_key", lambda: "model.py:1:2")
    assert state(data) == expected
    assert load_rubric(data).rubric == expected_rubric.rubric
    assert reads  # the index holds documents, which a new program decodes itself
    decodes.clear()
    reads.clear()
    assert state(data) == expected and load_rubric(data).rubric == expected_rubric.rubric
    assert decodes == [] and reads == []  # saved again for the program now running
    if what == "version":
        cachedir.code_key.cache_clear()  # computed with the version patched in


# --------------------------------------------------------------------------- damaged caches


def doctored(path: Path, change: Callable[[Any], Any]) -> bytes:
    """The cache file, still well formed and still matching the files, with a changed
    value: what a planted file would hold."""
    return json.dumps(change(json.loads(path.read_bytes()))).encode()


def lie_in_sessions(raw: dict[str, Any]) -> dict[str, Any]:
    rel = min(r for r in raw["files"] if r.startswith("sessions/"))
    raw["files"][rel]["doc"]["device"] = "planted"
    return raw


def lie_in_rubric(raw: dict[str, Any]) -> dict[str, Any]:
    first = next(f for f in raw["value"]["files"] if f.get("doc", {}).get("skill"))
    first["doc"]["skill"][0]["title"] = "Planted"
    return raw


def damage(path: Path, how: str, change: Callable[[Any], Any], tmp_path: Path) -> None:
    if how == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "garbage":
        path.write_bytes(b"\x80\x05garbage, not JSON" * 40)
    elif how == "symlink":
        elsewhere = tmp_path / "planted.json"
        elsewhere.write_bytes(doctored(path, change))
        elsewhere.chmod(0o600)
        path.unlink()
        path.symlink_to(elsewhere)
    elif how == "writable by others":
        path.write_bytes(doctored(path, change))
        path.chmod(0o646)
    elif how == "another owner":
        path.write_bytes(doctored(path, change))
        os.chown(path, 12345, -1)
    elif how == "folder writable by others":
        path.write_bytes(doctored(path, change))
        path.parent.chmod(0o777)
    elif how == "folder readable by others":
        path.write_bytes(doctored(path, change))
        path.parent.chmod(0o755)
    elif how == "folder of another owner":
        path.write_bytes(doctored(path, change))
        os.chown(path.parent, 12345, -1)
    elif how == "names a command":
        path.write_bytes(code_running_pickle(f"touch {tmp_path / 'ran'}"))
    elif how == "a FIFO":
        path.unlink()
        os.mkfifo(path, 0o600)
    else:  # pragma: no cover
        raise AssertionError(how)


DAMAGE = [
    "truncated",
    "empty",
    "garbage",
    "symlink",
    "writable by others",
    pytest.param(
        "another owner", marks=pytest.mark.skipif(not IS_ROOT, reason="only root can chown")
    ),
    "folder writable by others",
    "folder readable by others",
    pytest.param(
        "folder of another owner",
        marks=pytest.mark.skipif(not IS_ROOT, reason="only root can chown"),
    ),
    "names a command",
    "a FIFO",
]


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_index_is_not_used(data: Path, how: str, tmp_path: Path) -> None:
    expected = state(data)
    state(data)
    damage(index_path(data), how, lie_in_sessions, tmp_path)
    assert state(data) == expected
    assert state(data) == expected
    assert not (tmp_path / "ran").exists()


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_rubric_cache_is_not_used(data: Path, how: str, tmp_path: Path) -> None:
    expected = load_rubric(data)
    damage(rubric_path(data), how, lie_in_rubric, tmp_path)
    for _ in range(2):
        again = load_rubric(data)
        assert again.rubric == expected.rubric and again.issues == expected.issues
    assert not (tmp_path / "ran").exists()


def test_a_good_cache_behind_a_link_is_not_followed(data: Path, tmp_path: Path) -> None:
    """Even an honest cache is not read through a link: what it points at is not ours."""
    state(data)
    path = index_path(data)
    honest = path.with_name("honest.json")
    shutil.copy(path, honest)
    path.unlink()
    path.symlink_to(honest)
    assert cachedir.read(path.parent, path.name) is None
    assert cachedir.read(path.parent, honest.name) is not None


def _export(data: Path, out: Path, fmt: str) -> str:
    code = main.main(
        ["export", "--data-dir", str(data), "--format", fmt, "-o", str(out), "--force"]
    )
    assert code == 0
    return out.read_text()


@pytest.fixture
def frozen_day(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY.isoformat())
    yield


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_export_is_the_same_with_cold_warm_and_broken_caches(
    data: Path, tmp_path: Path, fmt: str, frozen_day: None
) -> None:
    out = tmp_path / f"out.{fmt}"
    cold = _export(data, out, fmt)
    warm = _export(data, out, fmt)
    assert warm == cold
    for path in (index_path(data), rubric_path(data)):
        path.write_bytes(b'{"format": 2, "broken')
    assert _export(data, out, fmt) == cold
    shutil.rmtree(open_store(data).cache_dir)
    assert _export(data, out, fmt) == cold


def test_caches_are_private(data: Path) -> None:
    state(data)
    load_rubric(data)
    for path in (index_path(data), rubric_path(data)):
        assert path.stat().st_mode & 0o777 == 0o600
    assert index_path(data).parent.stat().st_mode & 0o777 == 0o700


def test_unwritable_cache_folder_still_loads(data: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    expected = state(data)
    st = open_store(data, cache_root=blocked / "cache")
    assert (st.sessions(), st.events(), st.problems) == expected


# --------------------------------------------------------------------------- rubric on use


@pytest.mark.parametrize(("fmt", "loads"), [("json", 0), ("csv", 1), ("md", 1)])
def test_the_rubric_is_loaded_only_for_formats_that_use_it(
    data: Path,
    tmp_path: Path,
    fmt: str,
    loads: int,
    frozen_day: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Path | None] = []
    real = load.load_rubric

    def counting(data_dir: Path | None = None) -> LoadResult:
        calls.append(data_dir)
        return real(data_dir)

    monkeypatch.setattr(load, "load_rubric", counting)
    _export(data, tmp_path / f"out.{fmt}", fmt)
    assert len(calls) == loads


def test_export_data_loads_a_given_function_once() -> None:
    eager = export_data((), ())
    calls: list[int] = []

    def load() -> Rubric:
        calls.append(1)
        return RUBRIC

    lazy = replace(eager, rubric=load)
    assert calls == []
    assert lazy.rubric is RUBRIC and lazy.rubric is RUBRIC
    assert calls == [1]
    assert lazy == eager and replace(lazy, include_private=False).rubric is RUBRIC
