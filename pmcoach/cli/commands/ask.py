"""pmcoach ask: a request for feedback to paste into chat or email, and its record."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pmcoach.cli.exits import EXIT_OK, UsageError
from pmcoach.cli.folder import configured


def run(args: argparse.Namespace) -> int:
    from pmcoach.app import asking, days
    from pmcoach.export.peer_request import render
    from pmcoach.rubric.load import load_rubric
    from pmcoach.storage.paths import device_name

    store, config = configured(args, write=True)
    output = _file(args.output, args.force)  # before the work, not after it
    rubric = load_rubric(store.root).rubric
    assert rubric is not None  # load_rubric raises when it cannot build one
    now = days.now_for(config)
    try:
        ask = asking.prepare(
            rubric,
            config,
            store.sessions(),
            store.events(),
            now,
            skills=args.skill or (),
            to=args.to,
        )
    except asking.AskError as exc:
        raise UsageError(str(exc)) from None
    text = render(ask.questions, ask.request.code, ask.who, ask.to)
    written = None if output is None else _write(output, text, args.force)
    if written is None:
        sys.stdout.write(text)
        sys.stdout.flush()  # printed before it is recorded: a request nobody saw is none
    store.add_event(asking.record(ask, device_name()))
    from pmcoach.text.sanitize import one_line

    skills = ", ".join(one_line(s.title, 40) for s in ask.skills)
    count = len(ask.questions)
    where = f"; wrote {written}" if written is not None else ""
    sys.stderr.write(
        f"request {ask.request.code} recorded: {count} question{'s' * (count != 1)} "
        f"on {skills}{where}\n"
    )
    return EXIT_OK


def _file(output: str | None, force: bool) -> str | None:
    """The file named by -o, checked as `export -o` checks it; None: standard output.
    The export's modules are imported only for a file: printing needs none of them."""
    if output is None:
        return None
    from pmcoach.export import ExportError
    from pmcoach.export.files import check_target, is_standard_output

    if is_standard_output(output):
        return None
    try:
        check_target(output, force)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    return output


def _write(output: str, text: str, force: bool) -> Path:
    from pmcoach.export import ExportError
    from pmcoach.export.files import write_export

    try:
        return write_export(output, text, force)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
