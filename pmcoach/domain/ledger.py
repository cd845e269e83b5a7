"""One history of commitments and exercises, derived from the sessions and events.

A commitment is made in a check-in. What happens to it later is recorded where it
happened: an outcome given in the review that opens a weekly check-in or a full
assessment is part of that session; an outcome, an edit or a withdrawal given
outside a check-in is an event file of its own (written once, by one device). An
exercise is proposed at the end of a session and marked either with an
`exercise-done` event (the exercises screen) or in the next review.

Every path that shows, reviews or counts them (the review of either kind, the
plain check-in, the dashboard, the exercises screen, progress, exports and
say/do) reads this one derivation, so a mark made in one place shows everywhere
and nothing is counted twice: a commitment has one state, an exercise proposal
one outcome.

Pure, like `coach`: it takes what `store` loaded, never reads files or the clock,
and imports no Textual.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from pmcoach.domain.exercise_drills import Attempts, DrillTally
from pmcoach.domain.model import (
    COMMITMENT_EDIT,
    COMMITMENT_OUTCOMES,
    COMMITMENT_REVIEW,
    COMMITMENT_WITHDRAWN,
    EXERCISE_DONE,
    Commitment,
    CommitmentOutcome,
    Event,
    Exercise,
    ExerciseOutcome,
    Session,
    Text,
)
from pmcoach.domain.rules import SELF_KINDS

REVIEW_KINDS: frozenset[str] = SELF_KINDS
"""Sessions that open with a review of what is due, and whose proposals are exercises."""

State = Literal["open", "met", "missed", "renegotiated", "withdrawn"]
StepKind = Literal["review", "edit", "withdrawn"]


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


@dataclass(frozen=True)
class Step:
    """One thing that happened to a commitment after it was made."""

    kind: StepKind
    at: dt.datetime  # the reviewing session's start, or the event's time
    source: str  # the id of the session or event that records it
    outcome: CommitmentOutcome | None = None  # a review
    due: dt.date | None = None  # a renegotiation's new date, or an edited date
    text: str | None = None  # an edit's new text
    to: str | None = None  # an edit's new "to whom"
    note: Text | None = None  # a review's note, a withdrawal's reason


@dataclass(frozen=True)
class Entry:
    """A commitment as it stands now: edits applied, the latest outcome its state."""

    original: Commitment
    made_in: str  # the session it was made in
    made_at: dt.datetime
    text: str
    to: str
    due: dt.date  # after edits and renegotiations
    state: State
    closed_at: dt.datetime | None  # when it got the outcome (or withdrawal) it has now
    closed_by: str | None
    renegotiations: int  # new dates agreed on the way
    steps: tuple[Step, ...]

    @property
    def id(self) -> str:
        return self.original.id

    @property
    def private(self) -> bool:
        return self.original.private

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def edited(self) -> bool:
        return any(step.kind == "edit" for step in self.steps)

    def reviewed_in(self, source: str) -> Step | None:
        """The review recorded by this session or event, if any (the last one wins)."""
        found = [s for s in self.steps if s.kind == "review" and s.source == source]
        return found[-1] if found else None


@dataclass(frozen=True)
class Mark:
    """How an exercise went, as said in one place."""

    exercise: str
    outcome: ExerciseOutcome
    at: dt.datetime
    source: str  # the event or reviewing session
    note: Text | None = None
    proposed_in: str | None = None  # the session that proposed it; None: no proposal found
    in_review: bool = False  # said in a review, not recorded on the exercises screen
    by_drills: bool = False  # no one said it: the exercise's last drill attempt was saved


@dataclass(frozen=True)
class Proposal:
    """An exercise proposed at the end of a session, with the latest word on it."""

    exercise: str
    session: str
    at: dt.datetime
    mark: Mark | None
    marks: tuple[Mark, ...] = ()  # every word on it, oldest first
    drills: DrillTally | None = None  # an exercise that includes a drill: how far it came


@dataclass(frozen=True)
class Ledger:
    commitments: tuple[Entry, ...]  # in the order they were made
    proposals: tuple[Proposal, ...]  # in the order they were made
    loose: tuple[Mark, ...]  # exercise-done events that no proposal came before

    def commitment(self, commitment_id: str) -> Entry | None:
        return next((c for c in self.commitments if c.id == commitment_id), None)

    def to_review(self, session: Session) -> tuple[Entry, ...]:
        """The commitments a review in `session` offers, in the order they were made.

        Every commitment made before the session that is still open and due on or
        before the session's day (in its own offset, as its week is), whatever kind
        of session comes next; those made in the previous check-in, not yet due, so
        one kept early can be marked (not once renegotiated: a new date was agreed, and
        it comes back then); and those this session already reviewed, so a
        review left and resumed shows what was said.
        """
        day = session.started.date()
        start = _utc(session.started)
        earlier = [
            s for s in self._sessions_before(start) if s[1] != session.id and s[2] in REVIEW_KINDS
        ]
        previous = earlier[-1][1] if earlier else None
        found = []
        for entry in self.commitments:
            if entry.made_in == session.id or _utc(entry.made_at) >= start:
                continue
            due = entry.due <= day
            kept_early = entry.made_in == previous and not entry.renegotiations
            if entry.reviewed_in(session.id) is not None or (entry.is_open and (due or kept_early)):
                found.append(entry)
        return tuple(found)

    def _sessions_before(self, start: dt.datetime) -> list[tuple[dt.datetime, str, str]]:
        return [m for m in self._made if m[0] < start]

    # The finished review sessions, by start: (start in UTC, id, kind). Set by `build`.
    _made: tuple[tuple[dt.datetime, str, str], ...] = ()

    def proposal(self, session_id: str, exercise: str) -> Proposal | None:
        for proposal in self.proposals:
            if proposal.session == session_id and proposal.exercise == exercise:
                return proposal
        return None

    def mark(self, session_id: str, exercise: str) -> Mark | None:
        """The latest word on an exercise proposed by a session."""
        found = self.proposal(session_id, exercise)
        return found.mark if found is not None else None

    def done(self) -> tuple[Mark, ...]:
        """Exercises done or partly done, newest first, wherever they were marked.

        Each time it was recorded on the exercises screen (each with its own line on how
        it went), and a review's "done" or "partly" only when nothing was recorded there:
        a review confirming a mark already made is the same doing, not a second one. Done
        ones never proposed (older files) are listed too."""
        found = list(self.loose)
        for proposal in self.proposals:
            recorded = [m for m in proposal.marks if not m.in_review and not m.by_drills]
            if recorded:
                found += recorded
            elif proposal.mark is not None and proposal.mark.outcome != "not":
                found.append(proposal.mark)
        found.sort(key=lambda m: (_utc(m.at), m.source), reverse=True)
        return tuple(found)

    def closed(self) -> tuple[Entry, ...]:
        """Commitments with an outcome that counts (met, missed, renegotiated): not
        open, not withdrawn."""
        return tuple(c for c in self.commitments if c.state not in ("open", "withdrawn"))

    def open(self) -> tuple[Entry, ...]:
        return tuple(c for c in self.commitments if c.is_open)


# --------------------------------------------------------------------------- reading


def _date(value: object) -> dt.date | None:
    """A date from an event's own keys: a TOML date, or its ISO text (an import)."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _text_of(value: object) -> str | None:
    """The text of an inline `{ text, private }` table, or a plain string."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and isinstance(value.get("text"), str):
        return str(value["text"])
    return None


def _outcome(value: object) -> CommitmentOutcome | None:
    return next((o for o in COMMITMENT_OUTCOMES if o == value), None)


def _event_step(event: Event) -> tuple[str, Step] | None:
    commitment = event.data.get("commitment")
    if not isinstance(commitment, str):
        return None
    if event.kind == COMMITMENT_REVIEW:
        outcome = _outcome(event.data.get("outcome"))
        if outcome is None:
            return None
        due = _date(event.data.get("due")) if outcome == "renegotiated" else None
        return commitment, Step("review", event.at, event.id, outcome, due, note=event.text)
    if event.kind == COMMITMENT_EDIT:
        text = event.text.text if event.text is not None else None
        to = _text_of(event.data.get("to"))
        due = _date(event.data.get("due"))
        return commitment, Step("edit", event.at, event.id, due=due, text=text, to=to)
    if event.kind == COMMITMENT_WITHDRAWN:
        return commitment, Step("withdrawn", event.at, event.id, note=event.text)
    return None


def _entry(commitment: Commitment, session: Session, steps: list[Step]) -> Entry:
    steps.sort(key=lambda s: (_utc(s.at), s.source))
    text, to, due = commitment.text, commitment.to, commitment.due
    state: State = "open"
    closed_at: dt.datetime | None = None
    closed_by: str | None = None
    renegotiations = 0
    for step in steps:
        if step.kind == "edit":
            text = step.text if step.text is not None and step.text.strip() else text
            to = step.to if step.to is not None else to
            due = step.due if step.due is not None else due
            continue
        if step.kind == "withdrawn":
            state, closed_at, closed_by = "withdrawn", step.at, step.source
            continue
        if step.outcome == "renegotiated" and step.due is not None:
            # A new date agreed: open until then, and reviewed again when it comes.
            renegotiations += 1
            due, state, closed_at, closed_by = step.due, "open", None, None
            continue
        assert step.outcome is not None
        state, closed_at, closed_by = step.outcome, step.at, step.source
        if step.outcome == "renegotiated":
            renegotiations += 1
    return Entry(
        original=commitment,
        made_in=session.id,
        made_at=session.started,
        text=text,
        to=to,
        due=due,
        state=state,
        closed_at=closed_at,
        closed_by=closed_by,
        renegotiations=renegotiations,
        steps=tuple(steps),
    )


def build(
    sessions: Iterable[Session], events: Iterable[Event], exercises: Iterable[Exercise] = ()
) -> Ledger:
    """The ledger of everything given. Steps naming a commitment no session holds (its
    session was deleted) are left out, as are exercise marks of manager sessions.

    `exercises`: the rubric's, so one that includes a drill counts its attempts; the
    last one needed marks it done (`exercise_drills`)."""
    ordered = sorted(sessions, key=lambda s: (_utc(s.started), s.id))
    steps: dict[str, list[Step]] = {}
    made: dict[str, tuple[Commitment, Session]] = {}
    for session in ordered:
        for commitment in session.commitments:
            made.setdefault(commitment.id, (commitment, session))
        for review in session.commitment_reviews:
            due = review.due if review.outcome == "renegotiated" else None
            step = Step(
                "review", session.started, session.id, review.outcome, due, note=review.note
            )
            steps.setdefault(review.commitment, []).append(step)
    events = sorted(events, key=lambda e: (_utc(e.at), e.id))
    for event in events:
        changed = _event_step(event)
        if changed is not None:
            steps.setdefault(changed[0], []).append(changed[1])
    entries = tuple(_entry(c, s, steps.get(c.id, [])) for c, s in made.values())

    # Exercises: each proposal gets the latest mark made after it and before the same
    # exercise was proposed again.
    reviewing = [s for s in ordered if s.kind in REVIEW_KINDS]
    proposals: list[tuple[str, Session]] = [
        (exercise, s) for s in reviewing if s.finished is not None for exercise in s.assigned
    ]
    marks: dict[int, list[Mark]] = {}
    loose: list[Mark] = []

    # Per exercise, the starts of its proposals in order, to find one by bisection.
    starts: dict[str, list[dt.datetime]] = {}
    indices: dict[str, list[int]] = {}
    for index, (exercise, session) in enumerate(proposals):
        starts.setdefault(exercise, []).append(_utc(session.started))
        indices.setdefault(exercise, []).append(index)

    def proposal_before(exercise: str, moment: dt.datetime, strictly: bool) -> int | None:
        """The latest proposal of the exercise that started before `moment` (or at it)."""
        found = starts.get(exercise)
        if not found:
            return None
        cut = (bisect.bisect_left if strictly else bisect.bisect_right)(found, moment)
        return indices[exercise][cut - 1] if cut else None

    for session in reviewing:
        for said in session.exercise_reviews:
            found = proposal_before(said.exercise, _utc(session.started), strictly=True)
            if found is not None:
                proposer = proposals[found][1].id
                marks.setdefault(found, []).append(
                    Mark(
                        said.exercise,
                        said.outcome,
                        session.started,
                        session.id,
                        said.note,
                        proposer,
                        in_review=True,
                    )
                )
    for event in events:
        if event.kind != EXERCISE_DONE:
            continue
        done = event.data.get("exercise")
        if not isinstance(done, str):
            continue
        found = proposal_before(done, _utc(event.at), strictly=False)
        if found is None:
            loose.append(Mark(done, "done", event.at, event.id, event.text))
        else:
            proposer = proposals[found][1].id
            marks.setdefault(found, []).append(
                Mark(done, "done", event.at, event.id, event.text, proposer)
            )
    drills = {e.id: e.drill for e in exercises if e.drill is not None}
    attempts = Attempts(events) if drills else None
    result = []
    for index, (exercise, session) in enumerate(proposals):
        tally = None
        drill = drills.get(exercise)
        if attempts is not None and drill is not None and session.finished is not None:
            later = [i for i in indices[exercise] if i > index]
            end = proposals[later[0]][1].started if later else None
            tally = attempts.tally(drill, session.finished, end)
            if tally.completed_at is not None and tally.completed_by is not None:
                done = Mark(exercise, "done", tally.completed_at, tally.completed_by)
                marks.setdefault(index, []).append(
                    replace(done, proposed_in=session.id, by_drills=True)
                )
        words = tuple(sorted(marks.get(index, []), key=lambda m: (_utc(m.at), m.source)))
        latest = words[-1] if words else None
        result.append(Proposal(exercise, session.id, session.started, latest, words, tally))
    made_sessions = tuple((_utc(s.started), s.id, s.kind) for s in reviewing if s.finished)
    return Ledger(entries, tuple(result), tuple(loose), made_sessions)
