"""pmcoach demo: a realistic demo history, written into an empty folder."""

from __future__ import annotations

import argparse
import datetime as dt

from pmcoach.cli.exits import EXIT_OK, UsageError
from pmcoach.cli.folder import data_dir


def run(args: argparse.Namespace) -> int:
    from pmcoach.app import days
    from pmcoach.app.demo import DemoPlan, write_demo
    from pmcoach.rubric.load import load_rubric

    if getattr(args, "data_dir", None) is None:
        raise UsageError(
            "demo needs --data-dir DIR (an empty folder), so it never mixes with your own data"
        )
    root = data_dir(args)
    rubric = load_rubric(None).rubric
    assert rubric is not None
    if rubric.track(args.track) is None:
        known = ", ".join(t.id for t in rubric.tracks)
        raise UsageError(f"no track '{args.track}' (known: {known})")
    today = days.now_here().date()
    end = args.end or today
    # The history's first week, and the week before it that a streak looks at.
    first = end - dt.timedelta(weeks=args.weeks + 1)
    if not days.works_with(first):
        raise UsageError(
            f"{args.weeks} weeks before {end} is outside the dates pmcoach works with "
            f"({days.DAY_RANGE}); give a later --end or fewer --weeks"
        )
    plan = DemoPlan(weeks=args.weeks, seed=args.seed, end=args.end, track=args.track)
    history = write_demo(root, rubric, plan, today)
    drafts = len(history.drafts)
    print(
        f"wrote {len(history.sessions)} sessions, {len(history.events)} events, "
        f"{drafts} draft{'s' * (drafts != 1)} and config.toml to {root}"
    )
    print(f"open it with: pmcoach --data-dir {root}")
    return EXIT_OK
