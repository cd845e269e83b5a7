"""What the progress screen shows, as plain values: per-skill series, the weekly review, say/do.

Kept out of the TUI so every figure on the screen can be checked without a
terminal, and built only from coach's public functions so the chart, the
dashboard and the exports share one definition of a score.

Choices worth knowing:

* The self series is `scores.scores_over_time`: one point per ISO week, the score
  at the end of that week (at `now` for the current week), so the last point is
  the dashboard's number. One sweep over the history, so 520 weeks stay cheap.
* The manager series holds the manager's rating only in the weeks it was given.
  Carrying it forward would draw ratings the manager never gave. A rating on the old
  scale (before the levels, `domain.manager.comparable`) is marked as such.
* Peers are drawn the same way: each reply (`peers.points`) in the week it was given,
  one mark per reply, never mixed into the score, once the skill's peer mean over the
  range shown (`peers.view`, `present.peers.summary`) may be shown.
* "This week", "last week" and "change" are `scores.skill_scores`, exactly the
  dashboard's numbers; the 4-week average is the mean of the last 4 weekly points
  that have a score; the gap is `scores.gap`, target minus score (positive: still to go).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pmcoach.app.present.peers import PeerSummary, summary
from pmcoach.domain import clock, ledger, peers, rules, scores, streak, weeks
from pmcoach.domain.evidence import Evidence, collect
from pmcoach.domain.manager import comparable
from pmcoach.domain.model import MAX_RATING, MIN_RATING, Config, Event, Rubric, Session, Track
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace

RangeName = Literal["4w", "12w", "1y", "all"]
RANGES: tuple[RangeName, ...] = ("4w", "12w", "1y", "all")
RANGE_WEEKS: dict[RangeName, int | None] = {"4w": 4, "12w": 12, "1y": 52, "all": None}
RANGE_WORDS: dict[RangeName, str] = {
    "4w": "4 weeks",
    "12w": "12 weeks",
    "1y": "a year",
    "all": "all",
}
AVERAGE_WEEKS = 4


@dataclass(frozen=True)
class WeekValue:
    """One week of a skill's chart."""

    start: dt.date  # the Monday
    week: str  # "2026-W48"
    score: float | None  # self score at the end of the week (at now for this week)
    manager: int | None  # the manager's rating given that week, if any
    peers: tuple[float, ...] = ()  # each peer reply's rating of the skill that week
    # The rating is on the old far-below/far-above scale (`manager.comparable` is False):
    # drawn with a mark of its own, never read as a level.
    manager_old: bool = False


@dataclass(frozen=True)
class ReviewRow:
    """One skill in the weekly business review table."""

    skill: str
    title: str
    this_week: float | None
    last_week: float | None
    change: float | None
    average: float | None  # mean of the last 4 weekly scores that exist
    target: int
    gap: float | None  # target − this week (scores.gap); positive means below target


@dataclass(frozen=True)
class SkillProgress:
    skill: str
    title: str
    target: int
    points: tuple[WeekValue, ...]
    review: ReviewRow
    # The skill's five level summaries at the track's scope (rubric `levels`), or none.
    levels: tuple[str, ...] = ()
    # Peers' view of the skill over the range shown.
    peer: PeerSummary = field(default_factory=PeerSummary)

    def level_lines(self) -> tuple[str, ...]:
        """The words for the level the score has reached (its whole part: 3.7 has
        reached 3, not yet 4) and for the target: what the next step looks like as acts."""
        if len(self.levels) != MAX_RATING:
            return ()
        lines = []
        score = self.review.this_week
        if score is not None:
            reached = min(max(math.floor(score), MIN_RATING), MAX_RATING)
            if reached != self.target:
                lines.append(f"Level {reached} now: {one_line(self.levels[reached - 1])}")
        lines.append(f"Target {self.target}: {one_line(self.levels[self.target - 1])}")
        return tuple(lines)

    @property
    def scored_weeks(self) -> int:
        return sum(1 for p in self.points if p.score is not None)

    @property
    def manager_weeks(self) -> int:
        return sum(1 for p in self.points if p.manager is not None)

    @property
    def peer_weeks(self) -> int:
        return sum(1 for p in self.points if p.peers)

    def peer_line(self, range_words: str) -> str:
        """The skill's peer mean over the range, and who replied when names are shown."""
        line = f"Peers ({range_words}): {self.peer.words()}"
        if not self.peer.peers:
            return line + "; pmcoach ask writes a request for feedback."
        if self.peer.names:
            line += " · " + ", ".join(self.peer.names)
        return line

    @property
    def has_gaps(self) -> bool:
        """A week without a score between two weeks with one."""
        scored = [i for i, p in enumerate(self.points) if p.score is not None]
        return bool(scored) and scored[-1] - scored[0] + 1 > len(scored)


