"""The working-backwards drill: a press release and FAQ, one section a step.

The problem comes first and is checked as it is typed, so a paragraph that
starts from what we already have ("we have X and Y, we could combine them") or
names the solution is flagged before the solution step. Each step saves the
draft's Markdown file; the review shows every rule and the draft with the
flagged words marked, and finishing records a `drill` event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static, TextArea

from pmcoach.drills import attempts, drafts
from pmcoach.drills.press_release import SECTIONS, Draft
from pmcoach.drills.working_backwards import step_checks, working_backwards_feedback
from pmcoach.storage.errors import StoreError
from pmcoach.text.sanitize import one_line
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.widgets.drill_feedback import (
    DRAFT_LEGEND,
    marked,
    problem_text,
    rule_lines,
    score_line,
)
from pmcoach.tui.widgets.text_field import TextField

if TYPE_CHECKING:
    from pmcoach.drills.feedback import DraftFeedback

HELP = """\
Working backwards

  type     the section the step asks for
  ctrl+s   save it and go on to the next step; on the review: finish
  esc      leave the text box (the text is kept); esc again: leave
           the draft (it is saved; open it again from Drills)
  e        edit the text again
  b        back a step
  1-8      (outside the text box) go to a step; one opened from
           the review comes back to it with ctrl+s

Steps: the problem, the solution, a customer quote, the FAQ, then the three
questions: is it a big idea, should we do it, is there a legitimate plan to
succeed; last an optional headline. Score out of 100:

  Problem first          20  starts from the customer, not from what
                             we have ("we have", "we could combine")
  Problem, not solution  20  proposes nothing ("we will build",
                             "will let users", "customers lack an app",
                             "need a dashboard")
  Problem sized          15  a number: how many, how often, how much,
                             in about 12 words or more
  Sections written       15  solution, quote, FAQ, 5 points each: about
                             12 words and a number, a date or a name;
                             the FAQ two questions with real answers
  Three questions        15  each answered the same way, 5 points each
  Weasel words           15  −5 a weasel word from the list

The draft is a Markdown file in drafts/ of the data folder, readable by you
only. The file is the export: attach it or paste it as it is.
"""

REVIEW = len(SECTIONS)


def shown_path(draft: Draft) -> str:
    """Where the draft's file is, for a message: a file named by hand may carry anything."""
    return one_line(drafts.relative_path(draft.id))


