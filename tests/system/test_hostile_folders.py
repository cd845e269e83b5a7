"""Folders pmcoach did not make: refused when they hold other files, read without a change
when a command only reads, and never created by a command that only reads."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import stat
from pathlib import Path

import pytest
from support.as_nobody import nobody_run, shared_tmp
from support.cli import TODAY, run

from pmcoach.domain.model import Config
from pmcoach.storage.store import Store


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under `root` with its mode, owner and size (folders: 0)."""
    found: dict[str, tuple[int, int, int]] = {}
    for current, dirs, files in os.walk(root):
        for name in [".", *dirs, *files]:
            path = Path(current, name)
            info = path.lstat()
            size = 0 if stat.S_ISDIR(info.st_mode) else info.st_size
            found[str(path.relative_to(root))] = (info.st_mode, info.st_uid, size)
    return found


def backup(tmp_path: Path) -> Path:
    """A JSON backup of a small history, to import."""
    source = tmp_path / "source"
    assert run("demo", "--data-dir", str(source), "--weeks", "2").returncode == 0
    path = tmp_path / "backup.json"
    args = ["--format", "json", "--include-private", "-o", str(path), "--data-dir", str(source)]
    assert run("export", *args).returncode == 0
    json.loads(path.read_text())
    return path


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """A sticky, world-writable folder holding other people's files, as /tmp does."""
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "someone-elses.txt").write_text("not yours")
    (folder / "project").mkdir()
    (folder / "project" / "plan.md").write_text("# plan")
    folder.chmod(0o1777)
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["config"],
        ["status"],
        ["export"],
        ["export", "--format", "csv"],
        ["doctor"],
        ["win", "shipped", "--skill", "communicate"],
        ["skip"],
        ["checkin", "--plain"],
        ["remind", "--ics", "-"],
        ["import", "BACKUP"],
    ],
)
def test_a_folder_of_other_files_is_refused_and_left_as_it_was(
    args: list[str], shared: Path, tmp_path: Path
) -> None:
    if "BACKUP" in args:
        args = [str(backup(tmp_path)) if a == "BACKUP" else a for a in args]
    before = snapshot(shared)
    result = run(*args, "--data-dir", str(shared))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert snapshot(shared) == before
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777


def test_the_app_refuses_a_folder_of_other_files_before_taking_the_terminal(
    shared: Path,
) -> None:
    before = snapshot(shared)
    leader, follower = pty.openpty()  # a terminal, or the app is refused before the folder
    try:
        result = run("--data-dir", str(shared), stdin=follower, stdout=follower)
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2, result.stderr
    assert "not a pmcoach data folder" in result.stderr
    assert snapshot(shared) == before


def test_an_empty_folder_or_one_with_only_hidden_files_is_taken(tmp_path: Path) -> None:
    folder = tmp_path / "synced"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    (folder / ".stfolder").mkdir()  # a sync tool's marker
    assert run("demo", "--data-dir", str(folder), "--weeks", "1").returncode == 2  # demo: empty
    result = run("win", "x", "--skill", "communicate", "--data-dir", str(folder))
    assert "not set up" in result.stderr
    Store.open(folder).save_config(Config(track="new", review_time=dt.time(9)))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755  # not made by pmcoach: not changed
    assert stat.S_IMODE((folder / "sessions").stat().st_mode) == 0o700  # made by pmcoach


def set_up(root: Path) -> None:
    assert run("demo", "--data-dir", str(root), "--weeks", "3").returncode == 0


READING = [["status"], ["export"], ["export", "--format", "csv"], ["doctor"], ["config"]]


@pytest.mark.parametrize("args", READING)
def test_reading_commands_change_no_mode_of_a_folder_owned_by_someone_else(
    args: list[str], tmp_path: Path
) -> None:
    root = tmp_path / "theirs"
    set_up(root)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
        if os.geteuid() == 0:
            os.chown(path, 65534, 65534)
    before = snapshot(root)
    result = run(*args, "--data-dir", str(root))
    assert result.returncode in (0, 3, 4), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root) == before


@pytest.mark.parametrize("args", READING)
def test_reading_commands_work_on_a_read_only_folder_of_someone_else_as_a_user(
    args: list[str],
) -> None:
    """As the unprivileged user `nobody`, on a folder root owns and nobody may only read."""
    with shared_tmp() as place:
        root = place / "roots"
        set_up(root)
        for path in [root, *root.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        before = snapshot(root)
        env = {"PMCOACH_CACHE_HOME": str(place / "cache"), "PMCOACH_TODAY": TODAY}
        result = nobody_run([*args, "--data-dir", str(root)], env)
        assert result.returncode in (0, 3, 4), result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(root) == before


def test_a_writing_command_on_a_folder_it_cannot_write_says_one_line() -> None:
    with shared_tmp() as place:
        root = place / "roots"
        set_up(root)
        for path in [root, *root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        before = snapshot(root)
        env = {"PMCOACH_CACHE_HOME": str(place / "cache"), "PMCOACH_TODAY": TODAY}
        result = nobody_run(["win", "x", "--skill", "communicate", "--data-dir", str(root)], env)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and "not writable" in result.stderr
        assert snapshot(root) == before


def test_saving_a_draft_leaves_an_existing_drafts_folders_mode(tmp_path: Path) -> None:
    from pmcoach.drills import drafts

    root = Store.open(tmp_path / "data").root
    folder = drafts.folder(root)
    folder.mkdir()
    folder.chmod(0o750)
    path = drafts.save(root, drafts.new_draft(dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
