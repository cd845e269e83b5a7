"""A manager's team page: several PMs' JSON exports read side by side.

The core of `pmcoach team`, with no I/O: the command reads the files, this module
turns their bytes into a `Team`, and `pmcoach.export.team_md` / `team_html` write it
down. Each person's figures are the ones their own one-page report shows
(`build_report` over the 12 weeks before their export was made), so a manager and
a PM looking at the same skill see the same number.

Three promises:

* Nothing the PM wrote is read. The team page shows scores, counts and rubric text
  only, so every note, reflection, commitment text and event text is dropped while
  the file is read, before any checking: an export made with `--include-private`
  holds private texts, and the page says they were not read.
* People are compared only on what they share. A skill that is not in every
  person's track (or in the rubric this pmcoach has) is left out of the table, and
  the page names what was left out and why.
* A file is refused in one line (`TeamRefused`) when it is not a pmcoach export, is
  from a newer format, or holds something the figures could not be computed from.

Only the last `HISTORY_WEEKS` of each export are read: the period's scores look 8
weeks further back, the focus compares with 4 weeks earlier, and the weeks before
that hold the commitments reviewed in the period. Ten years of history would
otherwise cost a manager with ten PMs a second for figures that do not change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

from pmcoach.app import importer
from pmcoach.domain import coach, daterange
from pmcoach.domain.manager import FLAG_DIFFERENCE, difference, flagged
from pmcoach.domain.model import (
    COMMITMENT_EDIT,
    COMMITMENT_REVIEW,
    COMMITMENT_WITHDRAWN,
    EXERCISE_DONE,
    Config,
    Event,
    Exercise,
    Rubric,
    Session,
    Track,
)
from pmcoach.export import DEFAULT_WEEKS, ExportData, Period
from pmcoach.export.report import build_report
from pmcoach.export.report_model import Report
from pmcoach.storage import codec
from pmcoach.text import figures

HINT = "team reads files written by pmcoach export --format json"
# The weeks of each export read, counted back from the day it was made.
HISTORY_WEEKS = 26
# The weeks each person's figures cover: the one-page report's own period.
PERIOD_WEEKS = DEFAULT_WEEKS["md"] or 12
# A name longer than this would push the table off the page; the rest is cut.
MAX_NAME = 40
STANDARD_INPUT = "-"

# The keys of a session, an answer and the rest that the figures are computed from.
# Everything else (notes, reflections, texts, fields a newer pmcoach added) is dropped.
_SESSION_KEYS = ("schema", "id", "kind", "track", "rubric", "device")
_SESSION_MOMENTS = ("started", "updated", "finished")
_ANSWER_KEYS = ("question", "skill", "rating", "count", "out_of", "skipped")
_EVENT_KEYS = ("schema", "id", "kind", "device", "skill", "commitment", "outcome", "exercise")
_EVENT_MOMENTS = ("at", "updated")
# The event kinds the ledger builds commitments and exercises from; the rest (wins,
# grades, drills) are evidence the team page does not show.
_LEDGER_KINDS = frozenset({COMMITMENT_REVIEW, COMMITMENT_EDIT, COMMITMENT_WITHDRAWN, EXERCISE_DONE})


class TeamRefused(Exception):
    """A file the team page cannot use; the message is one line naming the file."""


@dataclass(frozen=True)
class Member:
    """One PM's export, read: texts dropped, only the last HISTORY_WEEKS kept."""

    name: str
    source: str  # the file name as given on the command line
    exported: dt.datetime  # aware: when the export was made, in the PM's zone
    config: Config
    rubric_label: str  # the rubric of the latest session read ("" when none)
    sessions: tuple[Session, ...]
    events: tuple[Event, ...]
    had_private: bool  # made with --include-private: private texts were in the file
    period_label: str  # what the export itself covers ("everything", "since …")


@dataclass(frozen=True)
class Cell:
    """One person's figures for one skill."""

    score: float | None
    change: float | None
    target: int
    manager: int | None = None

    @property
    def gap(self) -> float | None:
        return coach.gap(self.target, self.score)


@dataclass(frozen=True)
class Difference:
    skill: str  # title
    own: float | None
    manager: int


@dataclass(frozen=True)
class Person:
    name: str
    source: str
    exported: dt.datetime
    track: str  # title
    rubric_label: str
    period_label: str
    cells: tuple[Cell, ...]  # one per Team.skills
    focus: str | None  # the focus skill's title
    focus_score: float | None
    focus_target: int | None
    report: Report
    manager_day: dt.date | None
    differences: tuple[Difference, ...]  # flagged: FLAG_DIFFERENCE or more apart
    had_private: bool

    @property
    def file(self) -> str:
        """The file's own name: the page may be shared, the folders it came from not."""
        return PurePath(self.source).name or self.source


