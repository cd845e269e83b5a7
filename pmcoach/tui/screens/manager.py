"""After a 1:1: the manager's rating of each skill, then both views side by side.

The PM's own score stays hidden until the manager's number is in, so it cannot
anchor what gets recorded; the difference is only worth watching if both numbers
were given independently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from pmcoach.app.present.manager import OLD_SCALE_NOTE, ComparisonRow, comparison, rating_beside
from pmcoach.domain.model import Session, Skill
from pmcoach.domain.rules import FLAG_DIFFERENCE, SCORE_WEEKS
from pmcoach.storage.errors import StoreError
from pmcoach.text.sanitize import one_line, printable
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.widgets.note_box import NOTE_BINDINGS, NoteBox, NoteKeys

if TYPE_CHECKING:
    from rich.console import JustifyMethod

    from pmcoach.domain.manager import ManagerRatings

HELP = f"""\
Manager's ratings

  1-5      your manager's rating of this skill; saved, then the next
  n        write a note: what your manager said
  v        write a private note (left out of exports unless you ask)
  ← bksp   back to the previous skill
  → tab    skip this skill (your manager did not rate it)
  esc      leave; the ratings given are kept and m resumes them on this
           device (left with none, nothing is kept)

In the note: what you type is the note. esc leaves it (kept), ctrl+s
saves it, ctrl+t makes it private or shared again.

Each number is a level of the skill in your track's words (shown under
the numbers): the levels your own questions are anchored to, so your
manager's rating and your score are on one scale. Record the number your
manager gave, not the one you would give: your own score is shown only
after the rating is in. At the end both stand side by side; a difference
of {FLAG_DIFFERENCE} or more either way is marked "talk about this" and is suggested
as a topic on your agenda. Every rating is saved the moment you give it.
"""

DIFFERENCE_MEANS = "Difference: manager minus you, + when your manager sees more than you do."

COMPARISON_HELP = f"""\
You and your manager

  ↑ ↓      move between skills
  esc      back

