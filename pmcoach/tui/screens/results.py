"""After a session, or opened from the session list: scores, focus, and corrections."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import JustifyMethod
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from pmcoach.app import corrections
from pmcoach.app.present.manager import FLAG_MARK
from pmcoach.app.present.results import AnswerLine, results
from pmcoach.app.present.sessions import session_name
from pmcoach.domain.model import NO_OCCASION_KEY, OLD_SCALE_WORDS, Session
from pmcoach.domain.rules import FLAG_DIFFERENCE, SCORE_WEEKS
from pmcoach.text.sanitize import one_line
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.confirm import ConfirmScreen
from pmcoach.tui.widgets.skill_table import SkillTable

HELP = f"""\
Results

  ↑ ↓      choose an answer
  1-5      correct the chosen answer (0-N on a "how many" question);
           the session file is rewritten and its time of change moves
  {NO_OCCASION_KEY}        correct it to no occasion: it did not come up in the window
           (not scored)
  delete   move this session to trash/ (restorable from the list)
  esc      back

Scores are as of the end of this session, for the skills of the track it was
taken on: the mean of the latest rating of each question of the skill
answered in the {SCORE_WEEKS} weeks before. A manager's session lists the manager's
rating of each skill beside your score then and the difference (manager minus
you; {FLAG_MARK} when it is {FLAG_DIFFERENCE} or more: talk about this; none for a session on
the {OLD_SCALE_WORDS}); 1-5 corrects the chosen rating. A peer's reply lists each
question as the peer was asked it, their rating and their note; it is kept
as they gave it, so nothing on it can be corrected (delete still works).
"""


# The answers table: a skill title is cut past SKILL_WIDTH cells; the question takes
# every cell the other columns leave, and never fewer than QUESTION_MIN (the note gives
# way first, down to NOTE_MIN) so a narrow terminal still shows what was asked.
SKILL_WIDTH = 16
# A manager's session: its rating column, and the mark of a difference worth talking about.
MANAGER_COLUMN = "Manager"
OLD_SCALE_COLUMN = f"Manager ({OLD_SCALE_WORDS})"
QUESTION_MIN = 24
NOTE_MIN = 12


def answer_columns(
    width: int, padding: int, skill: int, rating: int, note: int
) -> tuple[int, int, int, int]:
    """Cell widths of the skill, question, rating and note columns in a table `width`
    cells wide, each column with `padding` cells either side, from the widths the
    skill, rating and note columns' contents need."""
    skill = min(skill, SKILL_WIDTH)
    left = width - 8 * padding - skill - rating
    note = max(min(note, left - QUESTION_MIN), min(note, NOTE_MIN))
    return skill, max(left - note, QUESTION_MIN), rating, note


def fit(text: str, width: int, justify: JustifyMethod = "default") -> Text:
    """`text` on one line, cut with an ellipsis to `width` cells (not characters: a
    wide character takes two)."""
    out = Text(one_line(text), justify=justify, no_wrap=True)
    if out.cell_len > width:
        out.truncate(max(width - 1, 0))
        out.rstrip()
        out.append("…")
    return out


