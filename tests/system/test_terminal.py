"""The installed `pmcoach` in a real 80x24 terminal, and the test harness it relies on."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from support.terminal import Terminal

TerminalFactory = Callable[..., Terminal]


@pytest.mark.slow
def test_first_run_opens_and_ctrl_q_quits(
    tmp_path: Path, terminal: TerminalFactory, require_tool: Callable[[str], str]
) -> None:
    pmcoach = require_tool("pmcoach")
    home = tmp_path / "empty-home"
    home.mkdir()

    term = terminal([pmcoach], width=80, height=24, env={"PMCOACH_HOME": str(home)})
    # The first screen (onboarding, on an empty data folder) is titled with the app's name.
    screen = term.wait_for("pmcoach", timeout=30)
    assert term.exit_status() is None, f"pmcoach exited instead of opening:\n{screen}"
    term.send_keys("C-q")
    status = term.wait_for_exit(timeout=15)

    screen = term.screen()
    assert "Traceback" not in screen, screen
    assert status == 0, screen


def test_every_test_has_its_own_folders(tmp_path: Path) -> None:
    assert os.environ["PMCOACH_HOME"] == str(tmp_path / "data")
    assert os.environ["PMCOACH_CACHE_HOME"] == str(tmp_path / "cache")
    assert os.environ["PMCOACH_DEVICE"] == "test-device"
    assert "PMCOACH_TODAY" not in os.environ


def test_a_missing_tool_skips_but_fails_under_the_ci_flag(
    monkeypatch: pytest.MonkeyPatch, require_tool: Callable[[str], str]
) -> None:
    missing = "pmcoach-no-such-tool"
    monkeypatch.delenv("PMCOACH_REQUIRE_TOOLS", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_tool(missing)
    monkeypatch.setenv("PMCOACH_REQUIRE_TOOLS", "1")
    with pytest.raises(pytest.fail.Exception):
        require_tool(missing)


@pytest.mark.slow
def test_terminal_reports_screen_keys_and_exit_status(terminal: TerminalFactory) -> None:
    term = terminal(["sh", "-c", 'echo ready; read line; echo "got $line"; exit 3'], width=40)
    term.wait_for("ready")
    term.type("abc")
    term.send_keys("Enter")
    assert term.wait_for_exit() == 3
    assert "got abc" in term.screen()
