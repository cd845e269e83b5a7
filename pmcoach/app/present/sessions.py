"""The session list and the trash: which session is which, in words a person knows."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pmcoach.app.present.peers import name_shown
from pmcoach.domain import clock
from pmcoach.domain.model import KIND_WORDS, Config, Session
from pmcoach.storage import scan
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace


@dataclass(frozen=True)
class SessionRow:
    key: str
    date: str
    kind: str
    answered: str
    state: str


UNKNOWN_KIND = "unknown"
# The Answered column of a file in the trash that cannot be read as a session.
UNREADABLE_COUNT = "?"
# The trash has files only: an item's id in its name says what and when ("~2" marks a
# second copy of the same name).
_TRASHED_NAME = re.compile(r"^(?P<id>[^~]+)(?:~\d+)?\Z")


def kind_words(session: Session, config: Config | None = None, own_page: bool = False) -> str:
    """A session's kind in words; a peer's reply with the peer's name when the settings
    show names ("A peer's view · Dana Ruiz"), never one kept private but on its own page."""
    kind = KIND_WORDS.get(session.kind, session.kind)
    if session.kind != "peer" or config is None:
        return kind
    name = name_shown(session.peer, config, own_page=own_page)
    return kind if name is None else f"{kind} · {name}"


def session_name(session: Session, config: Config | None = None) -> str:
    """Which session, in words a person knows: "Weekly check-in of Mon 16 Nov 2026 09:00"."""
    return f"{kind_words(session, config)} of {session.started:%a %d %b %Y %H:%M}"


def session_rows(workspace: Workspace) -> list[SessionRow]:
    rows = []
    config = workspace.config or workspace.default_config()
    for session in sorted(workspace.sessions(), key=lambda s: (s.started, s.id), reverse=True):
        rows.append(
            SessionRow(
                key=session.id,
                date=f"{session.started:%Y-%m-%d %H:%M}",
                kind=kind_words(session, config),
                answered=str(answered_count(session)),
                state="finished" if session.finished else "in progress",
            )
        )
    return rows


def trashed_sessions(workspace: Workspace) -> list[SessionRow]:
    """Sessions in the trash, newest first, with kind and date read from the file
    name (a name that is not an id is shown as it is) and the answers counted as
    the live list counts them. The trash may hold anything: each file is read the
    way the store reads a session, and one that cannot be read counts as `?`."""
    from pmcoach.domain.ids import ID_PATTERN

    zone = clock.zone(workspace.zone_name)
    found: list[tuple[str, SessionRow]] = []
    for path in workspace.store.trashed():
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
        row = SessionRow(key=str(path), date=date, kind=kind, answered=answered, state="in trash")
        found.append((item_id, row))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [row for _, row in found]


def answered_count(session: Session) -> int:
    """The answers a session holds that were not skipped: the session list's Answered."""
    return sum(1 for a in session.answers if not a.skipped)


def _trashed_answers(path: Path) -> str:
    """A trashed session's answered count, or `?` when its file is not a session the
    store could read (a link, a FIFO, too big, not TOML, not a session)."""
    from pmcoach.storage import toml_io
    from pmcoach.storage.sessions import decode_session

    try:
        doc, _key = scan.read_document(path)
        return str(answered_count(decode_session(doc)))
    except toml_io.SchemaError:
        return UNREADABLE_COUNT