class ResultsScreen(CoachScreen[None]):
    CSS_PATH = "lists.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("1", "correct(1)", "Correct", key_display="1-5"),
        *[Binding(str(n), f"correct({n})", show=False) for n in (0, 2, 3, 4, 5, 6, 7, 8, 9)],
        Binding(NO_OCCASION_KEY, "no_occasion", "No occasion"),
        Binding("delete", "delete", "Delete"),
        Binding("escape", "back", "Back"),
        Binding("q", "back", show=False),
        keys.HELP,
    ]

    def __init__(self, session: Session, fresh: bool = False) -> None:
        super().__init__()
        self.session = session
        self.fresh = fresh
        self._answers: tuple[AnswerLine, ...] = ()
        self._old_scale = False

    def compose_body(self) -> ComposeResult:
        yield Static("", id="title", classes="title", markup=False)
        yield SkillTable(id="skills")
        yield Static("", id="focus", markup=False)
        yield DataTable(id="answers", cursor_type="row")

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one("#answers", DataTable).focus()

    def on_resize(self) -> None:
        self._fill_answers()

    def refresh_view(self) -> None:
        workspace = self.workspace
        view = results(workspace, self.session)
        done = "finished" if self.session.finished else "in progress"
        heading = "Done. " if self.fresh else ""
        self.query_one("#title", Static).update(
            f"{heading}{view.title} · {self.session.started:%a %d %b %Y %H:%M} · {done}"
        )
        self.query_one(SkillTable).show(list(view.rows))
        focus = view.focus_text
        if view.read_only:
            # A peer's page: what they said, not the person's focus of that day.
            focus = f"{view.note}\n{view.read_only}"
        if view.exercises:
            titles = "; ".join(one_line(t, 60) for t in view.exercises)
            focus += f"\nExercises for this week (e on the dashboard): {titles}"
        self.query_one("#focus", Static).update(focus)
        self._answers = view.answers
        self._old_scale = view.old_scale
        self._fill_answers()

    def _fill_answers(self) -> None:
        """The answers in columns cut to the table's width, the question the widest."""
        if self.session.kind == "manager":
            self._fill_ratings()
            return
        answers = self._answers
        table = self.query_one("#answers", DataTable)
        headers = ("Skill", "Question", "Rating", "Note")
        needed = [
            max([len(headers[0]), *(cell_len(one_line(a.skill_title)) for a in answers)]),
            max([len(headers[2]), *(cell_len(a.rating_text) for a in answers)]),
            max([len(headers[3]), *(cell_len(a.note_text) for a in answers)]),
        ]
        # The table's width inside its margin, less a vertical scrollbar it may need.
        width = self.size.width - table.styles.margin.width
        width -= table.styles.scrollbar_size_vertical
        skill, question, rating, note = answer_columns(width, table.cell_padding, *needed)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column(Text("Skill"), key="skill", width=skill)
        table.add_column(Text("Question"), key="question", width=question)
        table.add_column(Text("Rating", justify="right"), key="rating", width=rating)
        table.add_column(Text("Note"), key="note", width=note)
        for index, line in enumerate(answers):
            table.add_row(
                fit(line.skill_title, skill),
                fit(line.prompt, question),
                fit(line.rating_text, rating, justify="right"),
                fit(line.note_text, note),
                key=str(index),  # a file may answer one question twice: not a key
            )
        if answers:
            table.move_cursor(row=min(row, len(answers) - 1))

    def _fill_ratings(self) -> None:
        """A manager's ratings beside one's own scores, as on the comparison after a 1:1:
        each header said once, figures aligned under it, the note taking what is left."""
        answers = self._answers
        table = self.query_one("#answers", DataTable)
        manager = OLD_SCALE_COLUMN if self._old_scale else MANAGER_COLUMN
        # A flag mark after the difference; a blank as wide where there is none, so the
        # figures stay aligned.
        differences = [f"{a.difference} {FLAG_MARK if a.flagged else ' '}" for a in answers]
        widths = [
            max([len(header), *(cell_len(cell) for cell in cells)])
            for header, cells in (
                ("You", [a.you for a in answers]),
                (manager, [a.rating_text for a in answers]),
                ("Difference", differences),
            )
        ]
        skill = min(
            max([len("Skill"), *(cell_len(one_line(a.skill_title)) for a in answers)]),
            SKILL_WIDTH,
        )
        width = self.size.width - table.styles.margin.width
        width -= table.styles.scrollbar_size_vertical
        note = max(width - 10 * table.cell_padding - skill - sum(widths), NOTE_MIN)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column(Text("Skill"), key="skill", width=skill)
        for key, header, wide in zip(
            ("you", "manager", "difference"), ("You", manager, "Difference"), widths, strict=True
        ):
            table.add_column(Text(header, justify="right"), key=key, width=wide)
        table.add_column(Text("Note"), key="note", width=note)
        for index, (line, difference) in enumerate(zip(answers, differences, strict=True)):
            table.add_row(
                fit(line.skill_title, skill),
                fit(line.you, widths[0], justify="right"),
                fit(line.rating_text, widths[1], justify="right"),
                fit(difference, widths[2], justify="right"),
                fit(line.note_text, note),
                key=str(index),  # a file may answer one question twice: not a key
            )
        if answers:
            table.move_cursor(row=min(row, len(answers) - 1))

    def _chosen_key(self) -> str | None:
        """The chosen answer's question (or skill), or None when nothing may be corrected."""
        if self.workspace.read_only:
            self.notify(self.workspace.read_only, severity="warning", markup=False)
            return None
        table = self.query_one("#answers", DataTable)
        if not 0 <= table.cursor_row < min(table.row_count, len(self._answers)):
            return None
        return self._answers[table.cursor_row].question_id

    def action_correct(self, value: int) -> None:
        key = self._chosen_key()
        if key is None:
            return
        try:
            self.session, message = corrections.correct(self.workspace, self.session, key, value)
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.notify(message, markup=False)
        self.refresh_view()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A manager rates skills: "no occasion" is only for a self session's answers; a
        peer's reply is kept as given, so its page offers no correction at all."""
        if action == "no_occasion":
            return self.session.by_self
        if action == "correct" and self.session.kind == "peer":
            return False
        return super().check_action(action, parameters)

    def action_no_occasion(self) -> None:
        key = self._chosen_key()
        if key is None:
            return
        try:
            self.session, message = corrections.correct_no_occasion(
                self.workspace, self.session, key
            )
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.notify(message, markup=False)
        self.refresh_view()

    def action_delete(self) -> None:
        workspace = self.workspace
        if workspace.read_only:
            self.notify(workspace.read_only, severity="warning", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                workspace.delete(self.session)
                self.app.pop_screen()
                self.app.notify("Moved to trash/. Restore it from the session list (t).")

        self.app.push_screen(
            ConfirmScreen(
                f"Move {session_name(self.session, self.workspace.config)} to trash/? "
                "It can be restored from the session list (t)."
            ),
            self.coach_app.guarded(answered),
        )

    def action_back(self) -> None:
        self.app.pop_screen()
