"""The two places pmcoach reaches into Textual's private parts, because Textual has no
public way to do what they do. Nowhere else in `pmcoach.tui` is a private Textual
name used; tests/tui/test_textual_gaps.py fails when Textual changes either of them.

1. An unhandled error must not print its traceback with locals. Textual's own
   handling prints every frame's local variables, which hold the user's notes;
   `pmcoach.app.crash` is the policy (one line, a report without user text).
   Textual offers no public hook: `App.panic` is public but runs after the
   traceback is built. So `QuietCrashApp` overrides `App._handle_exception`,
   through which the message loop and the workers send every error.

2. Esc and the key right behind it, read together, must stay two keys (see
   `pmcoach.tui.key_order`). Textual's input parser reads them by a table,
   `textual._ansi_sequences.ANSI_SEQUENCES_KEYS`, and takes no table of an app's
   own: `read_esc_then_a_key` adds pmcoach's entries to it.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import cast

from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual.app import App

ESCAPE = "\x1b"


# After Esc these begin a longer sequence (CSI, SS3) or a terminal's reply (DCS,
# OSC, APC, PM, ST): Esc with one of them is left to Textual's parser.
SEQUENCE_STARTS = frozenset("[OP]_^\\")
# Esc then one of these is two keys. Textual's own readings of Esc then b, f, tab,
# backspace and Esc are kept: Option+Left and Option+Right in macOS Terminal send
# Esc b and Esc f, and an Input moves by word on them.
THEN = frozenset(chr(code) for code in range(0x20, 0x7F)) - SEQUENCE_STARTS | {"\r"}
# The name of the marker key the parser reads Esc then `char` as, with `char` after it.
MARKER = "esc-then:"


class _Marker:
    """A key in the parser's table: Textual names the key it reads after `.value`."""

    def __init__(self, char: str) -> None:
        self.value = MARKER + char


def read_esc_then_a_key() -> None:
    """The parser reads Esc then a key, arriving together, as one marker key.

    Textual's parser keeps its readings in a table; without an entry for Esc then
    "3" it reads "£" (the same event as a "£" typed on its own, so nothing after
    the parser could tell them apart), Esc then "?" as "?", and Esc then "d" as
    `alt+d` only once no more keys follow in the same read. With an entry, Esc
    and the key become one marker key as soon as both have arrived, which
    `apart` splits. The table is Textual's, but only the app's input parser reads
    it. Called as the app starts; once is enough.
    """
    table = ANSI_SEQUENCES_KEYS
    if not isinstance(table, MutableMapping):  # a Textual that changed it: the test fails
        return
    entries = cast("MutableMapping[str, object]", table)
    for char in THEN:
        if not isinstance(entries.get(ESCAPE + char, ""), tuple):
            entries[ESCAPE + char] = (_Marker(char),)


class QuietCrashApp(App[int]):
    """An app whose unhandled error closes it at once, printing nothing, and is kept in
    `crash` for `run_app` to report once the terminal is back."""

    def __init__(self) -> None:
        super().__init__()
        self.crash: BaseException | None = None

    def _handle_exception(self, error: Exception) -> None:
        """An error nothing caught: leave at once and let run_app report it.

        A headless app (the tests' pilot) keeps Textual's handling, so a test sees
        the error itself.
        """
        if self.is_headless:
            super()._handle_exception(error)
            return
        if self.crash is None:
            self.crash = error
        self.panic()  # no renderables: closes the app without waiting, printing nothing
