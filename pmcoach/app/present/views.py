"""What the first frame shows, as plain values: the dashboard's overview and its rows,
computed by `present.dashboard`, drawn by the TUI, saved and read back.

Kept apart from the presenters so the first frame can be drawn from a saved
overview (see `pmcoach.app.snapshot`) without importing the coach or the rubric.
Other screens' values live with their presenters (`present.results`,
`present.sessions`): each class made here costs the first frame half a millisecond.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pmcoach.text import figures


def peer_cell(peers: int, mean: float | None) -> str:
    """A skill's peers in a table cell: the mean once it may be shown, "1 peer" before
    that (a count, never a number that is one person's rating), "–" without a reply."""
    if mean is not None:
        return figures.score(mean)
    if peers:
        return f"{peers} peer" + "s" * (peers != 1)
    return "–"


def _number(value: object) -> float | None:
    """A score read back from a saved overview: a finite number or null, nothing else."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"not a number: {value!r}")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    return number


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"not a whole number: {value!r}")
    return value


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"not a string: {value!r}")
    return value


@dataclass(frozen=True)
class SkillRow:
    skill: str
    title: str
    score: float | None
    change: float | None
    target: int
    focus: bool
    # Peers who rated the skill in the window shown (rules.PEER_WEEKS on the dashboard),
    # and their mean once `rules.PEERS_SHOWN` of them did.
    peers: int = 0
    peer_mean: float | None = None

    @property
    def peer_cell(self) -> str:
        return peer_cell(self.peers, self.peer_mean)

    @classmethod
    def from_json(cls, data: object) -> SkillRow:
        """A row of a saved overview, every field of the type it is drawn with: a row
        that would break the first frame is a miss, never a traceback."""
        if not isinstance(data, dict) or set(data) != _ROW_KEYS:
            raise KeyError("not a skill row")
        focus = data["focus"]
        if not isinstance(focus, bool):
            raise TypeError("focus")
        peers = _whole(data["peers"])
        mean = _number(data["peer_mean"])
        if peers < 0 or (mean is not None and peers == 0):
            raise ValueError("peers")
        return cls(
            skill=_string(data["skill"]),
            title=_string(data["title"]),
            score=_number(data["score"]),
            change=_number(data["change"]),
            target=_whole(data["target"]),
            focus=focus,
            peers=peers,
            peer_mean=mean,
        )


_ROW_KEYS = frozenset(SkillRow.__dataclass_fields__)


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
    # Who replied in the last rules.PEER_WEEKS weeks, when the settings show peers' names.
    peer_line: str = ""

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
            "peer_line": self.peer_line,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Overview:
        """Raises KeyError or TypeError on anything unexpected; callers treat that as a miss."""
        return cls(
            track_title=str(data["track_title"]),
            state=str(data["state"]),
            status_text=str(data["status_text"]),
            streak=int(data["streak"]),
            rows=tuple(SkillRow.from_json(row) for row in data["rows"]),
            focus_text=str(data["focus_text"]),
            has_history=bool(data["has_history"]),
            problems=tuple(str(p) for p in data["problems"]),
            this_week=tuple(str(line) for line in data["this_week"]),
            theme=None if data.get("theme") is None else str(data["theme"]),
            peer_line=_string(data["peer_line"]),
        )
