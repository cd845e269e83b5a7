"""pmcoach discuss: the agenda for the next 1:1, from the shell.

With a text it adds a topic; alone (or with the one word `list`) it lists the open
topics numbered 1..n; with `--done N` it marks topic N discussed. Each change is one
event file, written once (docs/data-format.md, "Event files").
"""

from __future__ import annotations

import argparse

from pmcoach.cli.exits import EXIT_OK, UsageError
from pmcoach.cli.folder import configured

# What a user types to list, as with other commands' actions: never a topic of its own.
LIST_WORDS = frozenset({"list", "ls"})


def run(args: argparse.Namespace) -> int:
    from pmcoach.app import agenda, days
    from pmcoach.rubric.load import load_rubric
    from pmcoach.storage.paths import device_name
    from pmcoach.text.sanitize import one_line

    if args.text is not None and args.text.strip().casefold() in LIST_WORDS:
        args.text = None
    if args.text is not None and args.done is not None:
        raise UsageError("give a topic to add or --done N, not both")
    if args.text is None and (args.private or args.skill is not None):
        raise UsageError("--private and --skill go with a topic to add")
    changing = args.text is not None or args.done is not None
    store, config = configured(args, write=changing)
    rubric = load_rubric(store.root).rubric
    assert rubric is not None  # load_rubric raises when it cannot build one
    now = days.now_for(config)
    try:
        if args.text is not None:
            skill = None
            if args.skill is not None:
                from pmcoach.app.capture import CaptureError, find_skill

                try:
                    skill = find_skill(rubric, args.skill)
                except CaptureError as exc:
                    raise agenda.AgendaError(str(exc)) from None
            event = agenda.new_topic(args.text, args.private, now, device_name(), skill)
            event, path = store.add_event(event)
            private = f" ({agenda.PRIVATE_WORDS})" if args.private else ""
            text = event.text.text if event.text is not None else ""
            print(
                f'saved: "{one_line(text, 60)}"{private} on your agenda for the next '
                f"1:1 ({path.relative_to(store.root)})"
            )
            return EXIT_OK
        topics = agenda.open_topics(store.sessions(), store.events(), rubric, config, now)
        if args.done is not None:
            topic = agenda.pick(topics, args.done)
            store.add_event(agenda.discussed_event(topic, now, device_name()))
            print(f'discussed: "{one_line(topic.text.text, 60)}"')
            return EXIT_OK
    except agenda.AgendaError as exc:
        raise UsageError(str(exc)) from None
    if not topics:
        print(f"{agenda.EMPTY} Add one: pmcoach discuss TEXT")
        return EXIT_OK
    print(f"Your agenda for the next 1:1 ({len(topics)} open):")
    width = len(str(len(topics)))
    for number, topic in enumerate(topics, start=1):
        print(f"{number:>{width}}. {agenda.line(topic, rubric)}")
    print("Mark one discussed: pmcoach discuss --done N")
    return EXIT_OK