@dataclass(frozen=True)
class SayDoWeek:
    week: str
    start: dt.date
    met: int
    missed: int

    @property
    def ratio(self) -> float | None:
        total = self.met + self.missed
        return None if total == 0 else self.met / total


@dataclass(frozen=True)
class ProgressView:
    range: RangeName
    first: dt.date  # Monday of the first week shown
    last: dt.date  # Monday of this week
    skills: tuple[SkillProgress, ...]
    say_do_weeks: tuple[SayDoWeek, ...]
    say_do: streak.SayDo  # over the same 12 weeks
    rated_sessions: int  # self sessions with at least one rating, in all history
    evidence: tuple[Evidence, ...] = ()  # from `first` on, oldest first (pmcoach.domain.evidence)
    # Whether any peer replied, ever: the peers line shows from the first reply on.
    has_peers: bool = False

    def evidence_line(self, skill: str) -> str:
        """A skill's evidence in the range in one line: the same items the report lists
        for the same days, counted by kind; a private text is counted, never shown."""
        label = f"Evidence ({RANGE_WORDS[self.range]})"
        found = [e for e in self.evidence if e.skill == skill]
        if not found:
            if self.evidence:
                count = len(self.evidence)
                return f"{label}: none on this skill; {count} on other skills."
            return f"{label}: none yet; a note (n in a check-in), pmcoach grade or win."
        grades = [e for e in found if e.kind == "grade"]
        ratings = [e.rating for e in grades if e.rating is not None]
        wins = sum(1 for e in found if e.kind == "win")
        notes = sum(1 for e in found if e.kind == "note")
        parts = []
        if grades:
            grade = f"{len(grades)} grade{'s' * (len(grades) != 1)}"
            if ratings:
                grade += f", mean {figures.score(float(sum(ratings)) / len(ratings))}"
            parts.append(grade)
        if wins:
            parts.append(f"{wins} win{'s' * (wins != 1)}")
        if notes:
            parts.append(f"{notes} note{'s' * (notes != 1)}")
        latest = found[-1].text
        if latest is not None and latest.text.strip() and not latest.private:
            parts.append(f"latest: {one_line(latest.text, 40)}")
        return f"{label}: " + " · ".join(parts)

    def peer_line(self, skill: int) -> str:
        """The charted skill's peer line, or "" for someone who never had a reply."""
        if not self.has_peers or not self.skills:
            return ""
        return self.skills[skill].peer_line(RANGE_WORDS[self.range])

    def skill_index(self, skill: str) -> int:
        return next((i for i, s in enumerate(self.skills) if s.skill == skill), 0)

    def notice(self, index: int) -> str:
        """What to make of the chart of skill `index`, and what to do next when it is empty."""
        if not self.skills:
            return "Your track has no skills to chart."
        if self.rated_sessions == 0:
            return (
                "No check-in yet. Press esc, then w for your first weekly check-in: "
                "each one adds a point to this chart."
            )
        skill = self.skills[index]
        if skill.scored_weeks == 0 and skill.manager_weeks == 0 and skill.peer_weeks == 0:
            if self.range == "all":
                return (
                    f"No rating of {skill.title} yet: your next check-in asks about it "
                    "(w on the dashboard)."
                )
            return (
                f"No score for {skill.title} in the last {RANGE_WORDS[self.range]}. "
                "Press 4 for all history, or rate it in your next check-in."
            )
        if self.rated_sessions == 1:
            return "One check-in so far: every weekly check-in adds a point."
        if skill.has_gaps:
            return (
                f"Blank weeks: no rating of this skill in the {rules.SCORE_WEEKS} weeks "
                "before them."
            )
        return ""


def range_start(range_name: RangeName, this_monday: dt.date, earliest: dt.date | None) -> dt.date:
    """Monday of the first week a range shows; "all" starts at the first rating."""
    weeks = RANGE_WEEKS[range_name]
    if weeks is None:
        return earliest if earliest is not None and earliest < this_monday else this_monday
    return this_monday - dt.timedelta(weeks=weeks - 1)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def workspace_progress(workspace: Workspace, range_name: RangeName) -> ProgressView:
    """The progress screen's view of an open folder: its history, track and settings now."""
    return build_progress(
        workspace.sessions(),
        workspace.rubric,
        workspace.track,
        workspace.config or workspace.default_config(),
        workspace.now(),
        range_name,
        workspace.events(),
    )


