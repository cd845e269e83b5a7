"""pmcoach remind: a calendar file that repeats the weekly review."""

from __future__ import annotations

import argparse
import sys

from pmcoach.cli.exits import EXIT_OK, UsageError
from pmcoach.cli.folder import configured


def run(args: argparse.Namespace) -> int:
    from pmcoach.app import days
    from pmcoach.app.settings import weekday_name
    from pmcoach.export import ics
    from pmcoach.storage.files import write_atomic
    from pmcoach.storage.target import TargetError, check_target

    store, config = configured(args)
    now = days.now_for(config)
    data = ics.review_calendar(config, now, ics.review_uid(store.root))
    if args.ics == "-":
        if getattr(sys.stdout, "terminal", False):
            sys.stdout.write(data.decode("utf-8"))  # cleaned, as all a terminal is shown
            return EXIT_OK
        sys.stdout.flush()
        sys.stdout.buffer.write(data)  # the file's own CR LF line ends, byte for byte
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        path = check_target(args.ics, args.force, to_output="use --ics -")
    except TargetError as exc:
        raise UsageError(str(exc)) from None
    write_atomic(path, data)
    first = ics.first_review(config, now)
    print(
        f"wrote {path}: the weekly review every {weekday_name(config.review_day)} at "
        f"{config.review_time:%H:%M} ({config.time_zone}), from {first:%Y-%m-%d}; "
        "import it into your calendar"
    )
    return EXIT_OK
