"""The demo's requests for feedback and the peers' replies to them.

Twice a year, counted back from the demo's end so the latest round falls a few weeks
before it, the person asks three of the named peers about the focus skill and one other
skill of the track, as `pmcoach ask --to NAME --skill ...` records it (a `peer-request`
event with its code and questions); two or three of them reply within the week, kept as
`pmcoach feedback add` keeps a reply (a `peer` session naming the request). Peers see a
skill a little above where the person puts it. Everything is drawn from the demo's
second random stream, so the ratings of the person's own check-ins do not move.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from pmcoach.app.asking import forms
from pmcoach.app.demo_notes import pick, words
from pmcoach.app.demo_texts import PEERS
from pmcoach.domain import peer_request
from pmcoach.domain.model import MAX_RATING, MIN_RATING, Answer, Event, Rubric, Session, Text, Track
from pmcoach.domain.rules import PEER_QUESTIONS

if TYPE_CHECKING:
    from pmcoach.app.demo_history import Ids

ROUND_WEEKS = 26
"""A round of requests every half year."""
ROUND_BEFORE_END = 4
"""The latest round this many weeks before the end: the replies are in, and recent."""
ASKED = 3
"""How many peers each round asks."""
PEER_LIFT = 0.3
"""How much higher than the person's own level peers see a skill, on average."""


class PeerRounds:
    """Requests and replies, week by week; `World` hands it the week and the focus."""

    def __init__(
        self, rubric: Rubric, track: Track, weeks: int, rng: random.Random, ids: Ids
    ) -> None:
        self.rubric = rubric
        self.track = track
        self.weeks = weeks
        self.rng = rng
        self.ids = ids
        self.codes: set[str] = set()
        self.rounds = 0
        # Each peer's own bias: some colleagues rate more generously than others.
        self.bias = {name: rng.uniform(-0.3, 0.3) for name in PEERS}
        self.askable = [
            s for s in track.skills if len(forms(rubric, track, s)) >= PEER_QUESTIONS[0]
        ]

    def due(self, week: int) -> bool:
        return (self.weeks - 1 - week) % ROUND_WEEKS == ROUND_BEFORE_END

    def week(
        self,
        monday: dt.date,
        zone: dt.tzinfo,
        focus: str | None,
        ability: dict[str, float],
        end: dt.date,
    ) -> tuple[list[Event], list[Session]]:
        """One round: a request to each of three peers on Tuesday, their replies after."""
        skills = self._skills(focus)
        if not skills:
            return [], []
        start = self.rounds % len(PEERS)
        self.rounds += 1
        names = [PEERS[(start + i) % len(PEERS)] for i in range(ASKED)]
        questions = self._questions(skills)
        events: list[Event] = []
        sessions: list[Session] = []
        for number, name in enumerate(names):
            day = monday + dt.timedelta(days=1)
            at = dt.datetime.combine(day, dt.time(10, number * 7 + self.rng.randrange(7)), zone)
            request = peer_request.PeerRequest(
                code=self._code(), questions=questions, at=at, to=Text(name)
            )
            replies = number < ASKED - 1 or self.rng.random() < 0.5
            reply_day = day + dt.timedelta(days=self.rng.randrange(1, 6))
            if day > end:
                continue
            events.append(
                peer_request.as_event(request, self.ids.item(peer_request.PEER_REQUEST, at), "demo")
            )
            if replies and reply_day <= end:
                sessions.append(self._reply(request, name, reply_day, zone, ability))
        return events, sessions

    def _skills(self, focus: str | None) -> list[str]:
        """The focus skill and one other, in turn, each with enough questions for a peer."""
        if not self.askable:
            return []
        chosen = [focus] if focus in self.askable else []
        others = [s for s in self.askable if s not in chosen]
        if others:
            chosen.append(others[self.rounds % len(others)])
        return chosen[: PEER_QUESTIONS[1] // PEER_QUESTIONS[0]]

    def _questions(self, skills: list[str]) -> tuple[str, ...]:
        """`PEER_QUESTIONS[0]` questions of each skill, a different part of its questions
        each round, as `pmcoach ask` turns to the ones asked longest ago."""
        low = PEER_QUESTIONS[0]
        chosen: list[str] = []
        for skill in skills:
            mine = [q.id for q in forms(self.rubric, self.track, skill)]
            shift = (self.rounds * low) % len(mine)
            chosen += (mine[shift:] + mine[:shift])[:low]
        return tuple(chosen)

    def _code(self) -> str:
        while True:
            code = "".join(
                self.rng.choice(peer_request.CODE_ALPHABET) for _ in range(peer_request.CODE_LENGTH)
            )
            if code not in self.codes:
                self.codes.add(code)
                return code

    def _reply(
        self,
        request: peer_request.PeerRequest,
        name: str,
        day: dt.date,
        zone: dt.tzinfo,
        ability: dict[str, float],
    ) -> Session:
        at = dt.datetime.combine(
            day, dt.time(self.rng.randrange(9, 19), self.rng.randrange(60)), zone
        )
        answers: list[Answer] = []
        skills = []
        for question_id in request.questions:
            question = self.rubric.question(question_id)
            skill = question.skill if question is not None else self.track.skills[0]
            skills.append(skill)
            if answers and self.rng.random() < 0.05:
                answers.append(Answer(question=question_id, skipped=True))
                continue
            level = self.rng.gauss(ability.get(skill, 3.0) + PEER_LIFT + self.bias[name], 0.5)
            rating = min(MAX_RATING, max(MIN_RATING, round(level)))
            answers.append(Answer(question=question_id, rating=rating))
        note = None
        if self.rng.random() < 0.7:
            note = Text(pick(words(self.rng.choice(skills)).peer, self.rng))
        return Session(
            id=self.ids.item("peer", at),
            kind="peer",
            track=self.track.id,
            rubric=self.rubric.label,
            device="demo",
            started=at,
            updated=at,
            finished=at,
            reflection=note,
            answers=tuple(answers),
            peer=Text(name),
            request=request.code,
        )
