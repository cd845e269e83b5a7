"""The `pmcoach` command line's parser: every command, option and help text.

The parser names each command's handler as "module:function" in `pmcoach.cli.commands`
instead of importing it, so building it costs only argparse: `status` runs from shell
prompts and `config` from scripts. The shell completion scripts are generated from it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import NoReturn

from pmcoach import __version__
from pmcoach.cli.commands import BARE_COMMANDS
from pmcoach.cli.exits import EXIT_CRASH, EXIT_DUE, EXIT_OK, EXIT_OVERDUE, EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line instead of usage plus a message."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see '{self.prog} --help')\n")
        raise SystemExit(EXIT_USAGE)


class _TopParser(_Parser):
    """The top-level parser, whose epilog is written only when --help asks for it."""

    def format_help(self) -> str:
        self.epilog = _epilog()
        return super().format_help()


def _epilog() -> str:
    # Imported here: the clock (and its time zones) is no cost to `config` unless --help.
    from pmcoach.app.days import TODAY_ENV

    return (
        "With no command, pmcoach opens the app (in a terminal). "
        f"Exit status: {EXIT_OK} success, {EXIT_USAGE} usage or input error, "
        f"{EXIT_DUE} review due, {EXIT_OVERDUE} review overdue, {EXIT_CRASH} an unexpected "
        "error (a report without your texts goes to the cache folder). "
        f"To see pmcoach as on another day, set {TODAY_ENV}=YYYY-MM-DD, "
        f"as in: {TODAY_ENV}=2026-11-30 pmcoach status."
    )


def _data_dir_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help="data folder (default: $PMCOACH_HOME, else the platform's user data folder)",
    )


OUTPUT_HELP = "write to FILE (- for standard output)"


def _output_options(parser: argparse.ArgumentParser) -> None:
    """-o FILE and --force, worded alike wherever a command writes a file."""
    parser.add_argument("-o", "--output", default=None, metavar="FILE", help=OUTPUT_HELP)
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _private_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--include-private", action="store_true", help="include the texts you marked private"
    )


def _md_or_html_option(parser: argparse.ArgumentParser, *, md: str, html: str) -> None:
    """--format md|html for a page to read or print, Markdown by default; `md` and `html`
    say what each gives from this command."""
    parser.add_argument(
        "--format",
        default="md",
        choices=("md", "html"),
        metavar="md|html",
        help=f"md: {md}; html: {html} (default md)",
    )


def _since_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", metavar="DATE", default=None, help="from this day on, YYYY-MM-DD"
    )


def build_parser() -> argparse.ArgumentParser:
    from pmcoach.domain.rules import PEER_QUESTIONS, REPORT_WEEKS, REVIEW_MONTHS

    parser = _TopParser(
        prog="pmcoach",
        description="a private, ten-minute weekly coach for product managers",
    )
    parser.add_argument("--version", action="version", version=f"pmcoach {__version__}")
    _data_dir_option(parser, top=True)
    parser.add_argument(
        "--theme",
        metavar="NAME",
        default=None,
        help="the app's colour theme this time, like textual-light or nord "
        "(default: $PMCOACH_THEME, else the one chosen with ctrl+p in the app)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, summary: str, handler: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        _data_dir_option(sub, top=False)
        sub.set_defaults(handler=handler)
        return sub

    demo = command("demo", "write a realistic demo history into an empty folder", "demo:run")
    demo.add_argument(
        "--weeks", type=_weeks, default=26, help="weeks of history (default %(default)s)"
    )
    demo.add_argument("--seed", type=int, default=7, help="random seed (default %(default)s)")
    demo.add_argument(
        "--end", type=_date, default=None, help="last day, YYYY-MM-DD (default today)"
    )
    demo.add_argument("--track", default="senior", help="track id (default senior)")
    export = command(
        "export",
        "a report for your manager (md, html) or all your answers (csv, json)",
        "export:run",
    )
    export.add_argument(
        "--format",
        default="md",
        metavar="md|html|csv|json",
        help="md or html: the report for your manager (two pages); csv: one row per answer, "
        "grade and win; json: everything, a complete backup with --include-private (default md)",
    )
    _since_option(export)
    export.add_argument(
        "--last",
        metavar=f"{REPORT_WEEKS}w|90d|6m",
        default=None,
        help=(
            f"the last weeks, days or months (default: {REPORT_WEEKS}w for md and html, "
            "all for csv and json)"
        ),
    )
    _private_option(export)
    _output_options(export)
    command(
        "status",
        f"this week in one line: review, streak, focus, say/do; exit {EXIT_DUE} due, "
        f"{EXIT_OVERDUE} overdue",
        BARE_COMMANDS["status"],
    )
    checkin = command(
        "checkin", "take the weekly check-in as plain questions and answers", "checkin:run"
    )
    checkin.add_argument(
        "--plain",
        action="store_true",
        help="numbered questions on standard input and output (screen readers, scripts)",
    )
    checkin.add_argument(
        "--full",
        action="store_true",
        help="the full assessment (every question of your track) instead of the weekly check-in",
    )
    assess = command(
        "assess", "record your manager's ratings after a 1:1 (--manager)", "opening:assess"
    )
    assess.add_argument(
        "--manager",
        action="store_true",
        help="open the app on the manager's ratings: one rating per skill, as your manager gave it",
    )
    drill = command(
        "drill", "practise in the app: answer-first replies or working backwards", "opening:drill"
    )
    drill.add_argument(
        "drill",
        choices=("answer-first", "working-backwards"),
        metavar="answer-first|working-backwards",
        help="answer-first: reply so the first sentence answers; "
        "working-backwards: a press release and FAQ, problem first",
    )
    grade = command("grade", "grade a meeting or an email right after it, 1 to 5", "capture:grade")
    grade.add_argument("text", metavar="TEXT", help='what you grade, like "Launch update email"')
    grade.add_argument("--rating", required=True, metavar="1-5", help="how it went, 1 to 5")
    grade.add_argument(
        "--skill", default="communicate", help="the skill it shows (default communicate)"
    )
    grade.add_argument("--note", metavar="TEXT", default=None, help="evidence for the rating")
    grade.add_argument(
        "--private", action="store_true", help="keep the text and note out of exports"
    )
    win = command(
        "win", "log evidence for a skill: an artifact, a peer's word, or your own", "capture:win"
    )
    win.add_argument("text", metavar="TEXT", help="what happened")
    win.add_argument("--skill", required=True, help="the skill it is evidence for")
    win.add_argument(
        "--kind",
        default="self",
        metavar="artifact|peer|self",
        help="a thing you made, what a peer said, or what you saw yourself (default self)",
    )
    win.add_argument("--private", action="store_true", help="keep it out of exports")
    skip = command(
        "skip", "mark a week off: it neither breaks nor counts in your streak", "capture:skip"
    )
    skip.add_argument(
        "--week",
        metavar="DATE",
        default=None,
        help="a day of that week, YYYY-MM-DD, or the week, YYYY-Www (default this week)",
    )
    skip.add_argument("--reason", metavar="TEXT", default=None, help="why, for yourself")
    skip.add_argument("--private", action="store_true", help="keep the reason out of exports")
    remind = command("remind", "write a calendar file that repeats the weekly review", "remind:run")
    remind.add_argument(
        "--ics", metavar="FILE", required=True, help="the .ics file to write (- for the output)"
    )
    remind.add_argument("--force", action="store_true", help="replace FILE if it exists")
    command("config", "show where the data folder is and what is set", BARE_COMMANDS["config"])
    completion = command(
        "completion", "print a shell completion script (bash or zsh)", "completion:run"
    )
    completion.add_argument(
        "shell",
        choices=("bash", "zsh"),
        metavar="bash|zsh",
        help="the shell; the script names how to install it on its first lines",
    )
    command("doctor", "list files pmcoach cannot read, and rubric problems", "doctor:run")
    restore = command(
        "import",
        "restore a JSON export into an empty folder, or add what a folder does not have yet",
        "importing:run",
    )
    restore.add_argument(
        "file",
        metavar="FILE",
        help="a file from pmcoach export --format json --include-private (- for standard input)",
    )

    team = command(
        "team",
        "a manager's page of several PMs' JSON exports side by side",
        "team:run",
    )
    team.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="files from pmcoach export --format json, one a person",
    )
    _md_or_html_option(
        team,
        md="Markdown",
        html="a page that prints on one landscape sheet, written to "
        "pmcoach-team-DATE.html in the documents folder without -o on a terminal",
    )
    _output_options(team)

    review = command(
        "review",
        "a self-review draft for review season: each skill's start and now, in the "
        "rubric's words, with dated evidence",
        "review:run",
    )
    _md_or_html_option(
        review,
        md="plain Markdown sections to paste into a review form",
        html="a page that prints on at most three A4 or Letter pages",
    )
    _since_option(review)
    review.add_argument(
        "--last",
        metavar=f"{REVIEW_MONTHS}m|26w|180d",
        default=None,
        help=f"the last months, weeks or days (default {REVIEW_MONTHS}m)",
    )
    _private_option(review)
    _output_options(review)

    ask = command(
        "ask",
        "a request for a peer's view of you, to paste into chat or email",
        "ask:run",
    )
    ask.add_argument(
        "--skill",
        action="append",
        metavar="SKILL",
        help=f"a skill to ask about; repeat for more, taken in turn up to {PEER_QUESTIONS[1]} "
        f"questions (default: your focus skill's, {PEER_QUESTIONS[0]} to {PEER_QUESTIONS[1]})",
    )
    ask.add_argument("--to", metavar="NAME", default=None, help="whom it is for: 'Hi NAME,'")
    _output_options(ask)

    feedback = commands.add_parser(
        "feedback",
        help="keep a peer's reply to a request for feedback",
        description="keep a peer's reply to a request for feedback (pmcoach ask writes one)",
    )
    _data_dir_option(feedback, top=False)
    feedback_commands = feedback.add_subparsers(dest="feedback_command", metavar="ACTION")
    feedback_commands.required = True
    feedback_add = feedback_commands.add_parser(
        "add",
        help="read a peer's filled-in reply, show what it says, and save it",
        description="read a peer's filled-in reply (the reply block, bare numbers, a number "
        "after each question, quoted or forwarded), show what it says, and save it once "
        "confirmed on the terminal",
    )
    _data_dir_option(feedback_add, top=False)
    feedback_add.add_argument(
        "file", metavar="FILE", help="the reply, as text (- for standard input)"
    )
    feedback_add.add_argument(
        "--from", dest="peer", required=True, metavar="NAME", help="who replied"
    )
    feedback_add.add_argument(
        "--private",
        action="store_true",
        help="keep the name and comments out of exports (the ratings still count)",
    )
    feedback_add.add_argument(
        "--yes", action="store_true", help="save without asking (required without a terminal)"
    )
    feedback_add.set_defaults(handler="feedback:add")

    discuss = command(
        "discuss",
        "your agenda for the next 1:1: add a topic, list them, mark one discussed",
        "discuss:run",
    )
    listing = "a topic to add (none, or list: list them)"
    discuss.add_argument("text", nargs="?", default=None, metavar="TEXT", help=listing)
    discuss.add_argument("--private", action="store_true", help="keep the topic out of exports")
    discuss.add_argument("--skill", default=None, help="the skill the topic is about")
    discuss.add_argument(
        "--done", type=_number, default=None, metavar="N", help="mark topic N discussed"
    )

    rubric = commands.add_parser(
        "rubric", help="work with rubric files", description="work with rubric files"
    )
    _data_dir_option(rubric, top=False)
    rubric_commands = rubric.add_subparsers(dest="rubric_command", metavar="ACTION")
    rubric_commands.required = True
    validate = rubric_commands.add_parser(
        "validate",
        help="check rubric files and say exactly what is wrong",
        description="check rubric files and say exactly what is wrong: with no FILE, the "
        "built-in bank and your rubrics/; each problem is one line FILE:LINE: key.path: message",
    )
    _data_dir_option(validate, top=False)
    validate.add_argument("files", nargs="*", metavar="FILE", type=Path)
    validate.set_defaults(handler="rubric:validate")
    return parser


def _weeks(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of weeks") from None
    if not 1 <= value <= 1040:
        raise argparse.ArgumentTypeError("weeks must be 1 to 1040")
    return value


def _number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of the list") from None
    if value < 1:
        raise argparse.ArgumentTypeError("the list is numbered from 1")
    return value


def _date(text: str) -> dt.date:
    from pmcoach.app import days

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None
    if not days.works_with(day):
        raise argparse.ArgumentTypeError(
            f"{day} is outside the dates pmcoach works with ({days.DAY_RANGE})"
        )
    return day
