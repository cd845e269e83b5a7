"""pmcoach export: a report for a manager, or every answer as CSV or JSON."""

from __future__ import annotations

import argparse
import sys

from pmcoach.cli.destination import TO_A_FILE, deliver, output_target
from pmcoach.cli.exits import EXIT_OK, UsageError
from pmcoach.cli.folder import configured


def run(args: argparse.Namespace) -> int:
    from pmcoach.app import days
    from pmcoach.export import ExportError, check_format, render
    from pmcoach.export.files import (
        check_suffix,
        check_target,
        default_name,
        folder_rubric,
        gather,
        write_export,
    )
    from pmcoach.export.period import period_for

    try:
        fmt = check_format(args.format)
        store, config = configured(args)
        now = days.now_for(config)
        period = period_for(fmt, now.date(), since=args.since, last=args.last)
        target = output_target(
            args.output, fmt in TO_A_FILE, default_name(fmt, now.date(), config.name)
        )
        if target is not None:
            check_suffix(target, fmt)
            check_target(target, args.force)  # before the work, not after it

        data = gather(store, config, folder_rubric(store.root), period, args.include_private, now)
        text = render(fmt, data)
        written = None if target is None else write_export(target, text, args.force)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    deliver(text, written, period.label, len(store.unreadable))
    if fmt in ("csv", "json"):
        # The report says what it left out; a spreadsheet or a backup has nowhere to.
        hidden = data.left_out
        if hidden:
            texts = "text" if hidden == 1 else "texts"
            sys.stderr.write(f"{hidden} private {texts} left out (add --include-private)\n")
    return EXIT_OK
