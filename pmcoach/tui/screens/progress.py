"""How each skill moves: a chart over a chosen range, the weekly review table, say/do.

Every figure comes from `pmcoach.app.present.progress`; this screen only chooses the range
and the skill and draws. A range is computed once and kept, so moving between
skills is instant and going back to a range costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from pmcoach.app.present.progress import (
    AVERAGE_WEEKS,
    RANGE_WORDS,
    RANGES,
    ProgressView,
    RangeName,
    ReviewRow,
    drill_line,
    workspace_progress,
)
from pmcoach.domain.rules import PEERS_SHOWN, SAY_DO_WEEKS, SCORE_WEEKS
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.widgets.chart import SELF, SELF_MARKS, ProgressChart
from pmcoach.tui.widgets.theme_styles import change_styles

_LOW, _HIGH = SELF_MARKS[0], SELF_MARKS[-1]
HELP = f"""\
Progress

  1 2 3 4  range: {", ".join(RANGE_WORDS[r] for r in RANGES)} (r cycles)
  ← →      previous / next skill (↑ ↓ too)
  esc      back to the dashboard

Chart: {SELF} your score at the end of each week, drawn low ({_LOW}), in
the middle ({SELF}) or high ({_HIGH}) in its row: a row holds {len(SELF_MARKS)} heights,
so even at one row a level a move of 0.4 never looks flat;
x your manager's rating in the week it was given, ⊗ both on one
row, o a manager's rating on the old scale (far below ... far
above the bar, not the levels: never compared with your score),
◇ a peer's reply (one mark each, in its week; ◆ on the row of
{SELF} or x), ┄ target.
Each level is labelled on its own row (1 to 5); a taller
terminal gives each level more rows. The dates are written
into the axis under their weeks.
A week without a dot had no rating of the skill in the {SCORE_WEEKS} weeks
before it. Long ranges fold weeks into columns (N wk/col).

Table, one row per skill (› marks the one charted):
  This, Last  the score now and a week ago, as on the dashboard
  Change      ▲ up, ▼ down, = no change, – not enough answers
  4-wk        the mean of the last {AVERAGE_WEEKS} weekly scores
  Gap         target minus score, how far there is still to go;
              ✓ at or above the target (0.0 or −)

Score: the mean of the latest rating of each of the skill's
questions answered in the {SCORE_WEEKS} weeks before.

Peers (from the first reply): the skill's peer mean over the
range, each peer's latest reply counted once; it and the ◇ marks
show from {PEERS_SHOWN} peers on ("1 peer" before that, no number).
Names show only if the settings say so.

Levels (110 columns or wider, beside the chart): the charted
skill's level summaries for your track, one act each: the level
your score has reached (its whole part) and your target's, so the
next step reads as something to do.

Say/do: commitments met ÷ (met + missed) over {SAY_DO_WEEKS} weeks, and
per week when the terminal has 30 rows or more; each counted
once, in the week it got its outcome. A renegotiation (a new
date agreed) is never a miss: it counts by what happens by the
new date. Withdrawn ones are left out.

Evidence: the chosen skill's notes written in check-ins, grades
and wins in the range: the items the report lists as evidence.
A private one is counted; its text is not shown.

Answer-first drill (once you have practised): attempts, the
latest score, the mean of the last 5, the trend (the latest
half of the attempts, at most 5, against as many before) and
the last 12 scores as bars.
"""

_TITLE_WIDTH = 16
_RANGE_KEYS: dict[RangeName, str] = {"4w": "1", "12w": "2", "1y": "3", "all": "4"}


def gap_text(gap: float | None) -> str:
    """`0.8` below target, `✓ −0.2` at or above it: the check mark says what colour would."""
    text = figures.gap(gap)
    return f"✓ {text}" if gap is not None and gap <= 0 else text


def review_text(
    rows: tuple[ReviewRow, ...], selected: int, changes: Mapping[str, str] | None = None
) -> Text:
    """The weekly review table as fixed-width text; rubric titles go in as plain text.
    `changes` colours a change by its direction (theme_styles.change_styles)."""
    out = Text(no_wrap=True, overflow="ellipsis")
    header = f"  {'Skill':<{_TITLE_WIDTH}} {'This':>5} {'Last':>5} {'Change':>7} {'4-wk':>5}"
    out.append(header + f" {'Target':>6} {'Gap':>6}", style="bold")
    for index, row in enumerate(rows):
        out.append("\n")
        chosen = index == selected
        out.append("› " if chosen else "  ", style="bold")
        out.append(
            f"{one_line(row.title, _TITLE_WIDTH):<{_TITLE_WIDTH}}", style="bold" if chosen else ""
        )
        out.append(f" {figures.score(row.this_week):>5} {figures.score(row.last_week):>5} ")
        direction = figures.direction(row.change)
        style = (changes or {}).get(direction, "")
        out.append(f"{figures.change(row.change):>7}", style=style)
        out.append(f" {figures.score(row.average):>5} {row.target:>6} {gap_text(row.gap):>6}")
    return out


def say_do_text(view: ProgressView) -> Text:
    """Say/do over `SAY_DO_WEEKS` weeks in one line: what stays on screen however short it is."""
    total = view.say_do
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append("Say/do", style="bold")
    weeks = len(view.say_do_weeks)
    if total.ratio is None:
        out.append(f"  – no commitment reviewed in {weeks} weeks.")
        return out
    out.append(
        f"  {figures.ratio(total.ratio)} kept over {weeks} weeks "
        f"({total.met} of {total.met + total.missed})"
    )
    return out


def say_do_weeks_text(view: ProgressView) -> Text:
    """Each week's ratio under its ISO week number, or how to start when there is none."""
    out = Text(no_wrap=True, overflow="ellipsis")
    if view.say_do.ratio is None:
        out.append("Make one at the end of a check-in; its review counts here.", style="dim")
        return out
    out.append("week" + "".join(f"{w.week[-2:]:>5}" for w in view.say_do_weeks), style="dim")
    out.append("\nkept" + "".join(f"{figures.ratio(w.ratio):>5}" for w in view.say_do_weeks))
    return out


