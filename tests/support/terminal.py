"""A small tmux harness: run a command in a real terminal of a given size and read its screen.

Each `Terminal` starts its own tmux server on a private socket (so it never touches a tmux
the user is running, and ignores their `~/.tmux.conf`), and `kill()` stops that server and
everything in it. Use it as a context manager, or through the `terminal` fixture in
`conftest.py`, so a failing test still cleans up.

    with Terminal("pmcoach", env={"PMCOACH_HOME": str(home)}) as term:
        term.wait_for("pmcoach")
        term.send_keys("C-q")
        assert term.wait_for_exit() == 0
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

POLL_SECONDS = 0.05

# Variables that would tie the inner terminal to the outer one (or to a tmux around the tests).
_DROPPED_ENV = ("TMUX", "TMUX_PANE")


def _short_tmp() -> str | None:
    return "/tmp" if os.path.isdir("/tmp") else None


@dataclass(frozen=True)
class Typed:
    """Text typed literally inside a burst (no key-name lookup): `Typed("Tab")` is three
    letters, where "Tab" alone is the key."""

    text: str


class TerminalError(AssertionError):
    """Something expected on the screen did not happen; the message carries the screen."""


class Terminal:
    """A command running in a detached tmux session of `width` x `height` cells."""

    def __init__(
        self,
        command: str | Sequence[str],
        *,
        width: int = 80,
        height: int = 24,
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        tmux = shutil.which("tmux")
        if tmux is None:
            raise RuntimeError("tmux is not installed")
        self.tmux = tmux
        self.command = command if isinstance(command, str) else shlex.join(command)
        self.width = width
        self.height = height
        # Unique per terminal, so parallel tests and leftovers never collide.
        self.session = f"pmcoach-test-{uuid.uuid4().hex[:12]}"
        self._socket_dir: str | None = None
        self.cwd = Path(cwd) if cwd is not None else Path.cwd()
        self.env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
        self.env.update(env or {})

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> Terminal:
        """Start the tmux server and the command; returns self."""
        # A socket path must stay short (about 100 bytes), so not under a test's tmp_path.
        self._socket_dir = tempfile.mkdtemp(prefix="pmcoach-tmux-", dir=_short_tmp())
        # One tmux invocation, so the options are set before the command runs:
        # remain-on-exit keeps the pane (and its exit status) after the command ends;
        # escape-time 0 delivers a lone Escape at once instead of after 500 ms.
        size = ["-x", str(self.width), "-y", str(self.height)]
        try:
            self._tmux(
                *("start-server", ";"),
                *("set-option", "-g", "remain-on-exit", "on", ";"),
                *("set-option", "-g", "escape-time", "0", ";"),
                *("new-session", "-d", "-s", self.session, *size, "-c", str(self.cwd)),
                self.command,
            )
        except BaseException:
            self.kill()
            raise
        return self

    def kill(self) -> None:
        """Stop the tmux server and everything running in it. Safe to call twice."""
        if self._socket_dir is None:
            return
        subprocess.run(
            [self.tmux, "-S", self.socket, "kill-server"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(self._socket_dir, ignore_errors=True)
        self._socket_dir = None

    def __enter__(self) -> Terminal:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.kill()

    # ------------------------------------------------------------------ reading

    def screen(self) -> str:
        """The visible screen as plain text, one line per row, trailing blanks removed."""
        out = self._tmux("capture-pane", "-p", "-t", self.session)
        return out.rstrip("\n")

    def scrollback(self) -> str:
        """The screen and every row scrolled off above it, as plain text."""
        out = self._tmux("capture-pane", "-p", "-S", "-", "-t", self.session)
        return out.rstrip("\n")

    def pid(self) -> int:
        """The process id of the command running in the pane."""
        out = self._tmux("display-message", "-p", "-t", self.session, "#{pane_pid}")
        return int(out.strip())

    def tty(self) -> str:
        """The pane's terminal device, for `stty -F`."""
        return self._tmux("display-message", "-p", "-t", self.session, "#{pane_tty}").strip()

    def exit_status(self) -> int | None:
        """The command's exit status, or None while it is still running."""
        out = self._tmux(
            "display-message",
            "-p",
            "-t",
            self.session,
            "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}",
        )
        dead, status, signal = out.strip().split("|", 2)
        if dead != "1":
            return None
        if status:
            return int(status)
        if signal:
            return 128 + int(signal)  # as a shell reports a command killed by a signal
        # The pane is dead but tmux has not reaped the process yet. tmux 3.3 sometimes misses
        # that SIGCHLD and would wait forever; a short job of its own makes it reap again.
        self._tmux("run-shell", "true")
        return None

    def wait_for(self, text: str, timeout: float = 10.0) -> str:
        """Wait until `text` is on the screen; return the screen. Fails early if the
        command exits without showing it."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            status = self.exit_status()
            if status is not None:
                raise TerminalError(
                    f"the command exited with status {status} before showing {text!r}."
                    f"\n{self._framed(self.screen())}"
                )
            if time.monotonic() > deadline:
                raise TerminalError(
                    f"{text!r} did not appear within {timeout:g} s.\n{self._framed(screen)}"
                )
            time.sleep(POLL_SECONDS)

    def wait_for_exit(self, timeout: float = 10.0) -> int:
        """Wait until the command has exited; return its exit status."""
        deadline = time.monotonic() + timeout
        while (status := self.exit_status()) is None:
            if time.monotonic() > deadline:
                raise TerminalError(
                    f"the command was still running after {timeout:g} s."
                    f"\n{self._framed(self.screen())}"
                )
            time.sleep(POLL_SECONDS)
        return status

    # ------------------------------------------------------------------ writing

    def send_keys(self, *keys: str) -> None:
        """Send tmux key names: "C-q", "Enter", "Escape", "Up", "w", "BSpace" …"""
        self._tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        """Type `text` literally (no key-name lookup)."""
        self._tmux("send-keys", "-t", self.session, "-l", text)

    def burst(self, *parts: str | Typed) -> None:
        """Key names and `Typed` text in one tmux command, so the terminal gets them all
        at once, with no wait between keys: `burst("w", "3", Typed("Dana"), "C-s")`."""
        commands: list[list[str]] = []
        for part in parts:
            if isinstance(part, str):
                if commands and "-l" not in commands[-1]:  # more keys for the same command
                    commands[-1].append(part)
                else:
                    commands.append(["send-keys", "-t", self.session, part])
            elif part.text:
                if part.text.endswith(";") or part.text.startswith("-"):
                    # tmux would take it for a command separator or an option
                    raise ValueError(f"typed text tmux would misread: {part.text!r}")
                commands.append(["send-keys", "-t", self.session, "-l", part.text])
        args = [arg for command in commands for arg in [";", *command]][1:]
        if args:
            self._tmux(*args)

    # ------------------------------------------------------------------ helpers

    @property
    def socket(self) -> str:
        if self._socket_dir is None:
            raise RuntimeError("the terminal is not running")
        return os.path.join(self._socket_dir, "tmux")

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            [self.tmux, "-f", os.devnull, "-S", self.socket, *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def _framed(self, screen: str) -> str:
        rule = "-" * self.width
        return f"{rule}\n{screen}\n{rule}"
