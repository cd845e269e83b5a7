"""The weekly check-in as numbered questions on standard input and output.

A screen reader follows a conversation of plain lines far better than a
full-screen app that redraws itself, and a script can answer lines too. So
this is the same check-in as the app's (the same questions from
`coach.weekly_questions`, each answer saved by `CheckIn` the moment it is
given, the same session file) with nothing but `print` and `readline`: no
colour, no cursor movement, no Rich.

Every prompt accepts:

    a number   rate (1-5; 0-N on a "how many of your last N" question) and go on
    s          skip (keeps an answer already given)
    n TEXT     add a note as evidence, then rate; `n` alone removes the note
    p          make the note private, or shared again (`p TEXT`: a private note)
    b          back to the previous question
    q          leave; the session is kept and resumes next time (end of input too)
    ?          this help; an empty line shows the question again
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TextIO

from pmcoach import clock, coach
from pmcoach.checkin import CheckIn
from pmcoach.model import Config, Question, Rubric, Session, Text, Track
from pmcoach.paths import device_name
from pmcoach.rubric import load_rubric
from pmcoach.sanitize import one_line
from pmcoach.store import Store

PROMPT = "> "
REFLECTION = "What could I have said or done better this week?"
KIND_WORDS = {
    "weekly": "weekly check-in",
    "full": "full assessment",
    "manager": "manager's ratings",
}

HELP = """\
Type one of these and press enter:
  a number   your rating (1-5; 0-N on a "how many of your last N" question); goes on
  s          skip this question (it comes up again soon); keeps an answer already given
  n TEXT     add a note as evidence for your rating, then type the rating
  n          remove the note
  p          make the note private (left out of exports), or shared again
  p TEXT     add a private note
  b          back to the previous question
  q          leave: everything answered is saved, and the check-in resumes next time
  ?          this help; an empty line shows the question again"""


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
        return f"{coach.format_score(score)}, no score a week earlier"
    text = coach.format_change(change)
    if text == "0.0":
        return f"{coach.format_score(score)}, no change on last week"
    direction = "up" if change > 0 else "down"
    return (
        f"{coach.format_score(score)}, {direction} {coach.format_score(abs(change))} on last week"
    )


class PlainCheckIn:
    """One check-in, question by question, over a `Conversation`."""

    def __init__(
        self,
        talk: Conversation,
        checkin: CheckIn,
        rubric: Rubric,
        history: list[Session],
        now: Callable[[], dt.datetime],
    ) -> None:
        self.talk = talk
        self.checkin = checkin
        self.rubric = rubric
        self.now = now
        self.last_time = coach.previous_ratings(history, checkin.session)
        self.private = False
        # Rated, and asked for evidence before going on (a person at a terminal only:
        # a script answering line by line cannot know when the question would come).
        self.waiting = False

    # ------------------------------------------------------------------ flow

    def run(self) -> Session | None:
        """The finished session, or None when the user left it for later."""
        try:
            while not self.checkin.done:
                self._question()
            reflection = self._reflection() if self.checkin.session.kind == "weekly" else None
        except _Leave:
            return None
        return self.checkin.finish(self.now(), reflection)

    def answered(self) -> int:
        return sum(1 for a in self.checkin.session.answers if a.question)

    def _question(self) -> None:
        question = self.checkin.current
        assert question is not None
        answer = self.checkin.answer_for(question.id)
        self.private = bool(answer and answer.note and answer.note.private)
        self.waiting = False
        self._show(question)
        position = self.checkin.position
        while self.checkin.position == position and not self.checkin.done:
            line = self.talk.ask().strip()
            if not line and self.waiting:
                self.checkin.advance()
            elif not line:
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
        elif word == "s" and not rest and self.waiting:
            self.checkin.advance()
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
                "p, b or q (? for help)."
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
        if self.talk.interactive and answer.note is None and (rating >= 4 or big_change):
            # High ratings and big jumps ask for evidence, as in the app; a note is enough.
            why = "a big change" if big_change else f"a {rating}"
            self.talk.say(f"That is {why}: add evidence? n and a note adds it; enter goes on.")
            self.waiting = True
            return
        self.checkin.advance()

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
        if self.waiting:
            self.checkin.advance()
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

    def _reflection(self) -> Text | None:
        private = False
        self.talk.say(
            "",
            f"Reflection: {REFLECTION}",
            "One line, or an empty line for none. Start with p and a space to keep it "
            "private; q leaves.",
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
                return None
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
) -> None:
    at = session.finished or session.updated
    answered = sum(1 for a in session.answers if a.question and not a.skipped)
    skipped = sum(1 for a in session.answers if a.question and a.skipped)
    kind = KIND_WORDS.get(session.kind, session.kind)
    lines = ["", f"Done: {kind} saved, {answered} answered, {skipped} skipped."]
    lines.append("Scores (the mean of each question's latest rating in the last 8 weeks):")
    skills = rubric.track_skills(track)
    for item in coach.skill_scores(sessions, rubric, at, [s.id for s in skills]):
        skill = rubric.skill(item.skill)
        title = one_line(skill.title if skill else item.skill)
        words = _change_words(item.change, item.score)
        lines.append(f"  {title}: {words}, target {config.target(item.skill)}")
    found = coach.focus(rubric, track, config, sessions, at)
    if found is not None:
        lines.append(f"Focus: {one_line(found.reason)}")
    talk.say(*lines)


# --------------------------------------------------------------------------- entry


def _plan(rubric: Rubric, track: Track, history: list[Session], session: Session) -> list[Question]:
    if session.kind == "full":
        return list(coach.full_questions(rubric, track))
    others = [s for s in history if s.id != session.id]
    return list(coach.weekly_questions(rubric, track, others, before=session.started))


def run(store: Store, config: Config, talk: Conversation) -> int:
    """The whole plain check-in; the caller holds the folder's lock."""
    rubric = load_rubric(store.root).rubric
    assert rubric is not None  # load_rubric raises when it cannot build one
    zone = clock.zone(config.time_zone)

    def now() -> dt.datetime:
        return clock.now(zone)

    track = rubric.track(config.track) or rubric.tracks[0]
    device = device_name()
    history = store.sessions()
    unfinished = store.in_progress(device)
    if unfinished is not None and unfinished.kind == "manager":
        raise PlainError(
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
        kind = KIND_WORDS.get(unfinished.kind, unfinished.kind)
        started = unfinished.started.astimezone(zone)
        talk.say(
            f"Resuming your unfinished {kind} of {started:%a %d %b %Y %H:%M}: "
            f"{checkin.position} of {checkin.total} answered."
        )
    else:
        questions = coach.weekly_questions(rubric, track, history)
        if not questions:
            raise PlainError(f"the track {track.id!r} has no questions to ask")
        checkin = CheckIn.start(
            kind="weekly",
            config=config,
            rubric=rubric,
            questions=questions,
            device=device,
            now=now(),
            save=store.save_session,
        )
        talk.say(
            f"Weekly check-in: {checkin.total} questions. Every answer is saved as you give it; "
            "q leaves and you can resume later. ? shows the keys."
        )
    plain = PlainCheckIn(talk, checkin, rubric, history, now)
    try:
        finished = plain.run()
    except KeyboardInterrupt:
        talk.say("", _kept(plain))
        return 130
    if finished is None:
        talk.say("", _kept(plain))
        return 0
    results(talk, rubric, track, config, store.sessions(), finished)
    return 0


def _kept(plain: PlainCheckIn) -> str:
    return (
        f"Kept: {plain.answered()} of {plain.checkin.total} answered. "
        "Run pmcoach checkin --plain again to go on."
    )
