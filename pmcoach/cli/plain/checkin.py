"""The weekly check-in as numbered questions on standard input and output.

A screen reader follows a conversation of plain lines far better than a
full-screen app that redraws itself, and a script can answer lines too. So
this is the same check-in as the app's (the same questions, chosen by
`pmcoach.app.checkin_flow`, each answer saved by `CheckIn` the moment it is
given, the same session file) over a `Conversation` of lines: no colour, no
cursor movement, no Rich.

Every prompt accepts:

    a number   rate (1-5; 0-N on a "how many of your last N" question) and go on
    o          no occasion in the question's window: answered, not scored, not a skip
    e TEXT     add evidence to the answer just given (the question before)
    s          skip (keeps an answer already given)
    n TEXT     add a note as evidence, then rate; `n` alone removes the note
    p          make the note private, or shared again (`p TEXT`: a private note)
    b          back to the previous question
    q          leave; the session is kept and resumes next time (end of input too)
    ?          this help; an empty line shows the question again

One line per question, however far ahead it was typed: a rating always goes
on to the next question still open (after `b` and a change, past the ones
answered), so a number never lands on an answer already given. A 4,
a 5 or a big change invites evidence without waiting for it; `e` adds it to
that answer on the next line. A number that is not an answer to the question
asked is refused and the question stays.

A new weekly check-in or full assessment opens with last week's commitments
and exercises (`last_week`); a weekly one closes with the reflection and this
week's commitments (`closing`), and the end (`results`) names the exercises
proposed for the focus skill.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from pmcoach.app import checkin_flow
from pmcoach.app.present.review import ToReview
from pmcoach.app.records import next_review_date
from pmcoach.cli.plain.closing import Closing
from pmcoach.cli.plain.conversation import Conversation, Leave, privacy_words
from pmcoach.cli.plain.last_week import LastWeek
from pmcoach.domain.model import NO_OCCASION_KEY, NO_OCCASION_WORDS
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace
    from pmcoach.domain.checkin import CheckIn
    from pmcoach.domain.model import Question, Rubric, Session, Text


HELP = f"""\
Type one of these and press enter:
  a number   your rating (1-5; 0-N on a "how many of your last N" question); goes on
  {NO_OCCASION_KEY}          no occasion: it did not come up in the question's window (on "of your
             last N": you have had none yet); an answer, not scored, and not a skip
  e TEXT     add evidence to the answer you just gave (after a 4, a 5 or a big change)
  s          skip this question (it comes up again soon); keeps an answer already given
  n TEXT     add a note as evidence for your rating, then type the rating
  n          remove the note
  p          make the note private (left out of exports), or shared again
  p TEXT     add a private note
  b          back to the previous question
  q          leave: everything answered is saved, and the check-in resumes next time
  ?          this help; an empty line shows the question again"""


class PlainCheckIn:
    """One check-in, question by question, over a `Conversation`."""

    def __init__(
        self,
        talk: Conversation,
        checkin: CheckIn,
        rubric: Rubric,
        history: list[Session],
        now: Callable[[], dt.datetime],
        *,
        workspace: Workspace | None = None,
        review: ToReview | None = None,
    ) -> None:
        """With a `workspace`, a weekly check-in ends as the app's does: commitments
        are asked for and `Workspace.finish` assigns the exercises. `review` is last
        week's commitments and exercises, asked about before the questions."""
        self.talk = talk
        self.checkin = checkin
        self.rubric = rubric
        self.now = now
        self.workspace = workspace
        self.review = review if review is not None else ToReview((), (), {})
        self.last_time = checkin_flow.previous_ratings(history, checkin.session)
        self.private = False
        # The answer given last (its question, and how it is named), for `e`: evidence
        # is invited after a rating without waiting for it, so it comes after the
        # next question is shown and must still reach this answer.
        self.given: tuple[Question, str] | None = None
        self.kept = True  # False once left with nothing given, and so not kept

    # ------------------------------------------------------------------ flow

    def run(self) -> Session | None:
        """The finished session, or None when the user left it for later."""
        weekly = self.checkin.session.kind == "weekly"
        reflection: Text | None = None
        try:
            LastWeek(self.talk, self.checkin, self.now, self._next_review).ask(self.review)
            while not self.checkin.done:
                self._question()
            if weekly:
                closing = Closing(self.talk, self.checkin, self.now)
                reflection = closing.reflection()
                self.checkin.set_reflection(reflection, self.now())
                if self.workspace is not None:
                    closing.commitments(self.workspace)
                    closing.topic(self.workspace)
        except Leave:
            if self.workspace is not None and not self.workspace.leave(self.checkin):
                self.kept = False
            return None
        if self.workspace is not None:
            return self.workspace.finish(self.checkin, reflection)
        return self.checkin.finish(self.now(), reflection)

    def answered(self) -> int:
        return sum(1 for a in self.checkin.session.answers if a.question)

    def _question(self) -> None:
        question = self.checkin.current
        assert question is not None
        answer = self.checkin.answer_for(question.id)
        self.private = bool(answer and answer.note and answer.note.private)
        self._show(question)
        position = self.checkin.position
        while self.checkin.position == position and not self.checkin.done:
            line = self.talk.ask().strip()
            if not line:
                self._show(question)
            else:
                self._handle(question, line)

    def _show(self, question: Question) -> None:
        skill = self.rubric.skill(question.skill)
        title = one_line(skill.title if skill else question.skill)
        lines = [
            "",
            f"{title} · Question {self.checkin.position + 1} of {self.checkin.total}",
            one_line(question.prompt),
        ]
        if question.kind == "frequency":
            lines.append(f"Answer 0-{question.out_of}: how many of the last {question.out_of}.")
        else:
            lines += [f"  {n}  {one_line(a)}" for n, a in enumerate(question.anchors, start=1)]
        if question.evidence:
            lines.append(f"Evidence: {one_line(question.evidence)}")
        answer = self.checkin.answer_for(question.id)
        if answer is not None:
            if answer.skipped:
                lines.append("Skipped before. A number answers it now; s skips it again.")
            elif answer.no_occasion:
                lines.append(f"Your answer: {NO_OCCASION_WORDS}. A number rates it; s keeps it.")
            else:
                lines.append(
                    f"Your answer: {self._shown(question, answer.count, answer.rating)}. "
                    "A number changes it; s keeps it."
                )
            if answer.note is not None:
                lines.append(
                    f"Note ({privacy_words(answer.note.private)}): {one_line(answer.note.text)}"
                )
        top = f"0-{question.out_of}" if question.kind == "frequency" else "1-5"
        lines.append(
            f"Type {top}, {NO_OCCASION_KEY} for {NO_OCCASION_WORDS}, s to skip, n and a note,"
            " or ? for help."
        )
        self.talk.say(*lines)

    @staticmethod
    def _shown(question: Question, count: int | None, rating: int | None) -> str:
        if question.kind == "frequency":
            return f"{count} of {question.out_of}"
        return str(rating)

    # ------------------------------------------------------------------ input

    def _handle(self, question: Question, line: str) -> None:
        word, _, rest = line.partition(" ")
        word, rest = word.lower(), rest.strip()
        if line.isascii() and line.isdigit():
            self._rate(question, int(line))
        elif word == "q" and not rest:
            raise Leave
        elif word in ("?", "h", "help") and not rest:
            self.talk.say(HELP)
        elif word == NO_OCCASION_KEY and not rest:
            self._no_occasion()
        elif word == "e":
            self._evidence(rest)
        elif word == "s" and not rest:
            self._skip(question)
        elif word == "b" and not rest:
            if self.checkin.position == 0:
                self.talk.say("This is the first question.")
            else:
                self.checkin.back()
        elif word == "n":
            self._note(question, rest, self.private)
        elif word == "p" and rest:
            self.private = True
            self._note(question, rest, True)
        elif word == "p":
            self._toggle_private(question)
        else:
            top = f"0-{question.out_of}" if question.kind == "frequency" else "1-5"
            self.talk.say(
                f"{one_line(line, 30)!r} is not an answer here: type {top}, {NO_OCCASION_KEY}, s,"
                " n and a note, "
                "e and evidence, p, b or q (? for help)."
            )

    def _rate(self, question: Question, value: int) -> None:
        low, top = (0, question.out_of or 0) if question.kind == "frequency" else (1, 5)
        if not low <= value <= top:
            self.talk.say(f"Type a number from {low} to {top} (or s to skip, ? for help).")
            return
        answer = self.checkin.rate(value, self.now())
        previous = self.last_time.get(question.id)
        last = "none yet" if previous is None else figures.rating(previous)
        rating = checkin_flow.answer_rating(answer) or 0
        shown = self._shown(question, value, answer.rating)
        if question.kind == "frequency":
            shown += f", a rating of {figures.rating(rating)}"
        self.talk.say(f"Saved: {shown} (last time: {last}).")
        big_change = previous is not None and abs(rating - previous) >= 2
        self.given = (question, f"your {self._shown(question, value, answer.rating)}")
        if answer.note is None and (rating >= 4 or big_change):
            # High ratings and big jumps invite evidence, as in the app; a note is enough.
            # Invited, never waited for: the next line is the next question's.
            why = "a big change" if big_change else f"a {figures.rating(rating)}"
            self.talk.say(f"That is {why}: e and a note adds evidence to it.")
        self.checkin.advance_to_open()

    def _no_occasion(self) -> None:
        """`o`: the situation did not come up in the window; saved, never scored."""
        self.checkin.no_occasion(self.now())
        self.given = None
        self.talk.say(f"Saved: {NO_OCCASION_WORDS} (not scored).")
        self.checkin.advance_to_open()

    def _evidence(self, text: str) -> None:
        """`e TEXT`: a note on the answer given last, whichever question is asked now."""
        if self.given is None:
            self.talk.say(
                "e adds evidence to the answer you just gave, and there is none yet; "
                "n and a note adds one to this question."
            )
            return
        if not text:
            self.talk.say("Write the evidence after e, like: e Sent the plan a day early.")
            return
        question, about = self.given
        answer = self.checkin.answer_for(question.id)
        private = bool(answer and answer.note and answer.note.private)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            self.talk.say("That note has a character that cannot be saved; type it again.")
            return
        self.checkin.set_note(text, private, self.now(), question.id)
        self.talk.say(f"Evidence saved on {about} ({privacy_words(private)}).")

    def _skip(self, question: Question) -> None:
        answer = self.checkin.answer_for(question.id)
        kept = answer is not None and not answer.skipped
        self.checkin.skip(self.now())
        self.talk.say("Kept your answer." if kept else "Skipped: it will come up again soon.")

    def _note(self, question: Question, text: str, private: bool) -> None:
        answer = self.checkin.answer_for(question.id)
        if not text:
            if answer is not None and answer.note is not None:
                self.checkin.set_note("", private, self.now())
                self.talk.say("Note removed.")
            else:
                self.talk.say("Write the note after n, like: n Opened the update with the date.")
            return
        if not self._save_note(text, private):
            return
        rated = answer is not None and not answer.skipped
        self.talk.say(
            "Type a number to change the rating, or s to go on." if rated else "Your rating?"
        )

    def _save_note(self, text: str, private: bool) -> bool:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            self.talk.say("That note has a character that cannot be saved; type it again.")
            return False
        self.checkin.set_note(text, private, self.now())
        self.talk.say(f"Note saved ({privacy_words(private)}).")
        return True

    def _toggle_private(self, question: Question) -> None:
        self.private = not self.private
        answer = self.checkin.answer_for(question.id)
        if answer is not None and answer.note is not None:
            self.checkin.set_note(answer.note.text, self.private, self.now())
            self.talk.say(f"The note is now {privacy_words(self.private)}.")
        else:
            self.talk.say(f"Your note will be {privacy_words(self.private)}.")

    def _next_review(self) -> dt.date:
        """The default new date of a renegotiated commitment."""
        if self.workspace is not None:
            return next_review_date(self.workspace)
        return self.now().date() + dt.timedelta(days=7)
