"""Last week first: the commitments due and last week's exercises, before the questions.

A new weekly check-in or full assessment opens, as the app's does, with every
commitment due that has no outcome yet (m met, x missed, r renegotiated: a new date
is asked) and last week's exercises (d done, p partly, n not); an empty line leaves
one open. Each outcome is saved the moment it is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from pmcoach.app.present.commitments import RENEGOTIATE_RULE, mark_words, review_words
from pmcoach.cli.plain.conversation import Conversation, Leave
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.app.present.review import ToReview
    from pmcoach.domain.checkin import CheckIn
    from pmcoach.domain.ledger import Entry
    from pmcoach.domain.model import CommitmentOutcome, ExerciseOutcome

REVIEW_HELP = f"""\
Commitments due: m met, x missed, r renegotiated (then the new date agreed;
r 2026-12-14 gives it at once).
Last week's exercises: d done, p partly done, n not done.
An empty line leaves it open; q leaves (the check-in is kept).
Say/do ratio = met / (met + missed). {RENEGOTIATE_RULE}"""

COMMITMENT_KEYS: dict[str, CommitmentOutcome] = {"m": "met", "x": "missed", "r": "renegotiated"}
EXERCISE_KEYS: dict[str, ExerciseOutcome] = {"d": "done", "p": "partly", "n": "not"}


class LastWeek:
    """The review of last week over a `Conversation`, saved into the check-in."""

    def __init__(
        self,
        talk: Conversation,
        checkin: CheckIn,
        now: Callable[[], dt.datetime],
        next_review: Callable[[], dt.date],
    ) -> None:
        """`next_review` is the default new date of a renegotiated commitment."""
        self.talk = talk
        self.checkin = checkin
        self.now = now
        self.next_review = next_review

    def ask(self, review: ToReview) -> None:
        if not review:
            return
        self.talk.say(
            "",
            "Last week: did you keep your word, and how did the exercises go?",
            "Each outcome is saved as you give it; an empty line leaves one open, "
            "q leaves, ? explains.",
        )
        commitments = review.commitments
        for number, commitment in enumerate(commitments, start=1):
            to = f"to {one_line(commitment.to, 40)}, " if commitment.to else ""
            self.talk.say(
                "",
                f"Commitment {number} of {len(commitments)}: {one_line(commitment.text)}",
                f"({to}due {commitment.due:%a %d %b})",
                "m met · x missed · r renegotiated (a new date)",
            )
            outcome, rest = self._outcome(COMMITMENT_KEYS)
            if outcome is None:
                continue
            due = None
            if COMMITMENT_KEYS[outcome] == "renegotiated":
                due = self._new_date(commitment, rest)
                if due is None:
                    continue
            self.checkin.review_commitment(commitment.id, COMMITMENT_KEYS[outcome], self.now(), due)
            said = review_words(COMMITMENT_KEYS[outcome], due)
            self.talk.say(f"Saved: {said}.")
        exercises = review.exercises
        for number, exercise in enumerate(exercises, start=1):
            self.talk.say(
                "",
                f"Exercise {number} of {len(exercises)}: {one_line(exercise.title)}",
                f"Done when: {one_line(exercise.done_when)}",
            )
            mark = review.marks.get(exercise.id)
            drills = review.drills.get(exercise.id)
            if mark is not None:
                self.talk.say(f"Already marked {mark_words(mark)}; an empty line keeps that.")
            elif drills is not None:
                self.talk.say(f"So far: {drills.words}.")
            self.talk.say("d done · p partly · n not")
            outcome, _ = self._outcome(EXERCISE_KEYS, kept=mark is not None)
            if outcome is not None:
                self.checkin.review_exercise(exercise.id, EXERCISE_KEYS[outcome], self.now())
                self.talk.say(f"Saved: {EXERCISE_KEYS[outcome]}.")

    def _new_date(self, commitment: Entry, given: str) -> dt.date | None:
        """The date agreed when renegotiating; an empty line takes the default, q leaves,
        `-` keeps the commitment as it was."""
        default = max(self.next_review(), commitment.due)
        text = given
        while True:
            if not text:
                self.talk.say(
                    f"New date agreed (YYYY-MM-DD, default {default.isoformat()}; "
                    "- to leave it as it was):"
                )
                text = self.talk.ask().strip()
                if text.lower() == "q":
                    raise Leave
                if text == "-":
                    self.talk.say("Left open.")
                    return None
                if not text:
                    text = default.isoformat()
            try:
                due = dt.date.fromisoformat(text)
            except ValueError:
                self.talk.say(f"{one_line(text, 20)!r} is not a date (YYYY-MM-DD).")
                text = ""
                continue
            if due < self.now().date():
                self.talk.say(f"{due:%a %d %b} is in the past; pick today or later.")
                text = ""
                continue
            return due

    def _outcome(self, keys: Mapping[str, str], kept: bool = False) -> tuple[str | None, str]:
        """The key typed for one line of last week (None leaves it open, or as already
        marked when `kept`), with whatever followed it on the line."""
        while True:
            line = self.talk.ask().strip()
            word, _, rest = line.partition(" ")
            word = word.lower()
            if not line:
                self.talk.say("Kept as marked." if kept else "Left open.")
                return None, ""
            if word == "q" and not rest:
                raise Leave
            if line.lower() in ("?", "h", "help"):
                self.talk.say(REVIEW_HELP)
            elif word in keys:
                return word, rest.strip()
            else:
                choices = ", ".join(f"{k} {v}" for k, v in keys.items())
                self.talk.say(
                    f"{one_line(line, 30)!r} is not an outcome here: type {choices}, "
                    "an empty line to leave it open, or q."
                )
