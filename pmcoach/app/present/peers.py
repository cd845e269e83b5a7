"""How peers' replies read on a screen: a skill's peer mean and who may be named.

One place decides both, so the dashboard, progress, the session list and a reply's page
never disagree: the mean is `domain.peers.view` (shown from `rules.PEERS_SHOWN` peers,
"1 peer" before that, never a number), and a name shows only when the person turned
`show_peer_names` on, and never when the reply keeps it private, except on that reply's
own page (docs/definitions.md, "Peers").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pmcoach.app.present.views import peer_cell
from pmcoach.domain import peers
from pmcoach.domain.model import Config, Rubric, Session, Text
from pmcoach.domain.peers import NAME_WIDTH
from pmcoach.domain.rules import PEER_WEEKS, PEERS_SHOWN
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

PRIVATE_MARK = "(private) "


@dataclass(frozen=True)
class PeerSummary:
    """A skill as peers see it over a window, ready to be drawn."""

    peers: int = 0  # distinct peers whose latest reply in the window rated the skill
    mean: float | None = None  # None until PEERS_SHOWN peers rated it
    replies: int = 0
    names: tuple[str, ...] = ()  # the names that may be shown, latest reply first

    @property
    def shown(self) -> bool:
        """Whether the peers' figures (the mean, each reply's mark) may be shown."""
        return self.mean is not None

    def cell(self) -> str:
        return peer_cell(self.peers, self.mean)

    def words(self) -> str:
        """The summary in a sentence's words: "3.5 from 3 peers", "1 peer so far"."""
        if self.mean is not None:
            return f"{figures.score(self.mean)} from {self.peers} peers"
        if self.peers:
            plural = "s" * (self.peers != 1)
            return f"{self.peers} peer{plural} so far; the mean and marks show from {PEERS_SHOWN}"
        return "no reply"


def window(at: dt.datetime) -> dt.datetime:
    """Where the dashboard's peer window starts: `rules.PEER_WEEKS` weeks before `at`."""
    return at - dt.timedelta(weeks=PEER_WEEKS)


def names_line(
    sessions: Sequence[Session], config: Config, since: dt.datetime, until: dt.datetime
) -> str:
    """Who replied in [since, until], latest first, when the settings show names: "" else."""
    if not config.show_peer_names:
        return ""
    seen: dict[str, str] = {}
    replies = [
        s
        for s in sessions
        if s.kind == "peer" and s.finished is not None and since <= s.started <= until
    ]
    for session in sorted(replies, key=lambda s: s.started, reverse=True):
        shown = name_shown(session.peer, config)
        if shown is not None:
            seen.setdefault(peers.peer_key(session), shown)
    if not seen:
        return ""
    return f"Peers who replied ({PEER_WEEKS} weeks): " + ", ".join(seen.values())


def name_shown(peer: Text | None, config: Config, *, own_page: bool = False) -> str | None:
    """A peer's name as a screen may show it, or None when it must not be shown."""
    if peer is None or not config.show_peer_names:
        return None
    name = one_line(peer.text, NAME_WIDTH)
    if not name.strip():
        return None
    if peer.private:
        return PRIVATE_MARK + name if own_page else None
    return name


def summary(
    sessions: Sequence[Session],
    rubric: Rubric,
    skill: str,
    config: Config,
    since: dt.datetime | None,
    until: dt.datetime | None,
) -> PeerSummary:
    """A skill's peer mean and the names that may be shown, over [since, until]."""
    view = peers.view(sessions, rubric, skill, since, until)
    points = peers.points(sessions, rubric, skill, since, until)
    return PeerSummary(view.peers, view.mean, len(points), _names(points, config))


def _names(points: Iterable[peers.PeerPoint], config: Config) -> tuple[str, ...]:
    if not config.show_peer_names:
        return ()
    seen: dict[str, str] = {}
    for point in sorted(points, key=lambda p: p.at, reverse=True):
        shown = name_shown(Text(point.peer, point.private), config)
        key = peers.name_key(point.peer)
        if shown is not None and key not in seen:
            seen[key] = shown
    return tuple(seen.values())
