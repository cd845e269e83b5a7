"""Rubric loading and validation: every problem names the file, the line and the key."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.cli import run

from pmcoach.rubric.load import builtin_bank_dir, builtin_files, load_rubric
from pmcoach.rubric.parse import MAX_FILE_BYTES, parse_bytes
from pmcoach.rubric.validate import validate

GOOD = """\
bank = "acme"
version = "3"

[[skill]]
id = "data-fluency"
title = "Data fluency"
summary = "Reads the numbers behind the product without an analyst in the room."
levels.staff = [
  "Asks an analyst for every number and waits for the answer.",
  "Quotes numbers from old dashboards without checking their date.",
  "Quotes current numbers with their date and source.",
  "Writes the queries behind the numbers they quote and checks them.",
  "Shares each query so others can rerun it, and reviews others' numbers.",
]

[[track]]
id = "staff"
title = "Staff PM"
skills = ["communicate", "data-fluency"]
emphasis = ["data-fluency"]

[[question]]
id = "data-fluency.own-query"
skill = "data-fluency"
kind = "rating"
prompt = "Last time you needed a number about your product, how did you get it?"
anchors = [
  "I asked someone and waited for the answer.",
  "I quoted an old dashboard without checking its date.",
  "I quoted a current dashboard with its date.",
  "I wrote the query myself and checked it against a dashboard.",
  "I wrote the query, checked it, and shared it so others can rerun it.",
]
source = ["communicate.numbers"]

[[question]]
id = "data-fluency.weekly-metrics"
skill = "data-fluency"
kind = "frequency"
prompt = "Of your last 5 weekly reviews, in how many could you state your top metric from memory?"
out_of = 5

[[exercise]]
id = "data-fluency.rerun-a-number"
skills = ["data-fluency"]
title = "Rerun one number yourself"
why = "Quoting a number you cannot reproduce is a trust risk."
steps = ["Pick the number you quoted most.", "Find or write its query and run it."]
time = "about 1 hour"
done_when = "The query is saved and you wrote one sentence on any difference."
reflection = "Was the number you had been quoting right?"
drill = { kind = "answer-first", attempts = 2 }
source = ["ref.acme-data-guide"]

[[reference]]
id = "ref.acme-data-guide"
title = "Acme's data guide: numbers you quote"
author = "Acme analytics"
url = "https://example.com/data-guide"
text = "Every number quoted in a decision can be traced to a query someone else can rerun."
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _marked(text: str) -> tuple[str, int]:
    """Strip the `#<` marker and return the 1-based line it was on."""
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if "#<" in line:
            lines[number - 1] = line.replace("#<", "").rstrip()
            return "\n".join(lines) + "\n", number
    raise AssertionError("no marker")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _issues(paths: list[Path]) -> list[str]:
    return [str(i) for i in validate(paths).issues]


def test_good_company_rubric_is_clean(here: Path) -> None:
    path = _write(here, "acme.toml", GOOD)
    result = validate([path])
    assert [str(i) for i in result.issues] == []
    assert result.rubric is not None
    assert result.rubric.track("staff") is not None
    assert result.rubric.label == "builtin@2026.12+acme@3"


