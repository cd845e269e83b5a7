"""Drill attempts as events, which card comes next, and how the scores move.

An attempt is one `drill` event (docs/data-format.md): `drill` names the drill,
`score` is its 0–100 score, `failed` the rules it did not pass (left out when
none). The answer-first drill adds `card` and keeps the reply as the event's
`text`; the working-backwards drill adds `draft`, the file's path in the data
folder, since the Markdown file itself holds the writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmcoach.domain.ids import new_id
from pmcoach.domain.model import (
    ANSWER_FIRST,
    DRILL_ATTEMPT,
    DRILL_KINDS,
    WORKING_BACKWARDS,
    DrillCard,
    Event,
    Text,
)
from pmcoach.text.figures import NO_VALUE

if TYPE_CHECKING:
    # The progress screen sums attempts up with this module; the rules and the
    # drafts' files (and their patterns, compiled on import) are not needed for that.
    from pmcoach.drills.feedback import DraftFeedback, Feedback
    from pmcoach.drills.press_release import Draft

KIND = DRILL_ATTEMPT
DRILLS = DRILL_KINDS
TREND_WINDOW = 5
SPARK_POINTS = 12
_SPARKS = "▁▂▃▄▅▆▇█"


class AttemptError(ValueError):
    """An attempt that cannot be saved; the message is one line for people."""


def _event(
    now: dt.datetime, device: str, skill: str, data: dict[str, object], text: Text | None
) -> Event:
    at = now.replace(microsecond=0)
    return Event(
        id=new_id(KIND, at.astimezone(dt.UTC)),
        kind=KIND,
        at=at,
        device=device,
        skill=skill,
        text=text,
        data=data,
    )


def _verdict(score: int, failed: Sequence[str]) -> dict[str, object]:
    data: dict[str, object] = {"score": score}
    if failed:
        data["failed"] = list(failed)
    return data


def answer_first_event(
    card: DrillCard,
    reply: str,
    feedback: Feedback,
    now: dt.datetime,
    device: str,
    private: bool = False,
) -> Event:
    """The attempt as an event; refused when the reply could not be checked or saved."""
    if not feedback.checked:
        raise AttemptError(feedback.problem or "the reply could not be checked")
    text = reply.strip()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise AttemptError("the reply contains a character that cannot be saved") from None
    data = {"drill": ANSWER_FIRST, "card": card.id, **_verdict(feedback.score, feedback.failed)}
    return _event(now, device, card.skill, data, Text(text, private))


def working_backwards_event(
    draft: Draft, feedback: DraftFeedback, now: dt.datetime, device: str
) -> Event:
    from pmcoach.drills.drafts import relative_path

    if not feedback.checked:
        raise AttemptError(feedback.problem or "the draft could not be checked")
    failed = [r.name for r in feedback.rules if not r.passed]
    data = {
        "drill": WORKING_BACKWARDS,
        "draft": relative_path(draft.id),
        **_verdict(feedback.score, failed),
    }
    return _event(now, device, WORKING_BACKWARDS, data, None)


def attempts(events: Iterable[Event], drill: str) -> list[Event]:
    """One drill's attempts, oldest first."""
    found = [e for e in events if e.kind == KIND and e.data.get("drill") == drill]
    return sorted(found, key=lambda e: (e.at, e.id))


def score_of(event: Event) -> int | None:
    """The score an event records, or None when it is missing or out of range
    (a file edited by hand is read, not trusted)."""
    value = event.data.get("score")
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        return None
    return value


# --------------------------------------------------------------------------- cards


def card_order(cards: Sequence[DrillCard], events: Iterable[Event]) -> list[DrillCard]:
    """Active cards, never-practised first (rubric order), then the one practised
    longest ago: every card comes round before any comes back."""
    last: dict[str, tuple[dt.datetime, str]] = {}
    for event in attempts(events, ANSWER_FIRST):
        card = event.data.get("card")
        if isinstance(card, str):
            last[card] = max(last.get(card, (event.at, event.id)), (event.at, event.id))
    active = [c for c in cards if not c.retired]
    never = [c for c in active if c.id not in last]
    seen = sorted((c for c in active if c.id in last), key=lambda c: last[c.id])
    return never + seen


# --------------------------------------------------------------------------- trend


@dataclass(frozen=True)
class Trend:
    """How a drill's scores move over attempts.

    `change` compares the mean of the latest `window` attempts with the mean of
    the `window` before them; `window` is half the attempts, at most 5, so two
    attempts already compare the latest with the one before.
    """

    scores: tuple[int, ...]  # oldest first

    @property
    def count(self) -> int:
        return len(self.scores)

    @property
    def latest(self) -> int | None:
        return self.scores[-1] if self.scores else None

    @property
    def window(self) -> int:
        return min(TREND_WINDOW, self.count // 2)

    @property
    def recent_mean(self) -> float | None:
        recent = self.scores[-TREND_WINDOW:]
        return sum(recent) / len(recent) if recent else None

    @property
    def change(self) -> float | None:
        size = self.window
        if size == 0:
            return None
        latest = self.scores[-size:]
        before = self.scores[-2 * size : -size]
        return sum(latest) / size - sum(before) / size

    def sparkline(self) -> str:
        """The last 12 scores, one block each, taller for higher (0–100)."""
        return "".join(
            _SPARKS[min(score * len(_SPARKS) // 101, len(_SPARKS) - 1)]
            for score in self.scores[-SPARK_POINTS:]
        )

    def change_text(self) -> str:
        """`▲ +8`, `▼ −3` or `= 0`: the arrow says what colour would."""
        if self.change is None:
            return NO_VALUE
        value = round(self.change)
        if value > 0:
            return f"▲ +{value}"
        if value < 0:
            return f"▼ −{-value}"
        return "= 0"

    def line(self, label: str = "Answer-first drill") -> str:
        if not self.scores:
            return f"{label}: no attempts yet."
        plural = "s" * (self.count != 1)
        mean = self.recent_mean
        shown = min(self.count, TREND_WINDOW)
        parts = [f"{label}: {self.count} attempt{plural}", f"latest {self.latest}"]
        if self.count > 1 and mean is not None:
            parts.append(f"mean of last {shown} {mean:.0f}")
        if self.change is not None:
            parts.append(f"trend {self.change_text()}")
        return " · ".join(parts) + f"  {self.sparkline()}"


def trend(events: Iterable[Event], drill: str = ANSWER_FIRST) -> Trend:
    scores = (score_of(e) for e in attempts(events, drill))
    return Trend(tuple(s for s in scores if s is not None))
