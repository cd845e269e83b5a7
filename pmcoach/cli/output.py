"""The command line's standard output and error: clean on a terminal, literal elsewhere.

Every command writes through these streams (`install` puts them in place of
`sys.stdout` and `sys.stderr` before a command runs), so no command has to
remember to clean what it prints. On a terminal, text that came from a file, a
file name, the lock, the settings or the command line could carry escape
sequences that retitle, clear or reprogram the terminal: control characters are
removed there (`sanitize.printable`). Written to a file or a pipe, the text is
kept exactly, because an export is the user's data.

A failed write (a full disk, a closed pipe) becomes an `OutputError`, so the
command line can tell it from every other error: a closed pipe ends the command
quietly, as Unix tools do, and a full disk is one line.

Start-up time matters (`status` runs from shell prompts): `sanitize` is
imported only for a terminal, and a stream that is not one is only wrapped to
catch write errors.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO


class OutputError(Exception):
    """Writing to standard output or error failed; `error` is the OSError."""

    def __init__(self, name: str, error: OSError) -> None:
        self.name = name
        self.error = error
        super().__init__(f"cannot write to {name}: {error.strerror or error}")

    @property
    def broken_pipe(self) -> bool:
        return isinstance(self.error, BrokenPipeError)


class Output:
    """A text stream that cleans what it writes when it is a terminal.

    Everything but writing (`buffer`, `fileno`, `encoding`, `reconfigure`) is
    the wrapped stream's own, so code that needs the raw bytes still has them.
    """

    def __init__(self, stream: TextIO, name: str) -> None:
        self.stream = stream
        self.name = name
        try:
            self.terminal = stream.isatty()
        except (OSError, ValueError):
            self.terminal = False
        self._clean: Callable[[str], str] | None = None
        if self.terminal:
            # Only now: its patterns cost a command whose output goes to a pipe for nothing.
            from pmcoach.text.sanitize import printable

            self._clean = printable

    def write(self, text: str) -> int:
        if self._clean is not None:
            text = self._clean(text)
        try:
            return self.stream.write(text)
        except OSError as exc:
            raise OutputError(self.name, exc) from None

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            raise OutputError(self.name, exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def install() -> None:
    """Put cleaning streams in place of `sys.stdout` and `sys.stderr` (once)."""
    if sys.stdout is not None and not isinstance(sys.stdout, Output):
        sys.stdout = Output(sys.stdout, "the output")
    if sys.stderr is not None and not isinstance(sys.stderr, Output):
        sys.stderr = Output(sys.stderr, "the error output")


def discard(stream: TextIO | None) -> None:
    """Point a stream that can no longer be written at /dev/null, so that Python's
    own flush on exit does not fail on it a second time with a message of its own."""
    if stream is None:
        return
    raw = stream.stream if isinstance(stream, Output) else stream
    try:
        fd = raw.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError):
        return
    try:
        os.dup2(null, fd)
    except OSError:
        pass
    finally:
        os.close(null)


def reconfigure(stream: object, errors: str) -> None:
    """Set how `stream` handles a character its encoding lacks (a standard stream may be
    replaced by one that cannot say), so that none ends a command in a traceback."""
    change = getattr(stream, "reconfigure", None)
    if change is not None:
        with contextlib.suppress(ValueError, OSError):
            change(errors=errors)
