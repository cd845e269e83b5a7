"""The weekly check-in as numbered questions on standard input and output.

A screen reader follows a conversation of plain lines far better than a
full-screen app that redraws itself, and a script can answer lines too. So
this is the same check-in as the app's (the same questions from
`rotation.weekly_questions`, each answer saved by `CheckIn` the moment it is
given, the same session file) with nothing but `print` and `readline`: no
colour, no cursor movement, no Rich.

Every prompt accepts:

    a number   rate (1-5; 0-N on a "how many of your last N" question) and go on
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

A new weekly check-in or full assessment opens, as the app's does, with every
commitment due that has no outcome yet (m met, x missed, r renegotiated: a new
date is asked) and last week's exercises (d done, p partly, n not); an empty
line leaves one open. After the reflection come this week's commitments, one at
a time, and the end names the exercises proposed for the focus skill.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TextIO

from pmcoach.app.present.commitments import RENEGOTIATE_RULE, mark_words, review_words
from pmcoach.app.present.review import ToReview, to_review
from pmcoach.app.records import new_commitment, next_review_date
from pmcoach.app.workspace import Workspace
from pmcoach.domain import clock, ledger, ratings, rotation, rules, scores, streak
from pmcoach.domain.checkin import CheckIn
from pmcoach.domain.model import (
    KIND_WORDS,
    CommitmentOutcome,
    Config,
    Event,
    ExerciseOutcome,
    Question,
    Rubric,
    Session,
    SessionKind,
    Text,
    Track,
)
from pmcoach.storage.store import Store
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

PROMPT = "> "
REFLECTION = "What could I have said or done better this week?"

HELP = """\
Type one of these and press enter:
  a number   your rating (1-5; 0-N on a "how many of your last N" question); goes on
  e TEXT     add evidence to the answer you just gave (after a 4, a 5 or a big change)
  s          skip this question (it comes up again soon); keeps an answer already given
  n TEXT     add a note as evidence for your rating, then type the rating
  n          remove the note
  p          make the note private (left out of exports), or shared again
  p TEXT     add a private note
  b          back to the previous question
  q          leave: everything answered is saved, and the check-in resumes next time
  ?          this help; an empty line shows the question again"""

REVIEW_HELP = f"""\
Commitments due: m met, x missed, r renegotiated (then the new date agreed;
r 2026-12-14 gives it at once).
Last week's exercises: d done, p partly done, n not done.
An empty line leaves it open; q leaves (the check-in is kept).
Say/do ratio = met / (met + missed). {RENEGOTIATE_RULE}"""

COMMITMENT_KEYS: dict[str, CommitmentOutcome] = {"m": "met", "x": "missed", "r": "renegotiated"}
EXERCISE_KEYS: dict[str, ExerciseOutcome] = {"d": "done", "p": "partly", "n": "not"}


class PlainError(Exception):
    """Refused before the check-in starts; the message is one line."""


class _Leave(Exception):
    """The user leaves (q, or the end of input): everything given so far is saved."""


class Conversation:
    """Lines out, lines in. End of input means leaving, as `q` does, so that a
    script that runs out of answers ends with its answers saved."""

    def __init__(self, stdin: TextIO, stdout: TextIO, interactive: bool | None = None) -> None:
        self.stdin = stdin
        self.stdout = stdout
        if interactive is None:
            try:
                interactive = stdin.isatty()
            except (AttributeError, ValueError):
                interactive = False
        self.interactive = interactive

    def say(self, *lines: str) -> None:
        for line in lines:
            self.stdout.write(line + "\n")
        self.stdout.flush()

    def ask(self, prompt: str = PROMPT) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not self.interactive:
            # Typed input ends the prompt's line on a terminal; piped input does not.
            self.stdout.write("\n")
        if line == "":
            raise _Leave
        return line.rstrip("\r\n")


def _privacy(private: bool) -> str:
    return "private: left out of exports" if private else "shared in exports"


def _change_words(change: float | None, score: float | None) -> str:
    if score is None:
        return "no score yet"
    if change is None:
        return f"{figures.format_score(score)}, no score a week earlier"
    text = figures.format_change(change)
    if text == "0.0":
        return f"{figures.format_score(score)}, no change on last week"
    direction = "up" if change > 0 else "down"
    step = figures.format_score(abs(change))
    return f"{figures.format_score(score)}, {direction} {step} on last week"


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
        self.last_time = ratings.previous_ratings(history, checkin.session)
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
            self._review_last_week(self.review)
            while not self.checkin.done:
                self._question()
            if weekly:
                reflection = self._reflection()
                self.checkin.set_reflection(reflection, self.now())
                if self.workspace is not None:
                    self._commitments(self.workspace)
        except _Leave:
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
            else:
                lines.append(
                    f"Your answer: {self._shown(question, answer.count, answer.rating)}. "
                    "A number changes it; s keeps it."
                )
            if answer.note is not None:
                lines.append(
                    f"Note ({_privacy(answer.note.private)}): {one_line(answer.note.text)}"
                )
        top = f"0-{question.out_of}" if question.kind == "frequency" else "1-5"
        lines.append(f"Type {top}, s to skip, n and a note, or ? for help.")
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
            raise _Leave
        elif word in ("?", "h", "help") and not rest:
            self.talk.say(HELP)
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
                f"{one_line(line, 30)!r} is not an answer here: type {top}, s, n and a note, "
                "e and evidence, p, b or q (? for help)."
            )

    def _rate(self, question: Question, value: int) -> None:
        low, top = (0, question.out_of or 0) if question.kind == "frequency" else (1, 5)
        if not low <= value <= top:
            self.talk.say(f"Type a number from {low} to {top} (or s to skip, ? for help).")
            return
        answer = self.checkin.rate(value, self.now())
        previous = self.last_time.get(question.id)
        last = "none yet" if previous is None else str(previous)
        shown = self._shown(question, value, answer.rating)
        if question.kind == "frequency":
            shown += f", a rating of {answer.rating}"
        self.talk.say(f"Saved: {shown} (last time: {last}).")
        rating = answer.rating or 0
        big_change = previous is not None and abs(rating - previous) >= 2
        self.given = (question, f"your {self._shown(question, value, answer.rating)}")
        if answer.note is None and (rating >= 4 or big_change):
            # High ratings and big jumps invite evidence, as in the app; a note is enough.
            # Invited, never waited for: the next line is the next question's.
            why = "a big change" if big_change else f"a {rating}"
            self.talk.say(f"That is {why}: e and a note adds evidence to it.")
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
        self.talk.say(f"Evidence saved on {about} ({_privacy(private)}).")

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
        self.talk.say(f"Note saved ({_privacy(private)}).")
        return True

    def _toggle_private(self, question: Question) -> None:
        self.private = not self.private
        answer = self.checkin.answer_for(question.id)
        if answer is not None and answer.note is not None:
            self.checkin.set_note(answer.note.text, self.private, self.now())
            self.talk.say(f"The note is now {_privacy(self.private)}.")
        else:
            self.talk.say(f"Your note will be {_privacy(self.private)}.")

    # ------------------------------------------------------------------ last week

    def _review_last_week(self, review: ToReview) -> None:
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
            if mark is not None:
                self.talk.say(f"Already marked {mark_words(mark)}; an empty line keeps that.")
            self.talk.say("d done · p partly · n not")
            outcome, _ = self._outcome(EXERCISE_KEYS, kept=mark is not None)
            if outcome is not None:
                self.checkin.review_exercise(exercise.id, EXERCISE_KEYS[outcome], self.now())
                self.talk.say(f"Saved: {EXERCISE_KEYS[outcome]}.")

    def _new_date(self, commitment: ledger.Entry, given: str) -> dt.date | None:
        """The date agreed when renegotiating; an empty line takes the default, q leaves,
        `-` keeps the commitment as it was."""
        default = max(self._next_review(), commitment.due)
        text = given
        while True:
            if not text:
                self.talk.say(
                    f"New date agreed (YYYY-MM-DD, default {default.isoformat()}; "
                    "- to leave it as it was):"
                )
                text = self.talk.ask().strip()
                if text.lower() == "q":
                    raise _Leave
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

    def _next_review(self) -> dt.date:
        if self.workspace is not None:
            return next_review_date(self.workspace)
        return self.now().date() + dt.timedelta(days=7)

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
                raise _Leave
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

    # ------------------------------------------------------------------ commitments

    def _commitments(self, workspace: Workspace) -> None:
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
                f"Saved ({_privacy(private)}): {one_line(commitment.text, 60)}{whom} "
                f"by {commitment.due:%a %d %b}."
            )

    def _line(self) -> str:
        """One line of text that can be saved; q leaves."""
        while True:
            line = self.talk.ask().strip()
            if line.lower() == "q":
                raise _Leave
            try:
                line.encode("utf-8")
            except UnicodeEncodeError:
                self.talk.say("That has a character that cannot be saved; type it again.")
                continue
            return line

    # ------------------------------------------------------------------ reflection

    def _reflection(self) -> Text | None:
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
                f"Saved ({_privacy(saved.private)}): {one_line(saved.text)}",
                "An empty line keeps it.",
            )
        while True:
            line = self.talk.ask().strip()
            word, _, rest = line.partition(" ")
            if line.lower() == "q":
                raise _Leave
            if line.lower() == "p":
                private = not private
                self.talk.say(f"The reflection will be {_privacy(private)}.")
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


# --------------------------------------------------------------------------- results


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
    kind = KIND_WORDS.get(session.kind, session.kind).lower()
    lines = ["", f"Done: {kind} saved, {answered} answered, {skipped} skipped."]
    lines.append(
        f"Scores (the mean of each question's latest rating in the last {rules.SCORE_WEEKS} weeks):"
    )
    skills = rubric.track_skills(track)
    for item in scores.skill_scores(sessions, rubric, at, [s.id for s in skills]):
        skill = rubric.skill(item.skill)
        title = one_line(skill.title if skill else item.skill)
        words = _change_words(item.change, item.score)
        lines.append(f"  {title}: {words}, target {config.target(item.skill)}")
    found = scores.focus(rubric, track, config, sessions, at)
    if found is not None:
        lines.append(f"Focus: {one_line(found.reason)}")
    exercises = [e for e in map(rubric.exercise, session.assigned) if e is not None]
    if exercises:
        lines.append("Exercises for this week:")
        for exercise in exercises:
            lines.append(f"  {one_line(exercise.title)} ({one_line(exercise.time, 40)})")
            lines.append(f"    Done when: {one_line(exercise.done_when)}")
    said = streak.say_do(ledger.build(sessions, events), clock.zone(config.time_zone), at)
    if said.ratio is not None:
        lines.append(
            f"Say/do: {figures.ratio(said.ratio)} of commitments kept "
            f"({said.met} met, {said.missed} missed, last {rules.SAY_DO_WEEKS} weeks)."
        )
    talk.say(*lines)


# --------------------------------------------------------------------------- entry


def _plan(rubric: Rubric, track: Track, history: list[Session], session: Session) -> list[Question]:
    if session.kind == "full":
        return list(rotation.full_questions(rubric, track))
    others = [s for s in history if s.id != session.id]
    return list(rotation.weekly_questions(rubric, track, others, before=session.started))


def run(store: Store, config: Config, talk: Conversation, kind: SessionKind = "weekly") -> int:
    """The whole plain check-in (or, with `kind="full"`, the full assessment); the caller
    holds the folder's lock. An unfinished session is resumed, whatever its kind."""
    # The same workspace the app uses, over the same store, so that last week's
    # review, new commitments and the exercises at the end follow the app's rules.
    workspace = Workspace(store.root, store, take_lock=False)
    try:
        return _run(workspace, store, config, talk, kind)
    finally:
        workspace.close()


