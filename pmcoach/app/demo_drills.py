"""The demo's drill attempts: answer-first replies scored by the drill's own rules, and two
working-backwards drafts, a weak one and a better one, saved as the drill saves them.

An answer-first attempt comes in about one week in four; its card is the next one the
drill would show (`attempts.card_order`) among the cards the demo has replies for, and
the reply leads with the answer more often as the years go by, so the progress screen's
drill trend rises. Scores are never made up: each reply is scored as the drill scores it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from typing import TYPE_CHECKING

from pmcoach.app.demo_texts import DRAFTS, DRILL_REPLIES
from pmcoach.domain.model import Event, Rubric
from pmcoach.drills import attempts
from pmcoach.drills.answer_first import answer_first_feedback
from pmcoach.drills.drafts import canonical
from pmcoach.drills.press_release import Draft
from pmcoach.drills.working_backwards import working_backwards_feedback

if TYPE_CHECKING:
    from pmcoach.app.demo_history import Ids

ATTEMPT_SHARE = 0.25
"""How often a week has an answer-first attempt."""
DRAFT_WEEKS_BEFORE_END = (20, 6)
"""When the two drafts are written, in weeks before the demo's end."""


class DrillPractice:
    """Attempts and drafts, week by week, from the demo's second random stream."""

    def __init__(self, rubric: Rubric, weeks: int, rng: random.Random, ids: Ids) -> None:
        self.rubric = rubric
        self.weeks = weeks
        self.rng = rng
        self.ids = ids
        self.cards = [c for c in rubric.drill_cards if c.id in DRILL_REPLIES and not c.retired]
        self.events: list[Event] = []
        self.drafts: list[Draft] = []

    def week(
        self, week: int, monday: dt.date, zone: dt.tzinfo, skill_of_week: float, end: dt.date
    ) -> None:
        """`skill_of_week`, 0 to 1, is how likely a reply leads with the answer."""
        if self.cards and self.rng.random() < ATTEMPT_SHARE:
            at = self._moment(monday, end, zone)
            if at is not None:
                self._answer_first(at, self.rng.random() < skill_of_week)
        before_end = self.weeks - 1 - week
        if before_end in DRAFT_WEEKS_BEFORE_END:
            at = self._moment(monday, end, zone)
            if at is not None:
                self._draft(at, DRAFTS[DRAFT_WEEKS_BEFORE_END.index(before_end)])

    def _moment(self, monday: dt.date, end: dt.date, zone: dt.tzinfo) -> dt.datetime | None:
        day = monday + dt.timedelta(days=self.rng.randrange(1, 5))
        when = dt.time(self.rng.randrange(12, 18), self.rng.randrange(60), self.rng.randrange(60))
        return dt.datetime.combine(day, when, zone) if day <= end else None

    def _answer_first(self, at: dt.datetime, direct: bool) -> None:
        card = attempts.card_order(self.cards, self.events)[0]
        reply = DRILL_REPLIES[card.id][1 if direct else 0]
        feedback = answer_first_feedback(card, reply, self.rubric.word_lists)
        event = attempts.answer_first_event(card, reply, feedback, at, "demo")
        self.events.append(replace(event, id=self.ids.item(attempts.KIND, at)))

    def _draft(self, at: dt.datetime, texts: dict[str, str]) -> None:
        draft = Draft(self.ids.item("draft", at))
        for key, text in texts.items():
            draft = draft.with_text(key, text)
        draft = canonical(draft)
        feedback = working_backwards_feedback(draft, self.rubric.word_lists)
        event = attempts.working_backwards_event(draft, feedback, at, "demo")
        self.events.append(replace(event, id=self.ids.item(attempts.KIND, at)))
        self.drafts.append(draft)
