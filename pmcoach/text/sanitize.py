"""Make user and rubric text safe to show in a terminal.

Text is stored exactly as written; this runs on display only. Markup is never
interpreted (widgets get plain content), and control characters are removed
because even a markup-free widget passes OSC sequences (window title,
clipboard) straight to the terminal.
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1, and the bidi controls that can reorder
# what a reader sees (Trojan Source): LRE..RLO, LRI..PDI, LRM, RLM, ALM.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The same, and tab and newline too: inside one drawn line they would move the cursor.
_LINE_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` without control characters; CR LF and lone CR become a newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)


def one_line(text: str, limit: int | None = None) -> str:
    """Printable text on one line, shortened with an ellipsis past `limit` characters."""
    flat = " ".join(printable(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)].rstrip() + "…"
    return flat


def drawable(text: str) -> str:
    """`text` of one drawn line, every control character removed, tab and newline too.

    For fields that keep what was typed exactly (it is saved as written) and
    clean only the line they draw. None of these characters takes a cell, so what
    is left lines up as before: the cursor and the selection stay where they were.
    """
    return _LINE_CONTROLS.sub("", text)
