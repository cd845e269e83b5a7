"""One line, never a traceback or a hang: unreadable folders and settings, odd paths,
outputs that cannot be written, FIFOs and devices where files belong, a BOM."""

from __future__ import annotations

import os
import pty
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from support.as_nobody import nobody_run, shared_tmp
from support.cli import TODAY, home, run

from pmcoach.cache import documents
from pmcoach.cli.main import EXIT_BROKEN_PIPE
from pmcoach.drills import drafts
from pmcoach.storage import paths
from pmcoach.storage.store import LOCK_NAME, Store

# A command that hangs is a failure, not a stuck test run.
TIMEOUT = 30


def one_line(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.fixture
def demo() -> Path:
    assert run("demo", "--data-dir", str(home()), "--weeks", "6").returncode == 0
    return home()


# ----------------------------------------------------------------- a folder that cannot be listed


def test_a_folder_that_cannot_be_listed_is_a_problem_not_a_traceback(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What root can test of `chmod 000 sessions/2026`: the listing fails."""
    blocked = str(demo / "sessions" / "2026")
    real = os.scandir

    def scandir(path: str) -> object:
        if os.fspath(path) == blocked:
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(documents.os, "scandir", scandir)
    store = Store.open(demo, write=False)
    store.sessions()
    [problem] = [p for p in store.problems if str(p.path) == blocked]
    assert "cannot be read: Permission denied" in problem.reason


@pytest.mark.parametrize("folder", ["sessions/2026", "sessions"])
@pytest.mark.parametrize("command", ["status", "doctor", "export", "config"])
def test_chmod_000_on_a_folder_as_a_user(command: str, folder: str) -> None:
    with shared_tmp() as place:
        root = place / "mine"
        assert run("demo", "--data-dir", str(root), "--weeks", "6").returncode == 0
        for path in [root, *root.rglob("*")]:
            os.chown(path, 65534, 65534)
        (root / folder).chmod(0)
        env = {"PMCOACH_CACHE_HOME": str(place / "cache"), "PMCOACH_TODAY": TODAY}
        result = nobody_run([command, "--data-dir", str(root)], env)
        assert "Traceback" not in result.stderr, result.stderr
        if command == "doctor":
            assert result.returncode == 2
            assert f"{root}/{folder}: folder cannot be read" in result.stdout
        else:
            assert result.returncode in (0, 3, 4), result.stderr
        if command == "status":
            assert "unreadable" in result.stdout


# --------------------------------------------------------------------------- config.toml


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _link(path: Path) -> None:
    real = path.with_name("real-config.toml")
    path.rename(real)
    path.symlink_to(real)


def _deep(path: Path) -> None:
    path.write_text("a = " + "[" * 3000 + "]" * 3000 + "\n")


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _bom(path: Path) -> None:
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


BROKEN = {
    "fifo": (_fifo, "not a regular file"),
    "link": (_link, "symbolic link"),
    "deep": (_deep, "nested too deeply"),
    "folder": (_folder, "not a regular file"),
    "bom": (_bom, "byte order mark"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
@pytest.mark.parametrize("command", ["status", "config", "export"])
def test_a_broken_config_file_is_one_line(kind: str, command: str, demo: Path) -> None:
    make, reason = BROKEN[kind]
    make(demo / "config.toml")
    error = one_line(run(command))
    assert "config.toml" in error and reason in error


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_doctor_reports_a_broken_config_file(kind: str, demo: Path) -> None:
    make, reason = BROKEN[kind]
    make(demo / "config.toml")
    result = run("doctor")
    assert result.returncode == 2, result.stderr
    assert "all good" not in result.stdout
    assert f"{demo / 'config.toml'}: " in result.stdout and reason in result.stdout


def test_an_unreadable_config_file_as_a_user() -> None:
    with shared_tmp() as place:
        root = place / "mine"
        assert run("demo", "--data-dir", str(root), "--weeks", "2").returncode == 0
        for path in [root, *root.rglob("*")]:
            os.chown(path, 65534, 65534)
        (root / "config.toml").chmod(0)
        env = {"PMCOACH_CACHE_HOME": str(place / "cache"), "PMCOACH_TODAY": TODAY}
        for command in ("status", "config"):
            error = one_line(nobody_run([command, "--data-dir", str(root)], env))
            assert "config.toml" in error and "Permission denied" in error
        doctor = nobody_run(["doctor", "--data-dir", str(root)], env)
        assert doctor.returncode == 2 and "config.toml: cannot be opened" in doctor.stdout


def test_a_session_file_with_a_bom_is_named_as_such(demo: Path) -> None:
    session = next((demo / "sessions").rglob("*.toml"))
    _bom(session)
    result = run("doctor")
    assert f"{session}: starts with a byte order mark (BOM)" in result.stdout


# --------------------------------------------------------------------------- paths


@pytest.mark.parametrize("variable", ["PMCOACH_HOME", "PMCOACH_CACHE_HOME"])
@pytest.mark.parametrize("command", [["config"], ["status"], ["doctor"], ["export"], []])
def test_a_home_folder_of_a_user_who_does_not_exist_is_one_line(
    variable: str, command: list[str], demo: Path
) -> None:
    if command:
        error = one_line(run(*command, env={variable: "~nosuchuser/pm"}))
    else:  # the app, on a terminal: without one it is refused before any folder is looked at
        leader, follower = pty.openpty()
        try:
            env = {variable: "~nosuchuser/pm"}
            error = one_line(run(*command, env=env, stdin=follower, stdout=follower))
        finally:
            os.close(leader)
            os.close(follower)
    assert "~nosuchuser/pm" in error


def test_expanding_a_path_of_a_user_who_does_not_exist_names_it() -> None:
    with pytest.raises(paths.PathError, match="~nosuchuser"):
        paths.expand("~nosuchuser/pm")


# --------------------------------------------------------------------------- output


@pytest.mark.parametrize("command", [["config"], ["export", "--format", "csv"], ["--help"]])
def test_output_to_a_full_disk_is_one_line(command: list[str], demo: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = run(*command, stdout=full.fileno())
    error = one_line(result)
    assert "No space left on device" in error


@pytest.mark.parametrize("command", [["config"], ["export", "--format", "csv"], ["status"]])
def test_a_closed_pipe_ends_the_command_quietly(command: list[str], demo: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # as `| head -c 10` does once it has read its ten bytes
    try:
        result = run(*command, stdout=write)
    finally:
        os.close(write)
    assert result.returncode == EXIT_BROKEN_PIPE, result.stderr
    assert result.stderr == ""


# --------------------------------------------------------------------------- the lock


@pytest.mark.parametrize("command", [["checkin", "--plain"], ["import", "BACKUP"]])
def test_a_fifo_where_the_lock_belongs_is_one_line(
    command: list[str], demo: Path, tmp_path: Path
) -> None:
    """For the commands that hold the folder: the check-in and import. (The app opens
    read-only and says why: test_cache_hostile.)"""
    if "BACKUP" in command:
        backup = tmp_path / "backup.json"
        run("export", "--format", "json", "--include-private", "-o", str(backup))
        command = ["import", str(backup)]
    lock = paths.cache_dir(demo) / LOCK_NAME
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.parent.chmod(0o700)  # a private cache folder: one that is not is refused first
    if lock.exists():
        lock.unlink()
    os.mkfifo(lock)
    error = one_line(run(*command))
    assert "lock" in error and "not a regular file" in error
    assert stat.S_ISFIFO(lock.lstat().st_mode)


# --------------------------------------------------------------------------- output files


def _special(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"target-{kind}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        if os.geteuid() != 0:
            pytest.skip("only root can make a device node")
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a null device of its own
    else:
        path.mkdir()
    return path


def _still(path: Path, kind: str) -> bool:
    mode = path.lstat().st_mode
    return {"fifo": stat.S_ISFIFO, "device": stat.S_ISCHR, "folder": stat.S_ISDIR}[kind](mode)


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
@pytest.mark.parametrize("force", [True, False])
def test_export_and_remind_refuse_a_target_that_is_not_a_file(
    kind: str, force: bool, demo: Path, tmp_path: Path
) -> None:
    target = _special(tmp_path, kind)
    extra = ["--force"] if force else []
    for command in (["export", "-o", str(target)], ["remind", "--ics", str(target)]):
        error = one_line(run(*command, *extra))
        assert str(target) in error and ("not a file" in error or "is a folder" in error)
        assert _still(target, kind)


@pytest.mark.parametrize("force", [True, False])
def test_remind_to_dev_stdout_says_what_to_do(force: bool, demo: Path) -> None:
    if not os.path.exists("/dev/stdout"):
        pytest.skip("no /dev/stdout here")
    extra = ["--force"] if force else []
    error = one_line(run("remind", "--ics", "/dev/stdout", *extra))
    assert "own output" in error and "--ics -" in error


# --------------------------------------------------------------------------- drafts


def test_a_fifo_among_the_drafts_is_listed_as_a_problem_without_a_hang(demo: Path) -> None:
    folder = drafts.folder(demo)
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / f"20261123T100000Z-wb-0001{drafts.SUFFIX}")
    code = (
        "import sys; from pathlib import Path; from pmcoach.drills import drafts;"
        "print([f.problem for f in drafts.load_all(Path(sys.argv[1]))])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(demo)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "not a regular file" in result.stdout


def test_an_import_file_of_a_user_who_does_not_exist_is_one_line() -> None:
    error = one_line(run("import", "~nosuchuser/backup.json"))
    assert "~nosuchuser/backup.json" in error
