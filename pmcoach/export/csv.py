"""The CSV export: one row per rating, for a spreadsheet.

RFC 4180 (comma, CRLF after every row, a cell quoted when it holds a comma, a
quote or a line break), UTF-8 once written. Columns:

    date, kind, skill, question_id, text, rating, note, peer

`date` is the day in the configured time zone, as weeks are counted everywhere.
The rows:

* self answers of finished weekly and full sessions (skipped ones are not asked,
  so they have no row): `kind` is the session's kind, `text` the question as the
  rubric asks it, `rating` the answer's rating ("2.6" for a count rescored to a
  fraction), or "no occasion" where the situation did not come up, `note` the
  note, or the answer of an open question;
* a manager's ratings (finished manager sessions): `kind` "manager", the skill,
  no question;
* a peer's ratings (peer sessions): `kind` "peer", the question as the peer was asked
  it (its observer form), the rating, and in `peer` who answered (empty when the name
  is private and not included); a question the peer left open has no row;
* grades: `kind` "grade", `text` what was graded, the rating and the grade's note;
* wins: `kind` "win", `text` what happened, no rating.

A cell a spreadsheet could run as a formula is escaped by `escape_cell`; the rule is
reversible, so the file still holds exactly what was written (docs/data-format.md).
Private text leaves an empty cell unless included; `ExportData.left_out` counts it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

from pmcoach.domain.model import NO_OCCASION_WORDS, Answer, Event, Rubric, Session
from pmcoach.domain.ratings import answer_rating
from pmcoach.export import ExportData, privacy
from pmcoach.text import figures

HEADER = ("date", "kind", "skill", "question_id", "text", "rating", "note", "peer")

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP,
# "CSV injection"), with the full-width forms some input methods type.
FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
ESCAPE = "'"

_NEEDS_ESCAPE = FORMULA_STARTS | {ESCAPE}

Row = tuple[str, str, str, str, str, str, str, str]


def escape_cell(value: str) -> str:
    """Put a `'` in front of a cell that starts with a formula character or with `'`.

    Spreadsheets show a leading `'` as "this is text". Because a cell that already
    starts with `'` gets one more, every escaped cell can be undone exactly by
    `unescape_cell`: the rule is a one-to-one mapping, not a lossy clean-up.
    """
    return ESCAPE + value if value[:1] in _NEEDS_ESCAPE else value


def unescape_cell(value: str) -> str:
    """The cell as written: one leading `'` removed, when there is one."""
    return value[1:] if value.startswith(ESCAPE) else value


def _known_questions(rubric: Rubric) -> dict[str, tuple[str, str]]:
    """Question id → (skill, prompt), looked up once: ten years of answers would
    otherwise scan the rubric for each one."""
    return {q.id: (q.skill, q.prompt) for q in rubric.questions}


def _observer_questions(rubric: Rubric) -> dict[str, tuple[str, str]]:
    """Question id → (skill, what a peer is asked): the observer form where there is one."""
    return {
        q.id: (q.skill, q.observer.prompt if q.observer is not None else q.prompt)
        for q in rubric.questions
    }


def _skill_and_prompt(known: dict[str, tuple[str, str]], question_id: str) -> tuple[str, str]:
    """Also for a question the rubric no longer has: ids are `<skill>.<name>`."""
    found = known.get(question_id)
    if found is not None:
        return found
    return (question_id.split(".", 1)[0] if "." in question_id else "", "")


def _answer_row(
    data: ExportData,
    session: Session,
    answer: Answer,
    day: str,
    known: dict[str, tuple[str, str]],
    known_peer: dict[str, tuple[str, str]],
) -> Row | None:
    rated = answer_rating(answer)
    rating = "" if rated is None else figures.rating(rated)
    if answer.no_occasion:
        rating = NO_OCCASION_WORDS
    note = data.shown(answer.note)
    if answer.skipped:
        return None
    if session.kind == "manager":
        return (day, "manager", answer.skill or "", "", "", rating, note or "", "")
    if answer.question is None:
        return None
    if session.kind == "peer":
        skill, prompt = _skill_and_prompt(known_peer, answer.question)
        who = data.shown(session.peer) or ""
        return (day, "peer", skill, answer.question, prompt, rating, note or "", who)
    reply = data.shown(answer.text)
    skill, prompt = _skill_and_prompt(known, answer.question)
    # An open question's answer is its note; a note beside it follows after a blank line.
    parts = [t for t in (reply, note) if t is not None]
    return (
        day,
        session.kind,
        skill,
        answer.question,
        prompt,
        rating,
        "\n\n".join(parts),
        "",
    )


def _event_row(data: ExportData, event: Event) -> Row | None:
    if event.kind not in ("grade", "win"):
        return None
    rating = ""
    value = event.data.get("rating")
    if event.kind == "grade" and isinstance(value, int) and not isinstance(value, bool):
        rating = str(value)
    note = ""
    raw_note = event.data.get("note")
    if event.kind == "grade" and privacy.is_text_table(raw_note):
        assert isinstance(raw_note, dict)
        if data.include_private or not raw_note["private"]:
            note = raw_note["text"]
    return (
        data.day_of(event.at).isoformat(),
        event.kind,
        event.skill or "",
        "",
        data.shown(event.text) or "",
        rating,
        note,
        "",
    )


def rows(data: ExportData) -> Iterator[Row]:
    """The rows in time order (sessions by start, events by when they happened),
    unescaped: what the cells mean, before they are made safe for a spreadsheet."""
    timed: list[tuple[dt.datetime, str, list[Row]]] = []
    known = _known_questions(data.rubric)
    known_peer = _observer_questions(data.rubric)
    for session in data.sessions_in():
        if session.in_progress:
            continue
        day = data.day_of(session.started).isoformat()
        found = [_answer_row(data, session, a, day, known, known_peer) for a in session.answers]
        timed.append((session.started, session.id, [r for r in found if r is not None]))
    for event in data.events_in():
        row = _event_row(data, event)
        if row is not None:
            timed.append((event.at, event.id, [row]))
    timed.sort(key=lambda item: (item[0], item[1]))
    for _moment, _id, found_rows in timed:
        yield from found_rows


def render(data: ExportData) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    writer.writerows([escape_cell(cell) for cell in row] for row in rows(data))
    return out.getvalue()