class ProgressScreen(CoachScreen[None]):
    CSS_PATH = "progress.tcss"
    HELP = HELP
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    # Below 30 rows the ranges share the title's line and the lines under the chart are
    # cut to one each, so the chart keeps its rows (progress.tcss).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = [
        Binding("1", "range('4w')", "Range", key_display="1-4"),
        Binding("2", "range('12w')", show=False),
        Binding("3", "range('1y')", show=False),
        Binding("4", "range('all')", show=False),
        Binding("r", "cycle_range", show=False),
        Binding("right", "skill(1)", "Skill", key_display="←→"),
        Binding("left", "skill(-1)", show=False),
        Binding("down", "skill(1)", show=False),
        Binding("up", "skill(-1)", show=False),
        Binding("escape", "back", "Back", key_display="esc"),
        Binding("q", "back", show=False),
        keys.HELP,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.range: RangeName = "12w"
        self.selected = 0
        self._views: dict[RangeName, ProgressView] = {}
        self._resumed_once = False

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="head"):
            yield Static("Progress", id="title", classes="title", markup=False)
            yield Static("", id="ranges", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="chart-pane"):
                yield ProgressChart(id="chart")
                yield Static("", id="notice", classes="muted", markup=False)
            with Vertical(id="table-pane"):
                yield Static("", id="review", markup=False)
                yield Static("", id="peers", markup=False)
                yield Static("", id="levels", markup=False)
                yield Static("", id="say-do", markup=False)
                yield Static("", id="say-do-weeks", markup=False)
                yield Static("", id="evidence", markup=False)
                yield Static("", id="drill-trend", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()
        # The weekly review's colours are the theme's: drawn again when it changes.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_view())

    def on_screen_resume(self) -> None:
        # Back from a check-in or settings: the history or the targets may have changed.
        # Also sent when the screen is first shown, just after on_mount drew it.
        if self._resumed_once and self._views:
            self._views.clear()
            self.refresh_view()
        self._resumed_once = True

    def view(self) -> ProgressView:
        found = self._views.get(self.range)
        if found is None:
            found = workspace_progress(self.workspace, self.range)
            self._views[self.range] = found
        return found

    def refresh_view(self) -> None:
        view = self.view()
        skills = view.skills
        self.selected = min(self.selected, max(len(skills) - 1, 0))
        chart = self.query_one(ProgressChart)
        title = self.query_one("#title", Static)
        if skills:
            skill = skills[self.selected]
            title.update(
                f"Progress · {one_line(skill.title, 40)} "
                f"({self.selected + 1} of {len(skills)}) · {RANGE_WORDS[self.range]}"
            )
            chart.show(skill.points, skill.target)
        else:
            title.update("Progress")
            chart.show((), None)
        self.query_one("#ranges", Static).update(self._ranges_text())
        notice = view.notice(self.selected)
        notice_widget = self.query_one("#notice", Static)
        notice_widget.update(notice)
        notice_widget.set_class(not notice, "hidden")
        self.query_one("#review", Static).update(
            review_text(tuple(s.review for s in skills), self.selected, change_styles(self.app))
        )
        peers = self.query_one("#peers", Static)
        peer_line = view.peer_line(self.selected)
        peers.update(peer_line)
        peers.set_class(not peer_line, "hidden")
        lines = skills[self.selected].level_lines() if skills else ()
        levels = self.query_one("#levels", Static)
        levels.update("\n".join(lines))
        levels.set_class(not lines, "hidden")
        self.query_one("#say-do", Static).update(say_do_text(view))
        self.query_one("#say-do-weeks", Static).update(say_do_weeks_text(view))
        evidence = view.evidence_line(skills[self.selected].skill) if skills else ""
        self.query_one("#evidence", Static).update(evidence)
        drill = drill_line(self.workspace.drill_events())
        trend = self.query_one("#drill-trend", Static)
        trend.update(drill or "")
        trend.set_class(drill is None, "hidden")

    def _ranges_text(self) -> Text:
        """The four ranges with their keys; the chosen one in brackets, not only in bold."""
        out = Text(no_wrap=True, overflow="ellipsis")
        for index, name in enumerate(RANGES):
            if index:
                out.append("  ")
            label = f"{_RANGE_KEYS[name]} {RANGE_WORDS[name]}"
            if name == self.range:
                out.append(f"[{label}]", style="bold reverse")
            else:
                out.append(f" {label} ")
        return out

    def action_range(self, name: str) -> None:
        if name in RANGES:
            self.range = name
            self.refresh_view()

    def action_cycle_range(self) -> None:
        self.range = RANGES[(RANGES.index(self.range) + 1) % len(RANGES)]
        self.refresh_view()

    def action_skill(self, step: int) -> None:
        count = len(self.view().skills)
        if count:
            self.selected = (self.selected + step) % count
            self.refresh_view()

    def action_back(self) -> None:
        self.app.pop_screen()
