"""Which colour theme the app uses: the saved choice, or an override, or the default.

The app's themes are Textual's, but `pmcoach config` must say which one is set
without importing Textual (it runs from scripts, and Textual costs ten times
its start), so their names are listed here; a test keeps the list in step with
Textual's own. A name pmcoach does not know (a typo, a theme of a later Textual)
is shown as unknown and the default is used: a setting never stops the app.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pmcoach.storage.paths import ENV_THEME as ENV_THEME

DEFAULT = "textual-dark"

# Textual's built-in themes (textual.theme.BUILTIN_THEMES), in its order.
KNOWN = (
    "textual-dark",
    "textual-light",
    "nord",
    "gruvbox",
    "catppuccin-mocha",
    "dracula",
    "tokyo-night",
    "monokai",
    "flexoki",
    "catppuccin-latte",
    "catppuccin-frappe",
    "catppuccin-macchiato",
    "solarized-light",
    "solarized-dark",
    "rose-pine",
    "rose-pine-moon",
    "rose-pine-dawn",
    "atom-one-dark",
    "atom-one-light",
    "ansi-dark",
    "ansi-light",
)


def known(name: str | None) -> bool:
    return name in KNOWN


def override(env: Mapping[str, str] = os.environ) -> str | None:
    """The theme PMCOACH_THEME (or --theme, which sets it) asks for; None when unset."""
    return env.get(ENV_THEME) or None


def chosen(saved: str | None, env: Mapping[str, str] = os.environ) -> str:
    """The theme to use: the override, else the saved one, whichever is first known."""
    for name in (override(env), saved):
        if name is not None and known(name):
            return name
    return DEFAULT


def describe(name: str | None) -> str:
    """A theme setting in words, for `pmcoach config`."""
    if name is None:
        return f"{DEFAULT} (the default; ctrl+p in the app to choose)"
    if known(name):
        return name
    return f"{name!r} is unknown: {DEFAULT} is used"


def saved(root: Path) -> str | None:
    """The theme config.toml names, read on its own before the first frame.

    The app draws its first frame from a saved overview without reading the
    settings; the theme must be right in that frame, and this costs one small read.
    Anything unreadable, or a theme that is not text, counts as none.
    """
    import tomllib

    from pmcoach.storage.files import read_regular

    raw = read_regular(root / "config.toml")
    if raw is None:
        return None
    try:
        name = tomllib.loads(raw.decode("utf-8")).get("theme")
    except (ValueError, RecursionError):  # UnicodeDecodeError and TOMLDecodeError too
        return None
    return name if isinstance(name, str) else None
