"""`pmcoach team FILE...`: several PMs' JSON exports on one page for their manager.

The page is checked byte for byte on three demo exports (different seeds and tracks,
one made with --include-private); then what each promise of the command means: people
named by `config.name` or the file, hostile names shown as written, files refused in one
line, mixed tracks compared on what they share, private texts never read, the HTML
printed by a real browser on one landscape page, and no Textual on the way.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from support.chromium import chromium, pages
from support.cli import on_terminal, run
from support.hostile import EVIL, FORBIDDEN

from pmcoach.export import team, team_read
from pmcoach.export.team_html import render_team as render_html
from pmcoach.export.team_markdown import render_team as render_markdown
from pmcoach.export.team_read import MAX_NAME
from pmcoach.rubric.load import load_rubric

GOLDEN = Path(__file__).parents[1] / "data" / "golden" / "team.md"
TODAY = "2026-11-23"
SECRET = "only-for-my-eyes-7731"
# (file name, seed, track, extra export arguments)
PEOPLE = (
    ("alex.json", "1", "senior", ()),
    ("sam.json", "2", "new", ()),
    ("kim.json", "3", "senior", ("--include-private",)),
)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three PMs' exports, as each would make it from a demo history."""
    folder = tmp_path_factory.mktemp("team")
    for name, seed, track, extra in PEOPLE:
        data = folder / f"{name}.data"
        made = run(
            "demo", "--weeks", "20", "--end", TODAY, "--seed", seed, "--track", track,
            "--data-dir", str(data),
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        if "--include-private" in extra:
            run("win", SECRET, "--skill", "communicate", "--private", "--data-dir", str(data))
        done = run(
            "export", "--format", "json", *extra, "--data-dir", str(data), "-o", str(folder / name)
        )
        assert done.returncode == 0, done.stderr
    return folder


def files(folder: Path) -> list[str]:
    return [str(folder / name) for name, *_ in PEOPLE]


def with_config(source: Path, target: Path, **config: object) -> Path:
    doc = json.loads(source.read_text(encoding="utf-8"))
    doc["config"].update(config)
    target.write_text(json.dumps(doc), encoding="utf-8")
    return target


def test_markdown_matches_its_golden_file(exports: Path) -> None:
    done = run("team", *(name for name, *_ in PEOPLE), cwd=exports)
    assert done.returncode == 0, done.stderr
    if os.environ.get("PMCOACH_UPDATE_GOLDEN"):
        GOLDEN.write_text(done.stdout, encoding="utf-8")
    assert done.stdout == GOLDEN.read_text(encoding="utf-8")
    assert done.stderr == ""


def test_the_page_shows_every_part_the_manager_needs(exports: Path) -> None:
    page = run("team", *files(exports)).stdout
    # Skills × people, trend marks, and only the skills both tracks have.
    assert "| Skill | alex | sam | kim |" in page
    assert re.search(r"\| Communicate \| \d\.\d [▲▼=] ", page)
    assert "Think big" not in page.split("## People")[0]
    assert "compared only on the 4 skills they share" in page
    assert "Not compared for alex and kim: Think big, Earn trust, Drive impact." in page
    # Each person's focus, say/do, self and manager, and when the export was made.
    assert page.count("- Focus: ") == 3
    assert page.count("- Say/do: ") == 3
    assert page.count("- Self and manager: ") == 3
    assert page.count("exported 23 Nov 2026, 12:00") == 3
    # The weakest shared skill and the bank's first exercise for it.
    weakest = re.search(r"weakest shared skill is ([^:]+):", page)
    assert weakest is not None
    rubric = load_rubric(None).rubric
    assert rubric is not None
    skill = next(s for s in rubric.skills if s.title == weakest[1])
    first = next(e for e in rubric.exercises if e.skills[0] == skill.id and not e.retired)
    assert f"Suggestion: {first.title}" in page


def test_people_are_named_by_config_name_else_the_file(exports: Path, tmp_path: Path) -> None:
    named = with_config(exports / "alex.json", tmp_path / "first.export.json", name="Alex Doe")
    done = run("team", str(named), str(exports / "sam.json"))
    assert done.returncode == 0, done.stderr
    assert "| Skill | Alex Doe | sam |" in done.stdout
    # Without a name, the file name without its extension.
    bare = with_config(exports / "alex.json", tmp_path / "first.export.json", name="  ")
    assert (
        "| Skill | first.export | sam |" in run("team", str(bare), str(exports / "sam.json")).stdout
    )


def test_a_long_name_is_cut_so_the_table_stays_on_the_page(exports: Path, tmp_path: Path) -> None:
    long = "Alexandra " * 12
    named = with_config(exports / "alex.json", tmp_path / "a.json", name=long)
    page = run("team", str(named), str(exports / "sam.json")).stdout
    header = next(line for line in page.splitlines() if line.startswith("| Skill |"))
    shown = header.split(" | ")[1]
    assert len(shown) == MAX_NAME and shown.endswith("…") and long.startswith(shown[:-1])


def test_two_people_of_one_name_are_told_apart_by_their_files(
    exports: Path, tmp_path: Path
) -> None:
    one = with_config(exports / "alex.json", tmp_path / "a.json", name="Sam")
    two = with_config(exports / "sam.json", tmp_path / "b.json", name="Sam")
    page = run("team", str(one), str(two)).stdout
    assert "| Skill | Sam (a) | Sam (b) |" in page


HOSTILE = "<script>alert(1)</script> | [x](javascript:alert(1)) # *bold* " + EVIL


def test_a_hostile_name_is_shown_as_written_and_escaped(exports: Path, tmp_path: Path) -> None:
    named = with_config(exports / "alex.json", tmp_path / "evil.json", name=HOSTILE)
    member = team_read.read_member(str(named), named.read_bytes())
    # Read as written, cut to the page's width...
    assert member.name == HOSTILE[: MAX_NAME - 1] + "…"
    # ...and the whole of it escaped by both pages, however long a name a reader lets through.
    member = replace(member, name=HOSTILE.strip())
    rubric = load_rubric(None).rubric
    assert rubric is not None
    page = team.build_team([member], rubric)
    markdown = render_markdown(page)
    header = next(line for line in markdown.splitlines() if line.startswith("| Skill"))
    assert len(re.findall(r"(?<!\\)\|", header)) == 3  # the name adds no table cell
    assert r"\<script\>alert(1)\</script\> \| \[x\](javascript:alert(1)) \# \*bold\*" in header
    html = render_html(page)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | [x](javascript:alert(1)) # *bold*" in html
    for text in (markdown, html):
        assert not any(c in text for c in FORBIDDEN if c not in "\n")


def test_a_hostile_name_reaches_a_terminal_without_control_characters(
    exports: Path, tmp_path: Path
) -> None:
    named = with_config(exports / "alex.json", tmp_path / "evil.json", name=HOSTILE)
    code, text = on_terminal("team", str(named))
    assert code == 0
    assert "&lt;" not in text and "\\<script\\>" in text
    assert not any(c in text for c in FORBIDDEN if c not in "\r\n")
    # To a pipe, the page is the user's data, kept as the Markdown has it.
    assert "\x1b]0;pwned" not in run("team", str(named)).stdout  # one_line cleans


def refused(*args: str) -> str:
    done = run("team", *args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("pmcoach")
    return done.stderr


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"\xff\xfe not text", "not UTF-8"),
        (b"{ not json", "not JSON"),
        (b"[]", 'not a pmcoach export (no "format": "pmcoach-export")'),
        (b'{"format": "something-else", "version": 1}', "not a pmcoach export"),
        (b'{"format": "pmcoach-export", "version": "1"}', "version: expected 1, got '1'"),
        (b'{"format": "pmcoach-export", "version": 2}', "written by a newer pmcoach"),
        (b'{"format": "pmcoach-export", "version": 1, "exported": 3}', "exported: expected"),
        (b'{"format": "pmcoach-export", "version": 1, "value": NaN}', "not usable JSON"),
        (b"[" * 100000, "nested too deeply"),
    ],
)
def test_a_file_that_is_not_a_usable_export_is_refused_in_one_line(
    content: bytes, said: str, exports: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    message = refused(str(exports / "alex.json"), str(bad))
    assert str(bad) in message and said in message


def test_a_broken_session_in_the_period_is_refused_naming_it(exports: Path, tmp_path: Path) -> None:
    doc = json.loads((exports / "sam.json").read_text(encoding="utf-8"))
    doc["sessions"][-1]["answers"][0]["rating"] = 9
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    message = refused(str(bad))
    assert re.search(r"sessions\[\d+\] \(\S+-\w+-\w+\): answers\[0\]\.rating: expected", message)


def test_missing_files_folders_and_a_file_given_twice_are_refused(
    exports: Path, tmp_path: Path
) -> None:
    assert "no such file" in refused(str(tmp_path / "nobody.json"))
    assert "is a folder" in refused(str(tmp_path))
    alex = str(exports / "alex.json")
    assert "given twice" in refused(alex, alex)


def test_an_unknown_track_is_compared_on_the_skills_it_answered(
    exports: Path, tmp_path: Path
) -> None:
    other = with_config(exports / "sam.json", tmp_path / "other.json", track="acme-pm")
    page = run("team", str(exports / "alex.json"), str(other)).stdout
    assert "other's track 'acme-pm' is not in this pmcoach's rubric" in page
    assert "| Communicate |" in page


def test_different_rubrics_are_said_and_compared_on_shared_skills(
    exports: Path, tmp_path: Path
) -> None:
    doc = json.loads((exports / "alex.json").read_text(encoding="utf-8"))
    for session in doc["sessions"]:
        session["rubric"] = "builtin@2026.11+acme@3"
    newer = tmp_path / "acme.json"
    newer.write_text(json.dumps(doc), encoding="utf-8")
    page = run("team", str(newer), str(exports / "kim.json")).stdout
    assert "The exports use different rubrics (acme: Senior PM, builtin@2026.11+acme@3;" in page
    assert "compared only on the 7 skills they share" in page


def test_private_texts_are_not_read_and_the_page_says_so(exports: Path) -> None:
    kim = exports / "kim.json"
    assert SECRET in kim.read_text(encoding="utf-8")  # the export holds it
    member = team_read.read_member(str(kim), kim.read_bytes())
    assert member.had_private
    texts = [a.note for s in member.sessions for a in s.answers]
    texts += [a.text for s in member.sessions for a in s.answers]
    texts += [s.reflection for s in member.sessions] + [e.text for e in member.events]
    assert all(t is None or t.text == "" for t in texts)
    assert all(c.text == "" and c.to == "" for s in member.sessions for c in s.commitments)
    for fmt in ("md", "html"):
        done = run("team", *files(exports), "--format", fmt, "-o", "-")
        assert done.returncode == 0, done.stderr
        assert SECRET not in done.stdout
        assert "kim exported with private texts (--include-private)" in done.stdout


def test_an_export_without_private_texts_is_read_as_it_is(exports: Path) -> None:
    alex = exports / "alex.json"
    assert '{"private": true}' in alex.read_text(encoding="utf-8")  # texts left out, marked
    assert not team_read.read_member(str(alex), alex.read_bytes()).had_private


def test_output_targets_follow_the_export_rules(exports: Path, tmp_path: Path) -> None:
    out = tmp_path / "team.md"
    assert run("team", *files(exports), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# Team page: 3 people")
    assert "already exists; add --force" in refused(*files(exports), "-o", str(out))
    assert "is a folder" in refused(*files(exports), "-o", str(tmp_path))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "(FIFO), not a file" in refused(*files(exports), "-o", str(fifo), "--force")
    # HTML without -o goes where the shell sends it, as an export's does (on a terminal,
    # to the documents folder: the rule the two share is tested in test_export_cli).
    done = run("team", *files(exports), "--format", "html", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.lstrip().lower().startswith("<!doctype html")
    assert not list(tmp_path.glob("pmcoach-team-*"))
    assert "invalid choice" in refused(*files(exports), "--format", "csv")


@pytest.mark.parametrize("people", [3, 10])
def test_the_html_prints_on_one_landscape_page_with_no_script(
    people: int, exports: Path, tmp_path: Path, require_tool: object
) -> None:
    browser = require_tool("chromium")  # type: ignore[operator]
    given = files(exports)
    for index in range(len(given), people):  # a larger team: copies under other names
        copy = tmp_path / f"pm-{index}.json"
        copy.write_bytes(Path(given[index % len(PEOPLE)]).read_bytes())
        given.append(str(copy))
    source = tmp_path / "team.html"
    done = run("team", *given, "--format", "html", "-o", str(source))
    assert done.returncode == 0, done.stderr
    html = source.read_text(encoding="utf-8")
    assert "<script" not in html.lower() and " on" not in re.sub(r">[^<]*<", "><", html)
    assert "default-src 'none'" in html
    pdf = tmp_path / "team.pdf"
    chromium(browser, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri())
    data = pdf.read_bytes()
    assert pages(data) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box is not None and float(box[1]) > float(box[2]), "not landscape"


def test_the_team_command_never_imports_textual_or_rich(exports: Path) -> None:
    probe = (
        "import sys; from pmcoach.cli.main import main; "
        f"code = main(['team', *{files(exports)!r}, '-o', '-']); "
        "print(code, any(m.startswith(('textual', 'rich')) for m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "0 False"


def test_the_help_lists_the_command() -> None:
    assert re.search(r"\n\s+team\s+a manager's page", run("--help").stdout)
    usage = run("team", "--help").stdout
    assert "FILE [FILE ...]" in usage and "--format md|html" in usage


def test_a_name_written_in_config_toml_travels_through_the_export(tmp_path: Path) -> None:
    data = tmp_path / "pm"
    assert run("demo", "--weeks", "4", "--end", TODAY, "--data-dir", str(data)).returncode == 0
    config = data / "config.toml"
    config.write_text('name = "Alex Doe"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "export.json"
    done = run("export", "--format", "json", "--data-dir", str(data), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "| Skill | Alex Doe |" in run("team", str(out)).stdout