# Each case: a replacement applied to GOOD (with a #< marker on the expected line), and the
# expected message with {line} for that line.
MALFORMED = [
    (
        "four anchors",
        '  "I wrote the query, checked it, and shared it so others can rerun it.",\n',
        "",
        "anchors = [",
        "acme.toml:{line}: question[0].anchors: a rating question needs exactly five anchors, "
        "found 4",
    ),
    (
        "frequency without out_of",
        "out_of = 5\n",
        "",
        '[[question]]\nid = "data-fluency.weekly-metrics"',
        "acme.toml:{line}: question[1].out_of: a frequency question needs out_of "
        "(the N in 'of your last N ...')",
    ),
    (
        "misspelt key",
        'prompt = "Last time',
        'promt = "Last time',
        'promt = "Last time',
        "acme.toml:{line}: question[0].promt: unknown key 'promt'; did you mean 'prompt'?",
    ),
    (
        "wrong type",
        "out_of = 5",
        'out_of = "5"',
        'out_of = "5"',
        "acme.toml:{line}: question[1].out_of: expected an integer, found a string",
    ),
    (
        "unknown skill",
        'skills = ["communicate", "data-fluency"]',
        'skills = ["comunicate", "data-fluency"]',
        'skills = ["comunicate", "data-fluency"]',
        "acme.toml:{line}: track[0].skills: no skill 'comunicate'; did you mean 'communicate'?",
    ),
    (
        "unknown idea",
        'source = ["communicate.numbers"]',
        'source = ["communicate.number"]',
        'source = ["communicate.number"]',
        "acme.toml:{line}: question[0].source: no idea or reference 'communicate.number'; "
        "did you mean 'communicate.numbers'?",
    ),
    (
        "empty text",
        'title = "Rerun one number yourself"',
        'title = "   "',
        'title = "   "',
        "acme.toml:{line}: exercise[0].title: text is empty",
    ),
    (
        "text over the cap",
        'why = "Quoting a number you cannot reproduce is a trust risk."',
        'why = "' + "x" * 301 + '"',
        'why = "' + "x" * 301 + '"',
        "acme.toml:{line}: exercise[0].why: text is 301 characters; the limit is 300",
    ),
    (
        "missing required key",
        'done_when = "The query is saved and you wrote one sentence on any difference."\n',
        "",
        '[[exercise]]\nid = "data-fluency.rerun-a-number"',
        "acme.toml:{line}: exercise[0].done_when: missing required key 'done_when'",
    ),
    (
        "syntax error",
        'title = "Staff PM"',
        'title = "Staff PM',
        'title = "Staff PM',
        "acme.toml:{line}: TOML syntax error: Illegal character '\\n' (column 18)",
    ),
    (
        "id prefix",
        'id = "data-fluency.own-query"',
        'id = "communicate.own-query"',
        'id = "communicate.own-query"',
        "acme.toml:{line}: question[0].id: 'communicate.own-query' must start with its "
        "skill 'data-fluency.'",
    ),
    (
        "misspelt table",
        "[[exercise]]",
        "[[exercises]]",
        "[[exercises]]",
        "acme.toml:{line}: exercises: unknown key 'exercises'; did you mean 'exercise'?",
    ),
    (
        "unknown kind",
        'kind = "rating"',
        'kind = "ratings"',
        'kind = "ratings"',
        "acme.toml:{line}: question[0].kind: 'ratings' is not one of rating, frequency, "
        "reflection; did you mean 'rating'?",
    ),
    (
        "missing bank",
        'bank = "acme"\n',
        "",
        'version = "3"',
        "acme.toml:1: bank: missing required key 'bank' at the top of the file",
    ),
    (
        "out_of too large",
        "out_of = 5",
        "out_of = 12",
        "out_of = 12",
        "acme.toml:{line}: question[1].out_of: is 12; it must be 2 to 9, so each count is one key",
    ),
    (
        "emphasis outside the track",
        'emphasis = ["data-fluency"]',
        'emphasis = ["earn-trust"]',
        'emphasis = ["earn-trust"]',
        "acme.toml:{line}: track[0].emphasis: 'earn-trust' is not one of this track's skills",
    ),
    (
        "four levels",
        '  "Shares each query so others can rerun it, and reviews others\' numbers.",\n',
        "",
        "levels.staff = [",
        "acme.toml:{line}: skill[0].levels.staff: needs exactly five levels, found 4",
    ),
    (
        "level ladder for an unknown track",
        "levels.staff = [",
        "levels.stafff = [",
        "levels.stafff = [",
        "acme.toml:{line}: skill[0].levels.stafff: no track 'stafff'; did you mean 'staff'?",
    ),
    (
        "no level ladder for a track that lists the skill",
        "levels.staff = [",
        "levels.stafff = [",
        '[[skill]]\nid = "data-fluency"',
        "acme.toml:{line}: skill[0].levels.staff: missing required key 'staff' "
        "(track 'staff' lists this skill)",
    ),
    (
        "level over the cap",
        '  "Asks an analyst for every number and waits for the answer.",',
        '  "' + "x" * 141 + '",',
        "levels.staff = [",
        "acme.toml:{line}: skill[0].levels.staff[0]: text is 141 characters; the limit is 140",
    ),
    (
        "target out of range",
        'emphasis = ["data-fluency"]',
        'emphasis = ["data-fluency"]\ntargets = { data-fluency = 6 }',
        "targets = {",
        "acme.toml:{line}: track[0].targets.data-fluency: is 6; a target is 1 to 5",
    ),
    (
        "target for a skill off the track",
        'emphasis = ["data-fluency"]',
        'emphasis = ["data-fluency"]\ntargets = { earn-trust = 4 }',
        "targets = {",
        "acme.toml:{line}: track[0].targets.earn-trust: 'earn-trust' is not one of this "
        "track's skills",
    ),
    (
        "unknown drill",
        'kind = "answer-first"',
        'kind = "answer-frist"',
        "drill = {",
        "acme.toml:{line}: exercise[0].drill.kind: 'answer-frist' is not one of answer-first, "
        "working-backwards; did you mean 'answer-first'?",
    ),
    (
        "drill attempts out of range",
        "attempts = 2",
        "attempts = 0",
        "drill = {",
        "acme.toml:{line}: exercise[0].drill.attempts: is 0; give 1 to 7 attempts, "
        "doable within a week",
    ),
    (
        "reference without its prefix",
        'id = "ref.acme-data-guide"',
        'id = "acme.data-guide"',
        'id = "acme.data-guide"',
        "acme.toml:{line}: reference[0].id: 'acme.data-guide' must look like 'ref.<slug>'",
    ),
    (
        "reference address not https",
        'url = "https://example.com/data-guide"',
        'url = "javascript:alert(1)"',
        'url = "javascript:alert(1)"',
        "acme.toml:{line}: reference[0].url: must start with https://",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "mark", "expected"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_malformed_rubric_names_file_line_and_key(
    here: Path, old: str, new: str, mark: str, expected: str
) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    assert mark in text, mark
    first, *rest = mark.split("\n", 1)
    text = text.replace(mark, "\n".join([first + "#<", *rest]), 1)
    text, line = _marked(text)
    path = _write(here, "acme.toml", text)
    before = path.read_bytes()
    issues = _issues([path])
    assert expected.format(line=line) in issues, issues
    assert path.read_bytes() == before  # validation modifies nothing


def test_duplicate_id_across_files_of_one_bank(here: Path) -> None:
    first = _write(here, "a.toml", GOOD)
    second_text, line = _marked(
        'bank = "acme"\nversion = "3"\n\n[[skill]]\nid = "data-fluency" #<\n'
        'title = "Again"\nsummary = "A second definition."\n'
    )
    second = _write(here, "b.toml", second_text)
    issues = _issues([first, second])
    assert (
        f"b.toml:{line}: skill[0].id: duplicate skill id 'data-fluency' (first defined at a.toml:5)"
        in issues
    )


def test_user_file_replacing_a_builtin_id_is_a_warning(here: Path) -> None:
    text, line = _marked(
        'bank = "acme"\nversion = "1"\n\n[[skill]]\nid = "communicate" #<\n'
        'title = "Communicate (Acme)"\nsummary = "Our own words for it."\n'
    )
    path = _write(here, "acme.toml", text)
    result = validate([path])
    assert not result.errors
    warning = [str(w) for w in result.warnings]
    assert any(
        w.startswith(f"acme.toml:{line}: skill[0].id: warning: replaces the skill 'communicate'")
        for w in warning
    ), warning
    assert result.rubric is not None
    skill = result.rubric.skill("communicate")
    assert skill is not None and skill.title == "Communicate (Acme)"


def test_invalid_utf8_gives_line(here: Path) -> None:
    raw = GOOD.encode().replace(b'title = "Staff PM"', b'title = "Staff \xff PM"')
    line = raw[: raw.index(b"\xff")].count(b"\n") + 1
    path = here / "acme.toml"
    path.write_bytes(raw)
    issues = _issues([path])
    assert any(i.startswith(f"acme.toml:{line}: not valid UTF-8 at byte") for i in issues), issues


def test_utf16_is_named(here: Path) -> None:
    path = here / "acme.toml"
    path.write_bytes(GOOD.encode("utf-16"))
    issues = _issues([path])
    assert any("looks like UTF-16" in i for i in issues), issues


def test_leading_bom_is_accepted(here: Path) -> None:
    path = here / "acme.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert _issues([path]) == []


def test_file_over_one_mebibyte_is_refused_before_parsing(here: Path) -> None:
    path = here / "big.toml"
    path.write_bytes(GOOD.encode() + b"#" * MAX_FILE_BYTES)
    issues = _issues([path])
    assert len(issues) == 1
    assert "limited to 1 MiB" in issues[0] and issues[0].startswith("big.toml:")


def test_too_many_questions_for_the_rotation_warns(here: Path) -> None:
    questions = "".join(
        f'\n[[question]]\nid = "data-fluency.f{i}"\nskill = "data-fluency"\nkind = "frequency"\n'
        f'prompt = "Of your last 5 reviews, how many did thing {i}?"\nout_of = 5\n'
        for i in range(50)
    )
    path = _write(here, "acme.toml", GOOD + questions)
    result = validate([path])
    assert not result.errors
    assert any("some will not come up in every 4 check-ins" in str(w) for w in result.warnings)


# --------------------------------------------------------------------------- toml-test

INVALID_DIR = Path(__file__).parents[1] / "data" / "toml-test-invalid"
INVALID = sorted(INVALID_DIR.rglob("*.toml"))
# A `.multi` file holds one invalid document per line, with `\xNN` standing for that byte.
MULTI = sorted(INVALID_DIR.rglob("*.multi"))


def _multi_documents(path: Path) -> list[bytes]:
    docs = []
    for line in path.read_bytes().splitlines():
        if not line.strip() or line.startswith(b"#"):
            continue
        docs.append(re.sub(rb"\\x([0-9a-fA-F]{2})", lambda m: bytes([int(m[1], 16)]), line))
    return docs


def test_the_invalid_corpus_is_complete() -> None:
    assert len(INVALID) + len(MULTI) == 515


def _assert_rejected(raw: bytes, name: str) -> None:
    parsed = parse_bytes(raw, Path(name), name)
    errors = [i for i in parsed.issues if i.severity == "error"]
    assert errors, f"{name}: accepted {raw!r}"
    for error in errors:
        text = str(error)
        assert "\n" not in text.strip(), text
        assert text.startswith(name + ":"), text
        assert len(text) > len(name) + 10, text


def test_every_invalid_toml_document_is_rejected_with_a_message() -> None:
    for path in INVALID:
        _assert_rejected(path.read_bytes(), path.name)
    for path in MULTI:
        _assert_rejected(path.read_bytes(), path.name)
        for number, raw in enumerate(_multi_documents(path), start=1):
            _assert_rejected(raw, f"{path.stem}-{number}.toml")


# --------------------------------------------------------------------------- property

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=110
).filter(lambda s: s.strip() != "")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prompt=_TEXT, anchor=_TEXT, summary=_TEXT)
def test_any_text_in_rubric_strings_loads_back_unchanged(
    here: Path, prompt: str, anchor: str, summary: str
) -> None:
    doc = tomllib.loads(GOOD)
    doc["question"][0]["prompt"] = prompt
    doc["question"][0]["anchors"][2] = anchor
    doc["skill"][0]["summary"] = summary
    anchors = doc["question"][0]["anchors"]
    if len(set(anchors)) != len(anchors):
        return
    path = here / "acme.toml"
    path.write_bytes(tomli_w.dumps(doc).encode())
    result = validate([path])
    assert result.errors == [], [str(e) for e in result.errors]
    assert result.rubric is not None
    question = result.rubric.question("data-fluency.own-query")
    skill = result.rubric.skill("data-fluency")
    assert question is not None and skill is not None
    assert question.prompt == prompt
    assert question.anchors[2] == anchor
    assert skill.summary == summary


