"""The demo's words about each skill: evidence, reflections, wins, a manager's and a
peer's remarks, each written for the skill it is filed under.

A text is a template with slots (`{project}`, `{who}`, `{day}`, `{figure}`) filled from the
demo's second random stream, so ten years of notes do not read as one sentence repeated
while every note still says something about its own skill. Kept apart from the history's
rules (app.demo, app.demo_world) so either can change without the other.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PROJECTS = (
    "Checkout v2",
    "Atlas",
    "Beacon",
    "Harbor",
    "Compass",
    "Relay",
    "Orbit",
    "Nimbus",
    "Smart Invites",
    "Bulk Export",
    "Ledger",
    "Pulse",
)
"""Projects by their code names, which read right both alone ("shipped Atlas") and
before a noun ("the Atlas update")."""
WHO = (
    "my manager",
    "the VP",
    "design",
    "the data team",
    "sales",
    "support",
    "finance",
    "the tech lead",
    "marketing",
    "the platform team",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


@dataclass(frozen=True)
class SkillWords:
    """What a PM (and those around them) write about one skill."""

    strengths: tuple[str, ...]  # evidence on a good answer (4 or 5)
    slips: tuple[str, ...]  # evidence on a poor one (1 or 2); a 3 takes either
    private_notes: tuple[str, ...]  # the few things kept to oneself
    reflections: tuple[str, ...]  # "what could I have said or done better"
    wins: tuple[tuple[str, str], ...]  # (win_kind, text)
    grades: tuple[str, ...]  # what was sent or said, then graded
    exercise: tuple[str, ...]  # a line on how an exercise of the skill went
    manager: tuple[str, ...]  # a manager's remark beside a rating
    peer: tuple[str, ...]  # a peer's note under a reply


WORDS: dict[str, SkillWords] = {
    "communicate": SkillWords(
        strengths=(
            "Opened the {project} update to {who} with the date; the detail came after.",
            "Answered {who} on {project} in the first line, then gave the reason.",
            "Put {figure}% in the subject line of the {project} status mail.",
            "Told {who} 'no, not this quarter' on {project} before explaining, not after.",
            "Cut the {project} summary for {who} to five lines; nobody asked a follow-up.",
        ),
        slips=(
            "The {project} update on {day} buried the ask in the third paragraph.",
            "Rambled for two minutes before the answer when {who} asked about {project}.",
            "Sent {who} a {project} status without a single number.",
            "Answered 'it depends' when {who} asked if {project} ships this month.",
        ),
        private_notes=("Hedged with {who} because I did not know the {project} date.",),
        reflections=(
            "Should have given the {project} date first in the {day} sync.",
            "Explained too long before the answer when {who} asked about {project}.",
            "Answered {who} with a story where a number was asked for.",
        ),
        wins=(
            ("peer", "{who} said the {project} update was the clearest one this quarter."),
            ("artifact", "The {project} status note was forwarded to the exec team unchanged."),
            ("self", "Gave {who} a yes-or-no answer in the first sentence, three times."),
        ),
        grades=(
            "Status mail on {project} to {who}",
            "Answer to {who} on the {project} date",
            "{project} update in the {day} staff meeting",
        ),
        exercise=(
            "Rewrote the {project} update answer-first; {who} replied in minutes.",
            "Hard to cut the background; the short version still said everything.",
        ),
        manager=(
            "Updates lead with the answer now; keep the number first.",
            "Clear in the room, still long in writing.",
        ),
        peer=(
            "Your {project} updates give me the date first; keep that.",
            "In chat the answer sometimes comes after a paragraph.",
        ),
    ),
    "prioritize": SkillWords(
        strengths=(
            "Said no to the {project} request from {who} and wrote down why.",
            "Spent {day} morning on {project}, the top priority, not on the inbox.",
            "Shared the ranked list with {who}; {project} moved below the line.",
            "Dropped two of {who}'s items from the sprint to protect {project}.",
            "Asked {who} whether {project} or their new ask mattered more, instead of doing both.",
        ),
        slips=(
            "Let a {project} side request eat most of {day}.",
            "Took on the {project} ask from {who} without checking the list.",
            "The ranked list is three weeks old; {who}'s {project} ask jumped it anyway.",
            "Spent the best hours of {day} on email, not on {project}.",
        ),
        private_notes=("Said yes to {who} on {project} to avoid the argument.",),
        reflections=(
            "Said yes to a {project} request I should have declined.",
            "Let {who}'s urgent ask push the top priority to {day}.",
            "Did not update the ranked list after {project} changed.",
        ),
        wins=(
            ("self", "Declined the {project} request without apologising."),
            ("artifact", "The ranked list is now the first page of the planning doc."),
            ("peer", "{who} thanked me for saying no early instead of late."),
        ),
        grades=(
            "Reply declining the {project} request",
            "Ranking of this quarter's projects for {who}",
        ),
        exercise=(
            "Saying no in writing was easier than in the meeting.",
            "Wrote the list down this time; {project} fell below the line.",
        ),
        manager=(
            "Says no earlier than last quarter; the list holds.",
            "Still takes on side requests when a stakeholder pushes.",
        ),
        peer=(
            "You tell us clearly what is not happening this quarter.",
            "Sometimes a loud request jumps the list.",
        ),
    ),
    "execute": SkillWords(
        strengths=(
            "Unblocked the {project} API keys the same day by calling {who}.",
            "Knew this week's {project} numbers for {who} without opening the dashboard.",
            "Got {who} the test data the engineers had asked for on {day}.",
            "Stated the {figure}% {project} conversion and its variance from memory in the review.",
            "Moved the {project} release cut forward after {who} flagged a risk.",
        ),
        slips=(
            "A blocker on {project} waited until {day} before I chased it.",
            "Could not tell {who} last week's {project} conversion without the dashboard.",
            "The engineers waited until {day} for the {project} decision I owed them.",
            "Learned about the {project} slip from {who}, not from the team.",
        ),
        private_notes=("Missed that {project} slipped until {who} told me.",),
        reflections=(
            "Let the {project} blocker sit until {day}; should have called that day.",
            "Went into the review without knowing the {project} numbers.",
            "Did not ask the team what they needed for {project} this week.",
        ),
        wins=(
            ("artifact", "The {project} release went out on the date we set."),
            ("peer", "{who} said blockers on {project} now clear within a day."),
            ("self", "Ran the weekly metrics review without notes."),
        ),
        grades=(
            "Weekly metrics note on {project}",
            "Release plan for {project} sent to {who}",
        ),
        exercise=(
            "Doing it the same day saved the {day} standup.",
            "It showed me how often {project} waits on me.",
        ),
        manager=(
            "Knows the numbers; blockers are chased fast.",
            "Delivery is steady; risks could surface earlier.",
        ),
        peer=(
            "When we are blocked you have it sorted within a day.",
            "You know the {project} numbers better than the dashboard.",
        ),
    ),
    "think-big": SkillWords(
        strengths=(
            "Wrote the bigger version of {project} into the direction doc for {who}.",
            "Took the {project} refund problem to {who}; it was never ours alone.",
            "Proposed to {who} a version of {project} that grows revenue, not just saves time.",
            "Asked {who} what limits them; their answer changes the {project} plan.",
            "Sketched for {who} where {project} could be in three years.",
        ),
        slips=(
            "Stayed inside the team's lane on {project} again when {who} asked for more.",
            "Planned {project} for this quarter only; {who} asked where it leads.",
            "Saw the limit {who} keeps hitting and left it to them.",
            "Kept the bigger {project} idea to myself in {day}'s planning.",
        ),
        private_notes=("Not sure I can argue the bigger {project} idea in front of the VP.",),
        reflections=(
            "Settled for the small version of {project} without saying why.",
            "Did not ask {who} about the limit outside our team.",
            "Wrote the {project} plan for this quarter only.",
        ),
        wins=(
            ("artifact", "The three-year view of {project} went into the strategy deck."),
            ("peer", "{who} took up the idea to fix {project} across teams."),
            ("self", "Named the bigger version of {project} out loud in planning."),
        ),
        grades=(
            "Direction note for {project}",
            "Pitch of the bigger {project} idea to {who}",
        ),
        exercise=(
            "Wrote the bigger option down; it looked less risky on paper.",
            "Took a full afternoon; {who} now expects the bigger version.",
        ),
        manager=(
            "Sees further than the plan shows; write the bigger version down.",
            "Ideas stay inside the team's lane.",
        ),
        peer=(
            "You connect {project} to what the company is trying to do.",
            "I would like to hear the bigger idea earlier.",
        ),
    ),
    "earn-trust": SkillWords(
        strengths=(
            "Told {who} about the {project} slip the morning I learned it.",
            "Delivered the {project} estimate to {who} on the day I promised.",
            "Admitted the {project} mistake to {who} before anyone asked.",
            "The {project} launch matched what I had told {who}.",
            "Asked {who} how the {project} handover went, and listened.",
        ),
        slips=(
            "Held back the bad news on {project} until {day}.",
            "Promised {who} the {project} estimate by {day} and sent it late.",
            "Handed the team the {project} screens instead of the problem {who} raised.",
            "The {project} launch left out what I had promised {who}.",
        ),
        private_notes=("Not sure {who} trusts my {project} dates yet.",),
        reflections=(
            "Waited until {day} to tell {who} about the {project} slip.",
            "Promised {who} a date on {project} I had not checked.",
            "Defended the {project} decision instead of hearing the concern.",
        ),
        wins=(
            ("peer", "{who} said they trust my {project} dates now."),
            ("self", "Said the {project} slip first, with the new date."),
            ("artifact", "The {project} launch notes matched the promise, line by line."),
        ),
        grades=(
            "Message telling {who} about the {project} slip",
            "Apology for the {project} mistake",
        ),
        exercise=(
            "Saying it first landed better than I feared.",
            "{who} noticed; the {project} conversation was easier after.",
        ),
        manager=(
            "Stakeholders hear bad news early from you; keep it so.",
            "Promises are kept; check a date before giving it.",
        ),
        peer=(
            "You tell us about slips early, with the new date.",
            "I always know where {project} stands with you.",
        ),
    ),
    "drive-impact": SkillWords(
        strengths=(
            "Checked {project} adoption two weeks after launch: {figure}% of the target.",
            "Led the {project} update to {who} with the change in activation, not the features.",
            "Went back to {project} after launch and fixed the step where {figure}% dropped off.",
            "Asked the team and {who} what outcome {project} should move before the spec.",
            "Coached a newer PM through the {project} spec on {day} instead of writing it.",
        ),
        slips=(
            "Shipped {project} without a success metric; {who} caught it.",
            "The {project} update to {who} listed features, not results.",
            "Moved on from {project} before its numbers came in; {who} asked for them.",
            "Wrote the {project} spec myself on {day} instead of coaching the new PM.",
        ),
        private_notes=("The {project} launch moved nothing and I have not said so.",),
        reflections=(
            "Reported the {project} features shipped, not what changed.",
            "Moved on from {project} before the numbers came in.",
            "Wrote the {project} spec without a success metric.",
        ),
        wins=(
            (
                "artifact",
                "{project} raised activation by {figure}%; it is in the quarterly review.",
            ),
            ("peer", "{who} said the {project} update finally showed the outcome."),
            ("self", "Killed the {project} variant that did not move the metric."),
        ),
        grades=(
            "Impact update on {project} for {who}",
            "Post-launch review of {project}",
        ),
        exercise=(
            "Looking at the numbers after launch changed the {project} plan.",
            "Leading with the outcome made the {project} update shorter.",
        ),
        manager=(
            "Updates now lead with the outcome.",
            "Launches are measured; follow through after the first month.",
        ),
        peer=(
            "You always ask what {project} is supposed to change.",
            "After launch the team moves on too quickly.",
        ),
    ),
    "working-backwards": SkillWords(
        strengths=(
            "Wrote the {project} problem paragraph before {who} named a solution.",
            "Asked {who} how many customers hit the {project} problem each month.",
            "Stopped a 'we have this service, let us use it' {project} discussion with {who}.",
            "Spoke with {figure} customers about {project} before the proposal.",
            "The {project} FAQ answered {who}'s hard question first.",
        ),
        slips=(
            "The {project} proposal to {who} opened with what we already have, again.",
            "Named a solution in the first line of the {project} problem on {day}.",
            "Wrote about {project} for {who} without having talked to a customer.",
            "The {project} FAQ skipped the question {who} cared about.",
        ),
        private_notes=("Started the {project} doc from the solution I wanted.",),
        reflections=(
            "Started the {project} proposal from the solution again.",
            "Named a solution in the {project} problem paragraph.",
            "Did not talk to a customer before writing about {project}.",
        ),
        wins=(
            ("artifact", "The {project} press release went to the exec review unchanged."),
            ("peer", "{who} said the {project} problem statement settled the debate."),
            ("self", "Opened the {project} proposal with the customer's problem."),
        ),
        grades=(
            "Problem paragraph for {project}",
            "{project} press release and FAQ",
        ),
        exercise=(
            "Starting from the customer shrank the {project} scope by half.",
            "Leaving the solution out took three tries.",
        ),
        manager=(
            "Proposals start from the customer now.",
            "The problem paragraph still names the solution at times.",
        ),
        peer=(
            "Your {project} docs start from the customer problem.",
            "I would like to see the customer numbers earlier.",
        ),
    ),
}


def words(skill: str | None) -> SkillWords:
    """The words of a skill; a skill a company's rubric adds borrows Communicate's."""
    return WORDS.get(skill or "", WORDS["communicate"])


def fill(template: str, rng: random.Random) -> str:
    """A template with its slots filled; a project named at the start of a sentence
    starts with a capital letter."""
    text = template.format(
        project=rng.choice(PROJECTS),
        who=rng.choice(WHO),
        day=rng.choice(DAYS),
        figure=rng.randrange(12, 88),
    )
    return text[:1].upper() + text[1:]


def pick(pool: tuple[str, ...], rng: random.Random) -> str:
    """One text of a pool, filled."""
    return fill(rng.choice(pool), rng)
