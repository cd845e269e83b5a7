"""A manager's team page: several PMs' JSON exports read side by side.

The core of `pmcoach team`, with no I/O: the command reads the files,
`export.team_read` turns their bytes into members, this module sets them side by
side in a `Team`, and `export.team_markdown` / `team_html` write it down with the
sentences of `export.team_text`. Each person's figures are the ones their own
report shows (`build_report` over the 12 weeks before their export was
made), so a manager and a PM looking at the same skill see the same number.

One promise here (reading keeps the others, see `export.team_read`):

* People are compared only on what they share. A skill that is not in every
  person's track (or in the rubric this pmcoach has) is left out of the table, and
  the page names what was left out and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from pmcoach.domain import scores
from pmcoach.domain.model import Exercise, Rubric, Session, Track
from pmcoach.export import DEFAULT_WEEKS, ExportData, Period
from pmcoach.export.report import build_report
from pmcoach.export.report_model import Report
from pmcoach.export.team_read import Member, person_name

# The weeks each person's figures cover: the report's own period.
PERIOD_WEEKS = DEFAULT_WEEKS["md"] or 12


@dataclass(frozen=True)
class Cell:
    """One person's figures for one skill."""

    score: float | None
    change: float | None
    target: int
    manager: int | None = None

    @property
    def gap(self) -> float | None:
        return scores.gap(self.target, self.score)


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


def _answered_skills(rubric: Rubric, sessions: Sequence[Session]) -> set[str]:
    found: set[str] = set()
    for session in sessions:
        if session.kind == "peer":
            continue  # a colleague's view: the skills someone was asked about, not their own
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
            out.append(f"{member.name} ({person_name('', member.source)})")
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
            else Cell(None, None, member.config.target(s, track))
            for s in shared
        )
        focus = _focus(rubric, track, member)
        differences = tuple(
            Difference(line.title, line.now, line.manager)
            for line in report.skills
            # The report's flags: only a rating on the levels scale makes a difference.
            if line.manager is not None and line.title in report.flagged
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


def _focus(rubric: Rubric, track: Track, member: Member) -> scores.Focus | None:
    """The focus as the PM's own report chooses it, named by skill for the manager."""
    finished = [s for s in member.sessions if s.finished is not None]
    return scores.focus(rubric, track, member.config, finished, member.exported)


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