# --------------------------------------------------------------------------- built-in bank

SKILLS = (
    "communicate",
    "prioritize",
    "execute",
    "think-big",
    "earn-trust",
    "drive-impact",
    "working-backwards",
)


def test_builtin_bank_is_clean() -> None:
    result = validate([])
    assert [str(i) for i in result.issues] == []
    assert result.rubric is not None


def test_builtin_bank_is_found_in_this_install() -> None:
    assert (builtin_bank_dir() / "tracks.toml").is_file()
    assert len(builtin_files()) >= 9


def test_builtin_content_meets_the_minimums() -> None:
    rubric = load_rubric(None).rubric
    assert rubric is not None
    assert [t.id for t in rubric.tracks] == ["new", "senior"]
    assert tuple(s.id for s in rubric.skills) == SKILLS
    scored = [q for q in rubric.questions if q.scored and not q.retired]
    assert len(scored) >= 28
    for skill in SKILLS:
        mine = [q for q in scored if q.skill == skill]
        assert len(mine) >= 4, skill
        assert any(q.kind == "frequency" for q in mine), skill
        exercises = [e for e in rubric.exercises if skill in e.skills and not e.retired]
        assert len(exercises) >= 4, skill
    assert len(rubric.exercises) >= 28


def test_every_idea_is_cited_and_every_citation_is_an_idea() -> None:
    ideas_file = builtin_bank_dir() / "ideas.toml"
    ideas = {i["id"] for i in tomllib.loads(ideas_file.read_text())["idea"]}
    assert len(ideas) == 48
    rubric = load_rubric(None).rubric
    assert rubric is not None
    references = {r.id for r in rubric.references}
    cited: set[str] = set()
    for item in (*rubric.questions, *rubric.exercises, *rubric.drill_cards):
        cited.update(item.source)
    assert cited - ideas - references == set()
    assert ideas - cited == set()


