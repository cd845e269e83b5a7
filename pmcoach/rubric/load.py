"""Load and validate rubric banks.

A company drops its own ladder into `rubrics/` and must be told exactly what is
wrong with it, so every problem carries the file, the line and the key path.
TOML parsers report lines only for syntax errors; for everything else the line
is found by scanning the source for the offending table or key
(see `pmcoach.rubric.lines`).

Built-in files must be flawless (a test holds them to it). A user file with an
error is left out as a whole, so one typo never half-loads a ladder, and the
problem is reported where the user looks (dashboard, `doctor`, `rubric validate`).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from pmcoach.domain import coach
from pmcoach.domain.model import (
    EXPECTS,
    QUESTION_KINDS,
    TRUE_ANSWERS,
    Bank,
    DrillCard,
    Exercise,
    Expects,
    Question,
    QuestionKind,
    Rubric,
    Skill,
    Track,
    TrueAnswer,
    WordList,
)
from pmcoach.rubric.lines import SourceMap
from pmcoach.storage import toml_io

if TYPE_CHECKING:
    from pmcoach.cache.cachedir import Fingerprint

MAX_FILE_BYTES = 1024 * 1024
WEEKLY_MAX_QUESTIONS = 12
ROTATION_WEEKS = 4
BUILTIN_BANK = "builtin"
WORD_LIST_KINDS = ("hedge", "weasel", "solution-first")

# \Z, not $: `$` also matches before a final line break.
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
DOTTED_ID = re.compile(r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*\Z")
# Line breaks and terminal controls, shown escaped in an issue (see RubricIssue).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

Severity = Literal["error", "warning"]

# --------------------------------------------------------------------------- issues


@dataclass(frozen=True)
class RubricIssue:
    """One problem, printed as `FILE:LINE: key.path: message`."""

    file: str
    line: int | None
    path: str
    message: str
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # Keys and values in messages come from the file: a line break or an escape
        # sequence in one must not split the line or reach the terminal, and a key of a
        # megabyte is not worth printing whole.
        for name, limit in (("file", 500), ("path", 200), ("message", 500)):
            text = _CONTROLS.sub(lambda m: repr(m.group())[1:-1], getattr(self, name))
            if len(text) > limit:
                text = text[: limit - 1] + "…"
            object.__setattr__(self, name, text)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        prefix = "warning: " if self.severity == "warning" else ""
        path = f" {self.path}:" if self.path else ""
        return f"{where}:{path} {prefix}{self.message}"


class RubricError(Exception):
    """Raised when a rubric the app needs cannot be loaded at all."""

    def __init__(self, issues: Sequence[RubricIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(str(i) for i in issues))


# --------------------------------------------------------------------------- schema

# Each field: (type, required, cap). Types: str, strs (array of strings), int, bool.
FieldSpec = tuple[str, bool, int | None]

TOP_LEVEL: dict[str, FieldSpec] = {
    "bank": ("str", True, 32),
    "version": ("str", True, 32),
}

TABLES: dict[str, dict[str, FieldSpec]] = {
    "idea": {
        "id": ("str", True, 80),
        "skill": ("str", False, 40),
        "text": ("str", True, 300),
    },
    "track": {
        "id": ("str", True, 40),
        "title": ("str", True, 40),
        "skills": ("strs", True, 40),
        "emphasis": ("strs", False, 40),
    },
    "skill": {
        "id": ("str", True, 40),
        "title": ("str", True, 40),
        "summary": ("str", True, 200),
    },
    "question": {
        "id": ("str", True, 80),
        "skill": ("str", True, 40),
        "kind": ("str", True, 20),
        "prompt": ("str", True, 200),
        "anchors": ("strs", False, 110),
        "out_of": ("int", False, None),
        "evidence": ("str", False, 120),
        "tracks": ("strs", False, 40),
        "retired": ("bool", False, None),
        "source": ("strs", False, 80),
    },
    "exercise": {
        "id": ("str", True, 80),
        "skills": ("strs", True, 40),
        "tracks": ("strs", False, 40),
        "title": ("str", True, 60),
        "why": ("str", True, 300),
        "steps": ("strs", True, 200),
        "time": ("str", True, 40),
        "done_when": ("str", True, 200),
        "reflection": ("str", True, 200),
        "retired": ("bool", False, None),
        "source": ("strs", False, 80),
    },
    "drill_card": {
        "id": ("str", True, 80),
        "skill": ("str", True, 40),
        "situation": ("str", True, 300),
        "expects": ("str", True, 20),
        "true_answer": ("str", False, 10),
        "hint": ("str", False, 200),
        "retired": ("bool", False, None),
        "source": ("strs", False, 80),
    },
    "word_list": {
        "id": ("str", True, 40),
        "kind": ("str", True, 20),
        "title": ("str", True, 60),
        "explain": ("str", True, 300),
        "words": ("strs", True, 60),
    },
}


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


# --------------------------------------------------------------------------- parsed files


@dataclass
class Entry:
    """One table of a file after the per-file checks, with where it came from."""

    table: str
    index: int
    data: dict[str, Any]
    file: ParsedFile

    @property
    def id(self) -> str:
        return str(self.data.get("id", ""))

    @property
    def path(self) -> str:
        return f"{self.table}[{self.index}]"

    def line(self, key: str | None = None) -> int | None:
        return self.file.source.line_of(self.table, self.index, key)


@dataclass
class ParsedFile:
    path: Path
    display: str
    source: SourceMap
    bank: str = ""
    version: str = ""
    entries: list[Entry] = field(default_factory=list)
    issues: list[RubricIssue] = field(default_factory=list)
    # The parsed document and its text, kept for the rubric's cache (see load_rubric).
    document: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    text: str = field(default="", repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)

    def add(
        self,
        path: str,
        message: str,
        line: int | None = None,
        severity: Severity = "error",
    ) -> None:
        self.issues.append(RubricIssue(self.display, line, path, message, severity))


def _display_name(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_file(path: Path, display: str | None = None) -> ParsedFile:
    """Parse one file and check what can be checked without the other files."""
    shown = display if display is not None else _display_name(path)
    empty = ParsedFile(path, shown, SourceMap(""))
    try:
        size = path.stat().st_size
        if path.is_dir():
            empty.add("", "is a folder, not a rubric file")
            return empty
        if not path.is_file():  # a FIFO would block the read forever
            empty.add("", "is not a regular file, so it was not read")
            return empty
        if size > MAX_FILE_BYTES:
            empty.add(
                "", f"file is {size} bytes; rubric files are limited to 1 MiB, so it was not read"
            )
            return empty
        raw = path.read_bytes()
    except OSError as exc:
        empty.add("", f"cannot read the file: {exc.strerror or exc}")
        return empty
    return parse_bytes(raw, path, shown)


def parse_bytes(raw: bytes, path: Path, display: str) -> ParsedFile:
    empty = ParsedFile(path, display, SourceMap(""))
    if len(raw) > MAX_FILE_BYTES:
        empty.add(
            "", f"file is {len(raw)} bytes; rubric files are limited to 1 MiB, so it was not read"
        )
        return empty
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = " (it looks like UTF-16)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        empty.add("", f"not valid UTF-8 at byte {exc.start}{hint}; save the file as UTF-8", line)
        return empty
    long_key = toml_io.long_key_line(text)
    if long_key is not None:
        parts = toml_io.MAX_KEY_PARTS
        empty.add("", f"TOML syntax error: a dotted key of more than {parts} parts", long_key)
        return empty
    source = SourceMap(text)
    parsed = ParsedFile(path, display, source)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, at_line = _split_decode_error(str(exc))
        parsed.add("", f"TOML syntax error: {message}", at_line)
        return parsed
    except RecursionError:
        parsed.add("", "TOML syntax error: nesting is too deep")
        return parsed
    except ValueError:  # Python converts no decimal integer of more than 4,300 digits
        parsed.add("", "TOML syntax error: a number with too many digits")
        return parsed
    return check_parsed(doc, parsed, text)


def check_parsed(doc: dict[str, Any], parsed: ParsedFile, text: str) -> ParsedFile:
    """Check a parsed document, from a file or from the rubric's cache: one set of rules
    for both, so the cache can give nothing a file could not."""
    try:
        toml_io.check_limits(doc)
    except toml_io.SchemaError as exc:
        parsed.add("", str(exc))
        return parsed
    parsed.document, parsed.text = doc, text
    _check_document(doc, parsed)
    return parsed


_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def _split_decode_error(message: str) -> tuple[str, int | None]:
    found = _AT_LINE.search(message)
    if found:
        msg = message[: found.start()]
        return f"{msg} (column {found.group(2)})", int(found.group(1))
    if _AT_END.search(message):
        return _AT_END.sub("", message) + " (at the end of the file)", None
    return message, None


def _did_you_mean(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _check_document(doc: dict[str, Any], parsed: ParsedFile) -> None:
    src = parsed.source
    known_top = [*TOP_LEVEL, *TABLES]
    for key, value in doc.items():
        if key in TOP_LEVEL:
            continue
        if key in TABLES:
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                parsed.add(
                    key,
                    f"expected an array of tables ([[{key}]]), found {_type_name(value)}",
                    src.line_of_key((), key) or src.line_of(key, 0, None),
                )
            continue
        parsed.add(
            key,
            f"unknown key '{key}'{_did_you_mean(key, known_top)}",
            src.line_of_key((), key) or src.line_of(key, 0, None),
        )
    for key, (_kind, _req, cap) in TOP_LEVEL.items():
        # Lines are looked up only for a problem: finding them means scanning the text.
        line = partial(src.line_of_key, (), key)
        if key not in doc:
            parsed.add(key, f"missing required key '{key}' at the top of the file", 1)
            continue
        value = doc[key]
        if not isinstance(value, str):
            parsed.add(key, f"expected a string, found {_type_name(value)}", line())
            continue
        if not value.strip():
            parsed.add(key, "must not be empty", line())
        elif cap is not None and len(value) > cap:
            parsed.add(key, f"is {len(value)} characters; the limit is {cap}", line())
        elif key == "bank" and not SLUG.match(value):
            parsed.add(key, f"'{value}' must use only a-z, 0-9 and '-'", line())
    bank, version = doc.get("bank"), doc.get("version")
    parsed.bank = bank if isinstance(bank, str) else ""
    parsed.version = version if isinstance(version, str) else ""

    for table, spec in TABLES.items():
        items = doc.get(table)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            entry = Entry(table, index, item, parsed)
            if _check_fields(entry, spec):
                _check_rules(entry)
                parsed.entries.append(entry)


def _check_fields(entry: Entry, spec: dict[str, FieldSpec]) -> bool:
    """Types, required keys, unknown keys, emptiness and caps. False if unusable."""
    parsed, data, ok = entry.file, entry.data, True
    for key in data:
        if key not in spec:
            parsed.add(
                f"{entry.path}.{key}",
                f"unknown key '{key}'{_did_you_mean(key, spec)}",
                entry.line(key),
            )
            ok = False
    for key, (kind, required, cap) in spec.items():
        where = f"{entry.path}.{key}"
        if key not in data:
            if required:
                parsed.add(where, f"missing required key '{key}'", entry.line())
                ok = False
            continue
        value, line = data[key], partial(entry.line, key)
        if kind == "str":
            if not isinstance(value, str):
                parsed.add(where, f"expected a string, found {_type_name(value)}", line())
                ok = False
            elif not value.strip():
                parsed.add(where, "text is empty", line())
                ok = False
            elif cap is not None and len(value) > cap:
                parsed.add(where, f"text is {len(value)} characters; the limit is {cap}", line())
                ok = False
        elif kind == "strs":
            if not isinstance(value, list):
                parsed.add(
                    where, f"expected an array of strings, found {_type_name(value)}", line()
                )
                ok = False
                continue
            for i, item in enumerate(value):
                if not isinstance(item, str):
                    parsed.add(
                        f"{where}[{i}]", f"expected a string, found {_type_name(item)}", line()
                    )
                    ok = False
                elif not item.strip():
                    parsed.add(f"{where}[{i}]", "text is empty", line())
                    ok = False
                elif cap is not None and len(item) > cap:
                    parsed.add(
                        f"{where}[{i}]",
                        f"text is {len(item)} characters; the limit is {cap}",
                        line(),
                    )
                    ok = False
        elif kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                parsed.add(where, f"expected an integer, found {_type_name(value)}", line())
                ok = False
        elif kind == "bool" and not isinstance(value, bool):
            parsed.add(where, f"expected true or false, found {_type_name(value)}", line())
            ok = False
    return ok


def _check_rules(entry: Entry) -> None:
    """Rules about one table on its own (references are checked after merging)."""
    parsed, data, table = entry.file, entry.data, entry.table
    ident: str = data["id"]
    id_path = f"{entry.path}.id"
    if table in ("track", "skill", "word_list"):
        if not SLUG.match(ident):
            parsed.add(id_path, f"'{ident}' must use only a-z, 0-9 and '-'", entry.line("id"))
    elif not DOTTED_ID.match(ident):
        parsed.add(
            id_path,
            f"'{ident}' must look like '<skill>.<slug>' (a-z, 0-9 and '-')",
            entry.line("id"),
        )
    elif table in ("question", "drill_card"):
        prefix = ident.split(".", 1)[0]
        if prefix != data["skill"]:
            parsed.add(
                id_path,
                f"'{ident}' must start with its skill '{data['skill']}.'",
                entry.line("id"),
            )
    elif table == "exercise":
        prefix = ident.split(".", 1)[0]
        if prefix not in data["skills"]:
            parsed.add(
                id_path,
                f"'{ident}' must start with one of its skills ({', '.join(data['skills'])})",
                entry.line("id"),
            )

    if table == "question":
        _check_question(entry)
    elif table == "exercise":
        steps = data["steps"]
        if not 1 <= len(steps) <= 7:
            parsed.add(
                f"{entry.path}.steps", f"has {len(steps)} steps; give 1 to 7", entry.line("steps")
            )
        if not data["skills"]:
            parsed.add(f"{entry.path}.skills", "name at least one skill", entry.line("skills"))
    elif table == "drill_card":
        if data["expects"] not in EXPECTS:
            parsed.add(
                f"{entry.path}.expects",
                f"'{data['expects']}' is not one of {', '.join(EXPECTS)}"
                + _did_you_mean(data["expects"], EXPECTS),
                entry.line("expects"),
            )
        _check_true_answer(entry)
    elif table == "word_list":
        if data["kind"] not in WORD_LIST_KINDS:
            parsed.add(
                f"{entry.path}.kind",
                f"'{data['kind']}' is not one of {', '.join(WORD_LIST_KINDS)}"
                + _did_you_mean(data["kind"], WORD_LIST_KINDS),
                entry.line("kind"),
            )
        if not data["words"]:
            parsed.add(f"{entry.path}.words", "name at least one word", entry.line("words"))
    elif table == "track":
        if not data["skills"]:
            parsed.add(f"{entry.path}.skills", "name at least one skill", entry.line("skills"))
        for skill in data.get("emphasis", []):
            if skill not in data["skills"]:
                parsed.add(
                    f"{entry.path}.emphasis",
                    f"'{skill}' is not one of this track's skills",
                    entry.line("emphasis"),
                )
    for key in ("skills", "tracks", "source", "emphasis", "anchors", "words", "steps"):
        values = data.get(key)
        if isinstance(values, list):
            seen: set[str] = set()
            for value in values:
                if value in seen:
                    parsed.add(f"{entry.path}.{key}", f"'{value}' is listed twice", entry.line(key))
                seen.add(value)


def _check_true_answer(entry: Entry) -> None:
    """`true_answer` says which answer the situation makes true: yes or no, so only a
    card that asks yes or no can have one."""
    parsed, data = entry.file, entry.data
    if "true_answer" not in data:
        return
    value = data["true_answer"]
    where = f"{entry.path}.true_answer"
    if value not in TRUE_ANSWERS:
        parsed.add(
            where,
            f"'{value}' is not one of {', '.join(TRUE_ANSWERS)}"
            + _did_you_mean(value, TRUE_ANSWERS),
            entry.line("true_answer"),
        )
    elif data["expects"] != "yes-no":
        parsed.add(
            where,
            f"only a card that expects 'yes-no' has a true answer; this one expects "
            f"'{data['expects']}'",
            entry.line("true_answer"),
        )


def _check_question(entry: Entry) -> None:
    parsed, data = entry.file, entry.data
    kind = data["kind"]
    if kind not in QUESTION_KINDS:
        parsed.add(
            f"{entry.path}.kind",
            f"'{kind}' is not one of {', '.join(QUESTION_KINDS)}"
            + _did_you_mean(kind, QUESTION_KINDS),
            entry.line("kind"),
        )
        return
    anchors = data.get("anchors")
    out_of = data.get("out_of")
    if kind == "rating":
        if anchors is None:
            parsed.add(
                f"{entry.path}.anchors",
                "a rating question needs exactly five anchors, one per rating 1-5",
                entry.line(),
            )
        elif len(anchors) != 5:
            parsed.add(
                f"{entry.path}.anchors",
                f"a rating question needs exactly five anchors, found {len(anchors)}",
                entry.line("anchors"),
            )
        if out_of is not None:
            parsed.add(
                f"{entry.path}.out_of",
                "only a frequency question has out_of",
                entry.line("out_of"),
            )
    elif kind == "frequency":
        if out_of is None:
            parsed.add(
                f"{entry.path}.out_of",
                "a frequency question needs out_of (the N in 'of your last N ...')",
                entry.line(),
            )
        elif not 2 <= out_of <= 9:
            parsed.add(
                f"{entry.path}.out_of",
                f"is {out_of}; it must be 2 to 9, so each count is one key",
                entry.line("out_of"),
            )
        if anchors is not None:
            parsed.add(
                f"{entry.path}.anchors",
                "a frequency question has no anchors; its rating comes from the count",
                entry.line("anchors"),
            )
    else:
        for key in ("anchors", "out_of"):
            if key in data:
                parsed.add(
                    f"{entry.path}.{key}",
                    f"a reflection question is free text and has no {key}",
                    entry.line(key),
                )


# --------------------------------------------------------------------------- merging


@dataclass
class LoadResult:
    rubric: Rubric | None
    issues: list[RubricIssue]
    files: list[ParsedFile]

    @property
    def errors(self) -> list[RubricIssue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[RubricIssue]:
        return [i for i in self.issues if i.severity == "warning"]


def _merge(files: Sequence[ParsedFile]) -> tuple[Rubric | None, list[RubricIssue]]:
    """Merge usable files in order; later banks replace earlier ids with a warning."""
    issues: list[RubricIssue] = []
    chosen: dict[str, dict[str, Entry]] = {table: {} for table in TABLES}
    versions: dict[str, tuple[str, ParsedFile]] = {}
    for parsed in files:
        if not parsed.ok or not parsed.bank:
            continue
        first = versions.get(parsed.bank)
        if first is None:
            versions[parsed.bank] = (parsed.version, parsed)
        elif first[0] != parsed.version:
            issues.append(
                RubricIssue(
                    parsed.display,
                    parsed.source.line_of_key((), "version"),
                    "version",
                    f"bank '{parsed.bank}' has version '{first[0]}' in {first[1].display}; "
                    "every file of a bank must say the same version",
                )
            )
        for entry in parsed.entries:
            earlier = chosen[entry.table].get(entry.id)
            if earlier is not None:
                where = f"{earlier.file.display}:{earlier.line('id') or earlier.line()}"
                if earlier.file.bank == parsed.bank:
                    issues.append(
                        RubricIssue(
                            parsed.display,
                            entry.line("id"),
                            f"{entry.path}.id",
                            f"duplicate {entry.table.replace('_', ' ')} id '{entry.id}' "
                            f"(first defined at {where})",
                        )
                    )
                    continue
                issues.append(
                    RubricIssue(
                        parsed.display,
                        entry.line("id"),
                        f"{entry.path}.id",
                        f"replaces the {entry.table.replace('_', ' ')} '{entry.id}' "
                        f"of bank '{earlier.file.bank}' ({where})",
                        "warning",
                    )
                )
            chosen[entry.table][entry.id] = entry

    issues.extend(_check_references(chosen))
    if any(i.severity == "error" for i in issues):
        return None, issues
    rubric = _build(chosen, versions)
    issues.extend(_check_rotation(rubric, chosen))
    return rubric, issues


def _check_references(chosen: dict[str, dict[str, Entry]]) -> list[RubricIssue]:
    issues: list[RubricIssue] = []
    skills, tracks, ideas = chosen["skill"], chosen["track"], chosen["idea"]

    def check(entry: Entry, key: str, known: dict[str, Entry], what: str) -> None:
        raw = entry.data.get(key)
        values = [raw] if isinstance(raw, str) else (raw or [])
        for value in values:
            if value not in known:
                issues.append(
                    RubricIssue(
                        entry.file.display,
                        entry.line(key),
                        f"{entry.path}.{key}",
                        f"no {what} '{value}'{_did_you_mean(value, known)}",
                    )
                )

    for entry in tracks.values():
        check(entry, "skills", skills, "skill")
    for entry in chosen["question"].values():
        check(entry, "skill", skills, "skill")
        check(entry, "tracks", tracks, "track")
        check(entry, "source", ideas, "idea")
    for entry in chosen["exercise"].values():
        check(entry, "skills", skills, "skill")
        check(entry, "tracks", tracks, "track")
        check(entry, "source", ideas, "idea")
    for entry in chosen["drill_card"].values():
        check(entry, "skill", skills, "skill")
        check(entry, "source", ideas, "idea")
    for entry in chosen["idea"].values():
        if "skill" in entry.data:
            check(entry, "skill", skills, "skill")
    return issues


def _check_rotation(rubric: Rubric, chosen: dict[str, dict[str, Entry]]) -> list[RubricIssue]:
    issues: list[RubricIssue] = []
    for track in rubric.tracks:
        active = coach.full_questions(rubric, track)
        entry = chosen["track"][track.id]
        if not coach.rotation_fits(rubric, track, WEEKLY_MAX_QUESTIONS):
            slots = coach.rotation_slots(rubric, track)
            issues.append(
                RubricIssue(
                    entry.file.display,
                    entry.line("id"),
                    f"{entry.path}",
                    f"track '{track.id}' has {len(active)} scored questions needing {slots} of "
                    f"the {WEEKLY_MAX_QUESTIONS * ROTATION_WEEKS} slots of {ROTATION_WEEKS} "
                    f"check-ins (each skill takes at least {ROTATION_WEEKS}); some will not "
                    f"come up in every {ROTATION_WEEKS} check-ins",
                    "warning",
                )
            )
        for skill in track.skills:
            if not any(q.skill == skill for q in active):
                issues.append(
                    RubricIssue(
                        entry.file.display,
                        entry.line("skills"),
                        f"{entry.path}.skills",
                        f"skill '{skill}' has no active scored question in track '{track.id}'",
                        "warning",
                    )
                )
    return issues


def _strs(data: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(cast(list[str], data.get(key, [])))


def _build(
    chosen: dict[str, dict[str, Entry]], versions: dict[str, tuple[str, ParsedFile]]
) -> Rubric:
    banks = tuple(Bank(name, version) for name, (version, _f) in versions.items())
    return Rubric(
        banks=banks,
        tracks=tuple(
            Track(
                id=e.id,
                title=e.data["title"],
                skills=_strs(e.data, "skills"),
                emphasis=_strs(e.data, "emphasis"),
                bank=e.file.bank,
            )
            for e in chosen["track"].values()
        ),
        skills=tuple(
            Skill(id=e.id, title=e.data["title"], summary=e.data["summary"], bank=e.file.bank)
            for e in chosen["skill"].values()
        ),
        questions=tuple(
            Question(
                id=e.id,
                skill=e.data["skill"],
                kind=cast(QuestionKind, e.data["kind"]),
                prompt=e.data["prompt"],
                anchors=_strs(e.data, "anchors"),
                out_of=e.data.get("out_of"),
                evidence=e.data.get("evidence"),
                tracks=_strs(e.data, "tracks"),
                retired=bool(e.data.get("retired", False)),
                source=_strs(e.data, "source"),
                bank=e.file.bank,
            )
            for e in chosen["question"].values()
        ),
        exercises=tuple(
            Exercise(
                id=e.id,
                skills=_strs(e.data, "skills"),
                title=e.data["title"],
                why=e.data["why"],
                steps=_strs(e.data, "steps"),
                time=e.data["time"],
                done_when=e.data["done_when"],
                reflection=e.data["reflection"],
                tracks=_strs(e.data, "tracks"),
                source=_strs(e.data, "source"),
                retired=bool(e.data.get("retired", False)),
                bank=e.file.bank,
            )
            for e in chosen["exercise"].values()
        ),
        drill_cards=tuple(
            DrillCard(
                id=e.id,
                skill=e.data["skill"],
                situation=e.data["situation"],
                expects=cast(Expects, e.data["expects"]),
                true_answer=cast(TrueAnswer | None, e.data.get("true_answer")),
                hint=e.data.get("hint"),
                source=_strs(e.data, "source"),
                retired=bool(e.data.get("retired", False)),
                bank=e.file.bank,
            )
            for e in chosen["drill_card"].values()
        ),
        word_lists=tuple(
            WordList(
                id=e.id,
                kind=e.data["kind"],
                title=e.data["title"],
                explain=e.data["explain"],
                words=_strs(e.data, "words"),
                bank=e.file.bank,
            )
            for e in chosen["word_list"].values()
        ),
    )


# --------------------------------------------------------------------------- entry points


def builtin_bank_dir() -> Path:
    """Where the built-in bank is: inside the package in a wheel, else the repository's.

    An editable install maps the package to the source tree, where `questions/`
    sits beside `pmcoach/` rather than inside it.
    """
    package = Path(__file__).resolve().parent.parent
    packaged = package / "questions"
    if (packaged / "tracks.toml").is_file():
        return packaged
    return package.parent / "questions"


def builtin_files() -> list[Path]:
    return sorted(builtin_bank_dir().glob("*.toml"))


def user_rubric_files(data_dir: Path) -> list[Path]:
    folder = data_dir / "rubrics"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))


def _builtin_display(path: Path) -> str:
    return f"questions/{path.name}"


RUBRIC_CACHE_NAME = "rubric.json"
RUBRIC_CACHE_FORMAT = 2


def load_rubric(data_dir: Path | None = None) -> LoadResult:
    """The rubric the app runs on: built-in banks plus the user's, bad user files left out.

    Raises RubricError only when the built-in bank itself is broken, which a
    test prevents from ever shipping.

    With a data folder, each bank file's parsed document (or why it could not be
    parsed) is kept in its cache folder (`rubric.json`) while every bank file, the
    names shown for them and the code are unchanged, by the rule of `cachedir`:
    parsing the bank costs as much as the rest of an export. What comes from the
    cache is checked and merged exactly as a file is; only the parsing is saved.
    The files are looked at before they are read, so a file changed meanwhile is
    read again next time, never missed.
    """
    if data_dir is None:
        return load_rubric_files(None)
    from pmcoach.cache import cachedir, documents
    from pmcoach.storage import paths

    shown = [(p, _builtin_display(p)) for p in builtin_files()]
    users = user_rubric_files(data_dir)
    shown += [(p, _display_name(p)) for p in users]
    header = "\0".join([str(RUBRIC_CACHE_FORMAT), cachedir.code_key(), *(d for _p, d in shown)])
    taken = cachedir.Fingerprint.take(
        Path("/"), header, [(str(p), _stat_key(p)) for p, _d in shown], digests=True
    )
    folder = paths.cache_dir(data_dir)
    cached = parsed = _cached_files(folder, taken, shown)
    if parsed is None:
        parsed = [read_file(p, d) for p, d in shown]
        if data_dir.is_dir():
            body = {
                "format": RUBRIC_CACHE_FORMAT,
                "fingerprint": taken.to_json(),
                "files": [_file_json(f) for f in parsed],
            }
            cachedir.write(folder, RUBRIC_CACHE_NAME, _dumps(documents.to_json(body)))
    count = len(shown) - len(users)
    try:
        return _load_rubric(parsed[:count], parsed[count:])
    except RubricError:
        if cached is None:
            raise
    # A cache of our own that yet cannot be merged: the files say what is true.
    parsed = [read_file(p, d) for p, d in shown]
    return _load_rubric(parsed[:count], parsed[count:])


def load_rubric_files(data_dir: Path | None) -> LoadResult:
    """`load_rubric` past its cache: every bank file read and checked now."""
    builtin = [read_file(p, _builtin_display(p)) for p in builtin_files()]
    users = [read_file(p) for p in user_rubric_files(data_dir)] if data_dir else []
    return _load_rubric(builtin, users)


def _stat_key(path: Path) -> tuple[int, int, int, int] | None:
    from pmcoach.storage.keys import file_key

    try:
        return file_key(path.stat())
    except OSError:
        return None


def _dumps(value: object) -> bytes:
    import json

    return json.dumps(value, separators=(",", ":")).encode("ascii")


def _file_json(parsed: ParsedFile) -> dict[str, Any]:
    if parsed.document is not None:
        return {"text": parsed.text, "doc": parsed.document}
    issues = [[i.line, i.path, i.message, i.severity] for i in parsed.issues]
    return {"issues": issues}


def _cached_files(
    folder: Path, taken: Fingerprint, shown: list[tuple[Path, str]]
) -> list[ParsedFile] | None:
    """The bank files as the rubric's cache holds them, checked again; None for a cache
    that is missing, stale or holds anything a file could not give."""
    import json

    from pmcoach.cache import cachedir, documents

    data = cachedir.read(folder, RUBRIC_CACHE_NAME)
    if data is None:
        return None
    try:
        raw = json.loads(data, object_hook=documents.from_json)
        if type(raw) is not dict or raw.get("format") != RUBRIC_CACHE_FORMAT:
            return None
        saved = raw.get("fingerprint")
        still = cachedir.still_matches(saved, taken, Path("/"))
        if still is None:
            return None
        files = raw.get("files")
        if type(files) is not list or len(files) != len(shown):
            return None
        parsed = [
            _cached_file(item, path, display)
            for item, (path, display) in zip(files, shown, strict=True)
        ]
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    if isinstance(saved, dict) and cachedir.settled(saved, still):
        raw["fingerprint"] = cachedir.Fingerprint(taken.key, still).to_json()
        cachedir.write(folder, RUBRIC_CACHE_NAME, _dumps(documents.to_json(raw)))
    return parsed


def _cached_file(item: Any, path: Path, display: str) -> ParsedFile:
    if type(item) is not dict:
        raise ValueError("not a file")
    text, doc = item.get("text"), item.get("doc")
    if type(text) is str and type(doc) is dict:
        return check_parsed(doc, ParsedFile(path, display, SourceMap(text)), text)
    issues = item["issues"]
    if type(issues) is not list or not issues:
        raise ValueError("a file neither parsed nor refused")
    parsed = ParsedFile(path, display, SourceMap(""))
    for line, where, message, severity in issues:
        if not (line is None or type(line) is int) or severity not in ("error", "warning"):
            raise ValueError("not an issue")
        if type(where) is not str or type(message) is not str:
            raise ValueError("not an issue")
        parsed.add(where, message, line, severity)
    return parsed


def _load_rubric(builtin: list[ParsedFile], users: Sequence[ParsedFile] = ()) -> LoadResult:
    issues = [i for f in builtin for i in f.issues]
    if not builtin or any(not f.ok for f in builtin):
        if not builtin:
            issues.append(
                RubricIssue(str(builtin_bank_dir()), None, "", "no built-in rubric found")
            )
        raise RubricError(issues)
    for parsed in users:
        if parsed.bank == BUILTIN_BANK:
            parsed.add(
                "bank",
                f"'{BUILTIN_BANK}' is the name of the built-in bank; choose your own",
                parsed.source.line_of_key((), "bank"),
            )
        issues.extend(parsed.issues)
    files = [*builtin, *(f for f in users if f.ok)]
    rubric, merge_issues = _merge(files)
    if rubric is None:
        # A user file conflicts with another file: drop user files one by one from
        # the end until the rest merges, so the app still runs on what is sound.
        kept = list(files)
        while rubric is None and len(kept) > len(builtin):
            kept.pop()
            rubric, _ = _merge(kept)
        if rubric is None:
            raise RubricError(issues + merge_issues)
    issues.extend(merge_issues)
    return LoadResult(rubric, issues, [*builtin, *users])


def validate(paths: Sequence[Path], data_dir: Path | None = None) -> LoadResult:
    """`pmcoach rubric validate`: check named files against the built-in bank.

    With no paths, checks the built-in bank and the user's rubrics. Named files
    are checked on top of the built-in bank (minus any of its own files that are
    named), so a company file may refer to built-in skills and ideas.
    """
    builtin_paths = builtin_files()
    context: list[ParsedFile] = []
    if paths:
        named = [p.resolve() for p in paths]
        context = [
            read_file(p, _builtin_display(p)) for p in builtin_paths if p.resolve() not in named
        ]
        targets = [read_file(p) for p in paths]
    else:
        targets = [read_file(p, _builtin_display(p)) for p in builtin_paths]
        if data_dir is not None:
            targets += [read_file(p) for p in user_rubric_files(data_dir)]
    issues = [i for f in context + targets for i in f.issues]
    rubric, merge_issues = _merge(context + targets)
    issues.extend(merge_issues)
    # The built-in bank's own findings are only news when it is under test.
    shown = {t.display for t in targets}
    issues = [i for i in issues if i.file in shown or not paths]
    return LoadResult(rubric, issues, targets)
