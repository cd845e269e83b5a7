"""The domain, as small frozen dataclasses.

Everything here is plain data with no behaviour beyond tiny conveniences, so the
rubric loader, the store, the coach and the exporters can share it without
importing each other (and without importing Textual).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pmcoach.domain.rules import DEFAULT_TARGET, SELF_KINDS

QuestionKind = Literal["rating", "frequency", "reflection"]
SessionKind = Literal["weekly", "full", "manager", "peer"]
Expects = Literal["yes-no", "date", "number", "open"]
TrueAnswer = Literal["yes", "no"]
CommitmentOutcome = Literal["met", "missed", "renegotiated"]
ExerciseOutcome = Literal["done", "partly", "not"]

QUESTION_KINDS: tuple[QuestionKind, ...] = ("rating", "frequency", "reflection")
SESSION_KINDS: tuple[SessionKind, ...] = ("weekly", "full", "manager", "peer")
KIND_WORDS: Mapping[str, str] = {
    "weekly": "Weekly check-in",
    "full": "Full assessment",
    "manager": "Manager's ratings",
    "peer": "A peer's view",
}
"""What a session kind is called wherever one is named: screens, lists, the plain check-in."""
LEVELS_SCALE = "levels"
"""A manager session's `scale` when the manager rated against the skill's level summaries,
the ones the person's own questions are anchored to: only then are the two comparable."""
OLD_SCALE_WORDS = "old scale"
"""How a manager's rating on the earlier far-below/far-above scale is named where shown."""
NO_OCCASION_WORDS = "no occasion"
"""How a "no occasion in the window" answer is named wherever one is shown or exported."""
NO_OCCASION_KEY = "o"
"""The key of that answer, in the app and the plain check-in: neither a digit nor `n`."""
EXPECTS: tuple[Expects, ...] = ("yes-no", "date", "number", "open")
TRUE_ANSWERS: tuple[TrueAnswer, ...] = ("yes", "no")
ANSWER_FIRST = "answer-first"
WORKING_BACKWARDS = "working-backwards"
DRILL_KINDS = (ANSWER_FIRST, WORKING_BACKWARDS)
"""The built-in drills: what a drill event names and what an exercise's `drill` may run."""
COMMITMENT_OUTCOMES: tuple[CommitmentOutcome, ...] = ("met", "missed", "renegotiated")
EXERCISE_OUTCOMES: tuple[ExerciseOutcome, ...] = ("done", "partly", "not")

# Event kinds that change a commitment after the session that made it. Each is a file
# of its own, written once by one device, so a synced folder never needs merging.
COMMITMENT_REVIEW = "commitment-review"
COMMITMENT_EDIT = "commitment-edit"
COMMITMENT_WITHDRAWN = "commitment-withdrawn"
EXERCISE_DONE = "exercise-done"
DRILL_ATTEMPT = "drill"  # one drill attempt; an exercise with a drill counts them
# The agenda for the next 1:1 (`pmcoach.domain.agenda`): a topic written, a topic discussed.
TOPIC = "topic"
TOPIC_DONE = "topic-done"

MIN_RATING = 1
MAX_RATING = 5


# --------------------------------------------------------------------------- rubric


@dataclass(frozen=True)
class Skill:
    id: str
    title: str
    summary: str
    bank: str = "builtin"
    # Per track id, five one-sentence level summaries (1-5) at that track's scope, so a
    # PM and a manager can read what a rating looks like in acts (questions/README.md).
    levels: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)

    def ladder(self, track_id: str) -> tuple[str, ...]:
        """The five level summaries on a track; a track that borrows the skill from
        another bank and gives none reads the senior ladder, the widest scope."""
        return self.levels.get(track_id) or self.levels.get("senior", ())

    def level(self, track_id: str, rating: int) -> str | None:
        """The summary of one level on a track, or None when the bank gives none."""
        ladder = self.ladder(track_id)
        return ladder[rating - 1] if MIN_RATING <= rating <= len(ladder) else None


