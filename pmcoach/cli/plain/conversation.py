"""Lines out, lines in: what the plain check-in has instead of a screen.

A screen reader follows a conversation of plain lines far better than a full-screen
app that redraws itself, and a script can answer lines too: nothing here but `write`
and `readline`, no colour, no cursor movement, no Rich.
"""

from __future__ import annotations

from typing import TextIO

PROMPT = "> "


class Leave(Exception):
    """The user leaves (q, or the end of input): everything given so far is saved."""


class Conversation:
    """Lines out, lines in. End of input means leaving, as `q` does, so that a
    script that runs out of answers ends with its answers saved."""

    def __init__(self, stdin: TextIO, stdout: TextIO, interactive: bool | None = None) -> None:
        self.stdin = stdin
        self.stdout = stdout
        if interactive is None:
            try:
                interactive = stdin.isatty()
            except (AttributeError, ValueError):
                interactive = False
        self.interactive = interactive

    def say(self, *lines: str) -> None:
        for line in lines:
            self.stdout.write(line + "\n")
        self.stdout.flush()

    def ask(self, prompt: str = PROMPT, *, end_leaves: bool = True) -> str:
        """The next line typed. The end of the input leaves (`Leave`), or, for a last
        optional question (`end_leaves=False`), answers it with an empty line."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not self.interactive:
            # Typed input ends the prompt's line on a terminal; piped input does not.
            self.stdout.write("\n")
        if line == "" and end_leaves:
            raise Leave
        return line.rstrip("\r\n")


def privacy_words(private: bool) -> str:
    """Where a note, a reflection or a commitment goes, as every answer says it."""
    return "private: left out of exports" if private else "shared in exports"
