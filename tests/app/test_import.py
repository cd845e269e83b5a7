"""`pmcoach import FILE`: a JSON export restored into an empty folder exports again
identically; merged into a folder in use it adds, skips, and never replaces; and a file
it refuses leaves the folder exactly as it was, byte for byte.

Property tests run 50 examples; `PMCOACH_FULL=1` runs 10,000 (benchmarks/run --full).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.exports import (
    CONFIG,
    at,
    event,
    export_data,
    fill,
    from_store,
    history,
    snapshot,
    weekly,
)

from pmcoach.app import importer
from pmcoach.cli.main import main
from pmcoach.domain.model import Answer, Commitment, Config, Text
from pmcoach.export import json_read, render
from pmcoach.storage import codec
from pmcoach.storage.store import Store, StoreError

EXAMPLES = 10_000 if os.environ.get("PMCOACH_FULL", "") not in ("", "0") else 50
TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)

Doc = dict[str, Any]


@pytest.fixture(autouse=True)
def quick_saves(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # where an export without -o would be written
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-23")


def backup_text(include_private: bool = True) -> str:
    sessions, events = history()
    return render("json", export_data(sessions, events, include_private=include_private))


def backup_doc() -> Doc:
    doc: Doc = json.loads(backup_text())
    return doc


def write(path: Path, doc: Doc | str | bytes) -> Path:
    if isinstance(doc, dict):
        doc = json.dumps(doc, indent=2)  # ASCII, so a lone surrogate can be written
    path.write_bytes(doc if isinstance(doc, bytes) else doc.encode("utf-8"))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["import", *args])
    out, err = capsys.readouterr()
    return code, out, err


def without_timestamp(text: str) -> Doc:
    doc: Doc = json.loads(text)
    doc.pop("exported")
    return doc


# --------------------------------------------------------------------------- restoring


def test_restore_into_an_empty_folder_exports_the_same_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions, events = history()
    source = fill(tmp_path / "source", sessions, events)
    first = render("json", from_store(source))
    file = write(tmp_path / "backup.json", first)
    target = tmp_path / "new" / "folder"
    code, out, err = run(capsys, str(file), "--data-dir", str(target))
    assert (code, err) == (0, "")
    assert out == "imported 4 sessions, 6 events and the settings\n"
    second = render("json", from_store(Store.open(target)))
    assert without_timestamp(second) == without_timestamp(first)
    assert second == first  # the clock is fixed, so even the timestamp agrees
    # Sessions and settings come back as the very same files.
    for rel in ["config.toml", *(f"sessions/2026/{s.id}.toml" for s in sessions)]:
        assert (target / rel).read_bytes() == (source.root / rel).read_bytes(), rel
    assert (target / "config.toml").stat().st_mode & 0o777 == 0o600


def test_restore_brings_back_every_private_text(tmp_path: Path) -> None:
    sessions, events = history()
    file = write(tmp_path / "backup.json", backup_text())
    assert main(["import", str(file), "--data-dir", str(tmp_path / "d")]) == 0
    store = Store.open(tmp_path / "d")
    assert store.load_config() == CONFIG
    assert store.sessions() == sorted(sessions, key=lambda s: (s.started, s.id))
    restored = {e.id: e for e in store.events()}
    assert {e.id for e in events} == set(restored)
    drill = restored[events[-1].id]
    assert drill.data["on"] == "2026-11-22"  # a TOML date in a kind's values: text now
    assert drill.data["answer"] == {"text": "PRIVATE drill answer", "private": True}
    for original in events[:-1]:
        assert restored[original.id] == original


def test_a_second_import_adds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = write(tmp_path / "backup.json", backup_text())
    assert run(capsys, str(file))[0] == 0
    before = snapshot(tmp_path / "data")
    code, out, _err = run(capsys, str(file))
    assert code == 0
    assert out == "imported 0 sessions and 0 events; skipped 10 already present\n"
    assert snapshot(tmp_path / "data") == before


def test_standard_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(backup_text().encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _err = run(capsys, "-")
    assert code == 0
    assert out.startswith("imported 4 sessions, 6 events")


@settings(max_examples=EXAMPLES, deadline=None)
@given(note=TEXTS, promise=TEXTS, said=TEXTS, private=st.booleans())
def test_any_text_round_trips_through_the_files(
    note: str, promise: str, said: str, private: bool
) -> None:
    """export → import → the files pmcoach writes → export again: the same document.
    The store's part is played by the codec, which is all the store does to a document."""
    session = weekly(
        at("2026-11-16"),
        reflection=Text(said, not private),
        answers=(Answer(question="execute.x", rating=2, note=Text(note, private)),),
        commitments=(Commitment("c-1", promise, said, dt.date(2026, 11, 27), private),),
    )
    logged = event(
        at("2026-11-17"),
        "win",
        "e001",
        skill="execute",
        text=Text(said, private),
        data={"win_kind": "peer", "extra": {"text": note, "private": private}, "n": [note]},
    )
    first = render("json", export_data((session,), (logged,)))
    backup = json_read.parse_export(first.encode("utf-8"))
    sessions = tuple(
        codec.decode_session(codec.parse_document(codec.encode_session(s))) for s in backup.sessions
    )
    events = tuple(
        codec.decode_event(codec.parse_document(codec.encode_event(e))) for e in backup.events
    )
    assert backup.config is not None
    assert render("json", export_data(sessions, events, config=backup.config)) == first


