"""Keys every screen shares, defined once so that each screen, the key bar and the
command palette name them alike."""

from __future__ import annotations

from textual.binding import Binding

# `?` on every screen; F1 as well, for where `?` types: a form whose text field has the
# focus would otherwise have no way to its help.
HELP = Binding("question_mark,f1", "app.help", "Help", key_display="?")
