"""pmcoach review: a self-review draft for a performance-review cycle."""

from __future__ import annotations

import argparse

from pmcoach.cli.destination import deliver, output_target
from pmcoach.cli.exits import EXIT_OK, UsageError
from pmcoach.cli.folder import configured


def run(args: argparse.Namespace) -> int:
    from pmcoach.app import days
    from pmcoach.export import REVIEW_FORMATS, ExportError, render_review
    from pmcoach.export.files import (
        REVIEW_STEM,
        check_suffix,
        check_target,
        default_name,
        folder_rubric,
        gather,
        write_export,
    )
    from pmcoach.export.review import review_period

    if args.format not in REVIEW_FORMATS:
        raise UsageError(f"unknown format {args.format[:20]!r}: choose md or html")
    try:
        store, config = configured(args)
        now = days.now_for(config)
        period = review_period(now.date(), since=args.since, last=args.last)
        name = default_name(args.format, now.date(), config.name, REVIEW_STEM)
        target = output_target(args.output, args.format == "html", name)
        if target is not None:
            check_suffix(target, args.format)
            check_target(target, args.force)  # before the work, not after it

        data = gather(store, config, folder_rubric(store.root), period, args.include_private, now)
        text = render_review(args.format, data)
        written = None if target is None else write_export(target, text, args.force)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    deliver(text, written, period.label, len(store.unreadable))
    return EXIT_OK