@dataclass(frozen=True)
class Track:
    id: str
    title: str
    skills: tuple[str, ...]
    # Skills weighted by rules.EMPHASIS_WEIGHT when choosing the focus skill
    # (docs/definitions.md, "Focus skill").
    emphasis: tuple[str, ...] = ()
    bank: str = "builtin"
    # The default target of each listed skill on this track, so a senior PM is held to
    # senior scope (docs/definitions.md, "Senior scope"); the user's own targets win.
    targets: Mapping[str, int] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Observer:
    """A question's observer form: the same situation asked of someone who saw the person
    work, with the same rating levels told in the third person ("they"), so a peer's
    number sits on the self question's scale (questions/README.md)."""

    prompt: str
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    skill: str
    kind: QuestionKind
    prompt: str
    anchors: tuple[str, ...] = ()
    out_of: int | None = None
    evidence: str | None = None
    tracks: tuple[str, ...] = ()  # empty: every track that has the skill
    retired: bool = False
    source: tuple[str, ...] = ()
    bank: str = "builtin"
    observer: Observer | None = None  # what a peer is asked: `pmcoach ask`

    @property
    def scored(self) -> bool:
        return self.kind != "reflection"

    def applies_to(self, track: Track) -> bool:
        if self.skill not in track.skills:
            return False
        return not self.tracks or track.id in self.tracks


@dataclass(frozen=True)
class ExerciseDrill:
    """The built-in drill an exercise includes: attempts of it finished while the
    exercise is assigned count toward the exercise (docs/definitions.md, "Exercises")."""

    kind: str  # answer-first | working-backwards
    attempts: int


@dataclass(frozen=True)
class Exercise:
    id: str
    skills: tuple[str, ...]
    title: str
    why: str
    steps: tuple[str, ...]
    time: str
    done_when: str
    reflection: str
    tracks: tuple[str, ...] = ()  # empty: every track
    source: tuple[str, ...] = ()
    retired: bool = False
    bank: str = "builtin"
    drill: ExerciseDrill | None = None


@dataclass(frozen=True)
class DrillCard:
    id: str
    skill: str
    situation: str
    expects: Expects
    hint: str | None = None
    source: tuple[str, ...] = ()
    retired: bool = False
    bank: str = "builtin"
    # Where the situation makes one answer true (the launch slips: "no"), that answer; a
    # reply that contradicts it fails the answer rule. Only on a yes-no card.
    true_answer: TrueAnswer | None = None


@dataclass(frozen=True)
class WordList:
    id: str
    kind: str  # hedge | weasel | solution-first
    title: str
    explain: str
    words: tuple[str, ...]
    bank: str = "builtin"


@dataclass(frozen=True)
class Reference:
    """A public framework an item cites where no seed idea covers it; never fetched."""

    id: str
    title: str
    author: str
    text: str
    url: str | None = None
    bank: str = "builtin"


@dataclass(frozen=True)
class Bank:
    """One rubric source (the built-in bank, or a company's), named for provenance."""

    name: str
    version: str


@dataclass(frozen=True)
class Rubric:
    """Every bank merged: what the app asks, recommends and drills."""

    banks: tuple[Bank, ...]
    tracks: tuple[Track, ...]
    skills: tuple[Skill, ...]
    questions: tuple[Question, ...]
    exercises: tuple[Exercise, ...]
    drill_cards: tuple[DrillCard, ...] = ()
    word_lists: tuple[WordList, ...] = ()
    references: tuple[Reference, ...] = ()

    @property
    def label(self) -> str:
        """The `rubric` field of a session: the bank versions its questions came from."""
        return "+".join(f"{b.name}@{b.version}" for b in self.banks)

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)

    def skill(self, skill_id: str) -> Skill | None:
        return next((s for s in self.skills if s.id == skill_id), None)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def exercise(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)

    def track_skills(self, track: Track) -> tuple[Skill, ...]:
        """The track's skills in rubric order (the order ties are broken by)."""
        return tuple(s for s in self.skills if s.id in track.skills)

    def active_questions(self, track: Track) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if not q.retired and q.applies_to(track))


# --------------------------------------------------------------------------- data

# Every table read from a file keeps the keys this version does not know in `extra`,
# written back as they were: a field a newer pmcoach added survives an edit here,
# and a backup holds it. Not hashed (a dict cannot be), but compared.


def _extra() -> Any:
    return field(default_factory=dict, hash=False, compare=True)


@dataclass(frozen=True)
class Text:
    """Every piece of free text the user writes carries its own private flag."""

    text: str
    private: bool = False
    extra: Mapping[str, Any] = _extra()


