"""`pmcoach feedback add`: a peer's reply read, matched to its request, kept as a session.

The reply is hostile text from outside (a file, a paste): it is read with a size limit,
as UTF-8 or refused, and never from a FIFO or a device, which could hang the command.
The request the reply names by its code (or, without one, the latest request) says which
questions were asked and in which order; `domain.peer_reply` reads the numbers and the
note; the result is one `peer` session, finished when written, the way a manager's
ratings are kept. Nothing is saved unless every line could be read.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from pmcoach.app.asking import AskError, asker, clean_name
from pmcoach.domain import peer_request
from pmcoach.domain.ids import new_id
from pmcoach.domain.model import Answer, Config, Event, Question, Rubric, Session, Text
from pmcoach.domain.peer_reply import Reply, ReplyError, code_in, parse
from pmcoach.domain.peer_request import CODE_LABEL
from pmcoach.domain.peers import peer_key
from pmcoach.domain.request_words import Asked, layout
from pmcoach.export.peer_request import named, render
from pmcoach.storage.config import NAME_LIMIT  # a peer's name reads like one's own
from pmcoach.text.sanitize import one_line

MAX_REPLY_SIZE = 1 << 20
"""A reply is a few lines; a larger file is not one (and is not read whole)."""
SHOWN_QUESTION = 52
"""How much of a question the confirmation shows, so each fits one line with its number."""
NOT_ANSWERED = "not answered"


class FeedbackError(ValueError):
    """A reply, a name or a folder we refuse: one line, and nothing was saved."""


def read_reply(name: str) -> str:
    """The reply's text from file `name` (`-`: standard input), at most MAX_REPLY_SIZE."""
    data = sys.stdin.buffer.read(MAX_REPLY_SIZE + 1) if name == "-" else _read_file(name)
    if len(data) > MAX_REPLY_SIZE:
        raise FeedbackError(f"{name}: larger than {MAX_REPLY_SIZE >> 20} MiB; not a reply")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FeedbackError(
            f"{name}: not UTF-8 text (bad byte at position {exc.start}); save the reply "
            "as UTF-8 text"
        ) from None


