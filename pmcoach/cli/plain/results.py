"""The end of a plain check-in: what was saved, the scores, the focus and say/do.

The same figures the app's results screen shows (docs/definitions.md), in lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pmcoach.app import checkin_flow
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.cli.plain.conversation import Conversation
    from pmcoach.domain.model import Config, Event, Rubric, Session, Track


def results(
    talk: Conversation,
    rubric: Rubric,
    track: Track,
    config: Config,
    sessions: list[Session],
    session: Session,
    events: Sequence[Event] = (),
) -> None:
    at = session.finished or session.updated
    answered = sum(1 for a in session.answers if a.question and not a.skipped)
    skipped = sum(1 for a in session.answers if a.question and a.skipped)
    kind = checkin_flow.kind_words(session.kind)
    found = checkin_flow.summary(rubric, track, config, sessions, events, at)
    lines = ["", f"Done: {kind} saved, {answered} answered, {skipped} skipped."]
    lines.append(
        "Scores (the mean of each question's latest rating "
        f"in the last {checkin_flow.SCORE_WEEKS} weeks):"
    )
    for item in found.scores:
        skill = rubric.skill(item.skill)
        title = one_line(skill.title if skill else item.skill)
        words = change_words(item.change, item.score)
        target = figures.target(config.target(item.skill, track))
        lines.append(f"  {title}: {words}, target {target}")
    if found.focus is not None:
        lines.append(f"Focus: {one_line(found.focus.reason)}")
    exercises = [e for e in map(rubric.exercise, session.assigned) if e is not None]
    if exercises:
        lines.append("Exercises for this week:")
        for exercise in exercises:
            lines.append(f"  {one_line(exercise.title)} ({one_line(exercise.time, 40)})")
            lines.append(f"    Done when: {one_line(exercise.done_when)}")
    said = found.say_do
    if said.ratio is not None:
        lines.append(
            f"Say/do: {figures.ratio(said.ratio)} of commitments kept "
            f"({said.met} met, {said.missed} missed, last {checkin_flow.SAY_DO_WEEKS} weeks)."
        )
    talk.say(*lines)


def change_words(change: float | None, score: float | None) -> str:
    """A score and its change on last week, each in its one form (`text.figures`)."""
    if score is None:
        return "no score yet"
    if change is None:
        return f"{figures.format_score(score)}, no score a week earlier"
    text = figures.format_change(change)
    if text == "0.0":
        return f"{figures.format_score(score)}, no change on last week"
    # The change in its one form ("+0.3", "−0.2"), as the report and the review write it.
    return f"{figures.format_score(score)}, {text} on last week"
