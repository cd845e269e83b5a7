"""Export from the app: the command line's choices, with a preview of what will be written.

Two commands' files are made here: `pmcoach export` (the report, the data) and `pmcoach
review` (the self-review draft, `r`), each with its own default period and file name. The
preview is the file itself, rendered in a worker as the choices change, so what the PM
reads here is exactly what the manager gets (for HTML, its Markdown twin: the same text
without the charts). Keys change the choices while the preview has focus; the period and
file fields take typed text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static, TextArea

from pmcoach.app.export_choices import Choices, file_name, offered, period_of, remember
from pmcoach.domain.rules import REVIEW_MONTHS
from pmcoach.export import FORMATS, REVIEW_FORMATS, SUFFIXES, ExportError
from pmcoach.export.files import check_suffix, check_target, write_export
from pmcoach.storage.paths import PathError, expand
from pmcoach.text.sanitize import printable
from pmcoach.tui import keys
from pmcoach.tui.background import in_thread
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.confirm import ConfirmScreen
from pmcoach.tui.widgets.typed import PlainInput

if TYPE_CHECKING:
    from pmcoach.export import ExportData

HELP = f"""\
Export

  f        format: md or html (the two-page report for your manager),
           csv (one row per answer, grade and win), json (everything)
  r        the self-review draft for review season instead (md or html;
           r again: back to the export)
  l        period: cycle the default, 4w, 6m, 12m, all; or type in the
           field: 12w, 90d, 6m, a date like 2026-01-01 (from that day on), all
  v        include the texts you marked private (no by default)
  tab      move between the preview, the period and the file name
  enter    write the file (asks before replacing one); ctrl+s too
  esc      back

The preview shows exactly what will be written; for HTML it shows the same
text as Markdown, without the charts. `pmcoach export` and `pmcoach review`
do the same from the command line. JSON with private texts is a complete
backup. The report's default period is the last 12 weeks, the review
draft's the last {REVIEW_MONTHS} months, csv and json everything.