def _run(
    workspace: Workspace, store: Store, config: Config, talk: Conversation, kind: SessionKind
) -> int:
    rubric = workspace.rubric
    zone = clock.zone(config.time_zone)

    def now() -> dt.datetime:
        return clock.now(zone)

    track = rubric.track(config.track) or rubric.tracks[0]
    device = workspace.device
    history = store.sessions()
    unfinished = workspace.in_progress()
    if unfinished is not None and unfinished.kind == "manager":
        raise PlainError(
            "an unfinished record of your manager's ratings is open; "
            "finish or discard it in the app first"
        )
    review: ToReview | None = None
    if unfinished is not None:
        resumed_track = rubric.track(unfinished.track) or track
        checkin = CheckIn.resume(
            unfinished,
            rubric,
            _plan(rubric, resumed_track, history, unfinished),
            store.save_session,
        )
        words = KIND_WORDS.get(unfinished.kind, unfinished.kind).lower()
        started = unfinished.started.astimezone(zone)
        talk.say(
            f"Resuming your unfinished {words} of {started:%a %d %b %Y %H:%M}: "
            f"{checkin.position} of {checkin.total} answered."
        )
    else:
        if kind == "full":
            questions = rotation.full_questions(rubric, track)
        else:
            questions = rotation.weekly_questions(rubric, track, history)
        if not questions:
            raise PlainError(f"the track {track.id!r} has no questions to ask")
        checkin = CheckIn.start(
            kind=kind,
            config=config,
            rubric=rubric,
            questions=questions,
            device=device,
            now=now(),
            save=store.save_session,
        )
        # As in the app: a new check-in or full assessment opens with the commitments due
        # and last week's exercises; a resumed one goes straight back to its questions.
        review = to_review(workspace, checkin.session)
        title = KIND_WORDS[kind]
        talk.say(
            f"{title}: {checkin.total} questions. Every answer is saved as you give it; "
            "q leaves and you can resume later. ? shows the keys."
        )
    plain = PlainCheckIn(talk, checkin, rubric, history, now, workspace=workspace, review=review)
    try:
        finished = plain.run()
    except KeyboardInterrupt:
        talk.say("", _kept(plain))
        return 130
    if finished is None:
        talk.say("", _kept(plain))
        return 0
    results(talk, rubric, track, config, store.sessions(), finished, store.events())
    return 0


def _kept(plain: PlainCheckIn) -> str:
    if not plain.kept:
        return "Nothing answered, so nothing was kept."
    return (
        f"Kept: {plain.answered()} of {plain.checkin.total} answered. "
        "Run pmcoach checkin --plain again to go on."
    )