def test_every_reference_is_cited() -> None:
    """A reference stands for an item no seed idea covers: one that nothing cites is
    either a leftover or a citation that was dropped."""
    rubric = load_rubric(None).rubric
    assert rubric is not None
    assert rubric.references
    cited = {
        s
        for item in (*rubric.questions, *rubric.exercises, *rubric.drill_cards)
        for s in item.source
    }
    assert {r.id for r in rubric.references} - cited == set()
    for reference in rubric.references:
        assert reference.url is None or reference.url.startswith("https://")


_ADJECTIVES = {"good", "great", "strong", "weak", "poor", "excellent", "effective", "clear"}


def test_anchors_describe_behaviour_not_adjectives() -> None:
    rubric = load_rubric(None).rubric
    assert rubric is not None
    offenders = []
    for question in rubric.questions:
        for anchor in question.anchors:
            words = {w.strip(".,;:!?()\"'").lower() for w in anchor.split()}
            if words & _ADJECTIVES:
                offenders.append((question.id, anchor))
    assert offenders == []


def test_level_summaries_cover_every_skill_and_track() -> None:
    """Every (skill, track) pair of every built-in track has five distinct levels, each
    short and an act, not an adjective."""
    rubric = load_rubric(None).rubric
    assert rubric is not None
    offenders = []
    for track in rubric.tracks:
        for skill in rubric.track_skills(track):
            ladder = skill.levels.get(track.id, ())
            assert len(ladder) == 5, (skill.id, track.id)
            assert len(set(ladder)) == 5, (skill.id, track.id)
            for level in ladder:
                assert len(level) <= 140, level
                words = {w.strip(".,;:!?()\"'").lower() for w in level.split()}
                if words & _ADJECTIVES:
                    offenders.append((skill.id, track.id, level))
    assert offenders == []