class WorkingBackwardsScreen(CoachScreen[None]):
    CSS_PATH = "working_backwards.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("ctrl+s", "next", "Next"),
        Binding("ctrl+s", "finish", "Finish"),
        Binding("e", "edit", "Edit"),
        Binding("b", "previous", "Back a step"),
        Binding("1", "step(0)", "Step", key_display="1-8"),
        *(Binding(str(n + 1), f"step({n})", show=False) for n in range(1, REVIEW)),
        Binding("escape", "leave", "Leave", key_display="esc"),
        keys.HELP,
    ]

    def __init__(self, draft: Draft | None = None) -> None:
        super().__init__()
        self.draft = draft
        self.step = 0
        self.saved: Draft | None = draft  # what the file holds now
        # A step opened from the review with `1-8` goes back to the review when saved.
        self.from_review = False

    def compose_body(self) -> ComposeResult:
        yield Static("Working backwards", id="title", classes="title", markup=False)
        yield Static("", id="prompt", markup=False)
        yield TextField(id="section-text")
        with VerticalScroll(id="checks-pane"):
            yield Static("", id="checks", markup=False)

    def on_mount(self) -> None:
        if self.draft is None:
            self.draft = drafts.new_draft(self.workspace.now())
        self.show_step()

    @property
    def current(self) -> Draft:
        assert self.draft is not None
        return self.draft

    def feedback(self, draft: Draft) -> DraftFeedback:
        return working_backwards_feedback(draft, self.workspace.rubric.word_lists)

    # ------------------------------------------------------------------ showing

    def show_step(self) -> None:
        self.refresh_bindings()
        field = self.query_one(TextField)
        title = self.query_one("#title", Static)
        prompt = self.query_one("#prompt", Static)
        if self.step >= REVIEW:
            title.update(f"Working backwards · review · {one_line(self.current.title, 40)}")
            prompt.update("ctrl+s finishes and records the attempt; b or 1-8 to change a step.")
            field.display = False
            self.set_focus(None)
            self._show_review()
            return
        item = SECTIONS[self.step]
        title.update(f"Working backwards · step {self.step + 1} of {REVIEW} · {item.title}")
        prompt.update(item.prompt)
        field.display = True
        field.text = self.current.get(item.key)
        field.focus()
        self._show_checks(field.text)

    def _show_checks(self, text: str) -> None:
        checks = self.query_one("#checks", Static)
        item = SECTIONS[self.step]
        words = self.workspace.rubric.word_lists
        feedback = step_checks(item.key, text, words)
        if not feedback.checked:
            checks.update(problem_text(feedback.problem or ""))
            return
        checks.update(rule_lines(feedback.rules))

    def _show_review(self) -> None:
        draft = self.current
        feedback = self.feedback(draft)
        checks = self.query_one("#checks", Static)
        if not feedback.checked:
            checks.update(problem_text(feedback.problem or ""))
            return
        out = score_line(feedback.score)
        out.append("\n")
        out.append_text(rule_lines(feedback.rules))
        out.append(f"\n\n{DRAFT_LEGEND}", style="dim")
        for item in SECTIONS:
            out.append(f"\n\n{item.heading}\n", style="bold")
            body = draft.get(item.key)
            if body:
                out.append_text(marked(body, feedback.spans(item.key)))
            else:
                out.append("(empty)", style="dim")
        where = shown_path(draft)
        out.append(f"\n\nFile (the export): {where} in the data folder", style="dim")
        checks.update(out)
        self.query_one("#checks-pane", VerticalScroll).scroll_home(animate=False)

    # ------------------------------------------------------------------ keeping

    def _take_text(self) -> None:
        if self.step < REVIEW:
            item = SECTIONS[self.step]
            text = self.query_one(TextField).text
            self.draft = self.current.with_text(item.key, text)

    def _save(self) -> bool:
        """Write the draft's file when it has changed and holds any text; False when
        it could not be written (the reason is shown)."""
        draft = self.current
        if draft == self.saved or not any(draft.get(s.key) for s in SECTIONS):
            return True
        workspace = self.workspace
        if workspace.read_only:
            self.notify(f"Not saved. {workspace.read_only}", severity="warning", markup=False)
            return False
        try:
            if self.saved is None:  # its first save: a file of its own, its id as saved
                draft = self.draft = workspace.add_draft(draft)
            else:
                workspace.save_draft(draft)
        except StoreError as exc:
            self.notify(f"Not saved: {one_line(str(exc))}", severity="error", markup=False)
            return False
        self.saved = draft
        return True

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.step < REVIEW:
            self._show_checks(event.text_area.text)

    def on_text_field_left(self, _message: TextField.Left) -> None:
        self.set_focus(None)

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On the review ctrl+s finishes and `e` has no field to edit: the key bar says so."""
        allowed = super().check_action(action, parameters)
        if not allowed:
            return allowed
        if action in ("next", "edit"):
            return self.step < REVIEW
        if action == "finish":
            return self.step >= REVIEW
        return True

    def action_finish(self) -> None:
        if self.step >= REVIEW:
            self._finish()

    def action_next(self) -> None:
        if self.step >= REVIEW:
            self._finish()
            return
        self._take_text()
        if self._save():
            self.step = REVIEW if self.from_review else self.step + 1
            self.from_review = False
            self.show_step()

    def _finish(self) -> None:
        workspace = self.workspace
        draft = self.current
        feedback = self.feedback(draft)
        if not feedback.checked:
            self.notify(feedback.problem or "", severity="warning", markup=False)
            return
        if not any(draft.get(s.key) for s in SECTIONS):
            self.notify("Nothing written yet: start with the problem.", markup=False)
            return
        if not self._save():
            return
        if workspace.read_only:
            self.notify(f"Not recorded. {workspace.read_only}", severity="warning", markup=False)
            return
        try:
            event = attempts.working_backwards_event(
                draft, feedback, workspace.now(), workspace.device
            )
            workspace.save_drill_event(event)
        except (attempts.AttemptError, StoreError) as exc:
            self.notify(f"Not recorded: {one_line(str(exc))}", severity="error", markup=False)
            return
        self.notify(f"Saved {shown_path(draft)} · score {feedback.score}/100", markup=False)
        self.app.pop_screen()

    def action_previous(self) -> None:
        self._take_text()
        if self._save() and self.step > 0:
            self.step -= 1
            self.from_review = False  # walking back through the steps, one by one
            self.show_step()

    def action_step(self, index: int) -> None:
        self._take_text()
        if self._save() and 0 <= index < REVIEW:
            self.from_review = self.from_review or self.step >= REVIEW
            self.step = index
            self.show_step()

    def action_edit(self) -> None:
        if self.step < REVIEW:
            self.query_one(TextField).focus()

    def action_leave(self) -> None:
        self._take_text()
        if not self._save():
            return
        if self.saved is not None and any(self.current.get(s.key) for s in SECTIONS):
            self.notify(f"Draft kept: {shown_path(self.current)}", markup=False)
        self.app.pop_screen()