def _read_file(name: str) -> bytes:
    from pmcoach.storage import paths

    path = paths.expand(name)
    try:
        # Non-blocking: opening a FIFO would otherwise wait for a writer forever.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        raise FeedbackError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise FeedbackError(f"{name} is a folder, not a reply") from None
    except OSError as exc:
        raise FeedbackError(f"{name}: cannot be read: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise FeedbackError(f"{name} is a folder, not a reply")
        if not stat.S_ISREG(mode):
            raise FeedbackError(
                f"{name}: not a regular file; to read a pipe, give - and pipe it in"
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(MAX_REPLY_SIZE + 1)
    except OSError as exc:
        raise FeedbackError(f"{name}: cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def peer_name(given: str) -> str:
    """The name as `--from` gave it, tidied: one printable line, not empty."""
    name = " ".join(given.split())
    if not name:
        raise FeedbackError("--from: the peer's name is empty")
    if len(name) > NAME_LIMIT or not name.isprintable():
        raise FeedbackError(
            f"--from: a name is one line of printable text, at most {NAME_LIMIT} characters"
        )
    return name


def asked(question: Question | None, question_id: str, who: str | None = None) -> Asked:
    """A question as a request words it for a peer: its observer form, the person named,
    when it has one; else as the rubric asks it (a question since retired or reworded)."""
    if question is None:
        return Asked(question_id)
    if question.observer is None:
        return Asked(question.prompt, question.anchors)
    return Asked(named(question.observer.prompt, who), question.observer.anchors)


def request_words(
    request: peer_request.PeerRequest, rubric: Rubric, config: Config
) -> tuple[tuple[Asked, ...], tuple[str, ...]]:
    """The request a reply answers, as it was printed: its questions and its other lines
    (greeting, why, how to reply, the reply block's labels), so that a reply carrying the
    request back, quoted or not, is told from the peer's own words. Laid out again from
    its record, in the words `pmcoach ask` prints; a question the rubric no longer asks
    of a peer is taken as the rubric has it, and the other lines are then not known."""
    who = asker(config)
    try:
        to = clean_name(request.to.text, "the peer") if request.to is not None else None
    except AskError:
        to = None
    questions = [rubric.question(q) for q in request.questions]
    forms = [q for q in questions if q is not None and q.observer is not None]
    if len(forms) == len(questions):
        printed, other = layout(render(forms, request.code, who, to), CODE_LABEL)
        if len(printed) == len(questions):
            return printed, other
    return tuple(asked(q, i, who) for q, i in zip(questions, request.questions, strict=True)), ()


@dataclass(frozen=True)
class Understood:
    """A reply as read: the request it answers, the questions, the ratings and note."""

    request: peer_request.PeerRequest
    by_code: bool  # the reply named its request; else it was taken for the latest
    asked: tuple[Asked, ...]
    reply: Reply
    session: Session


def understand(
    text: str,
    *,
    peer: str,
    private: bool,
    rubric: Rubric,
    config: Config,
    sessions: Iterable[Session],
    events: Iterable[Event],
    now: dt.datetime,
    device: str,
) -> Understood:
    """The reply read and matched to its request, as the session it would be saved as.

    Raises FeedbackError (one line, naming the line of the reply where one is at fault)
    when the reply cannot be read, its request is unknown, or it was added already.
    """
    name = peer_name(peer)
    events = list(events)
    if not peer_request.requests(events):
        raise FeedbackError(
            "no request for feedback is recorded in this folder: write one with pmcoach ask"
        )
    code, line = code_in(text)
    request = peer_request.find(events, code)
    if request is None:
        raise FeedbackError(
            f"line {line}: request code {one_line(code or '', 20)}: no request with this "
            "code was written from this folder"
        )
    questions, other = request_words(request, rubric, config)
    try:
        reply = parse(text, questions, other)
    except ReplyError as exc:
        raise FeedbackError(f"{exc}; nothing was saved") from None
    if reply.rated == 0:
        raise FeedbackError(
            f"the reply holds no rating from 1 to 5 for any of the {len(questions)} "
            "questions; nothing was saved"
        )
    _not_added_before(sessions, name, request)
    stamp = now.replace(microsecond=0)
    session = Session(
        id=new_id("peer", now.astimezone(dt.UTC)),
        kind="peer",
        track=config.track,
        rubric=rubric.label,
        device=device,
        started=stamp,
        updated=stamp,
        finished=stamp,
        reflection=Text(reply.note, private) if reply.note else None,
        answers=tuple(
            Answer(question=q, rating=r) if r is not None else Answer(question=q, skipped=True)
            for q, r in zip(request.questions, reply.ratings, strict=True)
        ),
        peer=Text(name, private),
        request=request.code,
    )
    return Understood(request, code is not None, questions, reply, session)


def _not_added_before(
    sessions: Iterable[Session], name: str, request: peer_request.PeerRequest
) -> None:
    who = " ".join(name.casefold().split())
    for session in sessions:
        if session.kind == "peer" and session.request == request.code and peer_key(session) == who:
            raise FeedbackError(
                f"a reply from {name} to request {request.code} was added already "
                f"(session {session.id}); nothing was saved"
            )


def describe(understood: Understood) -> list[str]:
    """What was understood, to confirm: the request, each question with its number, the
    note. Plain lines; the caller cleans them for a terminal."""
    request = understood.request
    session = understood.session
    assert session.peer is not None
    day = f"{request.at:%a} {request.at.day} {request.at:%b %Y}"
    private = " (private)" if session.peer.private else ""
    lines = [
        f"A reply from {session.peer.text}{private} to request {request.code} of {day}:",
    ]
    if not understood.by_code:
        lines.append(
            f"(the reply names no request code: read as the reply to the latest request, "
            f"{request.code})"
        )
    written_for = request.to.text if request.to is not None else None
    if written_for and " ".join(written_for.casefold().split()) != peer_key(session):
        lines.append(f"(the request was written for {written_for})")
    width = len(str(len(understood.asked)))
    for number, (question, rating) in enumerate(
        zip(understood.asked, understood.reply.ratings, strict=True), start=1
    ):
        shown = one_line(question.text, SHOWN_QUESTION).ljust(SHOWN_QUESTION)
        value = str(rating) if rating is not None else NOT_ANSWERED
        lines.append(f"  {number:>{width}}. {shown}  {value}")
    note = understood.reply.note
    if note:
        lines.append("Note:" + (" (private)" if session.peer.private else ""))
        lines += [f"  {line}" for line in note.split("\n")]
    else:
        lines.append("Note: none")
    return lines


def saved_line(understood: Understood, where: str) -> str:
    session = understood.session
    assert session.peer is not None
    count = len(understood.asked)
    return (
        f"saved: the reply from {session.peer.text}, {understood.reply.rated} of {count} "
        f"questions rated ({where})"
    )
