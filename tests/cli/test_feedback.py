"""`pmcoach feedback add`: a peer's reply, filled in any of ten ways, saved as meant.

Every refusal is one line on stderr with exit 2 and leaves the sessions folder as it was;
the confirmation is read from the terminal, also when the reply comes on standard input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fcntl
import os
import pty
import select
import subprocess
import sys
import termios
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.cli import environment, home, on_terminal, run
from support.replies import WAYS, intended

from pmcoach.app.peer_feedback import MAX_REPLY_SIZE
from pmcoach.cache.opener import open_store
from pmcoach.domain import peer_request
from pmcoach.domain.model import Config, Session, Text
from pmcoach.export.peer_request import render
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
QUESTIONS = (
    "communicate.answer-first",
    "communicate.gave-the-date",
    "communicate.no-vague-words",
    "communicate.asked-for-feedback",
)
CODE = "K7QF"
RATINGS = (4, None, 2, 5)
NOTE = "Great launch memo\nloved the demo"


def record_request(store: Store, code: str = CODE, day: int = 20, to: str = "Sam") -> None:
    when = dt.datetime(2026, 11, day, 17, tzinfo=BERLIN)
    request = peer_request.PeerRequest(code, QUESTIONS, when, Text(to, False))
    event_id = f"202611{day}T160000Z-peer-request-{day:04x}"
    store.save_event(peer_request.as_event(request, event_id, "laptop"))


@pytest.fixture
def store() -> Store:
    opened = open_store(home())
    opened.save_config(
        Config(track="new", review_day=0, review_time=dt.time(9), time_zone="Europe/Berlin")
    )
    record_request(opened)
    return opened


def the_request(code: str = CODE) -> str:
    """The request `record_request` records, as `pmcoach ask` printed it."""
    rubric = load_rubric(None).rubric
    assert rubric is not None
    forms = [rubric.question(q) for q in QUESTIONS]
    return render([q for q in forms if q is not None], code, None, "Sam")


def peer_sessions() -> list[Session]:
    return [s for s in open_store(home()).sessions() if s.kind == "peer"]


def session_files() -> list[Path]:
    return sorted((home() / "sessions").rglob("*.toml"))


def refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr
    assert session_files() == []
    return result.stderr


def add(reply: str, *extra: str, name: str = "Sam Lee") -> subprocess.CompletedProcess[str]:
    return run("feedback", "add", "-", "--from", name, "--yes", *extra, stdin=reply)


# --------------------------------------------------------------------------- the ten ways


def ask(*args: str) -> tuple[str, peer_request.PeerRequest]:
    """A request as `pmcoach ask` prints and records it."""
    done = run("ask", *args)
    assert done.returncode == 0, done.stderr
    request = peer_request.find(open_store(home()).events(), None)
    assert request is not None
    return done.stdout, request


@pytest.mark.parametrize("way", sorted(WAYS))
def test_a_reply_filled_in_any_way_is_saved_as_meant(store: Store, way: str) -> None:
    store.save_config(dataclasses.replace(store.load_config(), name="Alex Kim"))
    text, request = ask("--skill", "communicate", "--skill", "execute", "--to", "Sam")
    ratings = (4, None, 2, 5, 1, None)[: len(request.questions)]
    result = add(WAYS[way](text, ratings, NOTE))
    assert result.returncode == 0, result.stderr
    (session,) = peer_sessions()
    assert session.finished == session.started
    assert session.peer == Text("Sam Lee", False)
    assert session.request == request.code
    assert session.reflection == Text(NOTE, False)
    assert tuple(a.question for a in session.answers) == request.questions
    wanted = intended(way, ratings)
    assert tuple(a.rating for a in session.answers) == wanted
    assert tuple(a.skipped for a in session.answers) == tuple(r is None for r in wanted)
    rated = sum(r is not None for r in wanted)
    count = len(request.questions)
    assert f"saved: the reply from Sam Lee, {rated} of {count} questions rated" in result.stdout
    assert f"sessions/2026/{session.id}.toml" in result.stdout


def test_it_shows_what_it_understood(store: Store) -> None:
    result = add(WAYS["reply block"](the_request(), RATINGS, NOTE), name="Sam")
    lines = result.stdout.splitlines()
    assert lines[0] == f"A reply from Sam to request {CODE} of Fri 20 Nov 2026:"
    assert lines[1].startswith("  1. ") and lines[1].endswith("  4")
    assert lines[2].endswith("  not answered")
    assert lines[5:8] == ["Note:", "  Great launch memo", "  loved the demo"]


def test_from_a_file(store: Store, tmp_path: Path) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text(WAYS["bare numbers"](the_request(), (3, 4, 5, 2), None))
    result = run("feedback", "add", str(reply), "--from", "Kim", "--yes")
    assert result.returncode == 0, result.stderr
    (session,) = peer_sessions()
    assert [a.rating for a in session.answers] == [3, 4, 5, 2]
    assert session.reflection is None


def test_without_a_code_the_latest_request_is_meant(store: Store) -> None:
    record_request(store, code="ZZ9P", day=22)
    result = add("5\n4\n")
    assert result.returncode == 0, result.stderr
    (session,) = peer_sessions()
    assert session.request == "ZZ9P"
    assert "names no request code" in result.stdout


def test_the_code_picks_an_older_request(store: Store) -> None:
    record_request(store, code="ZZ9P", day=22)
    assert add(f"Request code: {CODE.lower()}\n1: 3\n").returncode == 0
    (session,) = peer_sessions()
    assert session.request == CODE


def test_private_keeps_the_name_and_note_private_and_the_ratings(store: Store) -> None:
    assert add("1: 4\nAnything else: kind words\n", "--private").returncode == 0
    (session,) = peer_sessions()
    assert session.peer == Text("Sam Lee", True)
    assert session.reflection == Text("kind words", True)
    assert session.answers[0].rating == 4


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        ("1: 4\n2: 9\n", ("line 2", "9 is not a rating from 1 to 5", "nothing was saved")),
        ("4\n4\n4\n4\n4\n", ("line 5", "more numbers than questions")),
        ("1: 4\n1: 5\n", ("line 2", "a second answer to question 1")),
        ("Request code: ABCD\n1: 4\n", ("line 1", "request code ABCD", "no request")),
        ("nice working with you\n", ("no rating from 1 to 5",)),
    ],
)
def test_a_reply_it_cannot_read_is_one_line_and_nothing_is_saved(
    store: Store, reply: str, words: tuple[str, ...]
) -> None:
    refused(add(reply), *words)


def test_no_request_recorded_says_to_ask_first() -> None:
    open_store(home()).save_config(
        Config(track="new", review_day=0, review_time=dt.time(9), time_zone="Europe/Berlin")
    )
    refused(add("1: 4\n"), "no request", "pmcoach ask")


def test_the_same_reply_twice_is_refused(store: Store) -> None:
    assert add("1: 4\n").returncode == 0
    first = session_files()
    result = add("1: 4\n", name="sam  lee")
    assert result.returncode == 2 and "added already" in result.stderr
    assert session_files() == first


@pytest.mark.parametrize(
    ("name", "words"),
    [("  ", "empty"), ("Sam\x1b]0;pwned\x07", "printable"), ("x" * 81, "at most 80")],
)
def test_a_name_that_is_not_one_printable_line_is_refused(
    store: Store, name: str, words: str
) -> None:
    error = refused(add("1: 4\n", name=name), words)
    assert "\x1b" not in error


def test_a_fifo_is_refused_without_a_hang(store: Store, tmp_path: Path) -> None:
    fifo = tmp_path / "reply"
    os.mkfifo(fifo)
    refused(run("feedback", "add", str(fifo), "--from", "Sam", "--yes"), "not a regular file")


def test_a_folder_a_missing_file_bytes_and_a_huge_file(store: Store, tmp_path: Path) -> None:
    refused(run("feedback", "add", str(tmp_path), "--from", "S", "--yes"), "is a folder")
    refused(run("feedback", "add", str(tmp_path / "no"), "--from", "S", "--yes"), "no such")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("1: 4 très bien\n".encode("latin-1"))
    refused(run("feedback", "add", str(latin), "--from", "S", "--yes"), "not UTF-8")
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"1: 4\n" + b"x" * MAX_REPLY_SIZE)
    refused(run("feedback", "add", str(huge), "--from", "S", "--yes"), "larger than 1 MiB")


# --------------------------------------------------------------------------- the terminal


def test_without_a_terminal_yes_is_required(store: Store) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pmcoach", "feedback", "add", "-", "--from", "Sam"],
        input="1: 4\n",
        env=environment("2026-11-23", None),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        start_new_session=True,  # no controlling terminal
    )
    refused(result, "no terminal", "--yes")


def _confirm_on_terminal(reply: str, answer: str) -> tuple[int, str, str]:
    """The reply on standard input (a pipe), the terminal a pseudo-terminal of its own."""
    master, slave = pty.openpty()

    def controlling() -> None:
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [sys.executable, "-m", "pmcoach", "feedback", "add", "-", "--from", "Sam Lee"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment("2026-11-23", None),
        start_new_session=True,
        preexec_fn=controlling,  # the test needs a controlling terminal
        pass_fds=(slave,),
    )
    os.close(slave)
    assert process.stdin is not None
    process.stdin.write(reply.encode())
    process.stdin.close()
    seen = bytearray()
    deadline = time.monotonic() + 60
    while b"[y/N]" not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:  # EIO: the command closed the terminal (it ended)
                break
    if process.poll() is None:
        os.write(master, answer.encode() + b"\n")
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.read(), process.stderr.read()
    code = process.wait(timeout=60)
    os.close(master)
    return code, seen.decode("utf-8", "replace"), out.decode() + err.decode()


def test_the_confirmation_comes_from_the_terminal_not_the_reply(store: Store) -> None:
    # "y" in the reply is the peer's word, not the person's answer.
    code, shown, output = _confirm_on_terminal("1: 4\ny\n", "n")
    assert code == 0, output
    assert "  1. " in shown and "Save it? [y/N]" in shown
    assert "nothing was saved" in output
    assert peer_sessions() == []
    code, _shown, output = _confirm_on_terminal("1: 4\n", "y")
    assert code == 0, output
    (session,) = peer_sessions()
    assert session.answers[0].rating == 4


def test_hostile_text_reaches_the_terminal_shown_literally_without_escapes(store: Store) -> None:
    reply = "1: 4\nAnything else: [bold]great[/] <b>x</b> \x1b]0;pwned\x07\x1b[2J done\n"
    code, received = on_terminal(
        "feedback", "add", "-", "--from", "[red]Sam[/]", "--yes", stdin=reply
    )
    assert code == 0, received
    assert "\x1b" not in received and "\x07" not in received
    assert "[red]Sam[/]" in received and "[bold]great[/] <b>x</b>" in received
    (session,) = peer_sessions()
    assert session.reflection is not None
    assert "\x1b]0;pwned\x07" in session.reflection.text  # kept as written, shown clean


# --------------------------------------------------------------------------- help, completion


def test_help_and_completion_know_it() -> None:
    helped = run("feedback", "add", "--help")
    assert helped.returncode == 0
    assert "--from NAME" in helped.stdout and "--yes" in helped.stdout
    assert "feedback" in run("--help").stdout
    script = run("completion", "bash").stdout
    assert "feedback) echo add ;;" in script
    assert "'feedback add') echo '-h --help --data-dir --from --private --yes' ;;" in script


def test_it_never_imports_textual(store: Store) -> None:
    result = run(
        "feedback",
        "add",
        "-",
        "--from",
        "Sam",
        "--yes",
        stdin="1: 4\n",
        python=["-X", "importtime"],
    )
    assert result.returncode == 0, result.stderr
    assert "textual" not in result.stderr


def test_a_folder_not_set_up_is_told_before_reading_the_reply() -> None:
    result = run("feedback", "add", "-", "--from", "Sam", "--yes", stdin="1: 4\n")
    assert result.returncode == 2 and "not set up" in result.stderr
    assert not (home() / "sessions").exists()


def test_a_reply_from_someone_else_than_the_request_named_says_so(store: Store) -> None:
    result = add("1: 4\n", name="Kim")
    assert result.returncode == 0, result.stderr
    assert "(the request was written for Sam)" in result.stdout
    assert "written for" not in add("1: 4\n", name=" sam ").stdout