You: your own score, the mean of the latest rating of each of the skill's
questions in the {SCORE_WEEKS} weeks before. Manager: your manager's latest rating of
the skill in the same {SCORE_WEEKS} weeks.
{DIFFERENCE_MEANS}
A difference of {FLAG_DIFFERENCE} or more is marked "talk about this". A rating given
before the levels scale is marked "{OLD_SCALE_NOTE}": it is not on the
scale of your score, so no difference is worked out.
"""

# The comparison's columns (key, header, alignment): each header said once, figures below it.
COLUMNS: tuple[tuple[str, str, JustifyMethod], ...] = (
    ("skill", "Skill", "left"),
    ("you", "You", "right"),
    ("manager", "Manager", "right"),
    ("difference", "Difference", "right"),
    ("note", "", "left"),
)
TITLE_WIDTH = 24  # a skill's title in the table: the columns then fit 80 columns

NO_LEVELS = "The rubric gives no level summaries for this skill: 1 lowest to 5 highest."


class ManagerScreen(NoteKeys, CoachScreen[None]):
    CSS_PATH = "manager.tcss"
    HELP = HELP
    # Keys rate; nothing takes focus until the PM asks for the note with `n`.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("1", "rate(1)", "Rate", key_display="1-5"),
        *[Binding(str(n), f"rate({n})", show=False) for n in (0, 2, 3, 4, 5, 6, 7, 8, 9)],
        Binding("n", "note", "Note"),
        Binding("v", "private_note", "Private note"),
        Binding("left", "back", "Back", key_display="←"),
        Binding("backspace", "back", show=False),
        Binding("right", "skip", "Skip", key_display="→"),
        Binding("tab", "skip", show=False),
        Binding("escape", "leave", "Leave"),
        *NOTE_BINDINGS,
        keys.HELP,
    ]

    def __init__(self, session: Session | None = None) -> None:
        """With no session: resume this device's unfinished manager session, else start one."""
        super().__init__()
        self._session = session
        self.ratings: ManagerRatings | None = None
        self.saved_line = ""

    def compose_body(self) -> ComposeResult:
        yield Static("", id="manager-header", markup=False)
        yield Static("", id="skill-title", markup=False)
        yield Static("", id="summary", markup=False)
        yield Static("", id="scale", markup=False)
        yield Static("", id="after", markup=False)
        yield NoteBox()

    def on_mount(self) -> None:
        workspace = self.workspace
        if workspace.read_only:
            self.app.pop_screen()
            self.app.notify(workspace.read_only, severity="warning", markup=False)
            return
        try:
            self.ratings, resumed = workspace.manager_ratings(self._session)
        except StoreError as exc:
            # Nothing was typed yet: back to the dashboard, saying why.
            self.app.pop_screen()
            self.coach_app.not_saved(exc)
            return
        if resumed is not None:
            self.notify(
                f"Resumed the manager's ratings from {resumed.started:%a %d %b %H:%M}.",
                markup=False,
            )
        if self.ratings.total == 0:
            self.app.pop_screen()
            self.app.notify("Your track has no skills to rate.", severity="warning")
            return
        self.show_skill()

    # ------------------------------------------------------------------ view

    def _need(self) -> ManagerRatings:
        assert self.ratings is not None  # set in on_mount before any key can arrive
        return self.ratings

    def show_skill(self) -> None:
        ratings = self._need()
        skill = ratings.current
        if skill is None:
            self._finish()
            return
        position = f"{ratings.position + 1}/{ratings.total}"
        header = "Manager's ratings"
        width = max(self.size.width - 2, 40)
        self.query_one("#manager-header", Static).update(
            header + " " * max(width - len(header) - len(position), 1) + position
        )
        self.query_one("#skill-title", Static).update(one_line(skill.title, 60))
        self.query_one("#summary", Static).update(printable(skill.summary))
        answer = ratings.answer_for(skill.id)
        chosen = answer.rating if answer is not None and not answer.skipped else None
        self._show_scale(skill, chosen)
        self.query_one(NoteBox).load(answer.note if answer else None)
        self._update_after(chosen)

    def _show_scale(self, skill: Skill, chosen: int | None) -> None:
        """The five levels in the rubric's words for the session's track: what the
        manager rates against is what the person's own questions are anchored to."""
        line = Text()
        for value in range(1, 6):
            if value == chosen:
                line.append(f"[{value}]", style="bold reverse")
            else:
                line.append(f" {value} ")
            line.append(" ")
        if chosen is not None:
            line.append(f"← chosen: {chosen}", style="bold")
        track = self._need().session.track
        levels = [skill.level(track, value) for value in range(1, 6)]
        if not all(levels):
            line.append(f"\n{NO_LEVELS}", style="dim")
        for value, words in enumerate(levels, start=1):
            if words:
                style = "bold" if value == chosen else ""
                line.append(f"\n{value} ", style="bold")
                line.append(printable(one_line(words, 400)), style=style)
        self.query_one("#scale", Static).update(line)

    def _update_after(self, chosen: int | None, refusal: str = "") -> None:
        ratings = self._need()
        skill = ratings.current
        if skill is None:
            return
        lines = [refusal] if refusal else []
        if self.saved_line:
            lines.append(self.saved_line)
        if chosen is None:
            lines.append("Your own score: hidden until you record your manager's rating.")
        else:
            lines.append(self._beside(skill.id, chosen))
        self.query_one("#after", Static).update("\n".join(lines))

    def _beside(self, skill_id: str, rating: int) -> str:
        workspace = self.workspace
        return rating_beside(workspace, self._need().session, skill_id, rating, workspace.now())

    # ------------------------------------------------------------------ actions

    def _store_note(self) -> None:
        if self.ratings is not None:
            self.query_one(NoteBox).store(self.ratings, self.workspace.now())

    def action_rate(self, value: int) -> None:
        ratings = self._need()
        skill = ratings.current
        if skill is None:
            return
        if not 1 <= value <= 5:
            # Refused where the eyes are, and the skill stays: the next digit is for it.
            answer = ratings.answer_for(skill.id)
            chosen = answer.rating if answer is not None and not answer.skipped else None
            self._update_after(chosen, f"✗ {value} is not a rating here: type 1-5.")
            return
        self._store_note()
        ratings.rate(value, self.workspace.now())
        self.saved_line = f"✓ Saved. {self._beside(skill.id, value)}"
        ratings.advance_to_open()
        self.show_skill()

    def action_skip(self) -> None:
        ratings = self._need()
        if ratings.current is None:
            return
        self._store_note()
        ratings.skip(self.workspace.now())
        self.saved_line = ""
        self.show_skill()

    def action_back(self) -> None:
        ratings = self._need()
        self._store_note()
        if ratings.position == 0:
            return
        ratings.back()
        self.saved_line = ""
        self.show_skill()

    def action_leave(self) -> None:
        self._store_note()
        kept = self.ratings is not None and self.workspace.leave(self.ratings)
        self.app.pop_screen()
        if kept:
            self.app.notify("Kept. Press m on the dashboard to resume it.", markup=False)
        else:
            self.app.notify("Nothing recorded, so nothing was kept.", markup=False)

    def _finish(self) -> None:
        workspace = self.workspace
        session = self._need().finish(workspace.now())
        workspace.reload()
        self.app.switch_screen(ComparisonScreen(session, fresh=True))


