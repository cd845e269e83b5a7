"""The demo's words: notes, reflections, commitments, grades and wins a PM might write.

Kept apart from the history's rules (app.demo, app.demo_world) so either can change
without the other; drawn from with the demo's seeded random streams.
"""

from __future__ import annotations

from pmcoach.domain.model import ExerciseOutcome

NOTES = (
    "Opened the launch update with the date; the detail came after.",
    "The budget email buried the ask in the third paragraph.",
    "Gave the number (62% adoption) before the story.",
    "Said no to the partner integration and wrote down why.",
    "Sent the plan to finance two days before it was due.",
    "Asked my manager for feedback on the roadmap review.",
    "Wrote the problem paragraph before anyone named a solution.",
    "Missed the Thursday follow-up I promised design.",
    "Ran the weekly metrics review without notes; knew the variances.",
    "Cut scope to the simplest version that still moves retention.",
)
PRIVATE_NOTES = (
    "Felt defensive when the VP pushed on dates.",
    "Avoided telling Sam the project slipped; need to fix that.",
    "Not sure I earned the trust of the new data team yet.",
)
REFLECTIONS = (
    "Answered the pricing question with a story, not a number.",
    "Should have given the date first in the exec sync.",
    "Said yes to a request I should have declined.",
    "Explained too long before the answer in the design review.",
    "Did not follow up on the commitment to support.",
    "Started from the solution in the planning doc again.",
)
# (what, to whom): promises a PM makes in a Monday review, due by the next one.
COMMITMENTS = (
    ("Send the Q1 plan to finance", "Dana (finance)"),
    ("Share the churn analysis with the team", "the team"),
    ("Write the one-page brief for the pricing test", "Priya (design)"),
    ("Review the onboarding spec", "Marco (engineering)"),
    ("Book the customer interviews for the import flow", "research"),
    ("Send the launch date and the risks to sales", "Leah (sales)"),
    ("Answer the partner's integration request, yes or no", "partnerships"),
    ("Give Sam feedback on the roadmap draft", "Sam"),
    ("Publish the weekly metrics note", "the product team"),
    ("Close the three oldest bugs in the triage list", "support"),
)
# Texts a PM grades right after sending or saying them (`pmcoach grade`).
GRADES = (
    "Budget email to finance",
    "Launch update to the exec team",
    "Roadmap review with design",
    "Answer to the VP's question on dates",
    "Weekly metrics note",
    "Pricing proposal in the staff meeting",
    "Reply to the escalation from support",
    "Kick-off for the import project",
)
GRADE_NOTES = (
    "Lead with the ask.",
    "The number came first; the story after. Good.",
    "Too long before the answer.",
    "Clear decision and owner at the end.",
    "Hedged twice; say it plainly.",
)
# (win_kind, text): evidence for a skill, as `pmcoach win` records it.
WINS = (
    ("artifact", "Finance reused my pricing model in their plan."),
    ("artifact", "The one-page brief went to the exec review unchanged."),
    ("peer", "Dana said the launch update was the clearest she had read."),
    ("peer", "Marco thanked me for cutting scope before the sprint, not during it."),
    ("self", "Said no to the partner integration without apologising."),
    ("self", "Ran the planning meeting from the problem, not the solution."),
)
# Said of any exercise: the demo proposes every exercise of the rubric, a company's too.
EXERCISE_REFLECTIONS = (
    "Took longer than planned, but the result was worth it.",
    "Asked two people how it landed; both said it was clearer.",
    "Uncomfortable at first; easier the second time.",
    "Blocked Thursday morning for it; that was the trick.",
    "It showed me how often I skip this step when I am busy.",
    "My manager noticed without my saying anything.",
)
EXERCISE_NOTES: dict[ExerciseOutcome, tuple[str, ...]] = {
    "done": ("Worth the time; I will keep doing it.", "Easier the second time."),
    "partly": ("Did two of the three steps.", "Started it, then the launch took the week."),
    "not": ("Ran out of time before the offsite.", "Skipped it; the week was all firefighting."),
}
RENEGOTIATED_NOTES = (
    "Moved to Thursday; told them on Monday.",
    "Asked for one more week when the data came in late.",
    "Split it: the summary now, the detail next week.",
)
MANAGER_NOTES = (
    "Clear updates; wants the number first every time.",
    "Strong in the room, less so in writing.",
    "Needs to say no earlier.",
)
PRIVATE_MANAGER_NOTES = (
    "Too many yeses this quarter.",
    "Thinks I avoid hard conversations with design.",
)
SKIP_REASONS = ("Holiday", "Offsite all week", "Conference travel", "Family matters")

# Topics for the next 1:1, each with how many days before the demo's end it was written, the
# days after which it was discussed (None: still open), whether it is private and its skill.
TOPICS: tuple[tuple[str, int, int | None, bool, str | None], ...] = (
    (
        "Who decides between the partner integration and the checkout rework?",
        30,
        10,
        False,
        "prioritize",
    ),
    ("More time with the VP before the planning offsite", 12, None, False, None),
    ("Am I on track for the senior promotion this cycle?", 6, None, True, None),
    (
        "Did my launch update put the date first? I want your honest read.",
        2,
        None,
        False,
        "communicate",
    ),
)
