"""A check-in outside the screens: started or resumed, and summed up at its end.

The plain check-in (`pmcoach checkin --plain`) asks the same questions as the app and
saves them the same way; what it needs of the rules, which questions to ask
(docs/definitions.md, "Weekly check-in"), the ratings given last time, the scores,
focus and say/do its end shows, it takes from here, so the command line reaches the
domain only through `app`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from pmcoach.app import days
from pmcoach.app.present.review import ToReview, to_review
from pmcoach.app.workspace import Workspace
from pmcoach.domain import ledger, ratings, rotation, rules, scores, streak, weeks
from pmcoach.domain.checkin import CheckIn
from pmcoach.domain.model import KIND_WORDS

if TYPE_CHECKING:
    from pmcoach.domain.model import (
        Answer,
        Config,
        Event,
        Question,
        Rubric,
        Session,
        SessionKind,
        Track,
    )
    from pmcoach.domain.scores import Focus, SkillScore
    from pmcoach.domain.streak import SayDo

# The weeks the say/do ratio looks back over.
SAY_DO_WEEKS = rules.SAY_DO_WEEKS
# The weeks a score looks back over (docs/definitions.md, "Score").
SCORE_WEEKS = rules.SCORE_WEEKS


class CheckinRefused(Exception):
    """The check-in cannot start here; the message is one line."""


def kind_words(kind: str) -> str:
    """A session's kind as it reads inside a sentence: "weekly check-in"."""
    return KIND_WORDS.get(kind, kind).lower()


@dataclass(frozen=True)
class Opened:
    """A check-in ready for its first question, and what to tell the user about it."""

    checkin: CheckIn
    track: Track
    history: list[Session]
    # The unfinished session taken up again; None for a new check-in.
    resumed: Session | None
    # For a new check-in: last week's commitments and exercises, asked about first.
    review: ToReview | None
    now: Callable[[], dt.datetime]


def earlier_week(session: Session, config: Config, now: dt.datetime) -> str | None:
    """The week an unfinished check-in counts for, when it is not this week's: a check-in
    belongs to the week it was begun in, so finishing last week's leaves this week's review
    due, and the offer to resume it says so."""
    if session.kind not in rules.CHECKIN_KINDS:
        return None
    zone = days.zone_of(config)
    begun = weeks.week_of(session.started, zone)
    return begun if begun != weeks.week_of(now, zone) else None


def earlier_week_words(week: str) -> str:
    """What the offer to resume adds for a check-in of an earlier week."""
    return f"It counts for {week}, not for this week's review, which stays due."


def open_checkin(workspace: Workspace, config: Config, kind: SessionKind) -> Opened:
    """The unfinished check-in of this device, whatever its kind, or a new one of `kind`.

    The caller holds the folder's lock. An unfinished record of the manager's ratings is
    refused: it has no questions to ask here.
    """
    store = workspace.store
    rubric = workspace.rubric

    def now() -> dt.datetime:
        return days.now_for(config)

    track = rubric.track(config.track) or rubric.tracks[0]
    history = store.sessions()
    unfinished = workspace.in_progress()
    if unfinished is not None and unfinished.kind == "manager":
        raise CheckinRefused(
            "an unfinished record of your manager's ratings is open; "
            "finish or discard it in the app first"
        )
    if unfinished is not None:
        resumed_track = rubric.track(unfinished.track) or track
        checkin = CheckIn.resume(
            unfinished,
            rubric,
            _plan(rubric, resumed_track, history, unfinished),
            store.save_session,
        )
        return Opened(checkin, track, history, unfinished, None, now)
    if kind == "full":
        questions = rotation.full_questions(rubric, track)
    else:
        questions = rotation.weekly_questions(rubric, track, history)
    if not questions:
        raise CheckinRefused(f"the track {track.id!r} has no questions to ask")
    checkin = CheckIn.start(
        kind=kind,
        config=config,
        rubric=rubric,
        questions=questions,
        device=workspace.device,
        now=now(),
        save=store.save_session,
        create=workspace.add_session,
    )
    # As in the app: a new check-in or full assessment opens with the commitments due
    # and last week's exercises; a resumed one goes straight back to its questions.
    review = to_review(workspace, checkin.session)
    return Opened(checkin, track, history, None, review, now)


def _plan(rubric: Rubric, track: Track, history: list[Session], session: Session) -> list[Question]:
    if session.kind == "full":
        return list(rotation.full_questions(rubric, track))
    others = [s for s in history if s.id != session.id]
    return list(rotation.weekly_questions(rubric, track, others, before=session.started))


def previous_ratings(history: Iterable[Session], session: Session) -> dict[str, Fraction]:
    """Each question's rating the last time it was answered before `session`."""
    return ratings.previous_ratings(history, session)


def answer_rating(answer: Answer) -> Fraction | None:
    """What an answer rates in every score ("2.6" for a count of 2 of 5); None when
    skipped or "no occasion"."""
    return ratings.answer_rating(answer)


@dataclass(frozen=True)
class Summary:
    """What the end of a check-in shows: scores, the focus and say/do."""

    scores: tuple[SkillScore, ...]
    focus: Focus | None
    say_do: SayDo


def summary(
    rubric: Rubric,
    track: Track,
    config: Config,
    sessions: list[Session],
    events: Sequence[Event],
    at: dt.datetime,
) -> Summary:
    """The track's scores at `at` with their change, the focus, and say/do."""
    skills = [s.id for s in rubric.track_skills(track)]
    said = streak.say_do(ledger.build(sessions, events), days.zone_of(config), at)
    return Summary(
        scores=scores.skill_scores(sessions, rubric, at, skills),
        focus=scores.focus(rubric, track, config, sessions, at),
        say_do=said,
    )