def build_progress(
    sessions: Sequence[Session],
    rubric: Rubric,
    track: Track,
    config: Config,
    now: dt.datetime,
    range_name: RangeName = "12w",
    events: Sequence[Event] = (),
) -> ProgressView:
    """Everything the progress screen shows for one range, every skill of the track at once.

    All skills are computed together because switching skill must be instant and
    the sweep over the history, not the number of skills, is the cost.
    """
    tz = clock.zone(config.time_zone)
    this_monday = weeks.monday_of(weeks.local_date(now, tz))
    skills = rubric.track_skills(track)
    ids = [s.id for s in skills]
    wanted = set(ids)

    # The manager's ratings by skill and week: the latest rating given in a week wins.
    manager: dict[str, dict[dt.date, tuple[dt.datetime, str, int, bool]]] = {}
    earliest: dt.date | None = None
    rated_sessions = 0
    for session in sessions:
        if session.kind == "manager":
            at = session.started.astimezone(dt.UTC)
            monday = weeks.monday_of(weeks.local_date(session.started, tz))
            for answer in session.answers:
                if answer.skill not in wanted or answer.rating is None or answer.skipped:
                    continue
                if monday > this_monday:
                    continue
                per_week = manager.setdefault(answer.skill, {})
                key = (at, session.id, answer.rating, not comparable(session))
                if monday not in per_week or per_week[monday][:2] < key[:2]:
                    per_week[monday] = key
                earliest = monday if earliest is None else min(earliest, monday)
        elif session.kind in rules.SELF_KINDS and any(
            a.rating is not None and not a.skipped for a in session.answers
        ):
            rated_sessions += 1
            monday = weeks.monday_of(weeks.local_date(session.started, tz))
            earliest = monday if earliest is None else min(earliest, monday)

    # Each peer reply by skill and week, up to now; a reply's week counts for "all" too.
    replies: dict[str, dict[dt.date, list[float]]] = {}
    for skill_id in ids:
        said_by_week = replies.setdefault(skill_id, {})
        for point in peers.points(sessions, rubric, skill_id, None, now):
            monday = weeks.monday_of(weeks.local_date(point.at, tz))
            said_by_week.setdefault(monday, []).append(point.rating)
            earliest = monday if earliest is None else min(earliest, monday)

    first = range_start(range_name, this_monday, earliest)
    since = dt.datetime.combine(first, dt.time(), tzinfo=tz)
    # At least 4 weeks are computed so the 4-week average does not depend on the range.
    computed_from = min(first, this_monday - dt.timedelta(weeks=AVERAGE_WEEKS - 1))
    series = scores.scores_over_time(sessions, rubric, tz, now, ids, since=computed_from)
    current = {s.skill: s for s in scores.skill_scores(sessions, rubric, now, ids)}

    result = []
    for skill in skills:
        target = config.target(skill.id, track)
        given = manager.get(skill.id, {})
        peer = summary(sessions, rubric, skill.id, config, since, now)
        # A reply's mark is its rating: drawn only once the mean may be shown, so one
        # reply alone never shows as one person's number ("Peers").
        said = replies.get(skill.id, {}) if peer.shown else {}
        all_points = [
            WeekValue(
                p.start,
                p.week,
                p.score,
                given[p.start][2] if p.start in given else None,
                manager_old=p.start in given and given[p.start][3],
                peers=tuple(said.get(p.start, ())),
            )
            for p in series.get(skill.id, ())
        ]
        recent = [p.score for p in all_points[-AVERAGE_WEEKS:] if p.score is not None]
        now_score = current[skill.id]
        score = now_score.score
        review = ReviewRow(
            skill=skill.id,
            title=skill.title,
            this_week=score,
            last_week=now_score.previous,
            change=now_score.change,
            average=_mean(recent),
            target=target,
            gap=scores.gap(target, score),
        )
        points = tuple(p for p in all_points if p.start >= first)
        ladder = skill.ladder(track.id)
        result.append(SkillProgress(skill.id, skill.title, target, points, review, ladder, peer))

    history = ledger.build(sessions, events)
    by_week = streak.say_do_by_week(history, tz, now, rules.SAY_DO_WEEKS)
    say_do_weeks = tuple(
        SayDoWeek(week, weeks.week_start(week), tally.met, tally.missed) for week, tally in by_week
    )
    total = streak.SayDo()
    for _, tally in by_week:
        total = total + tally
    return ProgressView(
        range=range_name,
        first=first,
        last=this_monday,
        skills=tuple(result),
        say_do_weeks=say_do_weeks,
        say_do=total,
        rated_sessions=rated_sessions,
        evidence=tuple(
            collect(sessions, events, rubric, tz, lambda day: range_name == "all" or day >= first)
        ),
        has_peers=any(s.kind == "peer" and s.finished is not None for s in sessions),
    )


def drill_line(events: Iterable[Event]) -> str | None:
    """The answer-first drill's scores over attempts in one line (count, latest,
    recent mean, trend, sparkline), or None before the first attempt."""
    from pmcoach.drills.attempts import trend

    found = trend(events)
    return found.line() if found.count else None
