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
the next only once the last has been through every queue it travels:

1. the focused widget and each container it bubbles up through, to the app,
   which resolves its binding there;
2. the app again, for what that binding asked for on the app's next turn
   (`focus()`, a screen to push);
3. the screen then on top, for its compose and mount (a new screen focuses
   its first field there), and the app once more for the focus that asked for;
   repeated while the screen on top keeps changing.

Each step is a `call_later` on the queue concerned, so it runs after whatever
the key put there. A person typing never notices; a burst, a paste of keys
or a script lands exactly where each key would have landed one at a time.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual import events
from textual.dom import DOMNode

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

# A key whose effects have not settled after this long (which would be a defect)
# stops holding the keys behind it, so that ctrl+q always gets through.
STUCK_AFTER = 3.0
# A screen that opens another screen as it mounts, and so on: follow that many.
SCREEN_CHANGES = 8

Typed = events.Key | events.Paste


class KeyOrder:
    """The app's line of typed keys; `receive` takes each key the terminal sends."""

    def __init__(
        self, app: App[object], dispatch: Callable[[events.Event], Awaitable[None]]
    ) -> None:
        self.app = app
        self.dispatch = dispatch  # Textual's own handling of an input event
        self.waiting: deque[Typed] = deque()
        self.key = 0  # the number of the key in flight; 0 when none is
        self.count = 0
        self.since = 0.0

    @property
    def idle(self) -> bool:
        """No key in flight and none waiting: what a test waits for."""
        return not self.key and not self.waiting

    async def receive(self, event: Typed) -> None:
        self.waiting.append(event)
        if self.key and time.monotonic() - self.since > STUCK_AFTER:
            self.key = 0
        await self._next()

    async def _next(self) -> None:
        if self.key or not self.waiting:
            return
        event = self.waiting.popleft()
        self.count += 1
        key = self.key = self.count
        self.since = time.monotonic()
        app = self.app
        target: DOMNode = app.focused or app.screen
        await self.dispatch(event)
        self._through(key, target)

    def _through(self, key: int, node: DOMNode) -> None:
        """Step 1: after `node` has handled the key, on to its parent, as the key bubbles."""
        if key != self.key:
            return
        parent = node.parent
        if node is self.app or parent is None or not node.is_attached:
            self._app_turn(key, 0)
        elif not node.call_later(self._through, key, parent):
            self._app_turn(key, 0)

    def _app_turn(self, key: int, changes: int) -> None:
        """Steps 2 and 3: the app's next turn, then the screen on top and the app again."""
        if key != self.key:
            return
        app = self.app

        def on_top() -> None:
            if key != self.key:
                return
            top = app.screen
            if not top.call_later(app.call_later, settled, top):
                self._release(key)

        def settled(top: Screen[object]) -> None:
            if key != self.key:
                return
            if app.screen is not top and changes < SCREEN_CHANGES:
                self._app_turn(key, changes + 1)
            else:
                self._release(key)

        if not app.call_later(on_top):
            self._release(key)

    def _release(self, key: int) -> None:
        if key != self.key:
            return
        self.key = 0
        if self.waiting:
            self.app.call_later(self._next)
