"""One data folder, open: its lock, settings, rubric, and the life of a check-in.

The TUI and the plain check-in present and collect; the rules live in the domain and
the files in storage. What screens show is built from a workspace by `app.present`,
and what is recorded outside a check-in by `app.records`, so this class stays the one
place that opens, reads and writes the folder.

A workspace belongs to the app's thread and takes no lock, so a key never waits for work
in the background: that work reads through a `reader`, a copy with a store of its own,
and the app takes what it read with `adopt` (see `Store.fork`).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import fields, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pmcoach.cache.opener import open_store
from pmcoach.domain import clock
from pmcoach.domain.model import (
    Config,
    Event,
    Question,
    Rubric,
    Session,
    SessionKind,
    Text,
    Track,
)
from pmcoach.storage.errors import Locked, StoreError
from pmcoach.storage.lock import Lock
from pmcoach.storage.paths import device_name
from pmcoach.storage.store import Store

if TYPE_CHECKING:
    from pmcoach.domain.checkin import CheckIn
    from pmcoach.domain.ledger import Ledger
    from pmcoach.domain.manager import ManagerRatings
    from pmcoach.domain.steps import Steps
    from pmcoach.drills.drafts import DraftFile
    from pmcoach.drills.press_release import Draft
    from pmcoach.export import ExportData, Period

# The coach, the rubric loader and the check-in flow are imported where they are
# first used: a start that draws the saved overview needs none of them.


class Workspace:
    def __init__(self, root: Path, store: Store, *, take_lock: bool = True) -> None:
        """`take_lock=False` is for a caller that already holds the folder's lock."""
        self.root = root
        self.store = store
        # The rubric, the issues found loading it, and what the user's rubric files were
        # when it was read (`rubric_current`), once loaded.
        self._rubric: tuple[Rubric, list[str], tuple[str, dict[str, str]]] | None = None
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
        return cls(root, open_store(root))

    @property
    def rubric(self) -> Rubric:
        return self._loaded_rubric()[0]

    @property
    def rubric_issues(self) -> list[str]:
        return list(self._loaded_rubric()[1])

    def _loaded_rubric(self) -> tuple[Rubric, list[str], tuple[str, dict[str, str]]]:
        if self._rubric is None:
            from pmcoach.cache import answers
            from pmcoach.rubric.load import load_rubric

            # Taken before the files are read: a change made meanwhile is a change.
            files = answers.inputs_now(self.root, answers.USER_RUBRICS)
            result = load_rubric(self.root)
            assert result.rubric is not None  # load_rubric raises when it cannot build one
            self._rubric = (result.rubric, [str(i) for i in result.issues], files)
        return self._rubric

    def rubric_current(self) -> bool:
        """The user's rubric files are the ones the rubric held here was read from: an
        answer computed from it may be saved under the fingerprint of the files now."""
        from pmcoach.cache import answers

        loaded = self._rubric
        return loaded is None or answers.inputs_now(self.root, answers.USER_RUBRICS) == loaded[2]

    def reader(self) -> Workspace:
        """A copy to read and compute from in another thread: the same folder, settings
        and rubric (frozen, shared), with a fork of the store, and never the lock. The
        app's thread goes on reading and writing through this workspace meanwhile."""
        reader = copy.copy(self)
        reader.store = self.store.fork()
        reader._lock = None
        return reader

    def adopt(self, reader: Workspace) -> bool:
        """Take what `reader` read in the background if it is `current` (`Store.adopt`),
        and its rubric if this one has none yet; `reader` is not used after. True when
        its reading was current, and is now what this workspace holds."""
        if self._rubric is None:
            self._rubric = reader._rubric
        return self.current(reader) and self.store.adopt(reader.store)

    def current(self, reader: Workspace) -> bool:
        """What `reader` read is what this workspace holds: nothing changed here since."""
        return reader.store.forked_at == self.store.version and reader.config == self.config

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

    @property
    def zone(self) -> ZoneInfo:
        """The settings' time zone, UTC before there are settings."""
        return clock.zone(self.zone_name)

    def now(self) -> dt.datetime:
        return clock.now(self.zone)

    @property
    def track(self) -> Track:
        track_id = self.config.track if self.config else "new"
        track = self.rubric.track(track_id) or self.rubric.tracks[0]
        return track

    def save_config(self, config: Config) -> None:
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

        self.config = self.store.update_config(merged)
        return self.config

    def save_session(self, session: Session) -> None:
        self.store.save_session(session)

    def add_session(self, session: Session) -> Session:
        """A new session's first save, in a file of its own; the session as saved."""
        return self.store.add_session(session)[0]

    def reload(self) -> None:
        self.store.refresh()

    def sessions(self) -> list[Session]:
        return self.store.sessions()

    def events(self) -> list[Event]:
        return self.store.events()

    def session(self, session_id: str) -> Session | None:
        return self.store.session(session_id)

    def export_data(self, period: Period, include_private: bool) -> ExportData:
        from pmcoach.export.files import gather

        config = self.config or self.default_config()
        return gather(self.store, config, self.rubric, period, include_private, self.now())

    # ------------------------------------------------------------------ check-ins

    def in_progress(self) -> Session | None:
        """The unfinished session of this device to offer for resuming.

        One with nothing in it (left by a version that wrote a session before its
        first answer) is moved to trash/ instead: asking about it on every start
        would only be in the way."""
        from pmcoach.domain.steps import holds_anything

        while (session := self.store.in_progress(self.device)) is not None:
            if holds_anything(session) or self.read_only:
                return session
            self.store.delete_session(session.id)
        return None

    def this_weeks_checkin(self) -> str | None:
        """The id of the check-in that made this week's review done, if one has."""
        from pmcoach.domain import streak

        config = self.config or self.default_config()
        sessions, events = self.sessions(), self.store.events()
        return streak.week_status(config, sessions, events, self.now()).checkin

    def leave(self, steps: Steps[Any]) -> bool:
        """A check-in or the manager's ratings left unfinished: kept to resume when it
        holds anything. One left with nothing given is not kept: it never had a file,
        or (only skips) its file goes to trash/. True when kept."""
        from pmcoach.domain.steps import holds_anything

        if holds_anything(steps.session):
            self.store.refresh()
            return True
        if steps.written and self.store.session(steps.session.id) is not None:
            self.store.delete_session(steps.session.id)
        self.store.refresh()
        return False

    def plan(self, kind: SessionKind, exclude: str | None = None) -> list[Question]:
        from pmcoach.domain import rotation

        history = [s for s in self.sessions() if s.id != exclude]
        if kind == "full":
            return list(rotation.full_questions(self.rubric, self.track))
        return list(rotation.weekly_questions(self.rubric, self.track, history))

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
            create=self.add_session,
        )

    def resume(self, session: Session) -> CheckIn:
        from pmcoach.domain import rotation
        from pmcoach.domain.checkin import CheckIn

        track = self.rubric.track(session.track) or self.track
        if session.kind == "full":
            planned = list(rotation.full_questions(self.rubric, track))
        else:
            history = [s for s in self.sessions() if s.id != session.id]
            planned = list(rotation.weekly_questions(self.rubric, track, history))
        return CheckIn.resume(session, self.rubric, planned, self.save_session)

    def finish(self, checkin: CheckIn, reflection: Text | None = None) -> Session:
        """Close a check-in with one or two exercises for the focus skill it leaves behind.

        The focus is judged with this session's answers included, so the exercises
        aim at what the PM just said, and they are stored in the session itself
        (`[[assigned]]`) so the history shows what was proposed when.
        """
        from pmcoach.domain import exercises, scores

        now = self.now()
        config = self.config or self.default_config()
        others = [s for s in self.sessions() if s.id != checkin.session.id]
        current = [*others, checkin.session]
        focus = scores.focus(self.rubric, self.track, config, current, now)
        assigned: tuple[str, ...] = ()
        if focus is not None:
            chosen = exercises.choose_exercises(self.rubric, self.track, focus.skill, others)
            assigned = tuple(e.id for e in chosen)
        session = checkin.finish(now, reflection, assigned)
        self.store.refresh()
        return session

    def manager_ratings(
        self, session: Session | None = None
    ) -> tuple[ManagerRatings, Session | None]:
        """The manager's ratings to take: `session` when one was opened from the list,
        else this device's unfinished one, else new ones on the current track (saved at
        the first rating). The second value is the unfinished session resumed unasked,
        so the screen can say so."""
        from pmcoach.domain import manager
        from pmcoach.domain.manager import ManagerRatings

        track = (self.rubric.track(session.track) if session else None) or self.track
        resumed = None if session else manager.in_progress(self.sessions(), self.device)
        found = session or resumed
        if found is None:
            return ManagerRatings.start(
                rubric=self.rubric,
                track=track,
                device=self.device,
                now=self.now(),
                save=self.save_session,
                create=self.add_session,
            ), None
        return ManagerRatings.resume(found, self.rubric, track, self.save_session), resumed

    def ledger(self) -> Ledger:
        """The one history of commitments and exercises (pmcoach.domain.ledger)."""
        from pmcoach.domain import ledger

        return ledger.build(self.sessions(), self.store.events(), self.rubric.exercises)

    # ------------------------------------------------------------------ drills

    def drill_events(self) -> list[Event]:
        """Drill attempts, oldest first (pmcoach.drills.attempts reads them)."""
        return [e for e in self.store.events() if e.kind == "drill"]

    def save_drill_event(self, event: Event) -> Event:
        """A new attempt in a file of its own; the event as saved (its id may be new)."""
        return self.store.add_event(event)[0]

    def drafts(self) -> list[DraftFile]:
        from pmcoach.drills import drafts

        return drafts.load_all(self.root)

    def save_draft(self, draft: Draft) -> Path:
        """A draft that has its file (`add_draft` wrote it first): the file replaced."""
        from pmcoach.drills import drafts

        return drafts.save(self.root, draft)

    def add_draft(self, draft: Draft) -> Draft:
        """A new draft's first save, in a file of its own; the draft as saved (its id
        may be new), which every later save must use."""
        from pmcoach.drills import drafts

        return drafts.create(self.root, draft)[0]

    def discard(self, session: Session) -> None:
        self.store.delete_session(session.id)

    def previous_rating(self, question_id: str, before: Session) -> Fraction | None:
        from pmcoach.domain import ratings

        return ratings.previous_rating(self.sessions(), question_id, before)

    def session_track(self, session: Session) -> Track:
        """The track a session was taken on, so an old session shows its own skills; the
        current track when the rubric no longer has it."""
        return self.rubric.track(session.track) or self.track

    def delete(self, session: Session) -> None:
        self.store.delete_session(session.id)
        self.store.refresh()

    def restore(self, key: str) -> None:
        self.store.restore(Path(key))
        self.store.refresh()
