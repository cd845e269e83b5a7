"""Schema migrations: a backup is written before the file is replaced, the migrated file
must read back as exactly what the migration made, and every failure, a crash included,
leaves the original file as it was.

No real migration exists yet (every file is schema 1), so these tests register a fake
one from schema 0, in which a session's `started` was still called `begun`.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from export_support import CONFIG, history

from pmcoach import codec, migrate
from pmcoach.migrate import MigrationError
from pmcoach.store import Store, StoreError

Doc = dict[str, Any]

SESSIONS, EVENTS = history()
SESSION = SESSIONS[0]


@pytest.fixture(autouse=True)
def quick_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def rename_begun(doc: Doc) -> Doc:
    return {("started" if key == "begun" else key): value for key, value in doc.items()}


@pytest.fixture
def fake_migration(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(migrate.MIGRATIONS, ("session", 0), rename_begun)
    yield


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return Store.open(tmp_path / "data", cache_root=tmp_path / "cache").root


def old_session_bytes() -> bytes:
    """The session as schema 0 wrote it: the same file with `begun` for `started`."""
    text = codec.encode_session(SESSION).decode("utf-8")
    assert "schema = 1\n" in text and "\nstarted = " in text
    return (
        text.replace("schema = 1\n", "schema = 0\n").replace("\nstarted = ", "\nbegun = ").encode()
    )


def write_old(root: Path, data: bytes | None = None) -> Path:
    path = root / "sessions" / codec.id_year(SESSION.id) / f"{SESSION.id}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(old_session_bytes() if data is None else data)
    return path


def backups(root: Path) -> list[Path]:
    return sorted(p for p in (root / migrate.BACKUPS).rglob("*") if p.is_file())


# --------------------------------------------------------------------------- the happy path


@pytest.mark.usefixtures("fake_migration")
def test_an_older_file_is_migrated_after_its_backup(root: Path) -> None:
    path = write_old(root)
    original = path.read_bytes()
    result = migrate.migrate_file(root, path, stamp="20261123T080000Z")
    assert result is not None
    assert (result.source, result.target) == (0, codec.SCHEMA)
    assert result.backup == root / "backups" / "20261123T080000Z" / path.relative_to(root)
    assert result.backup.read_bytes() == original
    # The migrated file is what pmcoach itself would write for this session.
    assert path.read_bytes() == codec.encode_session(SESSION)
    assert codec.decode_session(codec.parse_document(path.read_bytes())) == SESSION


@pytest.mark.usefixtures("fake_migration")
def test_the_backup_is_private_and_written_before_the_file_is_replaced(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_old(root)
    order: list[tuple[str, bytes]] = []
    real = migrate.write_atomic

    def recording(target: Path, data: bytes) -> None:
        # What is on disk at the moment of each write: the original must be intact
        # while the backup is written, and the backup complete before the replace.
        order.append((target.relative_to(root).parts[0], path.read_bytes()))
        real(target, data)

    monkeypatch.setattr(migrate, "write_atomic", recording)
    original = path.read_bytes()
    result = migrate.migrate_file(root, path)
    assert result is not None
    assert [where for where, _ in order] == ["backups", "sessions"]
    assert all(seen == original for _, seen in order)
    assert stat.S_IMODE(result.backup.stat().st_mode) == 0o600
    folder = result.backup.parent
    while folder != root:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
        folder = folder.parent


def test_a_current_file_is_left_alone(root: Path) -> None:
    path = write_old(root, codec.encode_session(SESSION))
    before = path.stat()
    assert migrate.migrate_file(root, path) is None
    assert path.stat().st_ino == before.st_ino
    assert backups(root) == []


@pytest.mark.usefixtures("fake_migration")
def test_a_second_run_in_the_same_second_keeps_the_first_backup(root: Path) -> None:
    path = write_old(root)
    first = migrate.migrate_file(root, path, stamp="20261123T080000Z")
    write_old(root)
    second = migrate.migrate_file(root, path, stamp="20261123T080000Z")
    assert first is not None and second is not None
    assert second.backup.parent.parent.parent.name == "20261123T080000Z-2"
    assert first.backup.read_bytes() == second.backup.read_bytes() == old_session_bytes()


@pytest.mark.usefixtures("fake_migration")
def test_a_folder_is_migrated_with_one_backup_folder(root: Path) -> None:
    session_path = write_old(root)
    current = root / "events" / "2026" / f"{EVENTS[0].id}.toml"
    current.parent.mkdir(parents=True)
    current.write_bytes(codec.encode_event(EVENTS[0]))
    broken = root / "sessions" / "2026" / "20261101T080000Z-weekly-bad1.toml"
    broken.write_bytes(b"schema = 0\nid = 'x'\n")  # needs a migration, and then is invalid
    unreadable = root / "sessions" / "2026" / "20261102T080000Z-weekly-bad2.toml"
    unreadable.write_bytes(b"not = [toml")  # the store lists it; a migration leaves it
    (root / "config.toml").write_bytes(codec.encode_config(CONFIG))
    done, failed = migrate.migrate_folder(root)
    assert [m.path for m in done] == [session_path]
    assert len(failed) == 1 and "20261101T080000Z-weekly-bad1.toml" in str(failed[0])
    assert [p.relative_to(root).parts[2:] for p in backups(root)] == [
        ("sessions", "2026", session_path.name)
    ]
    store = Store.open(root, cache_root=root.parent / "cache")
    assert store.sessions() == [SESSION]


# --------------------------------------------------------------------------- failures


def assert_untouched(path: Path, original: bytes) -> None:
    assert path.read_bytes() == original
    leftovers = [p.name for p in path.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_a_migration_that_makes_an_invalid_document_changes_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def drop_id(doc: Doc) -> Doc:
        del doc["id"]
        return rename_begun(doc)

    monkeypatch.setitem(migrate.MIGRATIONS, ("session", 0), drop_id)
    path = write_old(root)
    original = path.read_bytes()
    with pytest.raises(MigrationError, match=r"it would not be valid: id: missing$"):
        migrate.migrate_file(root, path)
    assert_untouched(path, original)
    assert backups(root) == []


def test_a_migration_that_raises_changes_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(doc: Doc) -> Doc:
        return {"started": doc["no such key\nsecond line"]}

    monkeypatch.setitem(migrate.MIGRATIONS, ("session", 0), broken)
    path = write_old(root)
    original = path.read_bytes()
    with pytest.raises(MigrationError) as raised:
        migrate.migrate_file(root, path)
    message = str(raised.value)
    assert "\n" not in message
    assert "session migration from schema 0 failed: KeyError" in message
    assert_untouched(path, original)
    assert backups(root) == []


def test_a_migration_that_does_not_read_back_changes_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Minutes(int):
        pass

    def minutes_as_subclass(doc: Doc) -> Doc:
        doc = rename_begun(doc)
        doc["minutes"] = Minutes(20)  # valid, written as 20, read back as a plain int
        return doc

    monkeypatch.setitem(migrate.MIGRATIONS, ("session", 0), minutes_as_subclass)
    path = write_old(root)
    original = path.read_bytes()
    with pytest.raises(MigrationError, match="would not read back as it was migrated"):
        migrate.migrate_file(root, path)
    assert_untouched(path, original)
    assert backups(root) == []


def test_a_migration_that_moves_an_offset_does_not_read_back(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """09:05+01:00 and 08:05Z are equal to Python, but not the same file."""

    def to_utc(doc: Doc) -> Doc:
        doc = rename_begun(doc)
        doc["ended"] = doc["started"]
        return doc

    monkeypatch.setitem(migrate.MIGRATIONS, ("session", 0), to_utc)
    path = write_old(root)
    migrated = migrate.migrate_document("session", codec.parse_document(path.read_bytes()))
    back = codec.parse_document(codec.encode_document("session", migrated))
    assert migrate._same(back, migrated)
    moved = dict(migrated, ended=migrated["ended"].astimezone(dt.UTC))
    assert moved == migrated and not migrate._same(moved, migrated)


@pytest.mark.usefixtures("fake_migration")
def test_an_exception_between_backup_and_replace_changes_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_old(root)
    original = path.read_bytes()
    real = migrate.write_atomic

    def backup_only(target: Path, data: bytes) -> None:
        if target == path:
            raise KeyboardInterrupt  # the user gave up, or anything unforeseen
        real(target, data)

    monkeypatch.setattr(migrate, "write_atomic", backup_only)
    with pytest.raises(KeyboardInterrupt):
        migrate.migrate_file(root, path)
    assert_untouched(path, original)
    assert [p.read_bytes() for p in backups(root)] == [original]


@pytest.mark.usefixtures("fake_migration")
def test_a_failed_save_is_reported_and_changes_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_old(root)
    original = path.read_bytes()
    real = migrate.write_atomic

    def disk_full(target: Path, data: bytes) -> None:
        if target == path:
            raise StoreError(f"could not save {target}: No space left on device")
        real(target, data)

    monkeypatch.setattr(migrate, "write_atomic", disk_full)
    with pytest.raises(MigrationError, match=r"No space left on device$"):
        migrate.migrate_file(root, path)
    assert_untouched(path, original)


CRASH = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from pmcoach import migrate

    def rename_begun(doc):
        return {("started" if key == "begun" else key): value for key, value in doc.items()}

    migrate.MIGRATIONS[("session", 0)] = rename_begun
    real = migrate.write_atomic

    def crash_before_replace(target, data):
        if Path(sys.argv[1], "backups") not in target.parents:
            os._exit(9)  # killed between the backup and the replace
        real(target, data)

    migrate.write_atomic = crash_before_replace
    migrate.migrate_file(Path(sys.argv[1]), Path(sys.argv[2]))
    """
)


