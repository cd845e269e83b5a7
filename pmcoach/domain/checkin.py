"""A session being taken, one answer at a time.

The promise is that a crash or `kill -9` loses at most the answer being typed,
so every change (a rating, a skip, a note) rewrites the session file before the
caller moves on. The TUI and the plain check-in both drive this class; neither
writes files itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from pmcoach.domain.ids import new_id
from pmcoach.domain.model import (
    Answer,
    Commitment,
    CommitmentOutcome,
    CommitmentReview,
    Config,
    ExerciseOutcome,
    ExerciseReview,
    Question,
    Rubric,
    Session,
    SessionKind,
    Text,
)
from pmcoach.domain.ratings import stored_rating
from pmcoach.domain.steps import Creator, Saver, Steps


class CheckIn(Steps[Question]):
    def item_id(self, item: Question) -> str:
        return item.id

    def answer_id(self, answer: Answer) -> str | None:
        return answer.question

    def blank(self, item_id: str) -> Answer:
        return Answer(question=item_id, skipped=True)

    @property
    def questions(self) -> list[Question]:
        return self.items

    @classmethod
    def start(
        cls,
        *,
        kind: SessionKind,
        config: Config,
        rubric: Rubric,
        questions: Sequence[Question],
        device: str,
        now: dt.datetime,
        save: Saver,
        create: Creator,
    ) -> CheckIn:
        session = Session(
            id=new_id(kind, now.astimezone(dt.UTC)),
            kind=kind,
            track=config.track,
            rubric=rubric.label,
            device=device,
            started=now.replace(microsecond=0),
            updated=now.replace(microsecond=0),
        )
        # Written with its first answer, in a file of its own: a check-in left before
        # any leaves nothing.
        return cls(session, questions, save, create)

    @classmethod
    def resume(
        cls, session: Session, rubric: Rubric, planned: Sequence[Question], save: Saver
    ) -> CheckIn:
        """Answered questions first, in the order given, then what is left of the plan."""
        answered = [a.question for a in session.answers if a.question]
        questions = [q for qid in answered if (q := rubric.question(qid)) is not None]
        questions += [q for q in planned if q.id not in answered]
        return cls(session, questions, save)

    # ------------------------------------------------------------------ writing

    def rate(self, rating: int, now: dt.datetime) -> Answer:
        question = self._need_current()
        if question.kind == "frequency":
            assert question.out_of is not None
            if not 0 <= rating <= question.out_of:
                raise ValueError(f"count must be 0 to {question.out_of}")
            previous = self.answer_for(question.id)
            answer = Answer(
                question=question.id,
                count=rating,
                out_of=question.out_of,
                rating=stored_rating(rating, question.out_of),
                note=previous.note if previous else None,
            )
        else:
            if not 1 <= rating <= 5:
                raise ValueError("rating must be 1 to 5")
            previous = self.answer_for(question.id)
            answer = Answer(
                question=question.id, rating=rating, note=previous.note if previous else None
            )
        return self._put(answer, now)

    def skip(self, now: dt.datetime) -> None:
        question = self._need_current()
        previous = self.answer_for(question.id)
        if previous is None or previous.skipped:
            note = previous.note if previous else None
            self._put(Answer(question=question.id, skipped=True, note=note), now)
        self.position += 1

    def no_occasion(self, now: dt.datetime) -> Answer:
        """The question's situation did not come up in its window: answered, unscored.

        Distinct from a skip (which brings the question back soon): the question was
        asked and answered, only there was nothing to rate. A note already written stays.
        """
        question = self._need_current()
        previous = self.answer_for(question.id)
        answer = Answer(
            question=question.id, no_occasion=True, note=previous.note if previous else None
        )
        return self._put(answer, now)

    def add_commitment(self, commitment: Commitment, now: dt.datetime) -> None:
        self._update(now, commitments=(*self.session.commitments, commitment))

    def review_commitment(
        self,
        commitment: str,
        outcome: CommitmentOutcome,
        now: dt.datetime,
        due: dt.date | None = None,
    ) -> None:
        """`due` is a renegotiation's new date (the commitment stays open until then)."""
        kept = [r for r in self.session.commitment_reviews if r.commitment != commitment]
        before = [r for r in self.session.commitment_reviews if r.commitment == commitment]
        review = CommitmentReview(
            commitment,
            outcome,
            due=due if outcome == "renegotiated" else None,
            extra=before[0].extra if before else {},
        )
        self._update(now, commitment_reviews=(*kept, review))

    def review_exercise(self, exercise: str, outcome: ExerciseOutcome, now: dt.datetime) -> None:
        kept = [r for r in self.session.exercise_reviews if r.exercise != exercise]
        before = [r for r in self.session.exercise_reviews if r.exercise == exercise]
        review = ExerciseReview(exercise, outcome, extra=before[0].extra if before else {})
        self._update(now, exercise_reviews=(*kept, review))

    def set_reflection(self, reflection: Text | None, now: dt.datetime) -> None:
        self._update(now, reflection=reflection)

    def finish(
        self,
        now: dt.datetime,
        reflection: Text | None = None,
        assigned: Sequence[str] = (),
    ) -> Session:
        stamp = now.replace(microsecond=0)
        self.session = replace(
            self.session,
            finished=stamp,
            updated=stamp,
            reflection=reflection,
            assigned=tuple(assigned),
        )
        self._write()
        return self.session


def mark_no_occasion(session: Session, question_id: str, now: dt.datetime) -> Session:
    """A past answer corrected to "no occasion": unscored from now on, its note kept."""
    answers = tuple(
        Answer(question=a.question, no_occasion=True, note=a.note, extra=a.extra)
        if a.question == question_id
        else a
        for a in session.answers
    )
    return replace(session, answers=answers, updated=now.replace(microsecond=0))


def correct_answer(session: Session, question: Question, rating: int, now: dt.datetime) -> Session:
    """A past answer corrected: the same session, one answer changed, `updated` moved."""
    answers = []
    for answer in session.answers:
        if answer.question != question.id:
            answers.append(answer)
            continue
        if question.kind == "frequency":
            assert question.out_of is not None
            fixed = replace(
                answer,
                count=rating,
                out_of=question.out_of,
                rating=stored_rating(rating, question.out_of),
                skipped=False,
                no_occasion=False,
            )
        else:
            fixed = replace(answer, rating=rating, skipped=False, no_occasion=False)
        answers.append(fixed)
    return replace(session, answers=tuple(answers), updated=now.replace(microsecond=0))