class ComparisonScreen(CoachScreen[None]):
    """You and your manager per skill; a big difference is marked with words, not only colour."""

    CSS_PATH = "manager.tcss"
    HELP = COMPARISON_HELP
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", show=False),
        keys.HELP,
    ]

    def __init__(self, session: Session | None = None, fresh: bool = False) -> None:
        """With a session: as of when it finished. Without: as of now."""
        super().__init__()
        self.session = session
        self.fresh = fresh
        self.rows: tuple[ComparisonRow, ...] = ()

    def compose_body(self) -> ComposeResult:
        yield Static("", id="comparison-title", classes="title", markup=False)
        yield DataTable(id="comparison", cursor_type="row")
        yield Static("", id="topics", markup=False)

    def on_mount(self) -> None:
        workspace = self.workspace
        at = workspace.now()
        if self.session is not None:
            at = self.session.finished or self.session.updated
        self.rows = comparison(workspace, at)
        heading = "Saved. " if self.fresh else ""
        self.query_one("#comparison-title", Static).update(
            f"{heading}You and your manager · {at:%a %d %b %Y}"
        )
        table = self.query_one("#comparison", DataTable)
        for key, label, justify in COLUMNS:
            table.add_column(Text(label, justify=justify), key=key)
        for row in self.rows:
            # Figures only: the header names each column once, so a row reads at a glance.
            table.add_row(
                Text(one_line(row.title, TITLE_WIDTH)),
                Text(row.you, justify="right"),
                Text(row.manager, justify="right"),
                Text(row.difference, justify="right"),
                Text(row.note, style="bold" if row.flagged else "dim"),
                key=row.skill,
            )
        flagged = [one_line(r.title, 30) for r in self.rows if r.flagged]
        if flagged:
            topics = (
                f"Topics for your next 1:1 (a difference of {FLAG_DIFFERENCE} or more): "
                + ", ".join(flagged)
                + "."
            )
        elif any(r.difference is not None for r in self.rows):
            topics = (
                f"No difference of {FLAG_DIFFERENCE} or more: you and your manager see these "
                "skills alike."
            )
        else:
            topics = (
                "No skill has both your score and your manager's rating in the last "
                f"{SCORE_WEEKS} weeks."
            )
        self.query_one("#topics", Static).update(f"{DIFFERENCE_MEANS}\n{topics}")
        table.focus()

    def rows_text(self) -> list[list[str]]:
        """The header and each row's cells as the table holds them: what a reader sees."""
        table = self.query_one("#comparison", DataTable)
        header = [str(column.label) for column in table.ordered_columns]
        rows = [[str(cell) for cell in table.get_row(row.skill)] for row in self.rows]
        return [header, *rows]

    def action_back(self) -> None:
        self.app.pop_screen()
