"""The first screen: is the review due, how each skill moves, and where to focus.

Its keys open the screens they lead to through the app (`PMCoachApp.open`), which
imports each only when it is opened (see `pmcoach.tui.navigation`).

The whole history is read and the overview computed in the background, from a reader of
the workspace (`Workspace.reader`): a key is answered at once however long that takes,
and a result that arrives after something changed here is not drawn (see `_arrived`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from pmcoach.app.present.views import Overview
from pmcoach.domain.rules import (
    EMPHASIS_WEIGHT,
    PEER_WEEKS,
    PEERS_SHOWN,
    SCORE_WEEKS,
    WEEKLY_MAX_QUESTIONS,
)
from pmcoach.text.sanitize import one_line
from pmcoach.tui import keys
from pmcoach.tui.background import in_thread
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.confirm import ConfirmScreen
from pmcoach.tui.widgets.skill_table import SkillTable

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace

HELP = f"""\
Dashboard

  w   weekly check-in (at most {WEEKLY_MAX_QUESTIONS} questions, rotating)
  a   full assessment (every question of your track)
      both open with the commitments due and last exercises
  m   record your manager's ratings after a 1:1, side by side with yours
  p   progress: each skill over time, the weekly review table, say/do
  e   this week's exercises: steps, done-when; mark them done
  c   commitments: mark, renegotiate, edit or withdraw one
  t   agenda for your next 1:1: add a topic, mark one discussed
  d   drills: answer-first replies, working-backwards drafts
  l   past sessions: look back, correct an answer, delete
  x   export a report for your manager (md, html) or your data (csv, json)
  s   settings: track, review day, review time, time zone,
      your name, peers' names, targets
  ?   this help          q   quit          ctrl+p   every action
  ↑ ↓ pgup pgdn home end  scroll the page on a short terminal

Score: the mean of the latest rating of each of a skill's questions answered
in the {SCORE_WEEKS} weeks before now. Change: the score now minus the score a week ago
(▲ up, ▼ down, = no change, – not enough answers yet).

Peers (once a peer replied): the mean of the skill's ratings in each peer's
latest reply of the last {PEER_WEEKS} weeks, shown from {PEERS_SHOWN} peers on; "1 peer"
before that, never one person's number. Names only if the settings say so.

