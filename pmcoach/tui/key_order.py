"""Typed keys reach the app one at a time: each after the last one's effects.

Textual hands a key to the widget that has the focus when the app reads it
from its queue, and moves focus later: a field passes tab up to the app's
binding, `focus()` asks the app to move focus on its next turn, a new screen
focuses its first field once it is mounted. Each of those runs on a queue of
its own, so keys read in the same burst were already handed to the field being
left ("tab Dana" typed into the previous field), and a priority key such as
ctrl+s ran before the text typed just ahead of it had reached its field. Making
tab a priority binding only moved the race: keys ahead of the tab were then
read against the next field.

So the app keeps typed keys (and pastes) in a line of its own and hands out
each only when everything before it has settled:

1. the app's queue, for what earlier work asked of it on its next turn
   (`focus()`, a screen to push);
2. the screen then on top, for its compose and mount (a new screen focuses its
   first field there), and the app once more for the focus that asked for;
   repeated while the screen on top keeps changing;
3. then the key goes to the widget with the focus, and the next key waits
   until this one has been through that widget and each container it bubbles
   up through, to the app, which resolves its binding there;
4. and once more from that widget up, after the binding: what the binding
   posted to the widget bubbles up the same way (enter in a dialog's field
   posts `Input.Submitted`, which the dialog answers by closing), and the key
   behind it must find the dialog closed, not type into its field.

Each step is a `call_later` on the queue concerned, so it runs after whatever
is already there. A person typing never notices; a burst, a script or a busy
machine lands each key exactly where it would have landed on its own.

Esc and the key after it, read together, are two keys again before they join
the line. A terminal sends Alt+d as Esc then d, so Textual's parser reads Esc
with a key right behind it (typed fast, or sent by a script) as one key: `alt+d`,
a character (Esc 3 is "£", one macOS terminal's Option+3), the key alone
(Esc ?), or, with more keys or another Esc in the same read, "^" and the keys.
pmcoach binds no Alt keys, so `textual_gaps.read_esc_then_a_key` gives the parser one
reading for Esc with each key that cannot begin a longer sequence, a marker key
as soon as the two have arrived, and `apart` turns that (and an `alt+` key with
its letter) into escape and the key itself.
"""

from __future__ import annotations

import time
import unicodedata
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ScreenStackError
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS

from pmcoach.tui.textual_gaps import ESCAPE, MARKER, read_esc_then_a_key

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

# A key whose effects have not settled after this long (which would be a defect)
# stops holding the keys behind it, so that ctrl+q always gets through.
STUCK_AFTER = 3.0
# A screen that opens another screen as it mounts, and so on: follow that many.
SCREEN_CHANGES = 8

Typed = events.Key | events.Paste


def key_for(char: str) -> events.Key:
    """The key Textual reads for `char` typed on its own."""
    if char == "\r":
        return events.Key("enter", char)
    name = char
    if not char.isalnum():
        name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    return events.Key(KEY_NAME_REPLACEMENTS.get(name, name), char)


def apart(event: Typed) -> list[Typed]:
    """Esc read together with the key behind it: the two keys it was.

    That is the parser's marker key, or a letter Textual reads with Esc as `alt+`:
    Esc then "é" is `alt+é`, Esc then "É" `alt+shift+é`, the letter kept as the
    character. Alt pressed with a key under a keyboard protocol that tells the two
    apart comes without a character and is left as it is.
    """
    if not isinstance(event, events.Key):
        return [event]
    name, char = event.key, event.character
    if name.startswith(MARKER) and len(name) == len(MARKER) + 1:
        char = name[-1]
    elif (
        char is None
        or len(char) != 1
        or not char.isalnum()
        or name not in (f"alt+{char}", f"alt+shift+{char.lower()}")
    ):
        return [event]
    return [events.Key("escape", ESCAPE), key_for(char)]


class KeyOrder:
    """The app's line of typed keys; `receive` takes each key the terminal sends."""

    def __init__(self, app: App[Any], dispatch: Callable[[events.Event], Awaitable[None]]) -> None:
        self.app = app
        self.dispatch = dispatch  # Textual's own handling of an input event
        read_esc_then_a_key()
        self.waiting: deque[Typed] = deque()
        self.key = 0  # the number of the key in flight; 0 when none is
        self.count = 0
        self.since = 0.0

    @property
    def idle(self) -> bool:
        """No key in flight and none waiting: what a test waits for."""
        return not self.key and not self.waiting

    def receive(self, event: Typed) -> None:
        self.waiting.extend(apart(event))
        if self.key and time.monotonic() - self.since > STUCK_AFTER:
            self.key = 0
        self._next()

    def _next(self) -> None:
        if self.key or not self.waiting:
            return
        self.count += 1
        self.key = self.count
        self.since = time.monotonic()
        self._settle(self.key, 0)

    def _settle(self, key: int, changes: int) -> None:
        """Steps 1 and 2: the app's next turn, then the screen on top and the app again."""
        app = self.app

        def on_top() -> None:
            if key != self.key:
                return
            top = self._top()
            if top is None:  # closing: nothing left to type into
                self.waiting.clear()
                self._release(key)
            elif not top.call_later(app.call_later, settled, top):
                app.call_later(self._send, key)

        async def settled(top: Screen[object]) -> None:
            if key != self.key:
                return
            if self._top() is not top and changes < SCREEN_CHANGES:
                self._settle(key, changes + 1)
            else:
                await self._send(key)

        app.call_later(on_top)

    async def _send(self, key: int) -> None:
        """Step 3: the key to the widget with the focus, as Textual sends it."""
        if key != self.key or not self.waiting:
            return
        event = self.waiting.popleft()
        top = self._top()
        if top is None:
            self._release(key)
            return
        target: DOMNode = self.app.focused or top
        await self.dispatch(event)
        self._through(key, target, target)

    def _through(self, key: int, node: DOMNode, target: DOMNode, bound: bool = False) -> None:
        """After `node` has handled the key, on to its parent, as the key bubbles; from
        the app (its binding resolved there) once more up from `target` (step 4)."""
        if key != self.key:
            return
        parent = node.parent
        if node is self.app and not bound:
            if not self.app.call_later(self._through, key, target, target, True):
                self._release(key)
        elif (
            node is self.app
            or parent is None
            or not node.is_attached
            or not node.call_later(self._through, key, parent, target, bound)
        ):
            self._release(key)

    def _top(self) -> Screen[object] | None:
        try:
            return self.app.screen
        except ScreenStackError:
            return None

    def _release(self, key: int) -> None:
        if key != self.key:
            return
        self.key = 0
        self._next()
