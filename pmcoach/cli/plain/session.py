"""One plain check-in from its first line to its results.

The same workspace the app uses, over the same store, opens it (a new one, or the
unfinished one of this device resumed), so that last week's review, new commitments
and the exercises at the end follow the app's rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmcoach.app import checkin_flow, days
from pmcoach.app.workspace import Workspace
from pmcoach.cli.plain.checkin import PlainCheckIn
from pmcoach.cli.plain.results import results

if TYPE_CHECKING:
    from pmcoach.cli.plain.conversation import Conversation
    from pmcoach.domain.model import Config, SessionKind
    from pmcoach.storage.store import Store


def run(store: Store, config: Config, talk: Conversation, kind: SessionKind = "weekly") -> int:
    """The whole plain check-in (or, with `kind="full"`, the full assessment); the caller
    holds the folder's lock. An unfinished session is resumed, whatever its kind.
    Raises `checkin_flow.CheckinRefused` before the first question."""
    workspace = Workspace(store.root, store, take_lock=False)
    try:
        return _run(workspace, store, config, talk, kind)
    finally:
        workspace.close()


def _run(
    workspace: Workspace, store: Store, config: Config, talk: Conversation, kind: SessionKind
) -> int:
    opened = checkin_flow.open_checkin(workspace, config, kind)
    checkin, resumed = opened.checkin, opened.resumed
    if resumed is not None:
        words = checkin_flow.kind_words(resumed.kind)
        started = resumed.started.astimezone(days.zone_of(config))
        earlier = checkin_flow.earlier_week(resumed, config, workspace.now())
        talk.say(
            f"Resuming your unfinished {words} of {started:%a %d %b %Y %H:%M}: "
            f"{checkin.position} of {checkin.total} answered."
            + (f" {checkin_flow.earlier_week_words(earlier)}" if earlier else "")
        )
    else:
        title = checkin_flow.kind_words(kind).capitalize()
        talk.say(
            f"{title}: {checkin.total} questions. Every answer is saved as you give it; "
            "q leaves and you can resume later. ? shows the keys."
        )
    plain = PlainCheckIn(
        talk,
        checkin,
        workspace.rubric,
        opened.history,
        opened.now,
        workspace=workspace,
        review=opened.review,
    )
    try:
        finished = plain.run()
    except KeyboardInterrupt:
        talk.say("", _kept(plain))
        return 130
    if finished is None:
        talk.say("", _kept(plain))
        return 0
    rubric, track = workspace.rubric, opened.track
    results(talk, rubric, track, config, store.sessions(), finished, store.events())
    return 0


def _kept(plain: PlainCheckIn) -> str:
    if not plain.kept:
        return "Nothing answered, so nothing was kept."
    return (
        f"Kept: {plain.answered()} of {plain.checkin.total} answered. "
        "Run pmcoach checkin --plain again to go on."
    )
