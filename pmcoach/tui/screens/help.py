"""`?` on any screen: its keys, what the figures mean, and where the data lives."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachDialog


def reflow(text: str) -> str:
    """Join wrapped prose lines so the dialog wraps them at its own width.

    Help texts are written at a comfortable source width; lines that start with
    a space (the key tables) keep their layout, prose becomes one line a paragraph.
    """
    out: list[str] = []
    paragraph: list[str] = []
    for line in text.splitlines():
        if line and not line.startswith(" "):
            paragraph.append(line.strip())
            continue
        if paragraph:
            out.append(" ".join(paragraph))
            paragraph = []
        out.append(line)
    if paragraph:
        out.append(" ".join(paragraph))
    return "\n".join(out)


class HelpScreen(CoachDialog[None]):
    CSS_PATH = "dialogs.tcss"
    HELP = "Help\n\n  esc, ? or f1   close the help\n"
    # A modal screen takes no app keys: the help keys close it here.
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", show=False),
        Binding(keys.HELP.key, "close", show=False),
    ]

    def __init__(self, text: str, data_dir: Path) -> None:
        super().__init__()
        self.text = text
        self.data_dir = data_dir

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with VerticalScroll(id="help-text"):
                yield Static(reflow(self.text.rstrip()), markup=False)
                yield Static(
                    f"\nYour data: {self.data_dir}\nPlain TOML files, readable by you only. "
                    "pmcoach config shows the settings; pmcoach doctor checks the files.",
                    markup=False,
                )
            yield Static("esc, ? or f1 closes", classes="keys", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
