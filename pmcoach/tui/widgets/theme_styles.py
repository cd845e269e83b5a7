"""Colours for text drawn with Rich (the skill table, the chart, the weekly review), taken
from the app's theme.

Textual CSS reaches widgets through `$success` and the like, but a Rich table or
a line of Rich Text is coloured by a style string, so these read the same theme
variables: a rise is the theme's success colour and a decline its error colour,
whatever the theme, light or dark. With NO_COLOR there is no colour at all:
Textual turns colours into greys there, and a decline in dark red became a dim
grey line; without a colour it reads as plainly as the rest (the arrow and the
sign say which way it went).
"""

from __future__ import annotations

from textual.app import App


def colour(app: App[object], variable: str) -> str:
    """The theme variable's colour (`success`, `error`, `accent`) as a Rich style; "" with
    NO_COLOR."""
    if app.no_color:
        return ""
    return app.theme_variables.get(variable, "")


def change_styles(app: App[object]) -> dict[str, str]:
    """Styles by `fmt.direction`: up, down, flat."""
    return {"up": colour(app, "success"), "down": colour(app, "error"), "flat": ""}
