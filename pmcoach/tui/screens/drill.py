"""The answer-first drill: a situation, a reply, and feedback at once.

The rules live in `pmcoach.drills.answer_first`; this screen collects the reply,
shows the verdict with the flagged words marked in place, and saves each
checked reply as a `drill` event so the progress screen can show the trend.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from pmcoach.domain.model import DrillCard
from pmcoach.drills import attempts
from pmcoach.drills.answer_first import answer_first_feedback
from pmcoach.drills.answer_first_points import (
    ANSWER_WINDOW,
    APPROXIMATE_POINTS,
    BURIED_POINTS,
    EXPECTS_WORDS,
    EXPLANATION_WORDS,
    EXPLANATION_WORDS_HALF,
    PER_LISTED_WORD,
    POINTS,
)
from pmcoach.drills.feedback import Feedback
from pmcoach.storage.errors import StoreError
from pmcoach.text.sanitize import one_line, printable
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.widgets.drill_feedback import (
    legend,
    marked,
    problem_text,
    rule_lines,
    score_line,
)
from pmcoach.tui.widgets.text_field import TextField

_ANSWER, _ASKED, _HEDGES, _WEASELS, _SHORT = POINTS.values()
_EACH = PER_LISTED_WORD
HELP = f"""\
Answer-first drill

  type     your reply to the message on the card
  ctrl+s   check it: score and reasons at once; the attempt is saved
  esc      leave the text box (the text is kept); esc again: back
  e        edit the reply again; ctrl+s checks it again
  n        next card
  v        mark the reply private: left out of exports

