"""The cache folder as an attacker leaves it: planted files, FIFOs, other owners, loose modes.

Whatever sits in the cache folder, a command gives the answer the data folder gives, runs
nothing, and never waits on a FIFO. Every cache file name pmcoach has ever used is tried.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import subprocess
import sys
import types
from pathlib import Path

import pytest
from tui_support import TODAY, configured, data_dir, finished_session, local

from pmcoach import cli
from pmcoach.paths import cache_dir

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
        code = cli.main(list(argv))
    return out.getvalue(), code


def _unicode(text: str) -> bytes:
    raw = text.encode()
    return b"\x8c" + len(raw).to_bytes(1, "little") + raw  # SHORT_BINUNICODE


def _global(module: str, qualname: str) -> bytes:
    return _unicode(module) + _unicode(qualname) + b"\x93"  # STACK_GLOBAL


def code_running_pickle(command: str) -> bytes:
    """A pickle that runs `command` in a shell while it is loaded, naming only classes of
    modules an allow-list of pmcoach's own modules would accept: the function and code
    types are reached through the attributes of a dataclass of `pmcoach.model`, then a
    code object is built and called."""
    source = f"__import__('os').system({command!r})"
    code = compile(source, "<planted>", "exec")
    fields = (
        code.co_argcount,
        code.co_posonlyargcount,
        code.co_kwonlyargcount,
        code.co_nlocals,
        code.co_stacksize,
        code.co_flags,
        code.co_code,
        code.co_consts,
        code.co_names,
        code.co_varnames,
        code.co_filename,
        code.co_name,
        code.co_qualname,
        code.co_firstlineno,
        code.co_linetable,
        code.co_exceptiontable,
        code.co_freevars,
        code.co_cellvars,
    )
    import pickle

    args = pickle.dumps(fields, protocol=3)[2:-1]  # no PROTO, no STOP, no framing
    return (
        b"\x80\x04"
        + _global("pmcoach.model", "Session.__init__.__class__")  # types.FunctionType
        + _global("pmcoach.model", "Session.__init__.__code__.__class__")  # types.CodeType
        + args
        + b"R"  # the code object
        + b"}"  # an empty dict as its globals
        + b"\x86"  # (code, {})
        + b"R"  # the function
        + b")"
        + b"R"  # called
        + b"."
    )


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
    env = {**os.environ, "PMCOACH_HOME": str(data_dir())}
    status = [sys.executable, "-m", "pmcoach", "status"]
    first = subprocess.run(status, env=env, capture_output=True, text=True, timeout=60)
    marker = tmp_path / "ran"
    plant_everywhere(store.cache_dir, code_running_pickle(f"touch {shlex.quote(str(marker))}"))
    again = subprocess.run(status, env=env, capture_output=True, text=True, timeout=60)
    assert not marker.exists()
    assert (again.stdout, again.returncode) == (first.stdout, first.returncode)
    assert again.stderr == ""


def test_cache_dir_of_the_configured_folder_is_the_one_planted() -> None:
    store = configured()
    assert store.cache_dir == cache_dir(data_dir().absolute())
