"""Keys acted on in the order they were typed, however fast they come.

Textual hands a key to the widget that has focus when the key arrives, but runs
the binding it stands for only once the key has come back up to the app. In a
burst the keys after one that moves the cursor or changes the screen are then
already on their way to the old place: a note's letters reached the screen
before `n` had opened the note, and a digit typed after "go on" reached the
screen being left. Two helpers for screens that take keys in bursts:

- `run_now` runs the binding for a key as soon as the key reaches the screen,
  so each key acts before the next one is looked at;
- `pass_on` sends a key that reached a screen after it gave way on to the
  screen now on top, in order, instead of dropping it.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.actions import parse
from textual.binding import BindingsMap
from textual.screen import Screen
from textual.widget import Widget


def pass_on(screen: Screen[Any], event: events.Key) -> bool:
    """Send `event` on to the screen now on top when `screen` is no longer current;
    True when it was sent on (the caller does nothing more with it)."""
    # Not `is_current`, which stays true for a screen still visible under the new one.
    if not screen.is_attached or screen.app.screen is screen:
        return False
    event.stop()
    event.prevent_default()
    target = screen.app.focused or screen.app.screen
    target.post_message(events.Key(event.key, event.character))
    return True


async def run_binding(node: Widget, event: events.Key) -> bool:
    """Run `node`'s own binding for the key, if one works there now (its
    `check_action` says so); True when one ran."""
    for binding in BindingsMap(node.BINDINGS).key_to_bindings.get(event.key, []):
        _, name, parameters = parse(binding.action)
        if not node.check_action(name, parameters):
            continue
        await node.run_action(binding.action)
        return True
    return False


async def run_now(screen: Screen[Any], event: events.Key) -> None:
    """The screen's binding for the key first, then the focused widget's, run at
    once; the key is then done with. A key neither binds goes on as usual."""
    if pass_on(screen, event):
        return
    nodes: list[Widget] = [screen]
    if screen.focused is not None:
        nodes.append(screen.focused)
    for node in nodes:
        if await run_binding(node, event):
            event.stop()
            event.prevent_default()
            return
