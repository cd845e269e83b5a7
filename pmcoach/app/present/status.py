"""`pmcoach status`: where this week stands, in one line for a shell prompt or a script.

It says the same as the dashboard's first line (the numbers come from `coach`),
with words instead of colour, and its exit status carries the state so that a
script needs no parsing: 0 done, week off or not due yet, 3 due, 4 overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmcoach.app.settings import weekday_name
from pmcoach.domain import clock, ledger, scores, streak
from pmcoach.domain.model import Config, Event, Rubric, Session
from pmcoach.text.figures import ratio
from pmcoach.text.sanitize import one_line

EXIT_FOR_STATE = {"done": 0, "off": 0, "upcoming": 0, "due": 3, "overdue": 4}


@dataclass(frozen=True)
class Status:
    state: streak.WeekState
    line: str

    @property
    def exit_code(self) -> int:
        return EXIT_FOR_STATE[self.state]


def _state_words(status: streak.WeekStatus, config: Config) -> str:
    review = f"{weekday_name(config.review_day)} {config.review_time:%H:%M}"
    if status.state == "done":
        return "review done"
    if status.state == "off":
        return "week off"
    if status.state == "overdue":
        return f"review overdue (was due {review})"
    return f"review {status.state} ({review})"


def status(
    config: Config,
    rubric: Rubric,
    sessions: list[Session],
    events: list[Event],
    now: dt.datetime,
    unreadable: int = 0,
) -> Status:
    """The status line. Unreadable files are mentioned because they silently
    change the figures (a lost session breaks a streak) until someone looks."""
    week = streak.week_status(config, sessions, events, now)
    track = rubric.track(config.track) or rubric.tracks[0]
    parts = [f"Week {week.week}", _state_words(week, config), f"streak {week.streak}"]
    found = scores.focus(rubric, track, config, sessions, now)
    if found is not None:
        skill = rubric.skill(found.skill)
        title = one_line(skill.title if skill else found.skill, 40)
        parts.append(f"focus {title}" + (" (not rated yet)" if found.score is None else ""))
    zone = clock.zone(config.time_zone)
    history = ledger.build(sessions, events)
    parts.append(f"say/do {ratio(streak.say_do(history, zone, now).ratio)}")
    if unreadable:
        plural = "s" if unreadable != 1 else ""
        parts.append(f"{unreadable} unreadable file{plural} (see pmcoach doctor)")
    return Status(week.state, " · ".join(parts))