@dataclass(frozen=True)
class Suggestion:
    skill: str  # title
    mean: float
    scored: int  # how many people the mean is over
    exercise: Exercise | None


@dataclass(frozen=True)
class Team:
    skills: tuple[tuple[str, str], ...]  # (id, title) shared by everyone, rubric order
    people: tuple[Person, ...]
    weakest: Suggestion | None
    notes: tuple[str, ...]  # what was compared and read, in plain sentences


# --------------------------------------------------------------------------- reading


def _load(data: bytes) -> Mapping[str, Any]:
    """The export's top-level object, read and checked as `pmcoach import` reads one."""
    try:
        return importer.export_document(data, HINT, "read")
    except importer.ImportRefused as exc:
        raise TeamRefused(str(exc)) from None


def _moment(value: object, where: str) -> dt.datetime:
    moment = None
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            moment = None
    if moment is None or moment.utcoffset() is None:
        raise TeamRefused(
            f"{where}: expected a date-time with a UTC offset, got {figures.json_value(value)}"
        )
    problem = daterange.problem(moment)
    if problem is not None:
        raise TeamRefused(f"{where}: expected {problem}")
    return moment


def _older(value: object, day: str) -> bool:
    """An ISO date-time written on a day before `day` (YYYY-MM-DD)."""
    return isinstance(value, str) and len(value) > 10 and value[10] == "T" and value[:10] < day


def _day(value: object) -> object:
    """A date back from its ISO string; anything else is left for the codec to refuse."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _config(value: object) -> tuple[Config, str]:
    """The settings, and the person's name (`name`, a key this version keeps unread)."""
    if not isinstance(value, dict):
        raise TeamRefused(f"config: expected an object, got {figures.json_value(value)}")
    doc = dict(value)
    for key, parse in (("review_time", dt.time.fromisoformat), ("onboarded", _day)):
        if isinstance(doc.get(key), str):
            with contextlib.suppress(ValueError):
                doc[key] = parse(doc[key])
    try:
        config = codec.decode_config(doc)
    except codec.SchemaError as exc:
        raise TeamRefused(f"config: {exc}") from None
    name = doc.get("name")
    return config, name.strip() if isinstance(name, str) else ""


def _list(doc: Mapping[str, Any], key: str) -> list[Any]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise TeamRefused(f"{key}: expected a list, got {figures.json_value(value)}")
    return value


def _where(key: str, index: int, item: Mapping[str, Any]) -> str:
    item_id = item.get("id")
    named = isinstance(item_id, str) and codec.ID_PATTERN.match(item_id)
    return f"{key}[{index}] ({item_id})" if named else f"{key}[{index}]"


