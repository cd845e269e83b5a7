"""The demo's words that belong to no one skill: commitments, how exercises went, topics
for a 1:1, the peers asked for feedback and the replies written in the drills.

Kept apart from the history's rules (app.demo, app.demo_world) so either can change
without the other; drawn from with the demo's seeded random streams.
"""

from __future__ import annotations

from pmcoach.domain.model import ExerciseOutcome

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
GRADE_NOTES = (
    "Lead with the ask.",
    "The number came first; the story after. Good.",
    "Too long before the answer.",
    "Clear decision and owner at the end.",
    "Hedged twice; say it plainly.",
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

PEERS = ("Priya", "Marco", "Leah", "Dana")
"""The colleagues asked for feedback: first names the demo's commitments use too."""
FLAGGED_NOTES = {
    "higher": "I see more of this in your work than you give yourself credit for.",
    "lower": "I see less of this than you report; let us look at an example.",
}
"""The manager's remark on the skill where their rating and one's own score are far apart."""

# Replies written in the answer-first drill: for each card, a first try that buries the
# answer and a later one that leads with it, so the drill's trend has something to show.
DRILL_REPLIES: dict[str, tuple[str, str]] = {
    "communicate.drill-ship-this-quarter": (
        "We have had a few dependencies on the payments team and the QA cycle took longer "
        "than planned, so it is hard to say, but we are doing our best to make it.",
        "Probably not: 30%. The payments API lands on 12 December, which leaves one week "
        "of testing; I will know by Friday.",
    ),
    "communicate.drill-signups-last-week": (
        "Well, there was the campaign, and the holiday on Thursday, and mobile had an "
        "outage, so overall it was a mixed week for sign-ups.",
        "4,120 sign-ups, down 6% from 4,380 the week before; the Thursday holiday explains "
        "most of it.",
    ),
    "prioritize.drill-competitor-feature": (
        "It is an interesting launch and I think there could be something there; let me "
        "look into it with the team and come back to you.",
        "No, not now. It would move trial conversion at most 1 point, and building it "
        "means stopping the billing rework that is worth 4.",
    ),
    "prioritize.drill-offline-this-year": (
        "Offline mode is something we care about a lot and it is definitely on our radar "
        "as we plan the year.",
        "No. Sync reliability won the slot; offline mode moves up if enterprise renewals "
        "name it as a blocker.",
    ),
    "execute.drill-release-cut": (
        "We are still waiting on two fixes and QA needs a few days after that, so "
        "sometime next week most likely.",
        "Thursday 14 March at noon. Two fixes are still open; if either slips, I will "
        "tell you by Tuesday.",
    ),
    "execute.drill-conversion-variance": (
        "There are several factors at play, including seasonality and the pricing page, "
        "and we are looking at all of them.",
        "About 0.3 of the 0.5 points: the drop is only on visitors who saw the new page. "
        "I still need to rule out the holiday traffic.",
    ),
    "think-big.drill-enterprise-reach": (
        "Quite a few, I think, especially the larger accounts, but it depends on what "
        "we put in the tier.",
        "About 340 of our 5,200 customers: those with more than 50 seats, from the billing data.",
    ),
    "earn-trust.drill-portal-slip": (
        "The team has been working really hard and there were some unexpected issues "
        "with the partner data, so the timeline is under review.",
        "No. It slips two weeks, to 17 March: the partner data import failed testing. "
        "The fix is in review and I will confirm on Friday.",
    ),
    "drive-impact.drill-onboarding-activation": (
        "The feedback has been really positive and the team is proud of it, so I think "
        "it is going well overall.",
        "Yes: activation rose from 41% to 47% in the four weeks since launch, against a "
        "flat control group.",
    ),
    "working-backwards.drill-customers-affected": (
        "A lot of them, it comes up all the time in support and sales calls.",
        "About 1,900 a month, from the support tickets tagged 'export failed' since June.",
    ),
}

# Two working-backwards drafts: a first one that starts from a solution, a later one
# written problem first.
DRAFTS: tuple[dict[str, str], ...] = (
    {
        "headline": "Smart reports for every team",
        "problem": "Customers lack an AI assistant that builds their reports.",
        "solution": "An assistant in the reporting page writes the report for you.",
        "faq": "Q: When will it ship?\nA: Soon.",
    },
    {
        "headline": "Month-end reports in five minutes, not a day",
        "problem": (
            "Finance leads at our mid-size customers spend a full day each month "
            "rebuilding the same 12 reports by hand; 1,900 of them told support so "
            "since June, and 14% of churned accounts named it."
        ),
        "solution": (
            "On the first of the month, the reports are ready when they log in, with "
            "last month's changes marked."
        ),
        "quote": "I closed the month before lunch for the first time in years.",
        "faq": (
            "Q: Who gets it first?\nA: The 340 accounts with more than 50 seats, on 3 March.\n"
            "Q: What does it cost us?\nA: Two engineers for one quarter."
        ),
        "big-idea": "A day saved each month for 1,900 finance leads.",
        "should-we": "Yes: it replaces the dashboard rework, which no customer asked for.",
        "plan": (
            "Marco's team builds it; the first milestone is one report for 20 accounts "
            "by 1 February; the riskiest assumption is that the reports are the same "
            "each month, tested on 50 accounts' history first."
        ),
    },
)