def test_a_crash_between_backup_and_replace_leaves_the_original(root: Path) -> None:
    path = write_old(root)
    original = path.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(Path(codec.__file__).parent.parent)}
    done = subprocess.run([sys.executable, "-c", CRASH, str(root), str(path)], env=env, check=False)
    assert done.returncode == 9
    assert_untouched(path, original)
    assert [p.read_bytes() for p in backups(root)] == [original]


@pytest.mark.usefixtures("fake_migration")
def test_a_file_changed_meanwhile_is_not_replaced(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_old(root)
    synced = old_session_bytes() + b"# edited on another machine\n"

    def rename_and_sync(doc: Doc) -> Doc:
        path.write_bytes(synced)  # a sync tool writes the file during the migration
        return rename_begun(doc)

    monkeypatch.setitem(migrate.MIGRATIONS, ("session", 0), rename_and_sync)
    with pytest.raises(MigrationError, match=r"changed while being migrated; not changed$"):
        migrate.migrate_file(root, path)
    assert path.read_bytes() == synced


def test_a_schema_without_migration_is_refused(root: Path) -> None:
    path = write_old(root)
    original = path.read_bytes()
    with pytest.raises(MigrationError, match=r"no migration of a session from schema 0$"):
        migrate.migrate_file(root, path)
    assert_untouched(path, original)


@pytest.mark.parametrize(
    ("schema", "reason"),
    [
        ("2", r"written by a newer pmcoach \(schema 2\); not changed$"),
        ('"0"', r"schema: expected an integer, got '0'$"),
        ("true", r"schema: expected an integer, got true$"),
    ],
)
def test_a_newer_or_broken_schema_is_refused(root: Path, schema: str, reason: str) -> None:
    data = codec.encode_session(SESSION).replace(b"schema = 1", f"schema = {schema}".encode())
    path = write_old(root, data)
    with pytest.raises(MigrationError, match=reason):
        migrate.migrate_file(root, path)
    assert_untouched(path, data)


def test_the_codec_still_refuses_other_schemas() -> None:
    """Reading never migrates: a file of another schema is a problem until migrated."""
    doc = codec.parse_document(codec.encode_session(SESSION))
    with pytest.raises(codec.SchemaError, match=r"^schema: expected 1, got 0$"):
        codec.decode_session({**doc, "schema": 0})
    with pytest.raises(codec.SchemaError, match=r"newer pmcoach \(schema 2\)"):
        codec.decode_session({**doc, "schema": 2})


@pytest.mark.usefixtures("fake_migration")
def test_a_linked_backup_folder_is_refused(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "backups").symlink_to(elsewhere)
    path = write_old(root)
    original = path.read_bytes()
    with pytest.raises(MigrationError, match="symbolic link"):
        migrate.migrate_file(root, path)
    assert_untouched(path, original)
    assert list(elsewhere.iterdir()) == []


def test_a_file_outside_the_folder_or_of_no_kind_is_refused(root: Path, tmp_path: Path) -> None:
    with pytest.raises(MigrationError, match="is not in the data folder"):
        migrate.migrate_file(root, tmp_path / "x.toml")
    (root / "rubrics" / "acme.toml").write_text("bank = 'acme'\n")
    with pytest.raises(MigrationError, match="not a session, event or config file"):
        migrate.migrate_file(root, root / "rubrics" / "acme.toml")


def test_a_migration_is_registered_once_per_kind_and_schema(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(migrate, "MIGRATIONS", {})
    migrate.register("event", 0)(rename_begun)
    with pytest.raises(ValueError, match="registered already"):
        migrate.register("event", 0)(rename_begun)
    with pytest.raises(ValueError, match="not a kind of file"):
        migrate.register("rubric", 0)


# --------------------------------------------------------------------------- whole documents


def test_a_whole_document_is_written_as_pmcoach_writes_it() -> None:
    """encode_document keeps the layout of the typed encoders, so a migrated file looks
    like any other; and it keeps fields the model does not know."""
    for session in SESSIONS:
        data = codec.encode_session(session)
        assert codec.encode_document("session", codec.parse_document(data)) == data
    for event in EVENTS:
        data = codec.encode_event(event)
        assert codec.encode_document("event", codec.parse_document(data)) == data
    data = codec.encode_config(CONFIG)
    assert codec.encode_document("config", codec.parse_document(data)) == data
    doc = codec.parse_document(codec.encode_session(SESSION))
    doc["mood"] = {"text": "added by a newer pmcoach", "private": True}
    assert codec.parse_document(codec.encode_document("session", doc)) == doc