@dataclass(frozen=True)
class Answer:
    """One answer in a session.

    A self session answers a `question`; a manager session rates a `skill`; a peer
    session answers a question's observer form, under the question's id.
    `rating` is absent when skipped, on "no occasion" and for reflection questions.
    `no_occasion`: the situation the question asks about did not come up in its
    window; an answer of its own (the question was asked), never scored.
    """

    question: str | None = None
    skill: str | None = None
    rating: int | None = None
    count: int | None = None
    out_of: int | None = None
    skipped: bool = False
    no_occasion: bool = False
    note: Text | None = None
    text: Text | None = None  # the answer to a reflection question
    extra: Mapping[str, Any] = _extra()


@dataclass(frozen=True)
class Commitment:
    id: str
    text: str
    to: str
    due: dt.date
    private: bool = False
    extra: Mapping[str, Any] = _extra()


@dataclass(frozen=True)
class CommitmentReview:
    commitment: str
    outcome: CommitmentOutcome
    note: Text | None = None
    # Renegotiated: the new due date agreed; the commitment stays open until then.
    due: dt.date | None = None
    extra: Mapping[str, Any] = _extra()


@dataclass(frozen=True)
class ExerciseReview:
    exercise: str
    outcome: ExerciseOutcome
    note: Text | None = None
    extra: Mapping[str, Any] = _extra()


@dataclass(frozen=True)
class Session:
    id: str
    kind: SessionKind
    track: str
    rubric: str
    device: str
    started: dt.datetime
    updated: dt.datetime
    finished: dt.datetime | None = None
    reflection: Text | None = None
    answers: tuple[Answer, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    commitment_reviews: tuple[CommitmentReview, ...] = ()
    exercise_reviews: tuple[ExerciseReview, ...] = ()
    assigned: tuple[str, ...] = ()
    schema: int = 1
    extra: Mapping[str, Any] = _extra()
    # The unknown keys of each `[[assigned]]` entry, by position; empty when none has any.
    assigned_extra: tuple[Mapping[str, Any], ...] = ()
    # A peer session only: who answered (private: the name is left out of exports),
    # and the code of the request the reply answered, when it carried one.
    peer: Text | None = None
    request: str | None = None
    # A manager session only: the scale the ratings were given on (`LEVELS_SCALE`, or
    # None for sessions from before it was recorded, rated far below ... far above the bar).
    scale: str | None = None

    @property
    def by_self(self) -> bool:
        """The person's own answers (weekly or full), the only ones a score is made of:
        a manager's or a peer's ratings are shown beside it, never mixed in."""
        return self.kind in SELF_KINDS

    @property
    def in_progress(self) -> bool:
        return self.finished is None

    @property
    def local_date(self) -> dt.date:
        """The session's week is the ISO week of this date (docs/definitions.md, "Week")."""
        return self.started.date()


@dataclass(frozen=True)
class Event:
    """Something that happens between sessions: one file each.

    `kind` is one of: exercise-done, grade, win, skip-week, drill, commitment-review,
    commitment-edit, commitment-withdrawn (docs/data-format.md, "Event files").
    Kind-specific values live in `data` so that new kinds need no format break.
    """

    id: str
    kind: str
    at: dt.datetime
    device: str
    skill: str | None = None
    text: Text | None = None
    data: dict[str, object] = field(default_factory=dict, hash=False, compare=True)
    updated: dt.datetime | None = None
    schema: int = 1


@dataclass(frozen=True)
class Config:
    track: str = "new"
    review_day: int = 0  # 0 = Monday, as datetime.weekday()
    review_time: dt.time = dt.time(9, 0)
    time_zone: str = "UTC"
    targets: dict[str, int] = field(default_factory=dict, hash=False)
    device: str = ""
    # The local date of set-up: the first review is due on the first review day from
    # then on, not at once. None in folders set up before it was recorded.
    onboarded: dt.date | None = None
    # The colour theme chosen in the app (a Textual theme name); None: the default.
    theme: str | None = None
    # The person's name, optional: it heads a report, a review draft and a team page.
    name: str | None = None
    # Peers' names on screen (progress, the dashboard, the session list): off unless the
    # person turns it on, so a screen shared in a 1:1 never says who said what.
    show_peer_names: bool = False
    # The app's export screen's last format, period and folder (`[export]`), so the next
    # export starts from them; read leniently, as a convenience.
    export: Mapping[str, str] = field(default_factory=dict, hash=False)
    extra: Mapping[str, Any] = _extra()

    def target(self, skill_id: str, track: Track | None = None) -> int:
        """The user's own target, else the track's default, else the global default."""
        own = self.targets.get(skill_id)
        if own is not None:
            return own
        if track is not None:
            return track.targets.get(skill_id, DEFAULT_TARGET)
        return DEFAULT_TARGET
