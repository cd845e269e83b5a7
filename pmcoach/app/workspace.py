"""What the app knows about one data folder, ready for screens to show.

The TUI presents and collects; everything it shows comes from here as plain
values (no Textual), computed by `coach` from what `store` loaded. Keeping this
layer outside the TUI lets the tests check every figure without a terminal.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmcoach.app import snapshot
from pmcoach.app.settings import weekday_name
from pmcoach.app.views import AnswerLine, Overview, Results, SessionRow, SkillRow
from pmcoach.domain import clock
from pmcoach.domain.model import (
    MAX_RATING,
    MIN_RATING,
    Answer,
    Commitment,
    CommitmentOutcome,
    Config,
    Event,
    Exercise,
    Question,
    Rubric,
    Session,
    SessionKind,
    Text,
    Track,
)
from pmcoach.storage.paths import device_name
from pmcoach.storage.store import Lock, Locked, Store, StoreError
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.domain.checkin import CheckIn
    from pmcoach.domain.ledger import Entry, Ledger, Mark
    from pmcoach.domain.steps import Steps
    from pmcoach.drills.drafts import DraftFile
    from pmcoach.drills.press_release import Draft
    from pmcoach.export import ExportData, Period

# The coach, the rubric loader and the check-in flow are imported where they are
# first used: a start that draws the saved overview needs none of them.

STATE_WORDS = {
    "done": "Done",
    "due": "DUE",
    "overdue": "OVERDUE",
    "upcoming": "Upcoming",
    "off": "Week off",
}


# The weeks a first frame without a cache reads: the scores look back 8 weeks and a
# week more for their change, say/do 12 weeks, and its commitments a few before.
RECENT_WEEKS = 16

KIND_WORDS = {
    "weekly": "Weekly check-in",
    "full": "Full assessment",
    "manager": "Manager's ratings",
}
MANAGER_PROMPT = "Your manager's rating of the skill"
UNKNOWN_KIND = "unknown"
# The Answered column of a file in the trash that cannot be read as a session.
UNREADABLE_COUNT = "?"
# The trash has files only: an item's id in its name says what and when ("~2" marks a
# second copy of the same name).
_TRASHED_NAME = re.compile(r"^(?P<id>[^~]+)(?:~\d+)?\Z")


def session_name(session: Session) -> str:
    """Which session, in words a person knows: "Weekly check-in of Mon 16 Nov 2026 09:00"."""
    kind = KIND_WORDS.get(session.kind, session.kind)
    return f"{kind} of {session.started:%a %d %b %Y %H:%M}"


@dataclass(frozen=True)
class ToReview:
    """What the review at the start of a check-in or full assessment goes through."""

    commitments: tuple[Entry, ...]
    exercises: tuple[Exercise, ...]
    # The latest word on each exercise before this review (done on the exercises screen);
    # the review's own outcomes are in its session.
    marks: dict[str, Mark]

    def __bool__(self) -> bool:
        return bool(self.commitments or self.exercises)


class Workspace:
    def __init__(self, root: Path, store: Store, *, take_lock: bool = True) -> None:
        """`take_lock=False` is for a caller that already holds the folder's lock."""
        self.root = root
        self.store = store
        self._rubric: Rubric | None = None
        self._rubric_issues: list[str] = []
        # The dashboard recomputes in a worker thread; everything that reads or
        # writes the store holds this, so the two never interleave.
        self.busy = threading.RLock()
        self.device = device_name()
        self.config: Config | None = store.load_config()
        self.read_only: str | None = None
        self._lock: Lock | None = None
        if take_lock:
            try:
                self._lock = store.lock()
            except Locked as exc:
                self.read_only = f"Read-only: {exc}. Close it to take a check-in here."
            except StoreError as exc:  # a lock that is not a file, in a folder not ours
                self.read_only = f"Read-only: {exc}."

    @classmethod
    def open(cls, root: Path) -> Workspace:
        return cls(root, Store.open(root))

    @property
    def rubric(self) -> Rubric:
        with self.busy:
            if self._rubric is None:
                from pmcoach.rubric.load import load_rubric

                result = load_rubric(self.root)
                assert result.rubric is not None  # load_rubric raises when it cannot build one
                self._rubric = result.rubric
                self._rubric_issues = [str(i) for i in result.issues]
            return self._rubric

    @property
    def rubric_issues(self) -> list[str]:
        self.rubric  # noqa: B018 - loading the rubric is what finds its issues
        return list(self._rubric_issues)

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # ------------------------------------------------------------------ basics

    def default_config(self) -> Config:
        return Config(time_zone=clock.system_zone_name())

    @property
    def zone_name(self) -> str:
        return self.config.time_zone if self.config else "UTC"

    def now(self) -> dt.datetime:
        return clock.now(clock.zone(self.zone_name))

    @property
    def track(self) -> Track:
        track_id = self.config.track if self.config else "new"
        track = self.rubric.track(track_id) or self.rubric.tracks[0]
        return track

    def save_config(self, config: Config) -> None:
        with self.busy:
            self.store.save_config(config)
            self.config = config

    def onboard(self, config: Config) -> None:
        """The first settings, stamped with today's date in their zone: the first
        review is due on the first review day from then on."""
        today = clock.now(clock.zone(config.time_zone)).date()
        self.save_config(replace(config, onboarded=today))

    def save_config_changes(self, before: Config, after: Config) -> Config:
        """Save what the user changed from `before` to `after`, onto the settings as
        they are on disk now: a form open for a while must not undo a change another
        window or a synced machine made meanwhile to a setting it did not touch."""

        def merged(current: Config | None) -> Config:
            if current is None:
                return after
            changes: dict[str, object] = {
                f.name: getattr(after, f.name)
                for f in fields(Config)
                if f.name != "targets" and getattr(after, f.name) != getattr(before, f.name)
            }
            targets = dict(current.targets)
            for skill in before.targets.keys() | after.targets.keys():
                if before.targets.get(skill) != after.targets.get(skill):
                    if skill in after.targets:
                        targets[skill] = after.targets[skill]
                    else:
                        targets.pop(skill, None)
            return replace(current, **changes, targets=targets)  # type: ignore[arg-type]

        with self.busy:
            self.config = self.store.update_config(merged)
            return self.config

    def save_session(self, session: Session) -> None:
        with self.busy:
            self.store.save_session(session)

    def reload(self) -> None:
        with self.busy:
            self.store.refresh()

    def sessions(self) -> list[Session]:
        with self.busy:
            return self.store.sessions()

    def events(self) -> list[Event]:
        with self.busy:
            return self.store.events()

    def session(self, session_id: str) -> Session | None:
        with self.busy:
            return self.store.session(session_id)

    def export_data(self, period: Period, include_private: bool) -> ExportData:
        from pmcoach.export.files import gather

        with self.busy:
            config = self.config or self.default_config()
            return gather(self.store, config, self.rubric, period, include_private, self.now())

    # ------------------------------------------------------------------ check-ins

    def in_progress(self) -> Session | None:
        """The unfinished session of this device to offer for resuming.

        One with nothing in it (left by a version that wrote a session before its
        first answer) is moved to trash/ instead: asking about it on every start
        would only be in the way."""
        from pmcoach.domain.steps import holds_anything

        with self.busy:
            while (session := self.store.in_progress(self.device)) is not None:
                if holds_anything(session) or self.read_only:
                    return session
                self.store.delete_session(session.id)
            return None

    def this_weeks_checkin(self) -> str | None:
        """The id of the check-in that made this week's review done, if one has."""
        from pmcoach.domain import coach

        config = self.config or self.default_config()
        with self.busy:
            sessions, events = self.sessions(), self.store.events()
        return coach.week_status(config, sessions, events, self.now()).checkin

    def leave(self, steps: Steps[Any]) -> bool:
        """A check-in or the manager's ratings left unfinished: kept to resume when it
        holds anything. One left with nothing given is not kept: it never had a file,
        or (only skips) its file goes to trash/. True when kept."""
        from pmcoach.domain.steps import holds_anything

        with self.busy:
            if holds_anything(steps.session):
                self.store.refresh()
                return True
            if steps.written and self.store.session(steps.session.id) is not None:
                self.store.delete_session(steps.session.id)
            self.store.refresh()
            return False

    def plan(self, kind: SessionKind, exclude: str | None = None) -> list[Question]:
        from pmcoach.domain import coach

        history = [s for s in self.sessions() if s.id != exclude]
        if kind == "full":
            return list(coach.full_questions(self.rubric, self.track))
        return list(coach.weekly_questions(self.rubric, self.track, history))

    def start(self, kind: SessionKind) -> CheckIn:
        from pmcoach.domain.checkin import CheckIn

        assert self.config is not None
        return CheckIn.start(
            kind=kind,
            config=self.config,
            rubric=self.rubric,
            questions=self.plan(kind),
            device=self.device,
            now=self.now(),
            save=self.save_session,
        )

    def resume(self, session: Session) -> CheckIn:
        from pmcoach.domain import coach
        from pmcoach.domain.checkin import CheckIn

        track = self.rubric.track(session.track) or self.track
        if session.kind == "full":
            planned = list(coach.full_questions(self.rubric, track))
        else:
            history = [s for s in self.sessions() if s.id != session.id]
            planned = list(coach.weekly_questions(self.rubric, track, history))
        return CheckIn.resume(session, self.rubric, planned, self.save_session)

    def finish(self, checkin: CheckIn, reflection: Text | None = None) -> Session:
        """Close a check-in with one or two exercises for the focus skill it leaves behind.

        The focus is judged with this session's answers included, so the exercises
        aim at what the PM just said, and they are stored in the session itself
        (`[[assigned]]`) so the history shows what was proposed when.
        """
        from pmcoach.domain import coach

        with self.busy:
            now = self.now()
            config = self.config or self.default_config()
            others = [s for s in self.sessions() if s.id != checkin.session.id]
            current = [*others, checkin.session]
            focus = coach.focus(self.rubric, self.track, config, current, now)
            assigned: tuple[str, ...] = ()
            if focus is not None:
                chosen = coach.choose_exercises(self.rubric, self.track, focus.skill, others)
                assigned = tuple(e.id for e in chosen)
            session = checkin.finish(now, reflection, assigned)
            self.store.refresh()
            return session

    def ledger(self) -> Ledger:
        """The one history of commitments and exercises (pmcoach.domain.ledger)."""
        from pmcoach.domain import ledger

        with self.busy:
            return ledger.build(self.sessions(), self.store.events())

    def to_review(self, session: Session) -> ToReview:
        """What a review opening `session` (a weekly check-in or a full assessment)
        offers: every commitment due by then that has no outcome yet, and the
        exercises the last check-in or assessment proposed, with what was already
        said about them (an exercise marked done on the exercises screen shows so)."""
        history = self.ledger()
        with self.busy:
            earlier = [
                s
                for s in self.sessions()
                if s.finished and s.kind != "manager" and s.started < session.started
            ]
        commitments = history.to_review(session)
        if not earlier:
            return ToReview(commitments, (), {})
        last = max(earlier, key=lambda s: (s.started, s.id))
        exercises = tuple(e for e in map(self.rubric.exercise, last.assigned) if e is not None)
        marks = {e.id: m for e in exercises if (m := history.mark(last.id, e.id)) is not None}
        return ToReview(commitments, exercises, marks)

    def evidence_since_last(self, skill: str, session: Session) -> list[str]:
        """Grades and wins logged for a skill since the last check-in, to rate against.

        Evidence captured right after the meeting is more honest than memory, so
        the question screen puts it beside the rating it informs.
        """
        with self.busy:
            earlier = [
                s.started
                for s in self.sessions()
                if s.finished and s.kind != "manager" and s.started < session.started
            ]
            events = self.store.events()
        since = max(earlier, default=None)
        lines = []
        for event in events:
            if event.skill != skill or event.kind not in ("grade", "win"):
                continue
            if since is not None and event.at < since:
                continue
            text = one_line(event.text.text, 60) if event.text else ""
            if event.kind == "grade":
                lines.append(f"graded {event.data.get('rating', '?')}: {text}")
            else:
                lines.append(f"win: {text}")
        return lines[-3:]

    def new_commitment(self, text: str, to: str, due: dt.date, private: bool) -> Commitment:
        """Refuses what could not be kept honestly: no text, or a date already past."""
        from pmcoach.storage.codec import new_id

        if not text.strip():
            raise ValueError("Say what you commit to.")
        if due < self.now().date():
            raise ValueError(f"{due:%a %d %b} is in the past; pick today or later.")
        suffix = new_id("c", self.now().astimezone(dt.UTC)).rsplit("-", 1)[-1]
        return Commitment(
            id=f"c-{suffix}", text=text.strip(), to=to.strip(), due=due, private=private
        )

    def _commitment_event(
        self, kind: str, entry: Entry, text: Text | None, **data: object
    ) -> Event:
        from pmcoach.storage.codec import new_id

        now = self.now()
        event = Event(
            id=new_id(kind, now.astimezone(dt.UTC)),
            kind=kind,
            at=now.replace(microsecond=0),
            device=self.device,
            text=text,
            data={"commitment": entry.id, **{k: v for k, v in data.items() if v is not None}},
        )
        with self.busy:
            self.store.save_event(event)
            self.store.refresh()
        return event

    def edit_commitment(self, entry: Entry, text: str, to: str, due: dt.date) -> Event | None:
        """Record an edit (only what changed) as an event; the session that made the
        commitment is never rewritten, so the history keeps what was first promised.
        None when nothing changed."""
        from pmcoach.domain.model import COMMITMENT_EDIT

        text, to = text.strip(), to.strip()
        if not text:
            raise ValueError("Say what you commit to.")
        if due != entry.due and due < self.now().date():
            raise ValueError(f"{due:%a %d %b} is in the past; pick today or later.")
        private = entry.private
        changes: dict[str, object] = {}
        if to != entry.to:
            changes["to"] = {"text": to, "private": private}
        if due != entry.due:
            changes["due"] = due
        new_text = Text(text, private) if text != entry.text else None
        if new_text is None and not changes:
            return None
        return self._commitment_event(COMMITMENT_EDIT, entry, new_text, **changes)

    def withdraw_commitment(self, entry: Entry, reason: str = "") -> Event:
        """Withdrawn: kept in the history, out of say/do and of every review."""
        from pmcoach.domain.model import COMMITMENT_WITHDRAWN

        note = Text(reason.strip(), entry.private) if reason.strip() else None
        return self._commitment_event(COMMITMENT_WITHDRAWN, entry, note)

    def commitment_outcome(
        self, entry: Entry, outcome: CommitmentOutcome, due: dt.date | None = None
    ) -> Event:
        """An outcome given outside a check-in (from the commitments list)."""
        from pmcoach.domain.model import COMMITMENT_REVIEW

        if outcome == "renegotiated":
            due = self.check_new_date(due)
        return self._commitment_event(COMMITMENT_REVIEW, entry, None, outcome=outcome, due=due)

    def check_new_date(self, due: dt.date | None) -> dt.date:
        """A renegotiation's new date: given, and not in the past."""
        if due is None:
            raise ValueError("Renegotiating means agreeing a new date: give it.")
        if due < self.now().date():
            raise ValueError(f"{due:%a %d %b} is in the past; pick today or later.")
        return due

    def next_review_date(self) -> dt.date:
        config = self.config or self.default_config()
        today = self.now().date()
        ahead = (config.review_day - today.weekday()) % 7 or 7
        return today + dt.timedelta(days=ahead)

    def this_weeks_exercises(self) -> tuple[Session | None, list[Exercise]]:
        """The exercises proposed by the latest finished check-in, with that session."""
        finished = [s for s in self.sessions() if s.finished and s.kind != "manager"]
        if not finished:
            return None, []
        latest = max(finished, key=lambda s: (s.started, s.id))
        found = [self.rubric.exercise(e) for e in latest.assigned]
        return latest, [e for e in found if e is not None]

    def exercises_done(self) -> list[Mark]:
        """Exercises done or partly done, newest first, wherever they were marked."""
        return list(self.ledger().done())

    def mark_exercise_done(self, exercise: Exercise, reflection: Text | None) -> Event:
        from pmcoach.storage.codec import new_id

        now = self.now()
        event = Event(
            id=new_id("exercise-done", now.astimezone(dt.UTC)),
            kind="exercise-done",
            at=now.replace(microsecond=0),
            device=self.device,
            skill=exercise.skills[0],
            text=reflection,
            data={"exercise": exercise.id},
        )
        with self.busy:
            self.store.save_event(event)
        return event

    # ------------------------------------------------------------------ drills

    def drill_events(self) -> list[Event]:
        """Drill attempts, oldest first (pmcoach.drills.attempts reads them)."""
        with self.busy:
            return [e for e in self.store.events() if e.kind == "drill"]

    def save_drill_event(self, event: Event) -> None:
        with self.busy:
            self.store.save_event(event)

    def drafts(self) -> list[DraftFile]:
        from pmcoach.drills import drafts

        with self.busy:
            return drafts.load_all(self.root)

    def save_draft(self, draft: Draft) -> Path:
        from pmcoach.drills import drafts

        with self.busy:
            return drafts.save(self.root, draft)

    def discard(self, session: Session) -> None:
        with self.busy:
            self.store.delete_session(session.id)

    def previous_rating(self, question_id: str, before: Session) -> int | None:
        from pmcoach.domain import coach

        return coach.previous_rating(self.sessions(), question_id, before)

    # ------------------------------------------------------------------ views

    def _rows(
        self, at: dt.datetime, sessions: list[Session], track: Track | None = None
    ) -> tuple[SkillRow, ...]:
        from pmcoach.domain import coach

        config = self.config or self.default_config()
        track = track or self.track
        focus = coach.focus(self.rubric, track, config, sessions, at)
        skills = self.rubric.track_skills(track)
        scores = coach.skill_scores(sessions, self.rubric, at, [s.id for s in skills])
        by_skill = {item.skill: item for item in scores}
        rows = []
        for skill in skills:
            item = by_skill.get(skill.id)
            rows.append(
                SkillRow(
                    skill=skill.id,
                    title=skill.title,
                    score=item.score if item else None,
                    change=item.change if item else None,
                    target=config.target(skill.id),
                    focus=focus is not None and focus.skill == skill.id,
                )
            )
        return tuple(rows)

    def _focus_text(
        self, at: dt.datetime, sessions: list[Session], track: Track | None = None
    ) -> str:
        from pmcoach.domain import coach

        config = self.config or self.default_config()
        focus = coach.focus(self.rubric, track or self.track, config, sessions, at)
        if focus is None:
            return "Focus: none yet. It is chosen after your first check-in."
        return f"◆ Focus: {one_line(focus.reason, 300)}"

    def saved_overview(self) -> Overview | None:
        """The dashboard as last computed, if nothing in the folder changed since."""
        return snapshot.load(self.store.cache_dir, self.root, self.now().date().isoformat())

    def overview(self) -> Overview:
        """The dashboard computed from every file; saved for the next start."""
        with self.busy:
            # Taken before the files are read again: a change made meanwhile is a miss
            # next time, never a stale first frame. The settings are the ones read at
            # the start; the view is saved only while config.toml is still that file.
            taken = snapshot.fingerprint(self.root, self.now().date().isoformat(), saving=True)
            self.store.refresh()
            view = self._overview()
            if self.store.config_current():
                snapshot.save(self.store.cache_dir, taken, view, self.zone_name)
            return view

    def recent_overview(self) -> Overview:
        """The dashboard from the files of the last weeks alone, for a first frame
        that has no saved overview; `overview()` follows with everything."""
        with self.busy:
            if self.store.loaded:
                return self._overview()
            now = self.now()
            since = now - dt.timedelta(weeks=RECENT_WEEKS)
            sessions, events = self.store.recent(since)
            return self._overview_of(now, sessions, events, [], known_from=since)

    def _overview(self) -> Overview:
        problems = [f"{p.path}: {p.reason}" for p in self.store.problems]
        return self._overview_of(self.now(), self.sessions(), self.store.events(), problems)

    def _overview_of(
        self,
        now: dt.datetime,
        sessions: list[Session],
        events: list[Event],
        problems: list[str],
        known_from: dt.datetime | None = None,
    ) -> Overview:
        from pmcoach.domain import coach

        config = self.config or self.default_config()
        status = coach.week_status(config, sessions, events, now, known_from=known_from)
        review = f"{weekday_name(config.review_day)} {config.review_time:%H:%M}"
        word = STATE_WORDS.get(status.state, status.state)
        week = f"{now.isocalendar().year}-W{now.isocalendar().week:02d}"
        streak = f"{status.streak}+" if status.open_ended else str(status.streak)
        status_text = f"Week {week} · review {word} ({review}) · streak {streak}"
        if status.state == "done":
            status_text = f"Week {week} · ✓ review done · streak {streak}"
        from pmcoach.domain import ledger

        history = ledger.build(sessions, events)
        said = coach.say_do(history, clock.zone(config.time_zone), now)
        if said.ratio is not None:
            status_text += f" · say/do {figures.ratio(said.ratio)} (12 weeks)"
        return Overview(
            track_title=one_line(self.track.title, 30),
            state=status.state,
            status_text=status_text,
            streak=status.streak,
            rows=self._rows(now, sessions),
            focus_text=self._focus_text(now, sessions),
            has_history=any(s.finished for s in sessions),
            problems=tuple(problems + self.rubric_issues),
            this_week=self._this_week(sessions, history, now),
            theme=config.theme,
        )

    def _this_week(
        self, sessions: list[Session], history: Ledger, now: dt.datetime
    ) -> tuple[str, ...]:
        """What the last check-in set for this week, its exercises done or not, and every
        commitment still open, soonest due first: Monday starts from what was promised."""
        finished = [s for s in sessions if s.finished and s.kind != "manager"]
        lines = []
        heading = "Open commitments:"
        if finished:
            latest = max(finished, key=lambda s: (s.started, s.id))
            for exercise_id in latest.assigned:
                exercise = self.rubric.exercise(exercise_id)
                if exercise is None:
                    continue
                mark = history.mark(latest.id, exercise_id)
                said = mark.outcome if mark is not None else "not"
                state = {"done": "done", "partly": "partly done"}.get(said, "to do")
                sign = "✓" if said == "done" else "○"
                lines.append(f"{sign} Exercise: {one_line(exercise.title, 48)} · {state}")
            day = latest.started
            heading = f"From the check-in of {day:%a} {day.day} {day:%b}:"
        today = now.date()
        for entry in sorted(history.open(), key=lambda e: (e.due, e.id)):
            to = f" → {one_line(entry.to, 18)}" if entry.to.strip() else ""
            late = " (overdue)" if entry.due < today else ""
            lines.append(f"○ {one_line(entry.text, 40)}{to} · due {entry.due:%a %d %b}{late}")
        if not lines:
            return ()
        return (heading, *lines)

    def session_track(self, session: Session) -> Track:
        """The track a session was taken on, so an old session shows its own skills; the
        current track when the rubric no longer has it."""
        return self.rubric.track(session.track) or self.track

    def results(self, session: Session) -> Results:
        sessions = self.sessions()
        at = session.finished or session.updated
        track = self.session_track(session)
        answers = []
        for answer in session.answers:
            if session.kind == "manager" and answer.skill is not None:
                rated = self.rubric.skill(answer.skill)
                answers.append(
                    AnswerLine(
                        question_id=answer.skill,
                        skill_title=rated.title if rated else answer.skill,
                        prompt=MANAGER_PROMPT,
                        rating_text=_rating_text(answer),
                        note_text=_note_text(answer.note),
                    )
                )
                continue
            if answer.question is None:
                continue
            question = self.rubric.question(answer.question)
            skill = self.rubric.skill(question.skill) if question else None
            answers.append(
                AnswerLine(
                    question_id=answer.question,
                    skill_title=skill.title if skill else "",
                    prompt=question.prompt if question else answer.question,
                    rating_text=_rating_text(answer),
                    note_text=_note_text(answer.note),
                )
            )
        exercises = [self.rubric.exercise(e) for e in session.assigned]
        return Results(
            exercises=tuple(e.title for e in exercises if e is not None),
            title=KIND_WORDS.get(session.kind, session.kind),
            rows=self._rows(at, sessions, track),
            focus_text=self._focus_text(at, sessions, track),
            answers=tuple(answers),
        )

    def correct(self, session: Session, question_id: str, value: int) -> tuple[Session, str]:
        """A past answer set to `value`; for a manager's session `question_id` is the
        skill rated. Saved at once; returns the session and what changed, in words."""
        from pmcoach.domain.checkin import correct_answer

        if session.kind == "manager":
            return self._correct_manager(session, question_id, value)
        question = self.rubric.question(question_id)
        if question is None:
            raise ValueError("That question is no longer in the rubric; it cannot be corrected.")
        if question.kind == "frequency":
            if question.out_of is None or not 0 <= value <= question.out_of:
                raise ValueError(f"Give a count from 0 to {question.out_of}.")
        elif not 1 <= value <= 5:
            raise ValueError("Give a rating from 1 to 5.")
        before = next((a for a in session.answers if a.question == question_id), None)
        fixed = correct_answer(session, question, value, self.now())
        self.save_session(fixed)
        self.reload()
        was = (
            "skipped"
            if before is None or before.skipped
            else str(before.count if question.kind == "frequency" else before.rating)
        )
        return fixed, f"Corrected: was {was}, now {value}."

    def _correct_manager(self, session: Session, skill: str, value: int) -> tuple[Session, str]:
        from pmcoach.domain.manager import correct_rating

        if not MIN_RATING <= value <= MAX_RATING:
            raise ValueError(f"Give a rating from {MIN_RATING} to {MAX_RATING}.")
        before = next((a for a in session.answers if a.skill == skill), None)
        if before is None:
            raise ValueError("That skill has no rating in this session.")
        fixed = correct_rating(session, skill, value, self.now())
        self.save_session(fixed)
        self.reload()
        was = "skipped" if before.skipped or before.rating is None else str(before.rating)
        return fixed, f"Corrected: was {was}, now {value}."

    def delete(self, session: Session) -> None:
        with self.busy:
            self.store.delete_session(session.id)
            self.store.refresh()

    def session_rows(self) -> list[SessionRow]:
        rows = []
        for session in sorted(self.sessions(), key=lambda s: s.started, reverse=True):
            rows.append(
                SessionRow(
                    key=session.id,
                    date=f"{session.started:%Y-%m-%d %H:%M}",
                    kind=KIND_WORDS.get(session.kind, session.kind),
                    answered=str(answered_count(session)),
                    state="finished" if session.finished else "in progress",
                )
            )
        return rows

    def trashed_sessions(self) -> list[SessionRow]:
        """Sessions in the trash, newest first, with kind and date read from the file
        name (a name that is not an id is shown as it is) and the answers counted as
        the live list counts them. The trash may hold anything: each file is read the
        way the store reads a session, and one that cannot be read counts as `?`."""
        from pmcoach.storage.codec import ID_PATTERN

        zone = clock.zone(self.zone_name)
        found: list[tuple[str, SessionRow]] = []
        for path in self.store.trashed():
            if "sessions" not in path.parts:
                continue
            name = _TRASHED_NAME.match(path.stem)
            item_id = name["id"] if name else path.stem
            match = ID_PATTERN.match(item_id)
            if match is None:
                date, kind = one_line(path.name, 40), UNKNOWN_KIND
            else:
                moment = dt.datetime.strptime(item_id[:16], "%Y%m%dT%H%M%SZ")
                local = moment.replace(tzinfo=dt.UTC).astimezone(zone)
                date = f"{local:%Y-%m-%d %H:%M}"
                kind = KIND_WORDS.get(match[2], one_line(match[2], 20))
            answered = _trashed_answers(path)
            row = SessionRow(
                key=str(path), date=date, kind=kind, answered=answered, state="in trash"
            )
            found.append((item_id, row))
        found.sort(key=lambda pair: pair[0], reverse=True)
        return [row for _, row in found]

    def session_label(self, key: str) -> str | None:
        """How the session list names a session to a person (for a question about it)."""
        session = self.session(key)
        return None if session is None else session_name(session)

    def restore(self, key: str) -> None:
        with self.busy:
            self.store.restore(Path(key))
            self.store.refresh()


def answered_count(session: Session) -> int:
    """The answers a session holds that were not skipped: the session list's Answered."""
    return sum(1 for a in session.answers if not a.skipped)


def _trashed_answers(path: Path) -> str:
    """A trashed session's answered count, or `?` when its file is not a session the
    store could read (a link, a FIFO, too big, not TOML, not a session)."""
    from pmcoach.cache import documents
    from pmcoach.storage import codec

    try:
        doc, _key = documents.read_document(path)
        return str(answered_count(codec.decode_session(doc)))
    except codec.SchemaError:
        return UNREADABLE_COUNT


def _rating_text(answer: Answer) -> str:
    if answer.skipped:
        return "skipped"
    if answer.count is not None and answer.out_of is not None:
        return f"{answer.count}/{answer.out_of} → {answer.rating}"
    return str(answer.rating) if answer.rating is not None else "–"


def _note_text(note: Text | None) -> str:
    if note is None:
        return ""
    return ("(private) " if note.private else "") + one_line(note.text, 30)
