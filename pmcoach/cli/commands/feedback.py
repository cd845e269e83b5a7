"""pmcoach feedback add: a peer's reply to a request for feedback, read and kept.

What was understood is shown and confirmed on the terminal before anything is saved.
The terminal is read even when the reply itself comes on standard input (`-`): the
confirmation is the person's, never a line of the pasted text. Without a terminal,
`--yes` says it in advance.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TextIO

from pmcoach.cli.exits import EXIT_OK, UsageError
from pmcoach.cli.folder import configured

TTY = "/dev/tty"
NO_TERMINAL = "no terminal to confirm on: add --yes to save the reply without asking"
PASTE_HINT = "Paste the reply, then press ctrl+d on a line of its own."
CONFIRM = "Save it? [y/N] "
YES = ("y", "yes")


class _Terminal:
    """Where the confirmation is asked: the controlling terminal, or standard input
    when that is one and the reply came from a file."""

    def __init__(self, reader: TextIO, writer: TextIO, own: bool) -> None:
        self.reader = reader
        self.writer = writer
        self.own = own  # opened here: closed here

    def ask(self, lines: list[str], question: str) -> str:
        from pmcoach.text.sanitize import printable

        self.writer.write(printable("\n".join(lines) + "\n" + question))
        self.writer.flush()
        return self.reader.readline().strip().casefold()

    def close(self) -> None:
        if self.own:
            self.reader.close()
            self.writer.close()


@contextlib.contextmanager
def _terminal(reply_on_stdin: bool, wanted: bool) -> Iterator[_Terminal | None]:
    found: _Terminal | None = None
    if not wanted:
        yield None
        return
    try:
        fd = os.open(TTY, os.O_RDWR | os.O_NOCTTY)
    except OSError:
        if not reply_on_stdin and sys.stdin is not None and sys.stdin.isatty():
            found = _Terminal(sys.stdin, sys.stderr, own=False)
    else:
        # A terminal cannot seek: one stream to read it and one to write it.
        reader = open(fd, encoding="utf-8", errors="replace")  # noqa: SIM115
        writer = open(os.dup(fd), "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        found = _Terminal(reader, writer, own=True)
    try:
        yield found
    finally:
        if found is not None:
            found.close()


def add(args: argparse.Namespace) -> int:
    from pmcoach.app import days, peer_feedback
    from pmcoach.rubric.load import load_rubric
    from pmcoach.storage.paths import device_name

    reply_on_stdin = args.file == "-"
    try:
        peer_feedback.peer_name(args.peer)  # before anything is pasted
        with _terminal(reply_on_stdin, wanted=not args.yes) as terminal:
            if terminal is None and not args.yes:
                raise UsageError(NO_TERMINAL)
            store, config = configured(args, write=True)  # before anything is pasted
            if reply_on_stdin and sys.stdin is not None and sys.stdin.isatty():
                sys.stderr.write(PASTE_HINT + "\n")
            text = peer_feedback.read_reply(args.file)
            rubric = load_rubric(store.root).rubric
            assert rubric is not None  # load_rubric raises when it cannot build one
            understood = peer_feedback.understand(
                text,
                peer=args.peer,
                private=args.private,
                rubric=rubric,
                config=config,
                sessions=store.sessions(),
                events=store.events(),
                now=days.now_for(config),
                device=device_name(),
            )
            lines = peer_feedback.describe(understood)
            if terminal is None:  # --yes
                print("\n".join(lines))
            elif terminal.ask(lines, CONFIRM) not in YES:
                print("nothing was saved")
                return EXIT_OK
    except peer_feedback.FeedbackError as exc:
        raise UsageError(str(exc)) from None
    _session, path = store.add_session(understood.session)
    print(peer_feedback.saved_line(understood, str(path.relative_to(store.root))))
    return EXIT_OK
