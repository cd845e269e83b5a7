"""The sentences both report formats print, so they cannot drift apart.

Each reads a built `Report`; the Markdown and HTML writers only wrap them in their own
markup. Figures are written as docs/definitions.md names them (say/do, score, gap).
"""

from __future__ import annotations

import datetime as dt

from pmcoach.domain import rules
from pmcoach.domain.model import OLD_SCALE_WORDS
from pmcoach.domain.rules import FLAG_DIFFERENCE, PEERS_SHOWN
from pmcoach.export.report_model import Levels, Report
from pmcoach.export.report_skills import START_ANSWERS
from pmcoach.text import figures


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def headline(report: Report) -> str:
    if report.first_day is None:
        return f"Skills report: nothing recorded ({report.period_label})"
    return f"Skills report: {_day(report.first_day)} – {_day(report.last_day)}"


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def meta_line(report: Report) -> str:
    """The line under the title, after the name (`Report.name`, written first and bold by
    each format): the track, the period and what the figures rest on."""
    parts = [
        f"{report.track} track",
        report.period_label,
        _plural(report.checkins, "weekly check-in"),
    ]
    if report.full:
        parts.append(_plural(report.full, "full assessment"))
    if report.manager_sessions:
        parts.append(
            _plural(report.manager_sessions, "rating by my manager", "ratings by my manager")
        )
    if report.peer_replies:
        parts.append(_plural(report.peer_replies, "reply from peers", "replies from peers"))
    parts.append(f"made {_day(report.generated.date())}")
    return " · ".join(parts)


NO_TOPICS = "Nothing on the agenda: add a topic with pmcoach discuss, or t in the app."

SCALE_NOTE = (
    "Scores run from 1 to 5: each is the mean of the latest rating of every question of "
    f"the skill in the {rules.SCORE_WEEKS} weeks before the day. Change is now "
    f"minus the start, the period's first score resting on {START_ANSWERS} answers or more, "
    "where the trend begins; gap is the target minus now."
)


CHART_NOTE = "Over each chart: the score at the start → now (change), target, gap."


def say_do_line(report: Report) -> str:
    said = report.say_do
    if said.ratio is None:
        return "Say/do: no commitments were reviewed in this period."
    line = (
        f"Say/do: {figures.ratio(said.ratio)} ({_plural(said.met, 'kept', 'kept')}, "
        f"{said.missed} missed"
    )
    if said.renegotiated_kept:
        verb = "was" if said.renegotiated_kept == 1 else "were"
        line += f"; {said.renegotiated_kept} {verb} renegotiated to a new date and kept"
    return line + ")."


def manager_heading(report: Report) -> str:
    """The skills table's manager column: its scale named when it is not the levels."""
    return f"Manager ({OLD_SCALE_WORDS})" if report.manager_old_scale else "Manager"


def manager_line(report: Report) -> str | None:
    if report.manager_day is None:
        return None
    line = f"My manager's latest ratings are from {_day(report.manager_day)}."
    if report.manager_old_scale:
        return line + (
            f" They are on the {OLD_SCALE_WORDS} (far below to far above the bar), not the "
            "levels my own answers use, so they are not compared with my scores."
        )
    if report.flagged:
        line += (
            f" We differ by {FLAG_DIFFERENCE} or more on {', '.join(report.flagged)}: "
            "worth talking through with examples."
        )
    else:
        line += f" We are less than {FLAG_DIFFERENCE} points apart on every skill."
    return line


def more_line(count: int, what: str, one: str | None = None) -> str | None:
    """`…and 3 more items.`; `one` is the word for a single one ("item")."""
    if not count:
        return None
    return f"…and {count} more {one if count == 1 and one else what}."


def more_commitments_line(report: Report) -> str | None:
    """What was cut and how it ended, so no missed commitment hides behind a count."""
    if not report.more_commitments:
        return None
    return f"…and {report.more_commitments} more ({report.cut_commitments})."


def outcome_word(outcome: str, renegotiated: int) -> str:
    """A commitment's outcome, the last word of its line: "met" after a new date was
    agreed says so."""
    if outcome == "met" and renegotiated:
        return "met on a new date"
    return outcome


def level_lines(levels: Levels) -> list[str]:
    """The rubric's words for the level now and the target level, one line each."""
    out = []
    if levels.now is not None and levels.now == levels.target and levels.now_words:
        return [f"Level {levels.now}, now and the target: {levels.now_words}"]
    if levels.now is not None and levels.now_words:
        out.append(f"Now, level {levels.now}: {levels.now_words}")
    if levels.target_words:
        out.append(f"Target, level {levels.target}: {levels.target_words}")
    return out


def peers_note(report: Report) -> str | None:
    """How the peers' column is read, when any peer replied in the period."""
    if not report.peer_replies:
        return None
    note = (
        "Peers: the mean of each peer's latest reply in the period, shown once "
        f"{PEERS_SHOWN} or more peers rated the skill (how many in brackets)."
    )
    if report.peer_names:
        note += " Replies from " + ", ".join(report.peer_names) + "."
    return note


def peers_cell(mean: float | None, count: int) -> str:
    """`3.5 (3)`, or `–` until enough peers rated the skill for a mean that names nobody."""
    if mean is None:
        return figures.NO_VALUE
    return f"{figures.score(mean)} ({count})"


def manager_cell(rating: int | None) -> str:
    return figures.NO_VALUE if rating is None else str(rating)


def left_out_line(report: Report) -> str | None:
    if not report.left_out:
        return None
    texts = _plural(report.left_out, "private text")
    return (
        f"{texts} left out of this report "
        "(notes, reflections, commitments or topics marked private)."
    )


def day_label(day: dt.date) -> str:
    return f"{day.day} {day:%b}"
