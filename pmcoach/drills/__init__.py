"""Practice drills: answer-first replies and working-backwards drafts.

The rules are pure functions of the text (no Textual, no files), so the same
text always gets the same feedback and every rule has its own tests:

* `answer_first.answer_first_feedback(card, reply, word_lists)`, with the rules'
  names, points and limits in `answer_first_points` and the first rule (where the
  answer sits) in `answer_first_locate`;
* `working_backwards.working_backwards_feedback(draft, word_lists)`, judging a
  `press_release.Draft` (the sections, in the order they are written).

`drafts` keeps working-backwards drafts as Markdown files, `attempts` turns an
attempt into a `drill` event and sums attempts up into a trend. docs/drills.md
describes every rule and how the score is counted.

Nothing is imported here: a screen that only sums attempts up should not pay for
compiling every rule's patterns.
"""
