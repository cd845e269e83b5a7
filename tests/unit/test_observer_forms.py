"""Observer forms: the same situation asked of a peer, checked like every question.

Every problem names the file, the line and the key; a question whose observer form is
malformed leaves its file out as a whole, as any other error does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pmcoach.domain.model import Observer
from pmcoach.domain.rules import PEER_QUESTIONS
from pmcoach.rubric.load import load_rubric
from pmcoach.rubric.parse import parse_bytes
from pmcoach.rubric.validate import validate

HEAD = """\
bank = "acme"
version = "3"

[[question]]
id = "communicate.own-query"
skill = "communicate"
kind = "rating"
prompt = "Last time you needed a number about your product, how did you get it?"
anchors = [
  "I asked someone and waited for the answer.",
  "I quoted an old dashboard without checking its date.",
  "I quoted a current dashboard with its date.",
  "I wrote the query myself and checked it against a dashboard.",
  "I wrote the query, checked it, and shared it so others can rerun it.",
]
"""

OBSERVER = """
[question.observer]
prompt = "The last time they quoted a number to you, where did it come from?"
anchors = [
  "They did not know; someone had told them.",
  "An old dashboard, and they had not checked its date.",
  "A current dashboard, and they said its date.",
  "A query they wrote themselves and checked against a dashboard.",
  "A query they wrote, checked and shared so anyone can rerun it.",
]
"""

FREQUENCY = """
[[question]]
id = "communicate.metric-weekly"
skill = "communicate"
kind = "frequency"
prompt = "Of your last 4 weekly reviews, in how many could you state your top metric from memory?"
out_of = 4
"""

REFLECTION = """
[[question]]
id = "communicate.surprise"
skill = "communicate"
kind = "reflection"
prompt = "Which number surprised you this week?"
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(here: Path, text: str) -> tuple[list[str], int | None]:
    """Issues of `text` as acme.toml, and the line marked `#<` (the marker removed)."""
    lines = text.splitlines()
    marked = None
    for number, line in enumerate(lines, start=1):
        if "#<" in line:
            lines[number - 1] = line.replace("#<", "").rstrip()
            marked = number
    path = here / "acme.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(i) for i in validate([path]).issues], marked


def test_an_observer_form_loads_with_its_question(here: Path) -> None:
    path = here / "acme.toml"
    path.write_text(HEAD + OBSERVER, encoding="utf-8")
    result = validate([path])
    assert [str(i) for i in result.issues] == []
    assert result.rubric is not None
    question = result.rubric.question("communicate.own-query")
    assert question is not None and question.observer is not None
    assert question.observer == Observer(
        "The last time they quoted a number to you, where did it come from?",
        (
            "They did not know; someone had told them.",
            "An old dashboard, and they had not checked its date.",
            "A current dashboard, and they said its date.",
            "A query they wrote themselves and checked against a dashboard.",
            "A query they wrote, checked and shared so anyone can rerun it.",
        ),
    )


def test_dotted_keys_and_an_inline_table_are_the_same_form(here: Path) -> None:
    anchors = '["A.", "B.", "C.", "D.", "E."]'
    dotted = HEAD + f'observer.prompt = "What did they do?"\nobserver.anchors = {anchors}\n'
    inline = HEAD + f'observer = {{ prompt = "What did they do?", anchors = {anchors} }}\n'
    for text in (dotted, inline):
        path = here / "acme.toml"
        path.write_text(text, encoding="utf-8")
        result = validate([path])
        assert [str(i) for i in result.issues] == []
        assert result.rubric is not None
        question = result.rubric.question("communicate.own-query")
        assert question is not None
        assert question.observer == Observer("What did they do?", ("A.", "B.", "C.", "D.", "E."))


def test_a_frequency_question_may_have_one_rated_by_five_anchors(here: Path) -> None:
    text = HEAD + FREQUENCY + OBSERVER
    issues, _line = _check(here, text)
    assert issues == []


def _mark(text: str, needle: str) -> str:
    """`text` with a `#<` comment at the end of the line where `needle` first ends."""
    at = text.index(needle) + len(needle) - 1
    end = text.index("\n", at)
    return text[:end] + " #<" + text[end:]


FIFTH = '  "A query they wrote, checked and shared so anyone can rerun it.",\n'
FIRST = '  "They did not know; someone had told them.",'
ANCHORS = 'from?"\nanchors = ['  # the observer's anchors, where their problems are named
PROMPT = 'prompt = "The last time they quoted a number to you, where did it come from?"\n'

