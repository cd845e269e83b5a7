"""The rules one rubric file keeps on its own: types, required keys, ids and kinds.

Checked before merging, so a file with an error is left out as a whole and one typo
never half-loads a ladder; what depends on other files (references, replaced ids,
the rotation) is checked by `merge`. docs/data-format.md ("Rubric files", "Ids")
states the same rules for people.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from pmcoach.domain.model import EXPECTS, MAX_RATING, MIN_RATING, QUESTION_KINDS, TRUE_ANSWERS
from pmcoach.domain.peer_request import PERSON
from pmcoach.rubric.issues import did_you_mean
from pmcoach.rubric.nested import check_nested
from pmcoach.rubric.parsed import Entry, ParsedFile
from pmcoach.rubric.schema import (
    DOTTED_ID,
    REFERENCE_PREFIX,
    SLUG,
    TABLES,
    TOP_LEVEL,
    WORD_LIST_KINDS,
    FieldSpec,
    type_name,
)

NESTED = ("levels", "targets", "drill", "observer")


def check_document(doc: dict[str, Any], parsed: ParsedFile) -> None:
    """Every rule of one file, its problems added to `parsed`; each table that is usable
    becomes one of `parsed.entries`, for the merge."""
    src = parsed.source
    known_top = [*TOP_LEVEL, *TABLES]
    for key, value in doc.items():
        if key in TOP_LEVEL:
            continue
        if key in TABLES:
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                parsed.add(
                    key,
                    f"expected an array of tables ([[{key}]]), found {type_name(value)}",
                    src.line_of_key((), key) or src.line_of(key, 0, None),
                )
            continue
        parsed.add(
            key,
            f"unknown key '{key}'{did_you_mean(key, known_top)}",
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
            parsed.add(key, f"expected a string, found {type_name(value)}", line())
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
                f"unknown key '{key}'{did_you_mean(key, spec)}",
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
                parsed.add(where, f"expected a string, found {type_name(value)}", line())
                ok = False
            elif not value.strip():
                parsed.add(where, "text is empty", line())
                ok = False
            elif cap is not None and len(value) > cap:
                parsed.add(where, f"text is {len(value)} characters; the limit is {cap}", line())
                ok = False
        elif kind == "strs":
            if not isinstance(value, list):
                parsed.add(where, f"expected an array of strings, found {type_name(value)}", line())
                ok = False
                continue
            for i, item in enumerate(value):
                if not isinstance(item, str):
                    parsed.add(
                        f"{where}[{i}]", f"expected a string, found {type_name(item)}", line()
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
                parsed.add(where, f"expected an integer, found {type_name(value)}", line())
                ok = False
        elif kind == "bool" and not isinstance(value, bool):
            parsed.add(where, f"expected true or false, found {type_name(value)}", line())
            ok = False
        elif kind in NESTED and not check_nested(entry, key, kind, cap):
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
    elif table == "reference":
        if not ident.startswith(f"{REFERENCE_PREFIX}."):
            parsed.add(
                id_path,
                f"'{ident}' must look like '{REFERENCE_PREFIX}.<slug>'",
                entry.line("id"),
            )
        url = data.get("url")
        if url is not None and not url.startswith("https://"):
            parsed.add(f"{entry.path}.url", "must start with https://", entry.line("url"))
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
                + did_you_mean(data["expects"], EXPECTS),
                entry.line("expects"),
            )
        _check_true_answer(entry)
    elif table == "word_list":
        if data["kind"] not in WORD_LIST_KINDS:
            parsed.add(
                f"{entry.path}.kind",
                f"'{data['kind']}' is not one of {', '.join(WORD_LIST_KINDS)}"
                + did_you_mean(data["kind"], WORD_LIST_KINDS),
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
            + did_you_mean(value, TRUE_ANSWERS),
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
            + did_you_mean(kind, QUESTION_KINDS),
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
        for key in ("anchors", "out_of", "observer"):
            if key in data:
                what = (
                    "observer form: peers are asked only rated questions"
                    if key == "observer"
                    else key
                )
                parsed.add(
                    f"{entry.path}.{key}",
                    f"a reflection question is free text and has no {what}",
                    entry.line(key),
                )
        return
    _check_observer(entry, anchors)


def _check_observer(entry: Entry, anchors: list[str] | None) -> None:
    """A peer rates the observer form on the self question's scale: one anchor per
    rating, as many as the self question has (a frequency question's count becomes a
    rating 1-5, so its observer form has one anchor per rating)."""
    form = entry.data.get("observer")
    if form is None:
        return
    found = len(form["anchors"])
    if anchors is not None:
        wanted = len(anchors)
        message = (
            f"has {found} anchors and the self question {wanted}; give one per rating, as it does"
        )
    else:
        wanted = MAX_RATING - MIN_RATING + 1
        message = f"has {found} anchors; give {wanted}, one per rating {MIN_RATING}-{MAX_RATING}"
    if found != wanted:
        entry.file.add(
            f"{entry.path}.observer.anchors",
            message,
            entry.line("observer.anchors") or entry.line("observer"),
        )
    if not PERSON.search(form["prompt"]):
        entry.file.add(
            f"{entry.path}.observer.prompt",
            "names the person nowhere as 'them', 'they' or 'their', where a request puts "
            "their name",
            entry.line("observer.prompt") or entry.line("observer"),
            severity="warning",
        )