The first sentence is what the reader acts on, so it must give the answer the
card asks for: a yes or a no (or how likely: "probably not, 30%"), a date, a
number, or for an open question a direct answer without preamble. Where the
situation makes one answer true, only that one counts. Score out of 100:

  Answer first       {_ANSWER}  in the first sentence, within its first
                         {ANSWER_WINDOW} words ({APPROXIMATE_POINTS} for a month or a quarter,
                         {BURIED_POINTS} when it is buried later, 0 when untrue)
  What was asked     {_ASKED}  the day; the figure; for a yes or no,
                         a probability, a date or a reason
  Hedges             {_HEDGES}  −{_EACH} a hedge from the list (I think, maybe)
  Weasel words       {_WEASELS}  −{_EACH} a weasel word (many, soon, various)
  Short explanation  {_SHORT}  at most {EXPLANATION_WORDS} words after the answer
                         ({_SHORT // 2} up to {EXPLANATION_WORDS_HALF})

The same reply always gets the same feedback. Add your own cards and word
lists in rubrics/ of the data folder (format: questions/README.md). Each
checked reply is saved as a drill event in events/; the progress screen shows
how your scores move.
"""


class AnswerFirstScreen(CoachScreen[None]):
    CSS_PATH = "drill.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("ctrl+s", "check", "Check"),
        Binding("e", "edit", "Edit"),
        Binding("n", "next_card", "Next card"),
        Binding("v", "private", "Private"),
        Binding("escape", "back", "Back", key_display="esc"),
        keys.HELP,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[DrillCard] = []
        self.index = 0
        self.private = False
        self.feedback: Feedback | None = None
        self.saved_text: str | None = None  # the reply last saved for this card

    @property
    def card(self) -> DrillCard | None:
        return self.cards[self.index] if self.cards else None

    def compose_body(self) -> ComposeResult:
        yield Static("Answer-first drill", id="title", classes="title", markup=False)
        yield Static("", id="situation", markup=False)
        yield Static("", id="expects", classes="muted", markup=False)
        yield TextField(id="reply")
        with VerticalScroll(id="feedback"):
            yield Static("", id="reply-view", markup=False)
            yield Static("", id="verdict", markup=False)
            yield Static("", id="after", classes="muted", markup=False)

    def on_mount(self) -> None:
        workspace = self.workspace
        self.cards = attempts.card_order(workspace.rubric.drill_cards, workspace.drill_events())
        self.show_card()

    # ------------------------------------------------------------------ showing

    def show_card(self) -> None:
        self.feedback = None
        self.saved_text = None
        field = self.query_one(TextField)
        field.text = ""
        card = self.card
        title = self.query_one("#title", Static)
        if card is None:
            title.update("Answer-first drill")
            self.query_one("#situation", Static).update(
                "No drill cards: every card is retired. Add cards in rubrics/ "
                "(see questions/README.md)."
            )
            field.display = False
            return
        skill = self.workspace.rubric.skill(card.skill)
        skill_title = one_line(skill.title if skill else card.skill, 30)
        title.update(
            f"Answer-first drill · {skill_title} · card {self.index + 1} of {len(self.cards)}"
        )
        self.query_one("#situation", Static).update(printable(card.situation))
        self._show_expects()
        self._editing(True)
        self._show_feedback()

    def _show_expects(self) -> None:
        card = self.card
        if card is None:
            return
        privacy = "private: left out of exports" if self.private else "shared in exports"
        self.query_one("#expects", Static).update(
            f"Your first sentence should give {EXPECTS_WORDS[card.expects]}. · {privacy}"
        )

    def _editing(self, editing: bool) -> None:
        field = self.query_one(TextField)
        field.display = editing
        self.query_one("#reply-view", Static).display = not editing
        if editing:
            field.focus()
        else:
            self.set_focus(None)

    def _show_feedback(self) -> None:
        feedback = self.feedback
        view = self.query_one("#reply-view", Static)
        verdict = self.query_one("#verdict", Static)
        after = self.query_one("#after", Static)
        if feedback is None:
            view.update("")
            verdict.update("")
            after.update("ctrl+s checks your reply.")
            return
        if not feedback.checked:
            verdict.update(problem_text(feedback.problem or ""))
            after.update("")
            return
        reply = Text()
        reply.append("Your reply\n", style="bold")
        reply.append_text(marked(feedback.text, feedback.highlights))
        view.update(reply)
        verdict_text = score_line(feedback.score)
        verdict_text.append("\n")
        verdict_text.append_text(rule_lines(feedback.rules))
        verdict.update(verdict_text)
        lines = [legend(feedback.highlights)]
        card = self.card
        if card is not None and card.hint:
            lines.append(f"Hint: {printable(card.hint)}")
        after.update("\n".join(lines))

    # ------------------------------------------------------------------ keys

    def on_text_field_left(self, _message: TextField.Left) -> None:
        self.set_focus(None)

    def action_check(self) -> None:
        card = self.card
        if card is None:
            return
        workspace = self.workspace
        reply = self.query_one(TextField).text
        self.feedback = answer_first_feedback(card, reply, workspace.rubric.word_lists)
        self._show_feedback()
        if not self.feedback.checked:
            return
        self._editing(False)
        self.query_one("#feedback", VerticalScroll).scroll_home(animate=False)
        if reply.strip() == self.saved_text:
            return  # the same reply checked again: one attempt, not two
        if workspace.read_only:
            self.notify(f"Not saved. {workspace.read_only}", severity="warning", markup=False)
            return
        try:
            event = attempts.answer_first_event(
                card, reply, self.feedback, workspace.now(), workspace.device, self.private
            )
            workspace.save_drill_event(event)
        except (attempts.AttemptError, StoreError) as exc:
            self.notify(f"Not saved: {exc}", severity="error", markup=False)
            return
        self.saved_text = reply.strip()
        count = attempts.trend(workspace.drill_events()).count
        self.notify(f"Saved: attempt {count} of this drill.", markup=False)

    def action_edit(self) -> None:
        if self.card is not None:
            self._editing(True)

    def action_next_card(self) -> None:
        if self.cards:
            self.index = (self.index + 1) % len(self.cards)
            self.show_card()

    def action_private(self) -> None:
        self.private = not self.private
        self._show_expects()

    def action_back(self) -> None:
        self.app.pop_screen()
