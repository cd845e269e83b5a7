"""What screens show, as plain values: computed by the presenters beside this module,
drawn by the TUI.

Kept apart from the presenters so the first frame can be drawn from a saved
overview (see `pmcoach.app.snapshot`) without importing the coach or the rubric.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SkillRow:
    skill: str
    title: str
    score: float | None
    change: float | None
    target: int
    focus: bool


@dataclass(frozen=True)
class Overview:
    track_title: str
    state: str
    status_text: str
    streak: int
    rows: tuple[SkillRow, ...]
    focus_text: str
    has_history: bool
    problems: tuple[str, ...]
    # This week's exercises and every open commitment, soonest due first, one line each.
    this_week: tuple[str, ...] = ()
    # The settings' theme: a first frame drawn from a saved overview needs it, and
    # reading config.toml for it would import a TOML parser before that frame.
    theme: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "track_title": self.track_title,
            "state": self.state,
            "status_text": self.status_text,
            "streak": self.streak,
            "rows": [row.__dict__ for row in self.rows],
            "focus_text": self.focus_text,
            "has_history": self.has_history,
            "problems": list(self.problems),
            "this_week": list(self.this_week),
            "theme": self.theme,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Overview:
        """Raises KeyError or TypeError on anything unexpected; callers treat that as a miss."""
        return cls(
            track_title=str(data["track_title"]),
            state=str(data["state"]),
            status_text=str(data["status_text"]),
            streak=int(data["streak"]),
            rows=tuple(SkillRow(**row) for row in data["rows"]),
            focus_text=str(data["focus_text"]),
            has_history=bool(data["has_history"]),
            problems=tuple(str(p) for p in data["problems"]),
            this_week=tuple(str(line) for line in data["this_week"]),
            theme=None if data.get("theme") is None else str(data["theme"]),
        )


@dataclass(frozen=True)
class AnswerLine:
    question_id: str
    skill_title: str
    prompt: str
    rating_text: str
    note_text: str


@dataclass(frozen=True)
class Results:
    title: str
    rows: tuple[SkillRow, ...]
    focus_text: str
    answers: tuple[AnswerLine, ...]
    exercises: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionRow:
    key: str
    date: str
    kind: str
    answered: str
    state: str
