"""ctrl+s and ctrl+q reach the app even when typed while it is still starting.

Until Textual puts the terminal in raw mode (importing it takes about a quarter
of a second), the terminal is as the shell left it: with flow control (IXON)
on, the terminal driver itself takes ctrl+s as "stop output" and ctrl+q as
"start output", and the app never sees them. A form typed ahead and ended with
ctrl+s was filled but not saved. So the commands that open the app turn flow
control off first, before anything slow, and put the terminal's settings back
as they were when the app is done, however it ends: Textual restores the
settings it found at its start, which are these, not the user's.

Standard library only, and imported only by the commands that open the app.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def keys_not_flow_control() -> Iterator[None]:
    """Flow control off on the terminal standard input is, for as long as this lasts."""
    try:
        import termios
    except ImportError:  # no POSIX terminal here, and so no flow control to turn off
        yield
        return
    try:
        fd = sys.stdin.fileno()
        before = termios.tcgetattr(fd)
    except (AttributeError, ValueError, OSError, termios.error):  # not a terminal
        yield
        return
    iflag = before[0]
    if not iflag & termios.IXON:
        yield
        return
    during = list(before)
    during[0] = iflag & ~termios.IXON
    try:
        termios.tcsetattr(fd, termios.TCSANOW, during)
    except termios.error:
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSANOW, before)
