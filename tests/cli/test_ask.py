"""`pmcoach ask`: a request for feedback, printed or written, and recorded as an event.

The request leaves the machine, so what goes into it is checked word for word (a golden
file), and what must not (any text of the data folder, a control character from a name)
is checked against a folder full of notes.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from support import exports
from support.cli import home, on_terminal, run
from support.hostile import EVIL, FORBIDDEN

from pmcoach.cache.opener import open_store
from pmcoach.domain import peer_request
from pmcoach.domain.model import Event
from pmcoach.export.peer_request import WIDTH

GOLDEN = Path(__file__).parents[1] / "data" / "golden" / "ask.txt"
CODE = re.compile(rf"^{peer_request.CODE_LABEL}: ({peer_request.CODE_PATTERN.pattern})$", re.M)
SHOWN_CODE = "K7QF"  # the golden file's code: a new request gets a random one


def _folder(name: str | None = "Alex") -> None:
    exports.fill(home(), *exports.history())
    store = open_store(home())
    store.save_config(dataclasses.replace(exports.CONFIG, name=name))


def _requests() -> list[Event]:
    return [e for e in open_store(home()).events() if e.kind == peer_request.PEER_REQUEST]


def _code(text: str) -> str:
    found = CODE.search(text)
    assert found is not None, text
    return found.group(1)


def test_the_request_matches_its_golden_file() -> None:
    _folder()
    result = run("ask", "--skill", "communicate", "--to", "Sam")
    assert result.returncode == 0, result.stderr
    text = result.stdout.replace(_code(result.stdout), SHOWN_CODE)
    if os.environ.get("PMCOACH_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
    assert re.fullmatch(
        r"request [A-Z0-9]{4} recorded: 4 questions on Communicate\n", result.stderr
    ), result.stderr


def test_the_request_is_recorded_as_it_was_printed() -> None:
    _folder()
    result = run("ask", "--skill", "Earn trust", "--skill", "communicate", "--to", " Sam  Lee ")
    assert result.returncode == 0, result.stderr
    (event,) = _requests()
    request = peer_request.from_event(event)
    assert request is not None
    assert request.code == _code(result.stdout)
    assert request.to is not None and request.to.text == "Sam Lee"
    assert result.stdout.startswith("Hi Sam Lee,\n")
    asked = re.findall(r"^(\d)\. ", result.stdout, flags=re.M)
    assert asked == [str(n) for n in range(1, 7)]
    assert len(request.questions) == 6  # the most a request asks, spread over both skills
    skills = [q.split(".")[0] for q in request.questions]
    assert skills == ["earn-trust", "communicate"] * 3
    assert event.at.isoformat() == "2026-11-23T12:00:00+01:00"
    reply = result.stdout.split("Your reply:\n", 1)[1]
    assert reply == "".join(f"{n}:\n" for n in range(1, 7)) + "Anything else:\n"


def test_the_shape_the_reply_parser_relies_on() -> None:
    _folder()
    result = run("ask", "--skill", "working-backwards", "--skill", "think-big")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= WIDTH for line in lines), [ln for ln in lines if len(ln) > WIDTH]
    levels = [line for line in lines if re.match(r"   \d ", line)]
    assert len(levels) == 6 * 5
    for line in lines:
        # Only a question starts with "N." and only a level with three spaces and a digit;
        # a wrapped line never starts with a digit, so it is read as neither.
        if re.match(r"\s*\d", line):
            assert re.match(r"(\d\. |   [1-5] |\d:$)", line) or line.startswith("Request"), line
    assert result.stdout.startswith("Hi,\n")


def test_nothing_else_from_the_data_folder_goes_into_it() -> None:
    _folder(name=None)
    result = run("ask")
    assert result.returncode == 0, result.stderr
    sessions, events = exports.history()
    texts = {*exports.PRIVATE_TEXTS}
    for session in sessions:
        for answer in session.answers:
            texts |= {t.text for t in (answer.note, answer.text) if t is not None}
        texts |= {c.text for c in session.commitments} | {c.to for c in session.commitments}
        if session.reflection is not None:
            texts.add(session.reflection.text)
    texts |= {e.text.text for e in events if e.text is not None}
    assert len(texts) > len(exports.PRIVATE_TEXTS)
    for text in texts:
        assert text not in result.stdout, text
    assert "test-device" not in result.stdout and str(home()) not in result.stdout
    assert 'In the questions, "they" is me.' in result.stdout  # no name set: "me"


def test_the_focus_skill_by_default() -> None:
    _folder()
    from pmcoach.app.asking import prepare
    from pmcoach.domain import scores

    store = open_store(home())
    config = store.load_config()
    assert config is not None
    rubric = exports.RUBRIC
    track = rubric.track(config.track)
    assert track is not None
    focus = scores.focus(rubric, track, config, store.sessions(), exports.NOW)
    assert focus is not None
    ask = prepare(rubric, config, store.sessions(), store.events(), exports.NOW)
    assert {q.skill for q in ask.questions} == {focus.skill}
    result = run("ask")
    assert result.returncode == 0, result.stderr
    skill = rubric.skill(focus.skill)
    assert skill is not None and f"on {skill.title}\n" in result.stderr


def test_to_a_file_owner_only_and_never_over_a_file(tmp_path: Path) -> None:
    _folder()
    target = tmp_path / "request.txt"
    result = run("ask", "--to", "Sam", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Hi Sam,\n") and f"; wrote {target}" in result.stderr
    assert [peer_request.from_event(e).code for e in _requests()] == [_code(text)]  # type: ignore[union-attr]

    again = run("ask", "--to", "Kim", "-o", str(target))
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == text
    assert len(_requests()) == 1  # refused before anything was recorded

    forced = run("ask", "--to", "Kim", "-o", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("Hi Kim,\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(_requests()) == 2

    dash = run("ask", "-o", "-")
    assert dash.returncode == 0 and dash.stdout.startswith("Hi,\n")


def test_a_hostile_name_is_printed_cleanly() -> None:
    _folder()
    name = f"Sam{EVIL}\nLee\r\n[bold]x[/]"
    result = run("ask", "--to", name)
    assert result.returncode == 0, result.stderr
    for char in FORBIDDEN:
        assert char not in result.stdout, repr(char)
    first = result.stdout.splitlines()[0]
    assert first.startswith("Hi Sam]0;pwned") and first.endswith("Lee [bold]x[/],")
    (event,) = _requests()
    assert event.text is not None
    assert not any(char in event.text.text for char in FORBIDDEN)


SKILLS = ("communicate", "prioritize", "execute", "think-big", "earn-trust", "drive-impact")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--skill", "negotiation"], "no skill 'negotiation' (known: "),
        (["--to", " \t "], "the name after --to is empty"),
        (
            [word for s in (*SKILLS, "working-backwards") for word in ("--skill", s)],
            "name at most 6 skills: a request asks at most 6 questions",
        ),
    ],
)
def test_a_request_that_cannot_be_written_is_one_line_and_records_nothing(
    argv: list[str], message: str
) -> None:
    _folder()
    result = run("ask", *argv)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert _requests() == []


def test_a_skill_off_the_track_is_refused() -> None:
    _folder()
    open_store(home()).save_config(dataclasses.replace(exports.CONFIG, track="new"))
    result = run("ask", "--skill", "think-big")
    assert result.returncode == 2
    assert result.stderr == "pmcoach: Think big is not a skill of the New PM track\n"
    assert _requests() == []


COMPANY = """\
bank = "acme"
version = "1"

