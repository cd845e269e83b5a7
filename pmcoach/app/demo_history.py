"""The pieces every part of a demo shares: its ids, the self sessions so far as the
coach's rules read them, and how a trend ramps up over the weeks."""

from __future__ import annotations

import datetime as dt
import random

from pmcoach.domain import rotation
from pmcoach.domain.model import Rubric, Session, Track

RECENT = dt.timedelta(weeks=13)
"""Sessions older than this cannot change a focus: scores look back 8 weeks, and the
4-week decline 8 weeks from 4 weeks ago, so the focus of a week is judged on the
last quarter only."""


class Ids:
    """Ids from the seeded stream instead of `secrets`, so two runs write the same names.

    The 4-hex end is drawn again on a clash, which ten years of commitments would
    otherwise hit (a few hundred draws from 65,536).
    """

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def _draw(self, prefix: str) -> str:
        while True:
            made = f"{prefix}-{self._rng.getrandbits(16):04x}"
            if made not in self._used:
                self._used.add(made)
                return made

    def item(self, kind: str, at: dt.datetime) -> str:
        return self._draw(f"{at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{kind}")

    def commitment(self) -> str:
        return self._draw("c")


class SelfHistory:
    """The self sessions so far, and for each rule of the coach the smallest part of them
    that it decides exactly the same on.

    Handing every rule the whole history makes ten years of weeks quadratic; these
    parts keep `pmcoach demo --weeks 520` quick while the choices stay those of the app.
    """

    def __init__(self, rubric: Rubric, track: Track) -> None:
        self.sessions: list[Session] = []
        self._questions = {q.id for q in rotation.full_questions(rubric, track)}
        self._asked: dict[str, int] = {}  # question -> index of the session that last rated it
        self._assigned: dict[str, Session] = {}  # exercise -> the session that last proposed it

    def add(self, session: Session) -> None:
        index = len(self.sessions)
        self.sessions.append(session)
        for answer in session.answers:
            question = answer.question
            if question in self._questions and answer.rating is not None and not answer.skipped:
                self._asked[question] = index
        for exercise in session.assigned:
            self._assigned[exercise] = session

    def for_rotation(self) -> list[Session]:
        """From the check-in where the longest-unasked question was last rated: the rotation
        counts check-ins between a question's last rating and now, which dropping the
        older check-ins does not change. While a question has never been rated, its
        deadline counts from the very first check-in, so all of them are needed."""
        if len(self._asked) < len(self._questions):
            return self.sessions
        return self.sessions[min(self._asked.values()) :]

    def for_focus(self, at: dt.datetime) -> list[Session]:
        cutoff = at - RECENT
        recent = []
        for session in reversed(self.sessions):
            if session.started <= cutoff:
                break
            recent.append(session)
        return recent[::-1]

    def for_exercises(self) -> list[Session]:
        """Only the latest proposal of each exercise counts for "least recently assigned"."""
        return list({s.id: s for s in self._assigned.values()}.values())


def ramp(week: int, weeks: int, span: int) -> float:
    """0 at the start, 1 after `span` weeks (or at the end of a shorter history)."""
    return min(1.0, week / max(1, min(weeks - 1, span)))