# --------------------------------------------------------------------------- merging


def test_merge_adds_what_is_missing_and_never_replaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions, events = history()
    corrected = dataclasses.replace(
        sessions[0], answers=(Answer(question="communicate.answer-first", rating=5),)
    )
    mine = Config(track="new", review_day=2, time_zone="UTC")
    store = fill(tmp_path / "data", (corrected, sessions[1]), events[:1])
    store.save_config(mine)
    before = snapshot(tmp_path / "data")
    file = write(tmp_path / "backup.json", backup_text())
    code, out, err = run(capsys, str(file))
    assert (code, err) == (0, "")
    assert out == (
        "imported 2 sessions and 5 events; kept this folder's settings; "
        "skipped 3 already present (1 of them not the same as in the file: "
        "the folder's copy was kept)\n"
    )
    after = snapshot(tmp_path / "data")
    for rel, content in before.items():
        assert after[rel] == content, rel  # nothing that was there changed
    assert len([r for r in after if r.endswith(".toml")]) == 11  # 10 items and config.toml
    store = Store.open(tmp_path / "data")
    assert store.load_config() == mine
    assert store.session(corrected.id) == corrected


def test_merge_into_a_folder_without_settings_writes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions, _events = history()
    store = Store.open(tmp_path / "data")
    store.save_session(sessions[0])
    file = write(tmp_path / "backup.json", backup_text())
    code, out, _err = run(capsys, str(file))
    assert code == 0
    assert out == "imported 3 sessions, 6 events and the settings; skipped 1 already present\n"
    assert Store.open(tmp_path / "data").load_config() == CONFIG


def test_an_unreadable_file_with_the_same_name_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions, _events = history()
    broken = tmp_path / "data" / "sessions" / "2026" / f"{sessions[0].id}.toml"
    broken.parent.mkdir(parents=True)
    broken.write_text("schema = 1\nkind = \n")
    file = write(tmp_path / "backup.json", backup_text())
    code, out, _err = run(capsys, str(file))
    assert code == 0
    assert "skipped 1 already present (1 of them not the same" in out
    assert broken.read_text() == "schema = 1\nkind = \n"


# --------------------------------------------------------------------------- refusals


def _set(path: str, value: object) -> Callable[[Doc], Doc]:
    """Change one value of a valid export; the path is keys and list indexes, dotted."""

    def change(doc: Doc) -> Doc:
        doc = copy.deepcopy(doc)
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        elif value is _DELETE:
            del node[last]
        else:
            node[last] = value
        return doc

    return change