# (name, text with a `#<` on the line named, the message after "acme.toml:LINE: ")
HOSTILE = [
    (
        "four observer anchors on a five-anchor question",
        _mark(HEAD + OBSERVER.replace(FIFTH, ""), ANCHORS),
        "question[0].observer.anchors: has 4 anchors and the self question 5; give one per "
        "rating, as it does",
    ),
    (
        "six observer anchors on a frequency question",
        _mark(HEAD + FREQUENCY + OBSERVER.replace(FIFTH, FIFTH + '  "Another.",\n'), ANCHORS),
        "question[1].observer.anchors: has 6 anchors; give 5, one per rating 1-5",
    ),
    (
        "a reflection question with an observer form",
        _mark(HEAD + REFLECTION + OBSERVER, "[question.observer]"),
        "question[1].observer: a reflection question is free text and has no observer form: "
        "peers are asked only rated questions",
    ),
    (
        "an empty prompt",
        _mark(HEAD + OBSERVER.replace(PROMPT, 'prompt = "   "\n'), 'prompt = "   "'),
        "question[0].observer.prompt: text is empty",
    ),
    (
        "no prompt",
        _mark(HEAD + OBSERVER.replace(PROMPT, ""), "[question.observer]"),
        "question[0].observer.prompt: missing required key 'prompt'",
    ),
    (
        "a misspelt key",
        _mark(HEAD + OBSERVER.replace(PROMPT, "promt" + PROMPT[6:]), "promt"),
        "question[0].observer.promt: unknown key 'promt'; did you mean 'prompt'?",
    ),
    (
        "an anchor that is a number",
        _mark(HEAD + OBSERVER.replace(FIRST, "  3,"), ANCHORS),
        "question[0].observer.anchors[0]: expected a string, found an integer",
    ),
    (
        "an anchor over the cap",
        _mark(HEAD + OBSERVER.replace(FIRST, '  "' + "x" * 111 + '",'), ANCHORS),
        "question[0].observer.anchors[0]: text is 111 characters; the limit is 110",
    ),
    (
        "an anchor listed twice",
        _mark(
            HEAD + OBSERVER.replace(FIRST, '  "A current dashboard, and they said its date.",'),
            ANCHORS,
        ),
        "question[0].observer.anchors[2]: 'A current dashboard, and they said its date.' "
        "is listed twice",
    ),
    (
        "an observer that is a string",
        _mark(HEAD + 'observer = "What did they do?"\n', "observer ="),
        "question[0].observer: expected a table, found a string",
    ),
    (
        "anchors that are a string",
        _mark(
            HEAD + 'observer.prompt = "What did they do?"\nobserver.anchors = "five"\n',
            "observer.anchors",
        ),
        "question[0].observer.anchors: expected an array of strings, found a string",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE]
)
def test_a_malformed_observer_form_is_refused_with_file_line_and_key(
    here: Path, text: str, expected: str
) -> None:
    issues, line = _check(here, text)
    assert line is not None
    assert f"acme.toml:{line}: {expected}" in issues, issues
    path = here / "acme.toml"
    assert load_rubric_with(here, path) is None  # the file is left out as a whole


def load_rubric_with(here: Path, path: Path) -> object:
    """The question of the file under test as the app loads it from `rubrics/`: None
    when the file was left out."""
    rubrics = here / "data" / "rubrics"
    rubrics.mkdir(parents=True, exist_ok=True)
    (rubrics / "acme.toml").write_bytes(path.read_bytes())
    rubric = load_rubric(here / "data").rubric
    assert rubric is not None
    question = rubric.question("communicate.own-query")
    return question


def test_control_characters_in_a_form_never_reach_the_message(here: Path) -> None:
    text = HEAD + 'observer = { prompt = "x", anchors = ["\\u001b]0;owned\\u0007", 4], x = 1 }\n'
    issues, _line = _check(here, text)
    assert issues
    for issue in issues:
        assert "\x1b" not in issue and "\x07" not in issue


def test_hostile_bytes_in_an_observer_form_never_raise() -> None:
    cases = [
        b"[question.observer]\nprompt = 1\n",
        b'bank = "a"\nversion = "1"\n[question.observer]\nprompt = "x"\n',
        HEAD.encode() + b"observer = []\n",
        HEAD.encode() + b"observer = { anchors = [[], {}] }\n",
        HEAD.encode() + b"[question.observer.deeper]\nx = 1\n",
        HEAD.encode() + b"observer.prompt.x = 1\n",
    ]
    for raw in cases:
        parsed = parse_bytes(raw, Path("x.toml"), "x.toml")
        assert not parsed.ok
        for issue in parsed.issues:
            assert str(issue).startswith("x.toml")


# --------------------------------------------------------------------------- built-in


def _builtin() -> list[tuple[str, str, int]]:
    rubric = load_rubric(None).rubric
    assert rubric is not None
    counts = []
    for track in rubric.tracks:
        for skill in track.skills:
            forms = [
                q
                for q in rubric.active_questions(track)
                if q.skill == skill and q.observer is not None
            ]
            counts.append((track.id, skill, len(forms)))
    return counts


def test_every_builtin_skill_has_enough_observer_forms_on_every_track() -> None:
    for track, skill, count in _builtin():
        assert count >= PEER_QUESTIONS[0], (track, skill, count)


def test_builtin_observer_forms_speak_of_them_and_match_their_question() -> None:
    rubric = load_rubric(None).rubric
    assert rubric is not None
    forms = [q for q in rubric.questions if q.observer is not None]
    assert len(forms) >= 3 * len(rubric.skills)
    for question in forms:
        observer = question.observer
        assert observer is not None
        assert question.kind == "rating", question.id
        assert len(observer.anchors) == len(question.anchors), question.id
        # The request names the person at the first "them", "they" or "their".
        assert re.search(r"\b(them|they|their)\b", observer.prompt), question.id
        for text in (observer.prompt, *observer.anchors):
            # Quoted words ('any feedback for me?') are what someone said, not the voice.
            spoken = re.sub(r"'[^']*'", "", text.replace("'s ", "s "))
            assert not re.search(r"\b(I|my|me|myself)\b", spoken), (question.id, text)
        assert observer.prompt != question.prompt
        assert question.source, question.id


def test_a_prompt_that_never_names_the_person_is_a_warning(here: Path) -> None:
    text = _mark(
        HEAD + OBSERVER.replace(PROMPT, 'prompt = "Where did the last number come from?"\n'),
        "Where did the last number",
    )
    issues, line = _check(here, text)
    assert issues == [
        f"acme.toml:{line}: question[0].observer.prompt: warning: names the person nowhere "
        "as 'them', 'they' or 'their', where a request puts their name"
    ]
