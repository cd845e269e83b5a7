"""Fixtures every test shares.

- Every test gets its own data folder and cache folder (`PMCOACH_HOME`, `PMCOACH_CACHE_HOME`
  under `tmp_path`), a fixed device name, and no fixed clock unless it sets `PMCOACH_TODAY`
  itself, so no test reads or writes the real user's files or depends on another test.
- `require_tool("tmux")` returns a tool's path, or skips the test when it is missing. With
  `PMCOACH_REQUIRE_TOOLS=1` (set by `.ci/run`) a missing tool FAILS the test instead, so CI
  can never pass by quietly skipping the terminal, browser or packaging tests.
- `terminal(...)` starts a command in a real tmux terminal (see `support/terminal.py`) and
  always cleans it up.
- `wheel` and `fresh_venv` build the wheel and install it into a new virtual environment
  once per run (see `support/install.py`), for every test that needs the package as users
  get it.
- What several test files share lives in `support/` (imported as `support.cli` and so on):
  running `pmcoach` in a process (`cli`), the built-in rubric, the pilot tests' data folder
  (`tui`), the scripted quarter, hostile texts, Chromium.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NoReturn

import pytest
from support.install import build_wheel, install_fresh
from support.terminal import Terminal

REQUIRE_TOOLS_ENV = "PMCOACH_REQUIRE_TOOLS"

_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_CHROMIUM_MAC_PATHS = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)


@pytest.fixture(autouse=True)
def isolated_pmcoach(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point pmcoach at folders of this test only. Nothing is created: a test that needs
    the folders to exist creates them, and a test of the first run sees them absent."""
    monkeypatch.setenv("PMCOACH_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("PMCOACH_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("PMCOACH_DEVICE", "test-device")
    monkeypatch.delenv("PMCOACH_TODAY", raising=False)


def tools_required() -> bool:
    return os.environ.get(REQUIRE_TOOLS_ENV, "") not in ("", "0")


def skip_or_fail(reason: str) -> NoReturn:
    """Skip the test, or fail it when `PMCOACH_REQUIRE_TOOLS=1`."""
    if tools_required():
        pytest.fail(f"{reason} ({REQUIRE_TOOLS_ENV}=1 turns this skip into a failure)")
    pytest.skip(reason)


def find_tool(name: str) -> str | None:
    """The path of a tool the tests use, or None. Known names:

    - "tmux", or any other program name: looked up on PATH;
    - "chromium": Chromium or Chrome, on PATH or in /Applications;
    - "venv": this Python can create virtual environments with pip in them
      (Debian and Ubuntu need the python3-venv package for that); returns sys.executable;
    - "pmcoach": the installed console script next to this Python.
    """
    if name == "venv":
        has_venv = importlib.util.find_spec("venv") and importlib.util.find_spec("ensurepip")
        return sys.executable if has_venv else None
    if name == "pmcoach":
        script = Path(sys.executable).parent / "pmcoach"
        return str(script) if script.is_file() else None
    if name == "chromium":
        for candidate in _CHROMIUM_NAMES:
            if found := shutil.which(candidate):
                return found
        return next((p for p in _CHROMIUM_MAC_PATHS if Path(p).is_file()), None)
    return shutil.which(name)


def _require_tool(name: str) -> str:
    found = find_tool(name)
    if found is None:
        skip_or_fail(f"{name} is not available")
    return found


@pytest.fixture(scope="session")
def require_tool() -> Callable[[str], str]:
    """`require_tool(name)` returns the tool's path, or skips (fails under the CI flag)."""
    return _require_tool


TerminalFactory = Callable[..., Terminal]


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[TerminalFactory]:
    """`terminal(command, width=80, height=24, env={...})` starts `command` in tmux.

    The command runs in `tmp_path` unless `cwd` is given; every terminal is killed when the
    test ends, pass or fail."""
    _require_tool("tmux")
    started: list[Terminal] = []

    def start(
        command: str | Sequence[str],
        *,
        width: int = 80,
        height: int = 24,
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> Terminal:
        term = Terminal(
            command, width=width, height=height, env=env, cwd=cwd if cwd is not None else tmp_path
        )
        started.append(term)
        return term.start()

    try:
        yield start
    finally:
        for term in started:
            term.kill()


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from the source tree into a temporary folder."""
    return build_wheel(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with only the wheel and its pinned dependencies."""
    _require_tool("venv")  # Debian and Ubuntu: apt-get install python3-venv
    return install_fresh(wheel, tmp_path_factory.mktemp("fresh"))
