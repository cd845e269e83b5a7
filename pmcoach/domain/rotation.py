"""Which questions a check-in asks, so every question comes up in its turn.

The rule is docs/definitions.md, "Weekly check-in"; `rotation_fits` is the exact condition
under which its promise holds, which `pmcoach rubric validate` warns about.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable

from pmcoach.domain.model import Question, Rubric, Session, Track
from pmcoach.domain.rules import ROTATION_WEEKS, SELF_KINDS, WEEKLY_MAX_QUESTIONS
from pmcoach.domain.weeks import utc


def _rubric_order(rubric: Rubric) -> tuple[dict[str, int], dict[str, int]]:
    skill_index = {s.id: i for i, s in enumerate(rubric.skills)}
    question_index = {q.id: i for i, q in enumerate(rubric.questions)}
    return skill_index, question_index


def full_questions(rubric: Rubric, track: Track) -> tuple[Question, ...]:
    """Every active scored question of the track, in rubric order of skill, then question.

    Reflection questions are left out: the check-in flow asks its one reflection
    itself, whatever the selection.
    """
    skill_index, question_index = _rubric_order(rubric)
    found = [q for q in rubric.active_questions(track) if q.scored]
    found.sort(key=lambda q: (skill_index.get(q.skill, len(skill_index)), question_index[q.id]))
    return tuple(found)


def _asked_rounds(sessions: Iterable[Session], before: dt.datetime | None) -> list[set[str]]:
    """The questions rated in each past self session, oldest first.

    Skipped counts as not asked (the point of rotation is that each question gets
    an answer); "no occasion" is an answer, so it counts as asked. A session in
    which nothing was answered is not a round at all, so
    opening and closing a check-in does not age every question.
    """
    limit = None if before is None else utc(before)
    rounds: list[tuple[dt.datetime, str, set[str]]] = []
    for session in sessions:
        if session.kind not in SELF_KINDS:
            continue
        at = utc(session.started)
        if limit is not None and at >= limit:
            continue
        asked = {
            a.question
            for a in session.answers
            if a.question is not None
            and (a.no_occasion or (a.rating is not None and not a.skipped))
        }
        if asked:
            rounds.append((at, session.id, asked))
    rounds.sort(key=lambda r: (r[0], r[1]))
    return [asked for _, _, asked in rounds]


def weekly_questions(
    rubric: Rubric,
    track: Track,
    sessions: Iterable[Session],
    max_questions: int = WEEKLY_MAX_QUESTIONS,
    before: dt.datetime | None = None,
) -> tuple[Question, ...]:
    """The questions of the next weekly check-in, in rubric order.

    The rule (docs/definitions.md, "Weekly check-in"): at most `max_questions`; every skill
    of the track at least once, with its longest-ago question; the questions asked
    longest ago (never asked first, ties in rubric order) fill the rest.

    Taken literally, "longest ago fills the rest" breaks the promise that each
    question comes up in any 4 consecutive check-ins: a skill with 3 questions is
    asked every week anyway, and spending fill slots on its other questions starves
    a large skill. So before the plain longest-ago fill, exactly as many slots as
    the next 4 check-ins cannot do without go to the questions that their own
    skill's one-per-check-in slot would not reach in time (earliest deadline
    first; each such slot is given to that skill's longest-ago question). With
    room to spare the choice is the plain longest-ago rule.

    History is counted in check-ins, not weeks: each past self session with at
    least one rating is one round. Pass `before` (a resumed session's `started`)
    to ignore sessions from then on, so that resuming shows the same questions.
    """
    if max_questions < 1:
        raise ValueError(f"max_questions must be at least 1, got {max_questions}")
    candidates = full_questions(rubric, track)
    if len(candidates) <= max_questions:
        return candidates
    rounds = _asked_rounds(sessions, before)
    last: dict[str, int] = {}
    for index, asked in enumerate(rounds):
        for question in asked:
            last[question] = index
    position = {q.id: i for i, q in enumerate(candidates)}
    # After a track switch: the new track's emphasised skills that were never rated go
    # first, a question from each in turn, so one check-in rates them all (the focus
    # waits on them). A first check-in ever keeps the plain order.
    rated_skills = {q.split(".", 1)[0] for asked in rounds for q in asked}
    fresh = {s for s in track.emphasis if rounds and s not in rated_skills and s in track.skills}
    turn: dict[str, int] = {}
    seen: dict[str, int] = {}
    for q in candidates:
        if q.skill in fresh:
            turn[q.id] = seen.get(q.skill, 0)
            seen[q.skill] = turn[q.id] + 1

    def age(q: Question) -> tuple[int, int, int, int]:
        if q.skill in fresh:
            return -1, 0, turn[q.id], position[q.id]
        return last.get(q.id, -1), 1, 0, position[q.id]

    def deadline(q: Question) -> int:
        # Check-ins from now (0 = this one) by which q must come up again.
        return ROTATION_WEEKS - (len(rounds) - last.get(q.id, -1))

    oldest_first = sorted(candidates, key=age)
    by_skill: dict[str, list[Question]] = {}
    for q in oldest_first:
        by_skill.setdefault(q.skill, []).append(q)

    firsts = sorted((qs[0] for qs in by_skill.values()), key=age)[:max_questions]
    chosen = {q.id for q in firsts}
    room = max_questions - len(chosen)
    if room > 0:
        # Questions the skill's own slot (one per check-in, longest-ago first) cannot
        # reach before their deadline.
        extra: list[Question] = []
        for qs in by_skill.values():
            planned = 1
            for q in qs[1:]:
                if planned <= deadline(q):
                    planned += 1
                else:
                    extra.append(q)
        extra.sort(key=age)
        deadlines = sorted(deadline(q) for q in extra)
        # Slots this check-in must give them so that later check-ins, each with the
        # same room, can still meet every deadline.
        need = 0
        for ahead in range(ROTATION_WEEKS):
            due = bisect.bisect_right(deadlines, ahead)
            need = max(need, due - ahead * room)
        for q in extra[: min(need, room)]:
            pick = next((x for x in by_skill[q.skill] if x.id not in chosen), None)
            if pick is not None:
                chosen.add(pick.id)
        for q in oldest_first:
            if len(chosen) >= max_questions:
                break
            chosen.add(q.id)
    return tuple(q for q in candidates if q.id in chosen)


def rotation_slots(rubric: Rubric, track: Track) -> int:
    """Question slots that 4 consecutive check-ins need so every question comes up.

    Each skill needs max(its question count, 4): a skill is asked in every
    check-in even when it has fewer than 4 questions.
    """
    counts: dict[str, int] = {}
    for q in full_questions(rubric, track):
        counts[q.skill] = counts.get(q.skill, 0) + 1
    return sum(max(n, ROTATION_WEEKS) for n in counts.values())


def rotation_fits(rubric: Rubric, track: Track, max_questions: int = WEEKLY_MAX_QUESTIONS) -> bool:
    """Whether every question of the track can come up in any 4 consecutive check-ins.

    "Up to 4 × 12 questions" is not quite enough: with one skill of 1 question and
    one of 47, the single question takes a slot every week and 47 questions would
    have to share 44 slots. The exact condition is that each skill needs
    max(questions, 4) of the 4 × max_questions slots, and that one check-in can
    hold every skill (or the whole track fits in one check-in).
    """
    questions = full_questions(rubric, track)
    if len(questions) <= max_questions:
        return True
    skills = {q.skill for q in questions}
    return (
        len(skills) <= max_questions
        and rotation_slots(rubric, track) <= ROTATION_WEEKS * max_questions
    )