_DELETE = object()
LAST_SESSION = "sessions.3"
LAST_EVENT = "events.5"


def _twice(doc: Doc) -> Doc:
    doc = copy.deepcopy(doc)
    doc["events"].append(copy.deepcopy(doc["events"][0]))
    return doc


def _both(doc: Doc) -> Doc:
    """An event under the id of a session: each file would read, but one id, two things."""
    doc = copy.deepcopy(doc)
    doc["events"][0]["id"] = doc["sessions"][0]["id"]
    return doc


def _nested(depth: int) -> object:
    """Fine as JSON, but deeper than the TOML reader follows: the file would be unreadable."""
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


def _deep(doc: Doc) -> str:
    return json.dumps(doc)[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}"


BAD_DOCS: dict[str, Callable[[Doc], Doc | str | bytes]] = {
    "empty": lambda d: "",
    "not JSON": lambda d: "{ this is not json",
    "a CSV file": lambda d: "date,kind\r\n2026-11-23,weekly\r\n",
    "not UTF-8": lambda d: b'{"format": "pmcoach-export", "x": "\xff"}',
    "a list": lambda d: "[1, 2]",
    "no format": _set("format", _DELETE),
    "another format": _set("format", "something-else"),
    "a newer version": _set("version", 2),
    "a version as text": _set("version", "1"),
    "sessions not a list": _set("sessions", {"a": 1}),
    "a session not an object": _set(LAST_SESSION, "hello"),
    "a rating of 7": _set(f"{LAST_SESSION}.answers.0.rating", 7),
    "a session without a kind": _set(f"{LAST_SESSION}.kind", _DELETE),
    "a time without offset": _set(f"{LAST_SESSION}.started", "2026-11-23T20:00:00"),
    "an offset with seconds": _set(f"{LAST_SESSION}.updated", "2026-11-23T20:00:00+01:00:30"),
    "not a date": _set(f"{LAST_EVENT}.at", "yesterday"),
    "a newer schema": _set(f"{LAST_EVENT}.schema", 2),
    "a path as id": _set(f"{LAST_SESSION}.id", "../../outside"),
    "an id with a slash": _set(f"{LAST_EVENT}.id", "20261122T080000Z-drill/x-d006"),
    "a null in event data": _set(f"{LAST_EVENT}.score", None),
    "NaN in event data": lambda d: json.dumps(d).replace('"score": 1.5', '"score": NaN'),
    "a duplicate key": lambda d: json.dumps(d)[:-1] + ', "format": "pmcoach-export"}',
    "an id twice": _twice,
    "a session's id on an event": _both,
    "a date in the year 1": _set(f"{LAST_SESSION}.started", "0001-01-01T00:00:00+01:00"),
    "a week off in the year 1": lambda d: _set(f"{LAST_EVENT}.week", "0001-W01")(
        _set(f"{LAST_EVENT}.kind", "skip-week")(d)
    ),
    "a bad config": _set("config.time_zone", "Mars/Olympus"),
    "config not an object": _set("config", [1]),
    "a lone surrogate": _set(f"{LAST_SESSION}.answers.0.note.text", "\ud800"),
    "nested too deeply": _deep,
    "event values nested too deeply": _set(f"{LAST_EVENT}.score", _nested(400)),
    "private text left out": lambda d: backup_text(include_private=False),
}


