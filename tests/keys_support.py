"""Keys the way a fast typist or a paste sends them: all at once.

`pilot.press` waits for the app to go idle after every key, which hides any race
between a key and the one after it. `burst` posts every key to the app before
the app has handled the first, as a terminal delivers a burst, then waits until
all of them are handled.
"""

from __future__ import annotations

import unicodedata

from textual import events
from textual.pilot import Pilot

# Named keys and the character a terminal sends for them.
NAMED = {"enter": "\r", "tab": "\t", "escape": "\x1b", "backspace": "\x7f", "space": " "}


def key_event(key: str) -> events.Key:
    """`key` is a Textual key name ("enter", "ctrl+s", "left") or one character."""
    if len(key) == 1:
        if key.isalnum():
            return events.Key(key, key)
        name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
        return events.Key(name, key)
    return events.Key(key, NAMED.get(key))


def typed(text: str) -> list[str]:
    """The keys that type `text`."""
    return list(text)


async def burst(pilot: Pilot[object], *keys: str) -> None:
    app = pilot.app
    for key in keys:
        app.post_message(key_event(key))
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