[[question]]
id = "communicate.answer-first"
skill = "communicate"
kind = "rating"
prompt = "This week, where in your replies did the answer come?"
anchors = ["At the end.", "After context.", "Sometimes first.", "Nearly always first.", "First."]

[[question]]
id = "communicate.gave-the-date"
skill = "communicate"
kind = "rating"
prompt = "The last time someone asked you 'when?', what did you reply?"
anchors = ["No date.", "A window.", "A date with caveats.", "A date first.", "A date, a check."]
"""


def test_a_skill_with_too_few_questions_for_peers_is_refused() -> None:
    _folder()
    rubrics = home() / "rubrics"
    rubrics.mkdir(exist_ok=True)
    (rubrics / "acme.toml").write_text(COMPANY, encoding="utf-8")
    result = run("ask", "--skill", "communicate")
    assert result.returncode == 2
    assert result.stderr == (
        "pmcoach: Communicate has 2 questions a peer can answer on the Senior PM track; a "
        "request asks at least 3 (give its questions an observer form: questions/README.md)\n"
    )
    assert _requests() == []


def test_ask_never_imports_textual(tmp_path: Path) -> None:
    _folder()
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pmcoach", "ask"],
        env={**os.environ, "PMCOACH_TODAY": "2026-11-23"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert not re.search(r"\|\s*textual", result.stderr)


@pytest.mark.slow
def test_completion_knows_ask_and_its_skills(tmp_path: Path) -> None:
    script = tmp_path / "pmcoach.bash"
    made = run("completion", "bash", env={"PMCOACH_HOME": str(tmp_path / "none")})
    assert made.returncode == 0, made.stderr
    script.write_text(made.stdout)

    def offered(*words: str) -> list[str]:
        program = (
            f"source '{script}'\n"
            'COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()\n'
            "_pmcoach\n"
            'printf "%s\\n" "${COMPREPLY[@]}"\n'
        )
        done = subprocess.run(
            ["bash", "--norc", "--noprofile", "-c", program, "bash", *words],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return sorted(line for line in done.stdout.splitlines() if line)

    assert "ask" in offered("pmcoach", "as")
    assert offered("pmcoach", "ask", "--skill", "ea") == ["earn-trust"]
    assert {"--skill", "--to", "--output", "--force"} <= set(offered("pmcoach", "ask", "--"))
    assert "ask" in run("--help").stdout


def _hostile_company() -> str:
    """Communicate's questions redefined with observer forms full of escape sequences."""
    import tomli_w

    questions = []
    for n, question in enumerate(q for q in exports.RUBRIC.questions if q.observer):
        if question.skill != "communicate":
            continue
        questions.append(
            {
                "id": question.id,
                "skill": question.skill,
                "kind": question.kind,
                "prompt": question.prompt,
                "anchors": list(question.anchors),
                "observer": {
                    "prompt": f"{EVIL} them {n}\u2028{EVIL}",
                    "anchors": [f"{level}{EVIL}\r\nline{n}" for level in range(5)],
                },
            }
        )
    return tomli_w.dumps({"bank": "acme", "version": "1", "question": questions})


def test_a_hostile_rubric_never_reaches_the_request_as_controls() -> None:
    _folder()
    rubrics = home() / "rubrics"
    rubrics.mkdir(exist_ok=True)
    (rubrics / "acme.toml").write_text(_hostile_company(), encoding="utf-8")
    piped = run("ask", "--skill", "communicate", "--to", EVIL)
    assert piped.returncode == 0, piped.stderr
    assert "pwned" in piped.stdout  # the words are shown literally, the controls are not
    code, seen = on_terminal("ask", "--skill", "communicate", "--to", EVIL)
    assert code == 0, seen
    for char in FORBIDDEN:
        assert char not in piped.stdout, repr(char)
    assert all(len(line) <= WIDTH for line in piped.stdout.splitlines())
    assert "\x1b]" not in seen and "\x07" not in seen and "\x9b" not in seen