@pytest.mark.parametrize("name", list(BAD_DOCS))
def test_a_refused_file_changes_nothing(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions, events = history()
    fill(tmp_path / "data", sessions[:1], events[:1])
    before = snapshot(tmp_path / "data")
    file = write(tmp_path / "bad.json", BAD_DOCS[name](backup_doc()))
    code, out, err = run(capsys, str(file))
    assert code == 2, (out, err)
    assert out == ""
    assert err.startswith(f"pmcoach: {file}: ")
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert snapshot(tmp_path / "data") == before


@pytest.mark.parametrize("name", ["a rating of 7", "private text left out", "an id twice"])
def test_a_refused_file_does_not_create_the_folder(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write(tmp_path / "bad.json", BAD_DOCS[name](backup_doc()))
    code, _out, _err = run(capsys, str(file), "--data-dir", str(tmp_path / "new"))
    assert code == 2
    assert not (tmp_path / "new").exists()


def test_the_messages_say_what_is_wrong(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def message(name: str) -> str:
        file = write(tmp_path / "bad.json", BAD_DOCS[name](backup_doc()))
        return run(capsys, str(file))[2]

    assert "not JSON" in message("not JSON")
    assert "not JSON" in message("a CSV file")
    assert "pmcoach export --format json" in message("a CSV file")
    assert "not a pmcoach export" in message("a list")
    assert "newer pmcoach" in message("a newer version")
    rating = message("a rating of 7")
    assert "sessions[3] (20261123T190000Z-weekly-c001): answers[0].rating" in rating
    assert "event 20261117T100000Z-grade-d001 appears twice" in message("an id twice")
    assert "20261116T080000Z-weekly-a001 is both a session and an event" in message(
        "a session's id on an event"
    )
    assert "started: expected a date from 1900-01-01 to 2999-12-31" in message(
        "a date in the year 1"
    )
    assert "week: expected a week from 1900-01-01" in message("a week off in the year 1")
    assert "--include-private" in message("private text left out")
    assert "../../outside" in message("a path as id")
    assert "cannot be saved" in message("a lone surrogate")


@pytest.mark.parametrize("kind", ["missing", "folder", "unreadable"])
def test_a_file_that_cannot_be_read(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "backup.json"
    if kind == "folder":
        path.mkdir()
    elif kind == "unreadable":
        write(path, backup_text()).chmod(0)
        if os.access(path, os.R_OK):  # root reads every file: refuse it the way chmod would

            def refused(*_args: object, **_kwargs: object) -> NoReturn:
                raise PermissionError(13, "Permission denied")

            monkeypatch.setattr(json_read, "open", refused, raising=False)
    code, _out, err = run(capsys, str(path))
    assert code == 2
    assert err.count("\n") == 1 and str(path) in err
    if kind == "unreadable":
        assert "Permission denied" in err
    assert not (tmp_path / "data").exists()


def test_a_file_too_large(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_read, "MAX_IMPORT_SIZE", 1000)
    code, _out, err = run(capsys, str(write(tmp_path / "b.json", backup_text())))
    assert code == 2
    assert "larger than" in err


def test_the_lock_is_taken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sessions, events = history()
    store = fill(tmp_path / "data", sessions[:1], events[:1])
    before = snapshot(tmp_path / "data")
    file = write(tmp_path / "backup.json", backup_text())
    with store.lock():
        code, out, err = run(capsys, str(file))
    assert code == 2, (out, err)
    assert "another pmcoach (pid" in err and err.count("\n") == 1
    assert snapshot(tmp_path / "data") == before


def test_a_write_that_fails_halfway_is_undone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions, _events = history()
    fill(tmp_path / "data", sessions[:1], ())
    before = snapshot(tmp_path / "data")
    saved: list[str] = []
    real_create = Store.create

    def fail_on_the_sixth(self: Store, rel: str, data: bytes) -> tuple[Path, os.stat_result]:
        if len(saved) == 5:
            raise StoreError("could not save: No space left on device")
        saved.append(rel)
        return real_create(self, rel, data)

    monkeypatch.setattr(Store, "create", fail_on_the_sixth)
    file = write(tmp_path / "backup.json", backup_text())
    code, _out, err = run(capsys, str(file))
    assert code == 2
    assert "No space left on device; nothing was imported" in err
    assert len(saved) == 5  # three sessions and two events were written, then taken back
    assert snapshot(tmp_path / "data") == before


# --------------------------------------------------------------------------- races


class SyncTool:
    """Another program writing into the folder while an import runs, made exact.

    `place`: right after the import found a target name free, the tool writes its own
    file there (the window between a check and a write). `swap`: right after the
    import wrote a file, the tool replaces it with its own copy. `fail_after`: the
    disk fills up after that many files were written. Each hook is a point every
    version of the import passes through: its look at a name, and the folder's sync
    that follows every write.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, content: bytes) -> None:
        import pmcoach.storage.store

        self.content = content
        self.place = False
        self.swap = False
        self.fail_after: int | None = None
        self.placed: list[Path] = []
        self.replaced: list[Path] = []
        self.written = 0
        real_taken = importer._taken
        looked: list[str] = []

        def taken(store: Store, rel: str) -> bool:
            looked.append(rel)
            answer = real_taken(store, rel)
            if self.place and not answer and len(looked) % 2 == 1:
                self._write_from_another_thread(store.root / rel)
                self.placed.append(store.root / rel)
            return answer

        def synced(folder: Path) -> None:
            files = list(Path(folder).glob("*.toml"))
            if not files:
                return  # the cache folder or the lock's
            self.written += 1
            if self.fail_after is not None and self.written > self.fail_after:
                raise StoreError(f"could not save in {folder}: No space left on device")
            if self.swap:
                newest = max(files, key=lambda p: p.stat().st_mtime_ns)
                self._write_from_another_thread(newest)
                self.replaced.append(newest)

        monkeypatch.setattr(importer, "_taken", taken)
        monkeypatch.setattr(pmcoach.storage.store, "_fsync_dir", synced)

    def _write_from_another_thread(self, path: Path) -> None:
        import threading

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_name(path.name + ".sync")
            temp.write_bytes(self.content)
            os.replace(temp, path)  # as a sync tool does: its own copy, in one step

        thread = threading.Thread(target=write)
        thread.start()
        thread.join()


@pytest.mark.parametrize("content", [b"junk from a sync tool\n", b"schema = 1\n"])
def test_a_file_created_during_the_import_is_never_replaced(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
) -> None:
    tool = SyncTool(monkeypatch, content)
    tool.place = True
    file = write(tmp_path / "backup.json", backup_text())
    code, out, err = run(capsys, str(file))
    assert (code, err) == (0, "")
    # Every other one of 4 sessions, 6 events and the settings.
    assert len(tool.placed) == 6
    for path in tool.placed:
        assert path.read_bytes() == content, path
    assert out == (
        "imported 2 sessions and 3 events; kept this folder's settings; skipped 5 already "
        "present (5 of them not the same as in the file: the folder's copy was kept)\n"
    )


def test_a_failed_import_removes_only_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import said "nothing was imported" and deleted the sync tool's file too."""
    tool = SyncTool(monkeypatch, b"junk from a sync tool\n")
    tool.place = True
    tool.fail_after = 3
    file = write(tmp_path / "backup.json", backup_text())
    code, _out, err = run(capsys, str(file))
    assert code == 2
    assert "nothing was imported" in err
    assert tool.placed
    left = sorted(p for p in (tmp_path / "data").rglob("*") if p.is_file())
    assert left == sorted(tool.placed)  # every file the import wrote is gone, none other
    for path in tool.placed:
        assert path.read_bytes() == b"junk from a sync tool\n"


def test_a_file_replaced_after_the_import_wrote_it_is_kept_on_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = SyncTool(monkeypatch, b"the sync tool's newer copy\n")
    tool.swap = True
    tool.fail_after = 3
    file = write(tmp_path / "backup.json", backup_text())
    code, _out, err = run(capsys, str(file))
    assert code == 2 and "nothing was imported" in err
    assert len(tool.replaced) == 3
    left = sorted(p for p in (tmp_path / "data").rglob("*") if p.is_file())
    assert left == sorted(tool.replaced)
    for path in tool.replaced:
        assert path.read_bytes() == b"the sync tool's newer copy\n"


def test_a_name_taken_between_the_check_and_the_write_is_refused_by_the_filesystem(
    tmp_path: Path,
) -> None:
    """write_new itself: the check and the creation are one step, so a file that
    appears after any check made before is still not replaced."""
    from pmcoach.storage.store import NameTaken, write_new

    target = tmp_path / "x.toml"
    target.write_bytes(b"theirs")
    with pytest.raises(NameTaken):
        write_new(target, b"ours")
    assert target.read_bytes() == b"theirs"
    assert os.listdir(tmp_path) == ["x.toml"]  # no temp file left
    fresh = tmp_path / "y.toml"
    info = write_new(fresh, b"ours")
    assert fresh.read_bytes() == b"ours" and os.lstat(fresh).st_ino == info.st_ino
    assert fresh.stat().st_mode & 0o777 == 0o600


# --------------------------------------------------------------------------- unknown fields


def _with_unknown_fields(root: Path) -> dict[str, Doc]:
    """A folder whose files hold fields this version does not know, in every table."""
    import tomllib

    sessions, events = history()
    store = fill(root, sessions, events)
    store.save_config(CONFIG)
    docs: dict[str, Doc] = {}
    session = codec.session_doc(sessions[0])
    session["mood"] = "great"
    session["summary"] = {"text": "PRIVATE summary", "private": True}
    session["answers"][0]["confidence"] = 0.5
    session["answers"][0]["note"]["lang"] = "en"
    session["commitments"][0]["done"] = False
    session["commitment_reviews"][0]["late"] = [1, 2]
    session["exercise_reviews"][0]["minutes"] = 12
    session["assigned"][0]["why"] = "practice"
    docs[f"sessions/2026/{sessions[0].id}.toml"] = session
    item = codec.event_doc(events[2])
    item["text"]["lang"] = "en"
    docs[f"events/2026/{events[2].id}.toml"] = item
    config = codec.config_doc(CONFIG)
    config["theme"] = "dark"
    docs["config.toml"] = config
    for rel, doc in docs.items():
        kind = "config" if rel == "config.toml" else rel.split("s/", 1)[0]
        (root / rel).write_bytes(codec.encode_document(kind, doc))
        assert tomllib.loads((root / rel).read_text()) == doc
    return docs


def test_a_backup_keeps_every_field_and_import_writes_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fields a newer pmcoach added vanished from the backup without a word."""
    import tomllib

    docs = _with_unknown_fields(tmp_path / "data")
    assert main(["export", "--format", "json", "--include-private", "-o", "b.json"]) == 0
    capsys.readouterr()
    backup = json.loads(Path("b.json").read_text())
    assert backup["complete"] is True
    assert backup["sessions"][0]["mood"] == "great"
    assert backup["config"]["theme"] == "dark"
    code, _out, err = run(capsys, "b.json", "--data-dir", str(tmp_path / "restored"))
    assert (code, err) == (0, "")
    for rel, doc in docs.items():
        assert tomllib.loads((tmp_path / "restored" / rel).read_text()) == doc, rel


def test_private_text_in_an_unknown_field_is_left_out_and_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_unknown_fields(tmp_path / "data")
    assert main(["export", "--format", "json", "--force", "-o", "all.json"]) == 0
    capsys.readouterr()
    text = Path("all.json").read_text()
    assert "PRIVATE" not in text
    backup = json.loads(text)
    assert backup["sessions"][0]["summary"] == {"private": True}
    assert backup["sessions"][0]["mood"] == "great"
    with_it = main(["export", "--format", "json", "--include-private", "--force", "-o", "p.json"])
    assert with_it == 0
    assert backup["left_out"] == 1 + json.loads(backup_text(include_private=False))["left_out"]
    assert json.loads(Path("p.json").read_text())["sessions"][0]["summary"]["private"] is True
    capsys.readouterr()
    full = json.loads(Path("p.json").read_text())
    full["sessions"][0]["summary"] = {"private": True}  # only the unknown field's text is out
    Path("all.json").write_text(json.dumps(full))
    code, _out, err = run(capsys, "all.json", "--data-dir", str(tmp_path / "restored"))
    assert code == 2 and ").summary: private text was left out" in err, err
