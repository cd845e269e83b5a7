"""The cache folder as an attacker leaves it: planted files, FIFOs, other owners, loose modes.

Whatever sits in the cache folder, a command gives the answer the data folder gives, runs
nothing, and never waits on a FIFO. Every cache file name pmcoach has ever used is tried.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shlex
import stat
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import cli
from support.hostile import code_running_pickle
from support.terminal import Terminal
from support.tui import TODAY, configured, data_dir, finished_session, local

from pmcoach.app import snapshot
from pmcoach.cache import documents
from pmcoach.cache.answers import STATUS
from pmcoach.cache.opener import open_store
from pmcoach.cli import main
from pmcoach.rubric.load import load_rubric
from pmcoach.storage import toml_io
from pmcoach.storage.errors import StoreError
from pmcoach.storage.paths import cache_dir

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# Every name the cache folder has held, the old binary ones included: a planted file in
# any of them must be nothing but ignored bytes.
CACHE_NAMES = (
    "index.json",
    "decoded.pickle",
    "decoded.json",
    "rubric.pickle",
    "rubric.json",
    "status.json",
    "overview.json",
    "settings.json",
)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def run(*argv: str) -> tuple[str, int]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main.main(list(argv))
    return out.getvalue(), code


def test_the_planted_pickle_runs_code_when_unpickled(tmp_path: Path) -> None:
    """The payload used below is real: plain pickle runs it."""
    import pickle

    marker = tmp_path / "ran"
    pickle.loads(code_running_pickle(f"touch {shlex.quote(str(marker))}"))
    assert marker.exists()
    assert isinstance(types.FunctionType, type)


def plant_everywhere(folder: Path, payload: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in CACHE_NAMES:
        path = folder / name
        path.unlink(missing_ok=True)
        path.write_bytes(payload)
        path.chmod(0o600)


@pytest.mark.parametrize("command", [["status"], ["export", "--format", "md"], ["config"]])
def test_a_planted_cache_runs_nothing(tmp_path: Path, command: list[str]) -> None:
    store = configured(track="new")
    finished_session(store, local(TODAY), {"communicate.answer-first": 4})
    expected = run(*command)
    marker = tmp_path / "ran"
    plant_everywhere(store.cache_dir, code_running_pickle(f"touch {shlex.quote(str(marker))}"))
    assert run(*command) == expected
    assert not marker.exists(), "a file in the cache folder ran a shell command"
    assert run(*command) == expected  # and it was rebuilt, not left in the way


def test_a_planted_cache_runs_nothing_in_a_fresh_process(tmp_path: Path) -> None:
    """As a user meets it: `pmcoach status` from a shell."""
    store = configured(track="new")
    finished_session(store, local(TODAY), {"communicate.answer-first": 4})
    env = {"PMCOACH_HOME": str(data_dir())}
    first = cli.run("status", today=None, env=env, cwd=tmp_path, timeout=60)
    marker = tmp_path / "ran"
    plant_everywhere(store.cache_dir, code_running_pickle(f"touch {shlex.quote(str(marker))}"))
    again = cli.run("status", today=None, env=env, cwd=tmp_path, timeout=60)
    assert not marker.exists()
    assert (again.stdout, again.returncode) == (first.stdout, first.returncode)
    assert again.stderr == ""


def test_cache_dir_of_the_configured_folder_is_the_one_planted() -> None:
    store = configured()
    assert store.cache_dir == cache_dir(data_dir().absolute())


# --------------------------------------------------------------------------- FIFOs

FIFO_NAMES = (*CACHE_NAMES, "lock", "config.lock")


def pmcoach_env() -> dict[str, str]:
    return {**os.environ, "PMCOACH_HOME": str(data_dir())}


def run_child(argv: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    """A pmcoach command in a process of its own, given 60 s: one that waits on a FIFO
    fails the test instead of hanging the suite."""
    # From the data folder's parent: the package as installed, not a folder named like it.
    return cli.run(
        *argv, stdin=stdin, today=None, env=pmcoach_env(), cwd=data_dir().parent, timeout=60
    )


def make_special(path: Path, kind: str) -> None:
    if kind == "FIFO":
        os.mkfifo(path, 0o600)
    else:  # the null device's numbers: reading it gives nothing, but it is no file
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))


SPECIALS = [
    "FIFO",
    pytest.param("device", marks=pytest.mark.skipif(not IS_ROOT, reason="only root can mknod")),
]


@pytest.mark.parametrize("kind", SPECIALS)
@pytest.mark.parametrize("name", FIFO_NAMES)
def test_a_fifo_in_the_cache_folder_hangs_no_command(name: str, kind: str) -> None:
    store = configured(track="new")
    finished_session(store, local(TODAY), {"communicate.answer-first": 4})
    expected = {cmd: run_child([cmd]) for cmd in ("status", "config")}
    path = store.cache_dir / name
    path.unlink(missing_ok=True)
    make_special(path, kind)
    for cmd, before in expected.items():
        after = run_child([cmd])
        assert (after.stdout, after.returncode, after.stderr) == (
            before.stdout,
            before.returncode,
            before.stderr,
        )
    out = data_dir().parent / "export.md"
    exported = run_child(["export", "--format", "md", "-o", str(out), "--force"])
    assert exported.returncode == 0 and "Traceback" not in exported.stderr
    if name.endswith("lock"):  # a cache file may be rebuilt in its place; a lock is not
        assert not stat.S_ISREG(os.lstat(path).st_mode)


def test_a_fifo_lock_is_one_line_for_a_check_in() -> None:
    store = configured(track="new")
    store.cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.mkfifo(store.cache_dir / "lock", 0o600)
    done = run_child(["checkin", "--plain"], stdin="")
    assert done.returncode != 0
    assert done.stderr.count("\n") == 1 and "not a regular file" in done.stderr


def test_a_fifo_saved_overview_does_not_hold_the_first_frame() -> None:
    store = configured(track="new")
    store.cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.mkfifo(store.cache_dir / "overview.json", 0o600)
    script = (
        "import sys; from pathlib import Path; from pmcoach.app import snapshot;"
        "from pmcoach.app.workspace import Workspace;"
        "from pmcoach.app.present import dashboard;"
        "root = Path(sys.argv[1]);"
        "assert snapshot.load_unopened(root) is None;"
        "w = Workspace.open(root); assert dashboard.saved_overview(w) is None;"
        "dashboard.overview(w); w.close();"
        "print('drawn')"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(data_dir())],
        env=pmcoach_env(),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=data_dir().parent,
    )
    assert done.stdout.strip() == "drawn", done.stderr


@pytest.mark.slow
def test_the_app_draws_its_dashboard_past_a_fifo_overview(
    terminal: Callable[..., Terminal], require_tool: Callable[[str], str]
) -> None:
    pmcoach = require_tool("pmcoach")
    store = configured(track="new")
    store.cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.mkfifo(store.cache_dir / "overview.json", 0o600)
    env = {
        "PMCOACH_HOME": os.environ["PMCOACH_HOME"],
        "PMCOACH_CACHE_HOME": os.environ["PMCOACH_CACHE_HOME"],
        "PMCOACH_DEVICE": "test-device",
        "PMCOACH_TODAY": TODAY,
    }
    term = terminal([pmcoach], env=env)
    assert "streak" in term.wait_for("streak", timeout=30)
    term.send_keys("q")
    assert term.wait_for_exit(timeout=10) == 0


# --------------------------------------------------------------------------- whose folder


def lying_status(folder: Path) -> None:
    """The saved status line, still matching the folder, with a planted line."""
    path = folder / STATUS.name
    saved = json.loads(path.read_bytes())
    saved["value"]["line"] = "planted"
    path.write_text(json.dumps(saved))


FOLDER_DAMAGE = [
    "folder mode 0755",
    "folder mode 0770",
    pytest.param("folder of another owner", marks=pytest.mark.skipif(not IS_ROOT, reason="chown")),
    pytest.param("file of another owner", marks=pytest.mark.skipif(not IS_ROOT, reason="chown")),
    "file writable by others",
    "folder is a link",
]


@pytest.mark.parametrize("how", FOLDER_DAMAGE)
def test_a_cache_folder_not_ours_is_not_used(how: str, tmp_path: Path) -> None:
    store = configured(track="new")
    honest = run("status")
    folder = store.cache_dir
    lying_status(folder)
    assert run("status") == ("planted\n", honest[1])  # the lie is well formed: it is used
    if how == "folder mode 0755":
        folder.chmod(0o755)
    elif how == "folder mode 0770":
        folder.chmod(0o770)
    elif how == "folder of another owner":
        os.chown(folder, 12345, -1)
    elif how == "file of another owner":
        os.chown(folder / STATUS.name, 12345, -1)
    elif how == "file writable by others":
        (folder / STATUS.name).chmod(0o622)
    elif how == "folder is a link":
        moved = tmp_path / "elsewhere"
        folder.rename(moved)
        folder.symlink_to(moved)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert run("status") == honest
    assert run("config")[1] == 0
    assert run("status") == honest
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    if how.startswith("folder"):
        assert after == before  # nothing written into a folder not ours
    else:  # the folder is ours: the file was ignored, then replaced by one of ours
        info = (folder / STATUS.name).stat()
        assert info.st_uid == os.geteuid() and info.st_mode & 0o777 == 0o600


def test_a_check_in_is_refused_beside_a_cache_folder_not_ours() -> None:
    store = configured(track="new")
    store.cache_dir.mkdir(parents=True, exist_ok=True)
    store.cache_dir.chmod(0o777)
    with pytest.raises(StoreError, match="not private"):
        store.lock()


# --------------------------------------------------------------------------- fuzzed loaders

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["datetime", "date", "time", "table", "$", "2026-11-23"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["$", "k", "doc", "d", "error", "files"]), inner, max_size=4
        )
    ),
    max_leaves=20,
)


def crafted_index(root_id: str) -> st.SearchStrategy[bytes]:
    """Index files that are well formed up to a point: the right header and format,
    entries of any shape."""
    entry = st.fixed_dictionaries(
        {"k": st.lists(st.integers(min_value=-2, max_value=2**64), max_size=5) | JSON_VALUES},
        optional={"doc": JSON_VALUES, "error": JSON_VALUES, "d": JSON_VALUES},
    )
    files = st.dictionaries(st.text(max_size=20), entry | JSON_VALUES, max_size=4)
    return st.builds(
        lambda f, fmt: json.dumps({"format": fmt, "root": root_id, "files": f}).encode(),
        files,
        st.sampled_from([documents.FORMAT, documents.FORMAT, "2", None]),
    )


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=300)
    | crafted_index("/root")
    | JSON_VALUES.map(lambda v: json.dumps(v).encode())
)
def test_the_index_loader_takes_any_bytes(data: bytes) -> None:
    index = documents.Index.from_bytes(data, "/root")
    for rel, entry in index.entries.items():
        assert isinstance(rel, str) and len(entry.key) == 4
        assert (entry.doc is None) != (entry.error is None)
        if entry.doc is not None:
            toml_io.check_limits(entry.doc)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=200) | JSON_VALUES.map(lambda v: json.dumps(v).encode()))
def test_every_cache_file_of_any_content_is_ignored_and_rebuilt(data: bytes) -> None:
    """Random and crafted bytes in every cache file at once: each command gives the
    answer the files give, and the cache is written again."""
    global _FUZZ_EXPECTED
    store = open_store(data_dir())
    if store.load_config() is None:
        configured(track="new")
        finished_session(store, local(TODAY), {"communicate.answer-first": 4})
        _FUZZ_EXPECTED = {cmd: run(cmd) for cmd in ("status", "config")}
    for name in CACHE_NAMES:
        path = store.cache_dir / name
        path.unlink(missing_ok=True)
        path.write_bytes(data)
        path.chmod(0o600)
    for cmd, expected in _FUZZ_EXPECTED.items():
        assert run(cmd) == expected
    assert open_store(data_dir()).sessions() == store.sessions()
    assert load_rubric(data_dir()).rubric == load_rubric(None).rubric
    snapshot.load_unopened(data_dir())  # never raises


_FUZZ_EXPECTED: dict[str, tuple[str, int]] = {}


def test_a_fifo_lock_opens_the_app_read_only() -> None:
    store = configured(track="new")
    store.cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.mkfifo(store.cache_dir / "lock", 0o600)
    script = (
        "import sys; from pathlib import Path; from pmcoach.app.workspace import Workspace;"
        "w = Workspace.open(Path(sys.argv[1])); print(w.read_only); w.close()"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(data_dir())],
        env=pmcoach_env(),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=data_dir().parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Read-only:") and "not a regular file" in done.stdout
