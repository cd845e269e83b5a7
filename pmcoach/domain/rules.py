"""Every number the coaching rules are made of, defined once.

The rules (`scores` with the focus, `rotation`, `streak`, `exercises`), the rubric check, the
help texts and the exports read these names, so a window or a limit changed here changes
what is computed and what the screens say about it together. What each one means is in
docs/definitions.md.
"""

from __future__ import annotations

import datetime as dt

SELF_KINDS: frozenset[str] = frozenset({"weekly", "full"})
"""Session kinds that are the user's own ratings (a manager's or a peer's session is not)."""

RESUMABLE_KINDS: frozenset[str] = SELF_KINDS | {"manager"}
"""Session kinds filled in answer by answer, so an unfinished one is offered to resume: a
peer's reply is written whole, once, and one without a finish time is only shown."""

CHECKIN_KINDS: frozenset[str] = frozenset({"weekly", "full"})
"""Finished sessions of these kinds make a week "done". A full assessment asks every
question, so it is at least as good as a check-in; not counting it would tell a user
who just spent twenty minutes on one that their review is still due."""

SCORE_WEEKS = 8
"""A score is the mean of each question's latest rating in this many weeks
(docs/definitions.md, "Score"); a manager's rating counts in the same window."""
SCORE_WINDOW = dt.timedelta(weeks=SCORE_WEEKS)
CHANGE_SPAN = dt.timedelta(weeks=1)
"""The change is the score now minus the score this long before ("Change")."""
DECLINE_WEEKS = 4
"""The focus breaks ties by the decline over this many weeks ("Focus skill")."""
DECLINE_SPAN = dt.timedelta(weeks=DECLINE_WEEKS)

DEFAULT_TARGET = 4
"""A skill's target until the settings give it another."""
EMPHASIS_WEIGHT = 1.5
"""The weight of the skills a track emphasises when the focus is chosen ("Focus skill").
A number exact in binary (a half, a quarter): the focus computes with it as a fraction, and
`pmcoach config` starts without importing `fractions` for it."""

WEEKLY_MAX_QUESTIONS = 12
"""A weekly check-in asks at most this many questions ("Weekly check-in")."""
ROTATION_WEEKS = 4
"""Every question comes up at least once in any this many consecutive check-ins (one
check-in a week, hence the name; history is counted in check-ins)."""

OVERDUE_AFTER_DAYS = 2
"""A review is overdue this many days after the review day ("Due")."""

SAY_DO_WEEKS = 12
"""Say/do on the dashboard, in progress and in status covers this many weeks."""

REPORT_WEEKS = 12
"""The Markdown and HTML report cover this many weeks unless told otherwise."""
REVIEW_MONTHS = 6
"""A self-review draft (`pmcoach review`) covers this many months unless told otherwise:
a performance-review cycle."""

EXERCISES_PROPOSED = 2
"""A check-in proposes up to this many exercises for the focus skill."""
EXERCISE_REST_WEEKS = 8
"""An exercise assigned within this many weeks comes back only when nothing else is left."""
EXERCISE_REST = dt.timedelta(weeks=EXERCISE_REST_WEEKS)

FLAG_DIFFERENCE = 2
"""A difference this large (either way) between the manager's rating and the self score is
worth a conversation, not just a number."""


# The review day is stored by name; Monday is 0, as `date.weekday()` counts.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

PEERS_SHOWN = 2
"""A skill's peer mean is shown once at least this many peers rated it ("Peers"): one
reply alone is one person's view, and showing it as "peers" would unmask who gave it."""
PEER_WEEKS = 26
"""The dashboard's peer mean counts replies of this many weeks; a report, its period."""
PEER_QUESTIONS = (3, 6)
"""A request for feedback asks at least and at most this many questions."""
