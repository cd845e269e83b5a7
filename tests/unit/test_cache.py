"""The derived index: faster start-up, never a different answer than the files."""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmcoach.cache import documents
from pmcoach.cache.documents import INDEX_NAME
from pmcoach.cache.opener import open_store
from pmcoach.domain.model import Answer, Session, Text
from pmcoach.storage import toml_io
from pmcoach.storage.sessions import decode_session, encode_session

TZ = dt.timezone(dt.timedelta(hours=-5))


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PMCOACH_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many documents the scan parsed (as opposed to taking from the index)."""
    counted: list[int] = []
    real: Callable[[bytes], dict[str, Any]] = toml_io.parse_document

    def counting(raw: bytes) -> dict[str, Any]:
        counted.append(len(raw))
        return real(raw)

    monkeypatch.setattr(documents.toml_io, "parse_document", counting)
    return counted


def make_session(n: int, note: str = "note") -> Session:
    started = dt.datetime(2026, 1, 5, 9, 0, tzinfo=TZ) + dt.timedelta(weeks=n)
    stamp = started.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Session(
        id=f"{stamp}-weekly-{n:04x}",
        kind="weekly",
        track="new",
        rubric="builtin@1",
        device="laptop",
        started=started,
        updated=started,
        finished=started,
        answers=(Answer(question="q", rating=4, note=Text(note, False)),),
    )


def populate(data: Path, count: int = 3) -> list[Path]:
    store = open_store(data)
    made = [store.save_session(make_session(n)) for n in range(count)]
    # Files written by a hand or by sync, not through the store's own index.
    for path in made:
        os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    return made


def test_second_load_parses_nothing(data: Path, parses: list[int]) -> None:
    populate(data)
    parses.clear()
    first = open_store(data).sessions()
    assert len(parses) == 3
    parses.clear()
    assert open_store(data).sessions() == first
    assert parses == []


def test_changed_file_is_parsed_again(data: Path, parses: list[int]) -> None:
    paths = populate(data)
    open_store(data).sessions()
    parses.clear()
    changed = make_session(1, note="edited by hand")
    paths[1].write_bytes(encode_session(changed))
    sessions = open_store(data).sessions()
    assert len(parses) == 1
    assert sessions[1] == changed


def test_same_size_and_mtime_is_still_noticed(data: Path, parses: list[int]) -> None:
    """A sync tool may restore the old mtime; the inode and ctime still change."""
    paths = populate(data)
    open_store(data).sessions()
    parses.clear()
    old = paths[0].stat()
    changed = make_session(0, note="NOTE")  # same length as "note"
    encoded = encode_session(changed)
    assert len(encoded) == old.st_size
    tmp = paths[0].with_name("replacement")
    tmp.write_bytes(encoded)
    os.utime(tmp, ns=(old.st_atime_ns, old.st_mtime_ns))
    os.replace(tmp, paths[0])
    assert open_store(data).sessions()[0] == changed
    assert len(parses) == 1


def test_new_and_removed_files_are_seen(data: Path) -> None:
    paths = populate(data)
    open_store(data).sessions()
    paths[0].unlink()
    store = open_store(data)
    store.save_session(make_session(7))
    store.refresh()
    ids = [s.id for s in store.sessions()]
    assert ids == [make_session(n).id for n in (1, 2, 7)]
    index = json.loads((store.cache_dir / "index.json").read_bytes())
    assert len(index["files"]) == 3


def test_saving_updates_the_index(data: Path, parses: list[int]) -> None:
    store = open_store(data)
    store.sessions()
    store.save_session(make_session(1))
    parses.clear()
    store.refresh()
    assert parses == []
    assert open_store(data).sessions() == [make_session(1)]
    assert parses == []


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"format": 999, "root": "/", "files": {}}',
        b'{"format": 1, "root": "ROOT", "files": {"sessions/x.toml": {"k": [1]}}}',
        b'{"format": 1, "root": "ROOT", "files": {"x": {"k": [1,2,3,4], "doc": 5}}}',
        b'{"format": 1, "root": "ROOT", "files": {"x": {"k": [1,2,3,4], "doc": {"$": [1]}}}}',
        b"\xff\xfe",
    ],
)
def test_corrupt_index_is_rebuilt(data: Path, garbage: bytes) -> None:
    populate(data)
    store = open_store(data)
    expected = store.sessions()
    index_path = store.cache_dir / "index.json"
    root = os.path.realpath(data)
    index_path.write_bytes(garbage.replace(b"ROOT", root.encode()))
    again = open_store(data)
    assert again.sessions() == expected
    assert again.problems == []
    assert json.loads(index_path.read_bytes())["format"] == documents.FORMAT


def test_index_of_another_folder_is_not_used(tmp_path: Path, parses: list[int]) -> None:
    populate(tmp_path / "a")
    one = open_store(tmp_path / "a")
    one.sessions()
    other = open_store(tmp_path / "b", cache_root=one.cache_dir)
    parses.clear()
    assert other.sessions() == []
    assert parses == []


def test_a_problem_is_never_taken_from_the_index(data: Path, parses: list[int]) -> None:
    """The index gives documents, never verdicts: a file it records as unreadable, or
    whose document does not decode, is read from the data folder again, so a planted
    index cannot make a good file look broken."""
    populate(data, 1)
    store = open_store(data)
    assert len(store.sessions()) == 1
    bad = data / "sessions" / "20260101T000000Z-weekly-dead.toml"
    bad.write_bytes(b"schema = = 1")
    assert len(open_store(data).problems) == 1
    parses.clear()
    problems = open_store(data).problems
    assert len(parses) == 1  # the broken file alone
    assert problems[0].path == bad and "at line 1" in problems[0].reason
    index = store.cache_dir / INDEX_NAME
    raw = json.loads(index.read_bytes())
    (good,) = [rel for rel in raw["files"] if "dead" not in rel]
    raw["files"][good] = {"k": raw["files"][good]["k"], "error": "planted"}
    bad_rel = bad.relative_to(data).as_posix()
    raw["files"][bad_rel] = {"k": raw["files"][bad_rel]["k"], "doc": {"schema": 1}}
    index.write_text(json.dumps(raw))
    assert len(documents.Index.from_bytes(index.read_bytes(), str(data)).entries) == 2  # used
    again = open_store(data)
    assert len(again.sessions()) == 1
    assert [p.reason for p in again.problems] == [problems[0].reason]


def test_unwritable_cache_does_not_break_loading(data: Path, tmp_path: Path) -> None:
    populate(data)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    store = open_store(data, cache_root=blocked / "cache")
    assert len(store.sessions()) == 3


def test_index_is_private(data: Path) -> None:
    populate(data)
    store = open_store(data)
    store.sessions()
    index = store.cache_dir / "index.json"
    assert index.stat().st_mode & 0o777 == 0o600
    assert store.cache_dir.stat().st_mode & 0o777 == 0o700


# --------------------------------------------------------------------------- exactness


def test_index_round_trip_is_exact() -> None:
    doc = tomllib.loads(
        """
        schema = 1
        when = 2026-11-23T09:05:12.123456-05:00
        utc = 2026-11-23T09:05:12Z
        local = 2026-11-23T09:05:12
        day = 2026-11-23
        time = 09:00:00
        float = 1.0
        big = 9223372036854775807
        "$" = { "$" = ["datetime", "not a date"] }
        "$dt" = "plain"
        [nested]
        "$" = 2026-01-01
        """
    )
    index = documents.Index("root")
    index.put("sessions/x.toml", (1, 2, 3, 4), doc)
    back = documents.Index.from_bytes(index.to_bytes(), "root")
    restored = back.entries["sessions/x.toml"].doc
    assert restored == doc
    assert restored is not None
    assert type(restored["float"]) is float
    assert restored["when"].utcoffset() == dt.timedelta(hours=-5)
    assert restored["local"].tzinfo is None


# tomllib only ever gives fixed offsets, never named zones.
OFFSETS = st.builds(
    dt.timezone,
    st.integers(min_value=-23 * 60, max_value=23 * 60).map(lambda m: dt.timedelta(minutes=m)),
)
SCALARS = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)))
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.booleans()
    | st.floats(allow_nan=False)
    | st.dates()
    | st.times()
    | st.datetimes(timezones=st.none() | OFFSETS)
)
KEYS = st.sampled_from(["$", "$dt", "a", "$$", "datetime", "table"]) | st.text(max_size=4)
DOCS = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=12,
)


@given(value=DOCS)
def test_any_document_survives_the_index(value: Any) -> None:
    doc = {"v": value}
    index = documents.Index("root")
    index.put("events/x.toml", (1, 2, 3, 4), doc)
    back = documents.Index.from_bytes(index.to_bytes(), "root")
    assert back.entries["events/x.toml"].doc == doc


def test_saved_then_loaded_equals_direct_parse(data: Path) -> None:
    store = open_store(data)
    session = replace(make_session(3), reflection=Text('quotes " and \\ and \n lines', True))
    path = store.save_session(session)
    store.refresh()
    cached = open_store(data)
    assert cached.sessions() == [decode_session(tomllib.loads(path.read_text()))]


def test_file_name_that_is_not_utf8(data: Path) -> None:
    populate(data, 1)
    odd = os.path.join(os.fsencode(data / "sessions"), b"\xff-odd.toml")
    with open(odd, "wb") as handle:
        handle.write(b"schema = 1\n")
    store = open_store(data)
    assert len(store.sessions()) == 1
    assert len(store.problems) == 1
    again = open_store(data)
    assert [p.path for p in again.problems] == [p.path for p in store.problems]


def test_saving_without_reading_does_not_scan(data: Path, parses: list[int]) -> None:
    populate(data)
    parses.clear()
    store = open_store(data)
    store.save_session(make_session(9))
    assert parses == []
    assert len(store.sessions()) == 4