def test_user_rubric_with_errors_is_left_out_and_reported(tmp_path: Path) -> None:
    rubrics = tmp_path / "rubrics"
    rubrics.mkdir()
    _write(rubrics, "acme.toml", GOOD.replace("out_of = 5", 'out_of = "5"'))
    result = load_rubric(tmp_path)
    assert result.rubric is not None
    assert result.rubric.track("staff") is None
    assert any("expected an integer" in str(i) for i in result.issues)


def test_user_rubric_is_merged(tmp_path: Path) -> None:
    rubrics = tmp_path / "rubrics"
    rubrics.mkdir()
    _write(rubrics, "acme.toml", GOOD)
    result = load_rubric(tmp_path)
    assert result.rubric is not None
    assert result.rubric.track("staff") is not None
    assert result.rubric.question("data-fluency.own-query") is not None


def test_cli_validate_exit_codes_and_summary(here: Path) -> None:
    good = _write(here, "acme.toml", GOOD)
    done = run("rubric", "validate", str(good.name), cwd=here)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("checked 1 file: 0 errors, 0 warnings")
    bad = _write(here, "bad.toml", GOOD.replace('kind = "rating"', 'kind = "ratings"'))
    done = run("rubric", "validate", bad.name, cwd=here)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert "bad.toml:" in done.stdout
    missing = run("rubric", "validate", "nope.toml", cwd=here)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "pmcoach: nope.toml: no such file"


def test_the_documented_example_validates(here: Path) -> None:
    readme = (builtin_bank_dir().parent / "questions" / "README.md").read_text()
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    path = _write(here, "acme.toml", example)
    result = validate([path])
    assert [str(i) for i in result.issues] == []
    assert result.rubric is not None and result.rubric.track("staff") is not None
