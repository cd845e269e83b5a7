"""The agenda for the next 1:1, as the command line and the app both show and change it.

The rules are `pmcoach.domain.agenda`; here is what a folder does with them: the open
topics as of now, a topic added or marked discussed (each one event file), and the one
line each topic reads as, so `pmcoach discuss` and the app's agenda number and word it
alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pmcoach.domain import agenda
from pmcoach.domain.agenda import Topic as Topic
from pmcoach.domain.model import Config, Event, Rubric, Session, Text
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace

SUGGESTED_WORDS = "suggested"
PRIVATE_WORDS = "private"
CHECKIN_PROMPT = "Anything to raise at your next 1:1?"
"""The question at the end of a check-in, in the app and in `checkin --plain`."""
EMPTY = "Nothing on your agenda for the next 1:1."
TOPIC_WIDTH = 200  # a topic's line on a terminal; the file keeps every word


class AgendaError(ValueError):
    """Refused before anything is written; the message is one line for people."""


def open_topics(
    sessions: Iterable[Session],
    events: Iterable[Event],
    rubric: Rubric,
    config: Config,
    now: dt.datetime,
) -> tuple[Topic, ...]:
    """The agenda now, numbered 1..n in this order wherever it is shown."""
    return agenda.open_topics(sessions, events, rubric, rubric.track(config.track), now)


def new_topic(
    text: str, private: bool, now: dt.datetime, device: str, skill: str | None = None
) -> Event:
    """The event of a topic to raise; an empty or unsavable text is refused."""
    cleaned = text.strip()
    if not cleaned:
        raise AgendaError("the topic is empty: say what you want to raise")
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:
        raise AgendaError("the topic contains a character that cannot be saved") from None
    return agenda.topic_event(Text(cleaned, private), now, device, skill)


def discussed_event(topic: Topic, now: dt.datetime, device: str) -> Event:
    """The event marking `topic` discussed, for a folder opened without the app."""
    return agenda.done_event(topic, now, device)


def pick(topics: Sequence[Topic], number: int) -> Topic:
    """The topic numbered `number` (1..n) on the agenda as listed."""
    if not topics:
        raise AgendaError(f"no topic {number}: {EMPTY[0].lower()}{EMPTY[1:-1]}")
    if not 1 <= number <= len(topics):
        raise AgendaError(f"no topic {number}: the agenda has 1 to {len(topics)}")
    return topics[number - 1]


def marks(topic: Topic, rubric: Rubric) -> str:
    """What a topic's line says after its text: ` · Prioritize · private`, `· suggested`."""
    words = []
    if topic.skill is not None and not topic.suggested:
        skill = rubric.skill(topic.skill)
        words.append(skill.title if skill else topic.skill)
    if topic.suggested:
        words.append(SUGGESTED_WORDS)
    if topic.private:
        words.append(PRIVATE_WORDS)
    return "".join(f" · {one_line(w, 40)}" for w in words)


def line(topic: Topic, rubric: Rubric, width: int = TOPIC_WIDTH) -> str:
    """A topic on one printable line of at most `width` characters, its marks after it
    (the text is what gets shortened)."""
    after = marks(topic, rubric)
    return one_line(topic.text.text, max(width - len(after), 10)) + after


# --------------------------------------------------------------------------- a folder


def _save(workspace: Workspace, event: Event) -> Event:
    event, _path = workspace.store.add_event(event)
    workspace.store.refresh()
    return event


def add_topic(workspace: Workspace, text: str, private: bool, skill: str | None = None) -> Event:
    """A topic added from the app or a check-in, saved at once."""
    return _save(workspace, new_topic(text, private, workspace.now(), workspace.device, skill))


def mark_discussed(workspace: Workspace, topic: Topic) -> Event:
    """A topic, written or suggested, marked discussed."""
    return _save(workspace, discussed_event(topic, workspace.now(), workspace.device))


def current(workspace: Workspace) -> tuple[Topic, ...]:
    """The open topics of the folder, now."""
    config = workspace.config or workspace.default_config()
    return open_topics(
        workspace.sessions(), workspace.events(), workspace.rubric, config, workspace.now()
    )
