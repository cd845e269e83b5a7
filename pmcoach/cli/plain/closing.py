"""The weekly check-in's close: the reflection, this week's commitments, a 1:1 topic.

After the questions, a weekly check-in asks one line of reflection (saved before the
commitments, so a check-in left there resumes with it), then this week's
commitments, one at a time, each saved as it is given, and last, optionally, a topic
for the next 1:1 (saved as the agenda's own event file).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from pmcoach.app.agenda import CHECKIN_PROMPT, AgendaError, add_topic
from pmcoach.app.records import new_commitment, next_review_date
from pmcoach.cli.plain.conversation import Conversation, Leave, privacy_words
from pmcoach.domain.model import Text
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace
    from pmcoach.domain.checkin import CheckIn

REFLECTION = "What could I have said or done better this week?"


class Closing:
    """The reflection and the commitments over a `Conversation`, saved into the check-in."""

    def __init__(
        self, talk: Conversation, checkin: CheckIn, now: Callable[[], dt.datetime]
    ) -> None:
        self.talk = talk
        self.checkin = checkin
        self.now = now

    def reflection(self) -> Text | None:
        private = False
        # Saved before the commitments, so a check-in left there resumes with it.
        saved = self.checkin.session.reflection
        self.talk.say(
            "",
            f"Reflection: {REFLECTION}",
            "One line, or an empty line for none. Start with p and a space to keep it "
            "private; q leaves.",
        )
        if saved is not None:
            self.talk.say(
                f"Saved ({privacy_words(saved.private)}): {one_line(saved.text)}",
                "An empty line keeps it.",
            )
        while True:
            line = self.talk.ask().strip()
            word, _, rest = line.partition(" ")
            if line.lower() == "q":
                raise Leave
            if line.lower() == "p":
                private = not private
                self.talk.say(f"The reflection will be {privacy_words(private)}.")
                continue
            if word.lower() == "p" and rest.strip():
                private, line = True, rest.strip()
            if not line:
                return saved
            try:
                line.encode("utf-8")
            except UnicodeEncodeError:
                self.talk.say("That has a character that cannot be saved; type it again.")
                continue
            return Text(line, private)

    def commitments(self, workspace: Workspace) -> None:
        default = next_review_date(workspace)
        self.talk.say(
            "",
            "Commitments: what will you have done by your next review, and for whom?",
            "Next week's check-in asks whether each was kept. Start with p and a space "
            "to keep one private; q leaves.",
        )
        while True:
            self.talk.say("", "I will (empty to finish):")
            line = self._line()
            word, _, rest = line.partition(" ")
            private = False
            if word.lower() == "p" and rest.strip():
                private, line = True, rest.strip()
            elif line.lower() == "p":
                self.talk.say("Write the commitment after p, like: p Send the plan to finance.")
                continue
            if not line:
                return
            self.talk.say("To whom:")
            to = self._line()
            while True:
                self.talk.say(f"By (YYYY-MM-DD, default {default.isoformat()}):")
                due_text = self._line()
                try:
                    due = dt.date.fromisoformat(due_text) if due_text else default
                except ValueError:
                    self.talk.say(f"{one_line(due_text, 20)!r} is not a date (YYYY-MM-DD).")
                    continue
                try:
                    commitment = new_commitment(workspace, line, to, due, private)
                except ValueError as exc:
                    self.talk.say(str(exc))
                    continue
                break
            self.checkin.add_commitment(commitment, self.now())
            whom = f" to {one_line(commitment.to, 40)}" if commitment.to else ""
            self.talk.say(
                f"Saved ({privacy_words(private)}): {one_line(commitment.text, 60)}{whom} "
                f"by {commitment.due:%a %d %b}."
            )

    def topic(self, workspace: Workspace) -> None:
        """The last, optional question: a topic for the next 1:1, saved on the agenda.
        The end of the input answers it with none, so piped answers that stop after the
        commitments still finish the check-in."""
        self.talk.say(
            "",
            f"1:1 agenda: {CHECKIN_PROMPT}",
            "One line, or an empty line for none. Start with p and a space to keep it "
            "private; q leaves.",
        )
        while True:
            line = self.talk.ask(end_leaves=False).strip()
            word, _, rest = line.partition(" ")
            private = False
            if line.lower() == "q":
                raise Leave
            if word.lower() == "p" and rest.strip():
                private, line = True, rest.strip()
            elif line.lower() == "p":
                self.talk.say("Write the topic after p, like: p Ask about the promotion timeline.")
                continue
            if not line:
                return
            try:
                add_topic(workspace, line, private)
            except AgendaError as exc:
                self.talk.say(f"{exc}; type it again.")
                continue
            self.talk.say(
                f"Saved ({privacy_words(private)}): {one_line(line, 60)}, on your agenda "
                "(pmcoach discuss lists it)."
            )
            return

    def _line(self) -> str:
        """One line of text that can be saved; q leaves."""
        while True:
            line = self.talk.ask().strip()
            if line.lower() == "q":
                raise Leave
            try:
                line.encode("utf-8")
            except UnicodeEncodeError:
                self.talk.say("That has a character that cannot be saved; type it again.")
                continue
            return line
