"""One item at a time, saved after every change: what a check-in and the manager's
ratings have in common.

Both walk a list (questions, or skills), keep at most one answer per item in the
session, and write the whole session before the caller moves on, so a crash loses
at most what is being typed. Subclasses say how an item is named and how an
answer points at it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Generic, TypeVar

from pmcoach.domain.model import Answer, Session, Text

Saver = Callable[[Session], object]
# Saves a session that has no file yet and returns it as saved: its id may have been
# drawn again if another item took the name first (`Store.add_session`).
Creator = Callable[[Session], Session]
Item = TypeVar("Item")


def holds_anything(session: Session) -> bool:
    """Whether a session has anything the person gave: a rating, a note, a review of
    last week, a reflection or a commitment. A skip alone is not an answer; a session
    without any of these is not worth a file, nor a question about resuming it."""
    return bool(
        any(not a.skipped or a.note is not None for a in session.answers)
        or session.commitment_reviews
        or session.exercise_reviews
        or session.commitments
        or session.reflection is not None
    )


class Steps(Generic[Item]):
    def __init__(
        self, session: Session, items: Sequence[Item], save: Saver, create: Creator | None = None
    ) -> None:
        self.session = session
        self.items = list(items)
        self._save = save
        self._create = create
        self.position = self._first_open()
        # Whether the session has a file. A new one (given `create`) gets it with its
        # first change, so that one left before any answer leaves nothing behind.
        self.written = create is None

    # ------------------------------------------------------------------ what differs

    def item_id(self, item: Item) -> str:
        raise NotImplementedError

    def answer_id(self, answer: Answer) -> str | None:
        raise NotImplementedError

    def blank(self, item_id: str) -> Answer:
        """An answer that only points at the item: kept as skipped until rated."""
        raise NotImplementedError

    # ------------------------------------------------------------------ reading

    def _first_open(self) -> int:
        for index, item in enumerate(self.items):
            if self.answer_for(self.item_id(item)) is None:
                return index
        return len(self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def done(self) -> bool:
        return self.position >= len(self.items)

    @property
    def current(self) -> Item | None:
        return None if self.done else self.items[self.position]

    def answer_for(self, item_id: str) -> Answer | None:
        return next((a for a in self.session.answers if self.answer_id(a) == item_id), None)

    def _need_current(self) -> Item:
        item = self.current
        if item is None:
            raise IndexError("nothing left to answer")
        return item

    # ------------------------------------------------------------------ writing

    def _put(self, answer: Answer, now: dt.datetime) -> Answer:
        """One answer per item, in the order of the items, and the session on disk."""
        key = self.answer_id(answer)
        previous = next((a for a in self.session.answers if self.answer_id(a) == key), None)
        if previous is not None and previous.extra and not answer.extra:
            # Fields a newer pmcoach wrote into the answer stay with it (codec, `extra`).
            answer = replace(answer, extra=previous.extra)
        order = {self.item_id(item): i for i, item in enumerate(self.items)}
        answers = [a for a in self.session.answers if self.answer_id(a) != key]
        answers.append(answer)
        answers.sort(key=lambda a: order.get(self.answer_id(a) or "", len(order)))
        self._update(now, answers=tuple(answers))
        return answer

    def _update(self, now: dt.datetime, **changes: object) -> None:
        self.session = replace(self.session, updated=now.replace(microsecond=0), **changes)  # type: ignore[arg-type]
        self._write()

    def _write(self) -> None:
        """The session on disk: its file created the first time, replaced after."""
        if self.written or self._create is None:
            self._save(self.session)
        else:
            self.session = self._create(self.session)
        self.written = True

    def set_note(
        self, text: str, private: bool, now: dt.datetime, item_id: str | None = None
    ) -> None:
        """The note goes to disk at once; an unanswered item is kept skipped until rated.

        `item_id` names the item when it is not the current one: evidence for the
        answer just given is written after the screen has moved on."""
        if item_id is None:
            item_id = self.item_id(self._need_current())
        previous = self.answer_for(item_id) or self.blank(item_id)
        kept = previous.note.extra if previous.note is not None else {}
        note = Text(text, private, kept) if text.strip() else None
        self._put(replace(previous, note=note), now)

    def advance(self) -> None:
        if not self.done:
            self.position += 1

    def advance_to_open(self) -> None:
        """On to the next item not answered yet (a skipped one counts as open).

        After going back to change one answer, the keys typed next are for the
        items still open: stepping onto the answer after the changed one would let
        the next key change it, though nobody went back to it."""
        self.advance()
        while not self.done:
            answer = self.answer_for(self.item_id(self.items[self.position]))
            if answer is None or answer.skipped:
                return
            self.position += 1

    def back(self) -> None:
        if self.position > 0:
            self.position -= 1
