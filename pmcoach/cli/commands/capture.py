"""pmcoach grade, win and skip: one event each, recorded from the shell."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from pmcoach.cli.exits import EXIT_OK, UsageError
from pmcoach.cli.folder import configured

if TYPE_CHECKING:
    from pmcoach.app.capture import Context as CaptureContext
    from pmcoach.domain.model import Event
    from pmcoach.storage.store import Store


def _capture(args: argparse.Namespace, build: Callable[[CaptureContext, Store], Event]) -> int:
    """Build one event (every check first), save it, and say so in one line."""
    from pmcoach.app import capture, days
    from pmcoach.rubric.load import load_rubric
    from pmcoach.storage.paths import device_name

    store, config = configured(args, write=True)
    rubric = load_rubric(store.root).rubric
    assert rubric is not None  # load_rubric raises when it cannot build one
    now = days.now_for(config)
    context = capture.Context(rubric=rubric, now=now, device=device_name())
    try:
        event = build(context, store)
    except capture.CaptureError as exc:
        raise UsageError(str(exc)) from None
    event, path = store.add_event(event)
    print(f"{capture.describe(event, rubric)} ({path.relative_to(store.root)})")
    return EXIT_OK


def grade(args: argparse.Namespace) -> int:
    from pmcoach.app import capture

    return _capture(
        args,
        lambda ctx, _store: capture.grade(
            ctx,
            args.text,
            capture.parse_rating(args.rating),
            skill=args.skill,
            note=args.note,
            private=args.private,
        ),
    )


def win(args: argparse.Namespace) -> int:
    from pmcoach.app import capture

    return _capture(
        args,
        lambda ctx, _store: capture.win(
            ctx, args.text, skill=args.skill, kind=args.kind, private=args.private
        ),
    )


def skip(args: argparse.Namespace) -> int:
    from pmcoach.app import capture

    def build(ctx: CaptureContext, store: Store) -> Event:
        return capture.skip_week(
            ctx,
            store.sessions(),
            store.events(),
            week=args.week,
            reason=args.reason,
            private=args.private,
        )

    return _capture(args, build)