def _pick(item: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    return {k: item[k] for k in keys if k in item}


def _blank(value: object) -> dict[str, Any]:
    """A `{ text, private }` table (or the export's `{ "private": true }` mark) with
    its text dropped: only the flag remains."""
    private = isinstance(value, dict) and value.get("private") is True
    return {"text": "", "private": private}


def _tables(item: Mapping[str, Any], key: str) -> list[Any]:
    value = item.get(key)
    return value if isinstance(value, list) else []


def _session_doc(item: Mapping[str, Any], started: dt.datetime) -> dict[str, Any]:
    """The session as the codec reads it, without a word the PM wrote."""
    doc = _pick(item, _SESSION_KEYS)
    doc["started"] = started
    for key in _SESSION_MOMENTS[1:]:
        if item.get(key) is not None:
            doc[key] = _moment(item[key], key)
    answers = item.get("answers")
    if answers is not None:
        doc["answers"] = (
            [_pick(a, _ANSWER_KEYS) if isinstance(a, dict) else a for a in answers]
            if isinstance(answers, list)
            else answers
        )
    commitments = _tables(item, "commitments")
    if commitments:
        doc["commitments"] = [
            {**_pick(c, ("id", "private")), "due": _day(c.get("due")), "text": "", "to": ""}
            if isinstance(c, dict)
            else c
            for c in commitments
        ]
    reviews = _tables(item, "commitment_reviews")
    if reviews:
        doc["commitment_reviews"] = [
            {
                **_pick(r, ("commitment", "outcome")),
                **({"due": _day(r["due"])} if "due" in r else {}),
            }
            if isinstance(r, dict)
            else r
            for r in reviews
        ]
    exercise_reviews = _tables(item, "exercise_reviews")
    if exercise_reviews:
        doc["exercise_reviews"] = [
            _pick(r, ("exercise", "outcome")) if isinstance(r, dict) else r
            for r in exercise_reviews
        ]
    assigned = _tables(item, "assigned")
    if assigned:
        doc["assigned"] = [_pick(a, ("exercise",)) if isinstance(a, dict) else a for a in assigned]
    return doc


def _event_doc(item: Mapping[str, Any], at: dt.datetime) -> dict[str, Any]:
    doc = _pick(item, _EVENT_KEYS)
    doc["at"] = at
    if item.get("updated") is not None:
        doc["updated"] = _moment(item["updated"], "updated")
    if "due" in item:
        doc["due"] = _day(item["due"])
    for key in ("text", "to"):
        if key in item and item[key] is not None:
            doc[key] = _blank(item[key])
    return doc


def _name(given: str, source: str) -> str:
    if given:
        return given
    if source == STANDARD_INPUT:
        return "standard input"
    path = PurePath(source)
    return path.stem or path.name or source


def read_member(source: str, data: bytes) -> Member:
    """One export's bytes, checked as far as the figures use them; `source` names the
    file in every refusal and, when the export has no `config.name`, the person."""
    try:
        return _read(source, data)
    except TeamRefused as exc:
        raise TeamRefused(f"{source}: {exc}") from None
    except RecursionError:
        raise TeamRefused(f"{source}: nested too deeply") from None


def _read(source: str, data: bytes) -> Member:
    doc = _load(data)
    exported = _moment(doc.get("exported"), "exported")
    config, name = _config(doc.get("config"))
    since = exported - dt.timedelta(weeks=HISTORY_WEEKS)
    # A day before `since` in any zone: a moment written on an earlier day is older, told
    # from its text alone. Ten years of history are mostly that, and parsing each moment
    # would cost more than the figures.
    before = (since - dt.timedelta(days=2)).date().isoformat()
    sessions: list[Session] = []
    for index, item in enumerate(_list(doc, "sessions")):
        if not isinstance(item, dict):
            raise TeamRefused(
                f"sessions[{index}]: expected an object, got {figures.json_value(item)}"
            )
        if _older(item.get("started"), before):
            continue
        where = _where("sessions", index, item)
        try:
            started = _moment(item.get("started"), "started")
            if started < since:
                continue
            sessions.append(codec.decode_session(_session_doc(item, started)))
        except (TeamRefused, codec.SchemaError) as exc:
            raise TeamRefused(f"{where}: {exc}") from None
    events: list[Event] = []
    for index, item in enumerate(_list(doc, "events")):
        if not isinstance(item, dict):
            raise TeamRefused(
                f"events[{index}]: expected an object, got {figures.json_value(item)}"
            )
        if item.get("kind") not in _LEDGER_KINDS or _older(item.get("at"), before):
            continue
        where = _where("events", index, item)
        try:
            at = _moment(item.get("at"), "at")
            if at < since:
                continue
            events.append(codec.decode_event(_event_doc(item, at)))
        except (TeamRefused, codec.SchemaError) as exc:
            raise TeamRefused(f"{where}: {exc}") from None
    sessions.sort(key=lambda s: (s.started, s.id))
    events.sort(key=lambda e: (e.at, e.id))
    period = doc.get("period")
    label = period.get("label") if isinstance(period, dict) else None
    return Member(
        name=_name(name, source),
        source=source,
        exported=exported,
        config=config,
        rubric_label=sessions[-1].rubric if sessions else "",
        sessions=tuple(sessions),
        events=tuple(events),
        had_private=doc.get("include_private") is True,
        period_label=label if isinstance(label, str) else "",
    )


# --------------------------------------------------------------------------- comparing


def _answered_skills(rubric: Rubric, sessions: Sequence[Session]) -> set[str]:
    found: set[str] = set()
    for session in sessions:
        for answer in session.answers:
            if answer.skill:
                found.add(answer.skill)
            elif answer.question:
                question = rubric.question(answer.question)
                if question is not None:
                    found.add(question.skill)
    return found


def _track_of(rubric: Rubric, member: Member) -> tuple[Rubric, Track, bool]:
    """The member's track in this rubric; a track it does not have is stood in for by
    the skills of the questions they answered that it knows (False: not its own)."""
    track = rubric.track(member.config.track)
    if track is not None:
        return rubric, track, True
    known = _answered_skills(rubric, member.sessions)
    skills = tuple(s.id for s in rubric.skills if s.id in known)
    stand_in = Track(id=member.config.track, title=member.config.track, skills=skills)
    return replace(rubric, tracks=(*rubric.tracks, stand_in)), stand_in, False


def _period(member: Member) -> Period:
    end = member.exported.date()
    start = end - dt.timedelta(days=end.weekday(), weeks=PERIOD_WEEKS - 1)
    return Period(start, end, f"last {PERIOD_WEEKS} weeks")


def _unique_names(members: Sequence[Member]) -> list[str]:
    """Names as given, with the file name added where two people share one."""
    names = [m.name for m in members]
    out = []
    for member in members:
        if names.count(member.name) > 1 and member.source != member.name:
            out.append(f"{member.name} ({_name('', member.source)})")
        else:
            out.append(member.name)
    for index, name in enumerate(out):
        if out.count(name) > 1:
            out[index] = f"{name} #{out[:index].count(name) + 1}"
    return out


def _first_exercise(rubric: Rubric, skill: str) -> Exercise | None:
    """The bank's first exercise for the skill: one where it is the main skill, else any."""
    live = [e for e in rubric.exercises if not e.retired]
    main = next((e for e in live if e.skills and e.skills[0] == skill), None)
    return main or next((e for e in live if skill in e.skills), None)


def _and(words: Sequence[str]) -> str:
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _titles(rubric: Rubric, ids: Sequence[str]) -> str:
    titles = []
    for skill_id in ids:
        skill = rubric.skill(skill_id)
        titles.append(skill.title if skill else skill_id)
    return ", ".join(titles)


def build_team(members: Sequence[Member], rubric: Rubric) -> Team:
    """The page: everyone's figures on the skills they all share."""
    names = _unique_names(members)
    reports: list[tuple[Member, Track, Report, bool]] = []
    for member in members:
        own_rubric, track, known = _track_of(rubric, member)
        data = ExportData(
            config=member.config,
            sessions=member.sessions,
            events=member.events,
            period=_period(member),
            include_private=False,
            now=member.exported,
            rubric=own_rubric,
        )
        reports.append((member, track, build_report(data), known))
    shared = [
        s.id for s in rubric.skills if all(s.id in track.skills for _m, track, _r, _k in reports)
    ]
    skills = tuple((s, _titles(rubric, [s])) for s in shared)
    people = []
    for name, (member, track, report, _known) in zip(names, reports, strict=True):
        lines = {line.skill: line for line in report.skills}
        cells = tuple(
            Cell(lines[s].now, lines[s].change, lines[s].target, lines[s].manager)
            if s in lines
            else Cell(None, None, member.config.target(s))
            for s in shared
        )
        focus = _focus(rubric, track, member)
        differences = tuple(
            Difference(line.title, line.now, line.manager)
            for line in report.skills
            if line.manager is not None and flagged(difference(line.now, line.manager))
        )
        people.append(
            Person(
                name=name,
                source=member.source,
                exported=member.exported,
                track=track.title,
                rubric_label=member.rubric_label,
                period_label=member.period_label,
                cells=cells,
                focus=_titles(rubric, [focus.skill]) if focus else None,
                focus_score=focus.score if focus else None,
                focus_target=focus.target if focus else None,
                report=report,
                manager_day=report.manager_day,
                differences=differences,
                had_private=member.had_private,
            )
        )
    return Team(
        skills=skills,
        people=tuple(people),
        weakest=_weakest(rubric, skills, people),
        notes=_notes(rubric, reports, names, shared),
    )


def _focus(rubric: Rubric, track: Track, member: Member) -> coach.Focus | None:
    """The focus as the PM's own report chooses it, named by skill for the manager."""
    finished = [s for s in member.sessions if s.finished is not None]
    return coach.focus(rubric, track, member.config, finished, member.exported)


def _weakest(
    rubric: Rubric, skills: tuple[tuple[str, str], ...], people: Sequence[Person]
) -> Suggestion | None:
    """The shared skill with the lowest mean score now, over the people scored on it;
    ties go to rubric order."""
    best: Suggestion | None = None
    for index, (skill_id, title) in enumerate(skills):
        scores = [p.cells[index].score for p in people if p.cells[index].score is not None]
        if not scores:
            continue
        mean = sum(s for s in scores if s is not None) / len(scores)
        if best is None or mean < best.mean:
            best = Suggestion(title, mean, len(scores), _first_exercise(rubric, skill_id))
    return best


def _notes(
    rubric: Rubric,
    reports: Sequence[tuple[Member, Track, Report, bool]],
    names: Sequence[str],
    shared: Sequence[str],
) -> tuple[str, ...]:
    notes: list[str] = []
    tracks = {track.title for _m, track, _r, _k in reports}
    labels = {m.rubric_label for m, _t, _r, _k in reports if m.rubric_label}
    for name, (member, _track, _report, known) in zip(names, reports, strict=True):
        if not known:
            notes.append(
                f"{name}'s track {member.config.track!r} is not in this pmcoach's rubric "
                f"({rubric.label}): compared on the skills of the questions they answered "
                "that it has."
            )
    if len(tracks) > 1 or len(labels) > 1:
        mix = []
        if len(tracks) > 1:
            mix.append("tracks")
        if len(labels) > 1:
            mix.append("rubrics")
        each = "; ".join(
            f"{name}: {track.title}" + (f", {m.rubric_label}" if len(labels) > 1 else "")
            for name, (m, track, _r, _k) in zip(names, reports, strict=True)
        )
        notes.append(
            f"The exports use different {' and '.join(mix)} ({each}): "
            f"compared only on the {len(shared)} skill{'s' * (len(shared) != 1)} they share."
        )
        left_out: dict[tuple[str, ...], list[str]] = {}
        for name, (_m, track, _r, _k) in zip(names, reports, strict=True):
            own = tuple(s.id for s in rubric.skills if s.id in track.skills and s.id not in shared)
            if own:
                left_out.setdefault(own, []).append(name)
        for own, who in left_out.items():
            notes.append(f"Not compared for {_and(who)}: {_titles(rubric, own)}.")
    private = [name for name, (m, _t, _r, _k) in zip(names, reports, strict=True) if m.had_private]
    if private:
        notes.append(
            f"{_and(private)} exported with private texts (--include-private); "
            f"{'it was' if len(private) == 1 else 'they were'} read without them: "
            "this page shows no text a PM wrote."
        )
    return tuple(notes)


# --------------------------------------------------------------------------- words
# The sentences both team page formats print, so they cannot drift apart.


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def headline(team: Team) -> str:
    count = len(team.people)
    return f"Team page: {count} {'person' if count == 1 else 'people'}"


def meta_line(team: Team) -> str:
    days = sorted(p.exported.date() for p in team.people)
    made = (
        f"exported {_date(days[0])}"
        if days[0] == days[-1]
        else f"exported {_date(days[0])} – {_date(days[-1])}"
    )
    count = len(team.skills)
    return (
        f"{made} · each person's last {PERIOD_WEEKS} weeks up to their export · "
        f"{count} shared skill{'s' * (count != 1)}"
    )


SCALE_NOTE = (
    f"Each cell is the score now (1 to 5, as in each person's own report) and its change "
    f"over their last {PERIOD_WEEKS} weeks: ▲ up, ▼ down, = unchanged, – not rated in the "
    "8 weeks before the export."
)


def cell_text(cell: Cell) -> str:
    if cell.score is None:
        return NO_SCORE
    if cell.change is None:
        return figures.score(cell.score)
    return f"{figures.score(cell.score)} {figures.change(cell.change)}"


NO_SCORE = figures.NO_VALUE


def exported_line(person: Person) -> str:
    moment = person.exported
    offset = moment.strftime("%z")
    zone = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    line = f"{person.track} track · exported {_date(moment.date())}, {moment:%H:%M} {zone}"
    if person.period_label and person.period_label != "everything":
        line += f" (an export of {person.period_label} only)"
    return line


def focus_line(person: Person) -> str:
    if person.focus is None:
        return "Focus: none (the track has no skills)."
    if person.focus_score is None:
        return f"Focus: {person.focus}, not rated yet (target {person.focus_target})."
    score = figures.score(person.focus_score)
    return f"Focus: {person.focus} at {score}, target {person.focus_target}."


def manager_text(person: Person) -> str:
    if person.manager_day is None:
        return f"Self and manager: no manager ratings in the last {PERIOD_WEEKS} weeks."
    line = f"Self and manager: ratings from {_date(person.manager_day)}"
    if not person.differences:
        return f"{line}; less than {FLAG_DIFFERENCE} points apart on every skill."
    apart = ", ".join(
        f"{d.skill} (self {figures.score(d.own)}, manager {d.manager})" for d in person.differences
    )
    return f"{line}; {FLAG_DIFFERENCE} or more apart on {apart}."


def weakest_line(team: Team) -> str:
    weakest = team.weakest
    if weakest is None:
        return "No shared skill has a score yet."
    people = f"{weakest.scored} {'person' if weakest.scored == 1 else 'people'}"
    return (
        f"The team's weakest shared skill is {weakest.skill}: "
        f"{figures.score(weakest.mean)} on average over {people}."
    )


def exercise_line(team: Team) -> str | None:
    exercise = team.weakest.exercise if team.weakest else None
    if exercise is None:
        return None
    return f"Suggestion: {exercise.title} ({exercise.time}). {exercise.why}"
