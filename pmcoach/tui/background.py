"""Work in a thread that the app awaits and never joins.

Textual's thread workers run in the event loop's default executor, whose threads are
joined when the loop closes and again when the interpreter exits: a `q` pressed while ten
years of history are being read would close the screen and then leave the terminal
waiting until the reading ended. Here each call gets a daemon thread of its own, and the
app awaits its result from an ordinary (async) Textual worker. Cancelling that worker (a
newer one in its group, the app quitting) stops the waiting at once; the thread finishes
on its own, or ends with the process, and what it returns is dropped.

What runs here must share nothing the app's thread changes (see `Workspace.reader`), and
write nothing but cache files, which are written whole or not at all.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


async def in_thread(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`function(*args, **kwargs)` in a daemon thread, awaited without blocking the loop."""
    loop = asyncio.get_running_loop()
    result: asyncio.Future[T] = loop.create_future()

    def deliver(value: T | None, error: BaseException | None) -> None:
        if result.done():  # the awaiting worker was cancelled
            return
        if error is not None:
            result.set_exception(error)
        else:
            result.set_result(value)  # type: ignore[arg-type]

    def run() -> None:
        value: T | None = None
        error: BaseException | None = None
        try:
            value = function(*args, **kwargs)
        except BaseException as exc:  # handed to the awaiting worker, which reports it
            error = exc
        # A closed loop (RuntimeError): the app has ended, and nobody waits for this.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(deliver, value, error)

    name = f"pmcoach-{getattr(function, '__name__', 'work')}"
    threading.Thread(target=run, name=name, daemon=True).start()
    return await result
