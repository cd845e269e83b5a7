"""The dashboard's data: the week's status line, the skills table, the focus and this week.

Built here, not in the screen, so every figure can be checked without a terminal. The
coach is imported where it is first used: a start that draws the saved overview (see
`pmcoach.app.snapshot`) needs none of it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pmcoach.app import snapshot
from pmcoach.app.present.views import Overview, SkillRow
from pmcoach.app.settings import weekday_name
from pmcoach.domain import clock
from pmcoach.domain.model import Event, Session, Track
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace
    from pmcoach.cache.recent import Recent
    from pmcoach.domain.ledger import Ledger

STATE_WORDS = {
    "done": "Done",
    "due": "DUE",
    "overdue": "OVERDUE",
    "upcoming": "Upcoming",
    "off": "Week off",
}


def skill_rows(
    workspace: Workspace,
    at: dt.datetime,
    sessions: list[Session],
    track: Track | None = None,
    *,
    peers_known: bool = True,
) -> tuple[SkillRow, ...]:
    """Each skill's row as of `at`; with `peers_known` False (the files read do not reach
    back `rules.PEER_WEEKS` weeks) no peer figure at all rather than one from part of them."""
    from pmcoach.app.present import peers
    from pmcoach.domain import scores

    config = workspace.config or workspace.default_config()
    track = track or workspace.track
    focus = scores.focus(workspace.rubric, track, config, sessions, at)
    skills = workspace.rubric.track_skills(track)
    items = scores.skill_scores(sessions, workspace.rubric, at, [s.id for s in skills])
    by_skill = {item.skill: item for item in items}
    rows = []
    for skill in skills:
        item = by_skill.get(skill.id)
        seen = peers.summary(sessions, workspace.rubric, skill.id, config, peers.window(at), at)
        if not peers_known:
            seen = peers.PeerSummary()
        rows.append(
            SkillRow(
                skill=skill.id,
                title=skill.title,
                score=item.score if item else None,
                change=item.change if item else None,
                target=config.target(skill.id, track),
                focus=focus is not None and focus.skill == skill.id,
                peers=seen.peers,
                peer_mean=seen.mean,
            )
        )
    return tuple(rows)


def focus_text(
    workspace: Workspace, at: dt.datetime, sessions: list[Session], track: Track | None = None
) -> str:
    from pmcoach.domain import scores

    config = workspace.config or workspace.default_config()
    focus = scores.focus(workspace.rubric, track or workspace.track, config, sessions, at)
    if focus is None:
        return "Focus: none yet. It is chosen after your first check-in."
    return f"◆ Focus: {one_line(focus.reason, 300)}"


def saved_overview(workspace: Workspace) -> Overview | None:
    """The dashboard as last computed, if nothing in the folder changed since."""
    return snapshot.load(
        workspace.store.cache_dir, workspace.root, workspace.now().date().isoformat()
    )


def overview(workspace: Workspace) -> Overview:
    """The dashboard computed from every file; saved for the next start."""
    # Taken before the files are read again: a change made meanwhile is a miss
    # next time, never a stale first frame. The settings and the rubric are the
    # ones read at the start; the view is saved only while their files are the same.
    taken = snapshot.fingerprint(workspace.root, workspace.now().date().isoformat(), saving=True)
    workspace.store.refresh()
    view = _overview(workspace)
    if workspace.store.config_current() and workspace.rubric_current():
        snapshot.save(workspace.store.cache_dir, taken, view, workspace.zone_name)
    return view


def recent_overview(workspace: Workspace) -> Overview:
    """The dashboard from the files of the last weeks alone (`cache.recent`), for a
    first frame that has no saved overview; `overview()` follows with everything."""
    from pmcoach.cache import recent

    if workspace.store.loaded:
        return _overview(workspace)
    now = workspace.now()
    last = recent.read(workspace.root, now, workspace.zone)
    return _overview_of(workspace, now, last.sessions, last.events, [], last)


def _overview(workspace: Workspace) -> Overview:
    problems = [f"{p.path}: {p.reason}" for p in workspace.store.problems]
    return _overview_of(
        workspace, workspace.now(), workspace.sessions(), workspace.store.events(), problems
    )


def recent_span() -> dt.timedelta:
    """How far back a first frame without a saved overview reads (`cache.recent`)."""
    from pmcoach.cache.recent import RECENT_SPAN

    return RECENT_SPAN


def _overview_of(
    workspace: Workspace,
    now: dt.datetime,
    sessions: list[Session],
    events: list[Event],
    problems: list[str],
    part: Recent | None = None,
) -> Overview:
    """The dashboard of these sessions and events; with `part`, they are only the last
    weeks of the history, and a streak that may run back further says so ("15+")."""
    from pmcoach.app.present import peers
    from pmcoach.domain.rules import SAY_DO_WEEKS
    from pmcoach.domain.streak import say_do, week_status
    from pmcoach.domain.weeks import iso_week

    config = workspace.config or workspace.default_config()
    status = week_status(config, sessions, events, now)
    review = f"{weekday_name(config.review_day)} {config.review_time:%H:%M}"
    word = STATE_WORDS.get(status.state, status.state)
    week = iso_week(now.date())
    lower_bound = part is not None and part.streak_is_lower_bound(status)
    streak = f"{status.streak}+" if lower_bound else str(status.streak)
    status_text = f"Week {week} · review {word} ({review}) · streak {streak}"
    since = peers.window(now)
    # A first frame from the last weeks' files alone (`part`) reads the peers' window too
    # (`cache.recent`); were it ever shorter, a peer figure from part of the window would
    # be wrong, so none is shown until everything is read.
    peers_known = part is None or now - recent_span() <= since
    if status.state == "done":
        status_text = f"Week {week} · ✓ review done · streak {streak}"
    from pmcoach.domain import ledger

    history = ledger.build(sessions, events)
    said = say_do(history, clock.zone(config.time_zone), now)
    if said.ratio is not None:
        status_text += f" · say/do {figures.ratio(said.ratio)} ({SAY_DO_WEEKS} weeks)"
    return Overview(
        track_title=one_line(workspace.track.title, 30),
        state=status.state,
        status_text=status_text,
        streak=status.streak,
        rows=skill_rows(workspace, now, sessions, peers_known=peers_known),
        focus_text=focus_text(workspace, now, sessions),
        has_history=any(s.finished and s.by_self for s in sessions),
        problems=tuple(problems + workspace.rubric_issues),
        this_week=_this_week(workspace, sessions, history, now),
        theme=config.theme,
        peer_line=peers.names_line(sessions, config, since, now) if peers_known else "",
    )


def _this_week(
    workspace: Workspace, sessions: list[Session], history: Ledger, now: dt.datetime
) -> tuple[str, ...]:
    """What the last check-in set for this week, its exercises done or not, and every
    commitment still open, soonest due first: Monday starts from what was promised."""
    finished = [s for s in sessions if s.finished and s.by_self]
    lines = []
    heading = "Open commitments:"
    if finished:
        latest = max(finished, key=lambda s: (s.started, s.id))
        for exercise_id in latest.assigned:
            exercise = workspace.rubric.exercise(exercise_id)
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