The next export starts from what was written last, in its format, period
and folder (at first: the report in Markdown, its default period, your
documents folder). The file name says what it is, your name (if set in
settings) and the day.
"""

WHAT = {
    "md": "the report for your manager, Markdown",
    "html": "the report for your manager, one HTML file with charts",
    "csv": "one row per answer, grade and win",
    "json": "everything: settings, sessions, events",
}
REVIEW_WHAT = {
    "md": "your self-review draft, Markdown",
    "html": "your self-review draft, one HTML file",
}
PERIODS = ("", "4w", "6m", "12m", "all")
PREVIEW_LINES = 400


class ExportScreen(CoachScreen[None]):
    CSS_PATH = "export.tcss"
    HELP = HELP
    AUTO_FOCUS = "#preview"
    BINDINGS = [
        Binding("ctrl+s", "write", "Write", priority=True),
        Binding("enter", "write", show=False),
        Binding("f", "format", "Format"),
        Binding("r", "review", "Review draft"),
        Binding("l", "period", "Period"),
        Binding("v", "private", "Private"),
        Binding("escape", "back", "Back"),
        keys.HELP,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.include_private = False
        self._named_by_user = False

    def compose_body(self) -> ComposeResult:
        today = self.workspace.now().date()
        self._offered = offered(self.workspace.config, today)
        self.fmt = self._offered.fmt
        self.review = self._offered.review
        yield Static("Export", classes="title", markup=False)
        with Horizontal(classes="row"):
            yield Static("Format", classes="label", markup=False)
            yield Static("", id="format", classes="value", markup=False)
        with Horizontal(classes="row"):
            yield Static("Period", classes="label", markup=False)
            yield PlainInput(
                self._offered.period, placeholder="default", id="period", classes="short"
            )
            yield Static("", id="period-words", classes="value", markup=False)
        with Horizontal(classes="row"):
            yield Static("Private", classes="label", markup=False)
            yield Static("", id="private", classes="value", markup=False)
        with Horizontal(classes="row"):
            yield Static("File", classes="label", markup=False)
            yield PlainInput(str(self._offered.file(today, self._person)), id="file")
        yield Static("", id="export-error", markup=False)
        yield TextArea("", id="preview", read_only=True, show_line_numbers=False, soft_wrap=False)

    def on_mount(self) -> None:
        self._show_choices()

    # ------------------------------------------------------------------ choices

    def _show_choices(self) -> None:
        what = REVIEW_WHAT[self.fmt] if self.review else WHAT[self.fmt]
        self.query_one("#format", Static).update(f"{self.fmt} · {what}  (f, r)")
        private = "yes, private texts included" if self.include_private else "no, left out"
        self.query_one("#private", Static).update(f"{private}  (v)")
        self._refresh_preview()

    def _error(self, message: str) -> None:
        line = self.query_one("#export-error", Static)
        line.update(printable(message))  # it may quote the typed file name or period
        line.display = bool(message)

    def action_format(self) -> None:
        names = list(REVIEW_FORMATS if self.review else FORMATS)
        self.fmt = names[(names.index(self.fmt) + 1) % len(names)]
        self._follow_choices()

    def action_review(self) -> None:
        """The self-review draft, or back to the export; the draft is md or html only."""
        self.review = not self.review
        if self.review and self.fmt not in REVIEW_FORMATS:
            self.fmt = next(iter(REVIEW_FORMATS))
        self._follow_choices()

    def _follow_choices(self) -> None:
        """The file name follows what is written: the default name, or the typed one with
        the format's suffix."""
        field = self.query_one("#file", Input)
        if not self._named_by_user:
            folder = self._offered.folder
            name = file_name(self.fmt, self.review, self._today(), self._person)
            field.value = str(folder / name)
        else:
            path = Path(field.value)
            field.value = str(path.with_suffix(SUFFIXES[self.fmt]))
        self._show_choices()

    def action_period(self) -> None:
        field = self.query_one("#period", Input)
        current = field.value.strip().lower()
        index = PERIODS.index(current) if current in PERIODS else -1
        field.value = PERIODS[(index + 1) % len(PERIODS)]

    def action_private(self) -> None:
        self.include_private = not self.include_private
        self._show_choices()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "period":
            self._refresh_preview()
        elif event.input.id == "file" and event.input.has_focus:
            self._named_by_user = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the period or file field writes, as it does on the preview."""
        event.stop()
        self.action_write()

    @property
    def _person(self) -> str | None:
        config = self.workspace.config
        return config.name if config is not None else None

    def _today(self) -> dt.date:
        return self.workspace.now().date()

    def _data(self) -> ExportData | None:
        workspace = self.workspace
        text = self.query_one("#period", Input).value
        try:
            period = period_of(self.fmt, self.review, text, workspace.now().date())
        except ExportError as exc:
            self.query_one("#period-words", Static).update("")
            self._error(str(exc))
            return None
        self._error("")
        shown = period.label
        if period.start is not None:
            first, last = period.start, period.end
            shown += f" ({first.day} {first:%b %Y} – {last.day} {last:%b %Y})"
        self.query_one("#period-words", Static).update(shown)
        return workspace.export_data(period, self.include_private)

    # ------------------------------------------------------------------ preview

    def _refresh_preview(self) -> None:
        data = self._data()
        if data is not None:
            self._render_preview(data, self.fmt, self.review)

    @work(exclusive=True, group="export-preview")
    async def _render_preview(self, data: ExportData, fmt: str, review: bool) -> None:
        # In a thread the app never joins: a quit does not wait for ten years to render.
        self._show_preview(await in_thread(preview_text, data, fmt, review))

    def _show_preview(self, text: str) -> None:
        self.query_one("#preview", TextArea).load_text(text)

    # ------------------------------------------------------------------ writing

    def action_write(self) -> None:
        try:
            path = expand(self.query_one("#file", Input).value.strip())
        except PathError as exc:
            self._error(str(exc))
            return
        if not str(path).strip() or path == Path():
            self._error("Give a file name to write to.")
            return
        try:
            check_suffix(path, self.fmt)
        except ExportError as exc:
            self._error(str(exc))
            return
        try:
            check_target(path, force=False)
        except ExportError as exc:
            if not _is_file(path):  # only a file is offered to be replaced
                self._error(str(exc))
                return

            def replace(yes: bool | None) -> None:
                if yes:
                    self._write(path, force=True)

            question = f"{printable(str(path))} exists. Replace it?"
            self.app.push_screen(ConfirmScreen(question), replace)
            return
        self._write(path, force=False)

    def _write(self, path: Path, force: bool) -> None:
        data = self._data()
        if data is None:
            return
        try:
            written = write_export(path, file_text(data, self.fmt, self.review), force)
        except ExportError as exc:
            self._error(str(exc))
            return
        period = self.query_one("#period", Input).value
        folder = written.absolute().parent
        remember(self.workspace, Choices(self.fmt, period, folder, self.review))
        self.app.pop_screen()
        self.app.notify(f"Wrote {printable(str(written))}", markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()


def file_text(data: ExportData, fmt: str, review: bool) -> str:
    """The file as `pmcoach review` or `pmcoach export` writes it for the same choices."""
    from pmcoach.export import render, render_review

    return render_review(fmt, data) if review else render(fmt, data)


def preview_text(data: ExportData, fmt: str, review: bool = False) -> str:
    """The start of the file `fmt` writes (Markdown for HTML), as the preview shows it."""
    text = file_text(data, "md" if fmt == "html" else fmt, review)
    lines = text.splitlines()
    if len(lines) > PREVIEW_LINES:
        rest = len(lines) - PREVIEW_LINES
        lines = [*lines[:PREVIEW_LINES], f"… {rest} more lines in the file"]
    return printable("\n".join(lines))


def _is_file(path: Path) -> bool:
    """A regular file (through a link); a name the system cannot look up is none."""
    try:
        return path.is_file()
    except OSError:  # is_file() lets through a name too long, say
        return False
