"""pmcoach checkin --plain: the weekly check-in as plain questions and answers."""

from __future__ import annotations

import argparse
import sys

from pmcoach.cli import output
from pmcoach.cli.exits import UsageError
from pmcoach.cli.folder import configured


def run(args: argparse.Namespace) -> int:
    if not args.plain:
        raise UsageError(
            "checkin needs --plain (questions and answers as lines); "
            "for the app's check-in, run pmcoach and press w"
        )
    from pmcoach.app.checkin_flow import CheckinRefused
    from pmcoach.cli.plain import session
    from pmcoach.cli.plain.conversation import Conversation
    from pmcoach.storage.errors import Locked

    store, config = configured(args, write=True)
    try:
        lock = store.lock()
    except Locked as exc:
        raise UsageError(f"{exc}; finish or close it first") from None
    with lock:
        output.reconfigure(sys.stdin, "replace")
        try:
            talk = Conversation(sys.stdin, sys.stdout)
            return session.run(store, config, talk, kind="full" if args.full else "weekly")
        except CheckinRefused as exc:
            raise UsageError(str(exc)) from None