Focus: the skill with the largest (target − score) × weight; the skills your
track emphasises weigh {EMPHASIS_WEIGHT:g}.
"""


# Keys that scroll the page, and what each does to it (VerticalScroll's own actions).
SCROLL_KEYS = {
    "up": "scroll_up",
    "down": "scroll_down",
    "pageup": "page_up",
    "pagedown": "page_down",
    "home": "scroll_home",
    "end": "scroll_end",
}


class DashboardScreen(CoachScreen[None]):
    HELP = HELP
    BINDINGS = [
        Binding("w", "weekly", "Weekly"),
        Binding("a", "full", "Full"),
        Binding("m", "manager", "Manager"),
        Binding("p", "progress", "Progress"),
        Binding("e", "exercises", "Exercises"),
        Binding("c", "commitments", "Commitments"),
        Binding("t", "agenda", "Agenda"),
        Binding("d", "drills", "Drills"),
        Binding("l", "sessions", "Sessions"),
        Binding("x", "export", "Export"),
        Binding("s", "settings", "Settings"),
        keys.HELP,
        Binding("q", "app.quit", "Quit"),
        # The page scrolls under the keys that scroll, wherever the focus is: nothing
        # here types, and focusing the page at start would restyle it before the first
        # frame for no gain.
        *[
            Binding(key, f"scroll_page('{action}')", show=False)
            for key, action in SCROLL_KEYS.items()
        ],
    ]
    AUTO_FOCUS = ""

    _resumed_once = False

    def __init__(self, saved: Overview | None = None) -> None:
        super().__init__()
        # The overview saved last time: composed into the widgets so that the
        # first frame already shows it, then checked against every file.
        self._saved = saved
        # The store's version the figures on screen were computed at (None: not yet
        # from every file), and the reader of the recompute under way, if any.
        self._drawn: int | None = None
        self._reading: Workspace | None = None
        self._offered = False

    def compose_body(self) -> ComposeResult:
        view = self._saved
        texts = self._texts(view) if view is not None else {}
        yield Static(texts.get("title", "pmcoach"), id="title", classes="title", markup=False)
        yield Static(
            texts.get("status-line", ""),
            id="status-line",
            classes=view.state if view is not None else "",
            markup=False,
        )
        with VerticalScroll():
            yield SkillTable(id="skills", rows=list(view.rows) if view is not None else [])
            peers = Static(
                texts.get("peer-names", ""), id="peer-names", classes="muted", markup=False
            )
            peers.display = bool(texts.get("peer-names"))
            yield peers
            yield Static(texts.get("focus", ""), id="focus", markup=False)
            this_week = Static(texts.get("this-week", ""), id="this-week", markup=False)
            this_week.display = bool(texts.get("this-week"))
            yield this_week
            yield Static(texts.get("notice", ""), id="notice", classes="muted", markup=False)
            yield Static(texts.get("problems", ""), id="problems", markup=False)

    def on_mount(self) -> None:
        if self._saved is None:
            # Nothing saved that still matches (a first start, a cleared cache, files
            # changed): the files of the last weeks draw the first frame.
            from pmcoach.app.present import dashboard

            self.show(dashboard.recent_overview(self.workspace))

    def _start_recompute(self) -> None:
        from pmcoach.storage.errors import StoreError

        try:
            # Opened here, in the app's thread, before the worker reads from it.
            self.workspace  # noqa: B018
        except StoreError as exc:
            self.coach_app.failure = str(exc)
            self.app.exit(2)
            return
        self._recompute()

    def _recompute(self) -> None:
        """Read every file and compute the overview in the background (a newer
        recompute replaces one under way)."""
        self.run_worker(self._read_and_compute(), exclusive=True, group="overview")

    async def _read_and_compute(self) -> None:
        from pmcoach.app.present import dashboard

        workspace = self.workspace
        reader = self._reading = workspace.reader()
        try:
            await in_thread(reader.store.refresh)
            # What was read serves the keys from now on (a check-in, progress), unless
            # something changed here meanwhile; the overview is computed from a copy.
            workspace.adopt(reader)
            reader = self._reading = workspace.reader()
            view = await in_thread(dashboard.overview, reader)
        finally:
            if self._reading is reader:  # not a newer recompute's
                self._reading = None
        self._arrived(view, reader)

    def _arrived(self, view: Overview, reader: Workspace) -> None:
        """Draw a recompute's result if it is what the workspace holds now (which then
        takes what it read). Otherwise something was saved (a check-in, settings) or read
        since it began: figures drawn since then are newer and stay; with none drawn,
        it recomputes."""
        workspace = self.workspace
        if workspace.adopt(reader):
            self._draw(view)
        elif self._drawn != workspace.store.version:
            self._recompute()
            return
        if not self._offered:  # once, when the whole folder has first been read
            self._offered = True
            self.coach_app.offer_resume()

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown, which on a start is before the
        # app draws anything. Everything is read after the first frame: work started
        # earlier would share the interpreter with the first paint. The app handles
        # its own messages only once its start-up is over, and the screen then calls
        # back only once it is painted.
        if self._resumed_once:
            self.refresh_view()
        else:
            self.app.call_later(self.call_after_refresh, self._start_recompute)
        self._resumed_once = True

    def refresh_view(self) -> None:
        """Back on the dashboard (or told to redraw it): the figures from every file now.
        A recompute under way that began after the last change here will draw them; with
        nothing changed here since the figures on screen, only a file changed elsewhere
        (a sync tool, an edit) can change them, and that is looked for in the background.
        A change made here (a check-in, settings) is drawn at once."""
        from pmcoach.app.present import dashboard

        workspace = self.workspace
        if self._reading is not None and workspace.current(self._reading):
            return
        if self._drawn == workspace.store.version:
            self._recompute()
            return
        self._draw(dashboard.overview(workspace))

    def _draw(self, view: Overview) -> None:
        self._drawn = self.workspace.store.version
        self.show(view)

    def show(self, view: Overview) -> None:
        texts = self._texts(view)
        for name, text in texts.items():
            self.query_one(f"#{name}", Static).update(text)
        self.query_one("#status-line", Static).set_classes(view.state)
        self.query_one(SkillTable).show(list(view.rows))
        self.query_one("#this-week").display = bool(texts["this-week"])
        self.query_one("#peer-names").display = bool(texts["peer-names"])

    def _texts(self, view: Overview) -> dict[str, str]:
        """What each line of the screen says, by widget id."""
        notice = self.coach_app.read_only or ""
        if not notice and not view.has_history:
            notice = "No check-in yet. Press w for your first weekly check-in (about 8 minutes)."
        lines = [one_line(p, 200) for p in view.problems]
        problems = ""
        if lines:
            shown = lines[:4] + (
                [f"… and {len(lines) - 4} more (pmcoach doctor)"] * (len(lines) > 4)
            )
            problems = "Not read (left untouched):\n" + "\n".join(shown)
        return {
            "title": f"pmcoach · {view.track_title}",
            "status-line": view.status_text,
            "peer-names": view.peer_line,
            "focus": view.focus_text,
            "this-week": "\n".join(view.this_week),
            "notice": notice,
            "problems": problems,
        }

    def _writable(self) -> bool:
        message = self.workspace.read_only
        if message:
            self.notify(message, severity="warning", markup=False)
            return False
        return True

    def action_scroll_page(self, action: str) -> None:
        page = self.query_one(VerticalScroll)
        moves = {
            "scroll_up": page.action_scroll_up,
            "scroll_down": page.action_scroll_down,
            "page_up": page.action_page_up,
            "page_down": page.action_page_down,
            "scroll_home": page.action_scroll_home,
            "scroll_end": page.action_scroll_end,
        }
        moves[action]()

    def action_weekly(self) -> None:
        self._start("weekly")

    def action_full(self) -> None:
        self._start("full")

    def _start(self, kind: str) -> None:
        if not self._writable():
            return
        workspace = self.workspace
        in_progress = workspace.in_progress()
        if in_progress is not None:
            self.coach_app.offer_resume()
            return
        if kind == "weekly" and workspace.this_weeks_checkin() is not None:
            # A second check-in in a week is rarely meant: a `w` pressed from habit
            # must not start one without a word.
            def chosen(again: bool | None) -> None:
                if again:
                    self._begin(kind)

            self.app.push_screen(
                ConfirmScreen("This week's check-in is already done. Start another one anyway?"),
                self.coach_app.guarded(chosen),
            )
            return
        self._begin(kind)

    def _begin(self, kind: str) -> None:
        from pmcoach.app.present.review import to_review

        workspace = self.workspace
        checkin = workspace.start("full" if kind == "full" else "weekly")
        # Both kinds open with the review: a commitment due before a full assessment
        # is reviewed there, not skipped for good.
        self.coach_app.open_checkin(checkin, to_review(workspace, checkin.session))

    def action_commitments(self) -> None:
        self.coach_app.open("commitments")

    def action_agenda(self) -> None:
        self.coach_app.open("agenda")

    def action_progress(self) -> None:
        self.coach_app.open("progress")

    def action_manager(self) -> None:
        if self._writable():
            self.coach_app.open("manager")

    def action_exercises(self) -> None:
        self.coach_app.open("exercises")

    def action_drills(self) -> None:
        self.coach_app.open("drills")

    def action_sessions(self) -> None:
        self.coach_app.open("sessions")

    def action_export(self) -> None:
        self.coach_app.open("export")

    def action_settings(self) -> None:
        if self._writable():
            self.coach_app.open("settings")
