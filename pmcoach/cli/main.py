"""The `pmcoach` command line.

Start-up time matters: `status` runs from shell prompts and `config` from
scripts, so this module imports only the standard library at the top and
each command imports what it needs. Textual (about 260 ms) is imported only
when the app opens.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from pmcoach import __version__

if TYPE_CHECKING:
    from pmcoach.app.capture import Context as CaptureContext
    from pmcoach.cache.cachedir import Fingerprint
    from pmcoach.domain.model import Config, Event
    from pmcoach.storage.store import Store

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_DUE = 3
EXIT_OVERDUE = 4
EXIT_CRASH = 70  # an unexpected error, reported in a file (EX_SOFTWARE in sysexits.h)
EXIT_BROKEN_PIPE = 141  # what a shell reports for a program a closed pipe ended

NOT_SET_UP = "not set up yet: run pmcoach to choose a track and a review day"


class UsageError(Exception):
    """Anything the user did that we refuse: printed as one line, exit 2."""


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
    from pmcoach.domain.clock import TODAY_ENV

    return (
        "With no command, pmcoach opens the app (in a terminal). Exit status: 0 success, "
        "2 usage or input error, 3 review due, 4 review overdue, "
        "70 an unexpected error (a report without your texts goes to the cache folder). "
        f"To see pmcoach as on another day, set {TODAY_ENV}=YYYY-MM-DD, "
        f"as in: {TODAY_ENV}=2026-11-30 pmcoach status."
    )


Handler = Callable[[argparse.Namespace], int]


def _data_dir_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help="data folder (default: $PMCOACH_HOME, else the platform's user data folder)",
    )


OUTPUT_HELP = "write to FILE (- for standard output)"


def build_parser() -> argparse.ArgumentParser:
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

    def command(name: str, summary: str, handler: Handler) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        _data_dir_option(sub, top=False)
        sub.set_defaults(handler=handler)
        return sub

    demo = command("demo", "write a realistic demo history into an empty folder", _cmd_demo)
    demo.add_argument("--weeks", type=_weeks, default=26, help="weeks of history (default 26)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.add_argument(
        "--end", type=_date, default=None, help="last day, YYYY-MM-DD (default today)"
    )
    demo.add_argument("--track", default="senior", help="track id (default senior)")
    export = command(
        "export",
        "a report for your manager (md, html) or all your answers (csv, json)",
        _cmd_export,
    )
    export.add_argument(
        "--format",
        default="md",
        metavar="md|html|csv|json",
        help="md or html: the one-page report; csv: one row per answer, grade and win; "
        "json: everything, a complete backup with --include-private (default md)",
    )
    export.add_argument(
        "--since", metavar="DATE", default=None, help="from this day on, YYYY-MM-DD"
    )
    export.add_argument(
        "--last",
        metavar="12w|90d|6m",
        default=None,
        help="the last weeks, days or months (default: 12w for md and html, all for csv and json)",
    )
    export.add_argument(
        "--include-private", action="store_true", help="include the texts you marked private"
    )
    export.add_argument(
        "-o",
        "--output",
        default=None,
        metavar="FILE",
        help=OUTPUT_HELP,
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    command(
        "status",
        "this week in one line: review, streak, focus, say/do; exit 3 due, 4 overdue",
        _cmd_status,
    )
    checkin = command(
        "checkin", "take the weekly check-in as plain questions and answers", _cmd_checkin
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
    assess = command("assess", "record your manager's ratings after a 1:1 (--manager)", _cmd_assess)
    assess.add_argument(
        "--manager",
        action="store_true",
        help="open the app on the manager's ratings: one rating per skill, as your manager gave it",
    )
    drill = command(
        "drill", "practise in the app: answer-first replies or working backwards", _cmd_drill
    )
    drill.add_argument(
        "drill",
        choices=("answer-first", "working-backwards"),
        metavar="answer-first|working-backwards",
        help="answer-first: reply so the first sentence answers; "
        "working-backwards: a press release and FAQ, problem first",
    )
    grade = command("grade", "grade a meeting or an email right after it, 1 to 5", _cmd_grade)
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
        "win", "log evidence for a skill: an artifact, a peer's word, or your own", _cmd_win
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
        "skip", "mark a week off: it neither breaks nor counts in your streak", _cmd_skip
    )
    skip.add_argument(
        "--week",
        metavar="DATE",
        default=None,
        help="a day of that week, YYYY-MM-DD, or the week, YYYY-Www (default this week)",
    )
    skip.add_argument("--reason", metavar="TEXT", default=None, help="why, for yourself")
    skip.add_argument("--private", action="store_true", help="keep the reason out of exports")
    remind = command("remind", "write a calendar file that repeats the weekly review", _cmd_remind)
    remind.add_argument(
        "--ics", metavar="FILE", required=True, help="the .ics file to write (- for the output)"
    )
    remind.add_argument("--force", action="store_true", help="replace FILE if it exists")
    command("config", "show where the data folder is and what is set", _cmd_config)
    completion = command(
        "completion", "print a shell completion script (bash or zsh)", _cmd_completion
    )
    completion.add_argument(
        "shell",
        choices=("bash", "zsh"),
        metavar="bash|zsh",
        help="the shell; the script names how to install it on its first lines",
    )
    command("doctor", "list files pmcoach cannot read, and rubric problems", _cmd_doctor)
    restore = command(
        "import",
        "restore a JSON export into an empty folder, or add what a folder does not have yet",
        _cmd_import,
    )
    restore.add_argument(
        "file",
        metavar="FILE",
        help="a file from pmcoach export --format json --include-private (- for standard input)",
    )

    team = command(
        "team",
        "a manager's page of several PMs' JSON exports side by side",
        _cmd_team,
    )
    team.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="files from pmcoach export --format json, one a person",
    )
    team.add_argument(
        "--format",
        default="md",
        choices=("md", "html"),
        metavar="md|html",
        help="md: Markdown; html: a page that prints on one landscape sheet, written to "
        "pmcoach-team-DATE.html in the documents folder without -o on a terminal (default md)",
    )
    team.add_argument("-o", "--output", default=None, metavar="FILE", help=OUTPUT_HELP)
    team.add_argument("--force", action="store_true", help="replace FILE if it exists")

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
    validate.set_defaults(handler=_cmd_rubric_validate)
    return parser


def _weeks(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of weeks") from None
    if not 1 <= value <= 1040:
        raise argparse.ArgumentTypeError("weeks must be 1 to 1040")
    return value


def _date(text: str) -> dt.date:
    from pmcoach.domain import daterange

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None
    if not daterange.contains(day):
        raise argparse.ArgumentTypeError(
            f"{day} is outside the dates pmcoach works with ({daterange.RANGE})"
        )
    return day


def data_dir(args: argparse.Namespace) -> Path:
    from pmcoach.storage.paths import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None))


# --------------------------------------------------------------------------- commands


def _cmd_rubric_validate(args: argparse.Namespace) -> int:
    from pmcoach.rubric.validate import validate

    files: list[Path] = args.files
    for path in files:
        if not path.exists():
            raise UsageError(f"{path}: no such file")
    root = data_dir(args) if not files else None
    result = validate(files, root)
    for issue in result.issues:
        print(issue)
    checked = len(result.files)
    errors, warnings = len(result.errors), len(result.warnings)
    summary = f"checked {checked} file{'s' * (checked != 1)}: "
    summary += f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if result.rubric is not None and not errors:
        r = result.rubric
        summary += (
            f" ({len(r.tracks)} tracks, {len(r.skills)} skills, {len(r.questions)} questions, "
            f"{len(r.exercises)} exercises, {len(r.drill_cards)} drill cards)"
        )
    print(summary)
    return EXIT_USAGE if errors else EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from pmcoach.app.demo import DemoPlan, write_demo
    from pmcoach.domain.clock import now
    from pmcoach.rubric.load import load_rubric

    if getattr(args, "data_dir", None) is None:
        raise UsageError(
            "demo needs --data-dir DIR (an empty folder), so it never mixes with your own data"
        )
    root = data_dir(args)
    rubric = load_rubric(None).rubric
    assert rubric is not None
    if rubric.track(args.track) is None:
        known = ", ".join(t.id for t in rubric.tracks)
        raise UsageError(f"no track '{args.track}' (known: {known})")
    from pmcoach.domain import daterange

    today = now().date()
    end = args.end or today
    # The history's first week, and the week before it that a streak looks at.
    first = end - dt.timedelta(weeks=args.weeks + 1)
    if not daterange.contains(first):
        raise UsageError(
            f"{args.weeks} weeks before {end} is outside the dates pmcoach works with "
            f"({daterange.RANGE}); give a later --end or fewer --weeks"
        )
    plan = DemoPlan(weeks=args.weeks, seed=args.seed, end=args.end, track=args.track)
    history = write_demo(root, rubric, plan, today)
    print(
        f"wrote {len(history.sessions)} sessions, {len(history.events)} events "
        f"and config.toml to {root}"
    )
    print(f"open it with: pmcoach --data-dir {root}")
    return EXIT_OK


# Formats that, without -o, go to a file rather than onto a terminal.
TO_A_FILE = ("html", "json")


def _output_target(output: str | None, to_a_file: bool, name: str) -> Path | str | None:
    """Where an export or a team page goes; None is standard output.

    `-o -` or `-o /dev/stdout` is where it goes without -o. Without -o, a page of HTML or a
    whole backup (`to_a_file`) is no use scrolled past in a terminal: on a terminal it is
    written as `name` into the documents folder; to a pipe or a file (`> report.html`) it
    goes where the shell sends it. The name is kept as typed: `dir/` names a folder, `""`
    no file at all, and a Path would hide both.
    """
    from pmcoach.export.files import is_standard_output

    if output is not None and is_standard_output(output):
        return None
    if output is None and to_a_file and getattr(sys.stdout, "terminal", False):
        from pmcoach.storage.paths import export_dir

        return export_dir() / name
    return output


def _cmd_export(args: argparse.Namespace) -> int:
    from pmcoach.domain import clock
    from pmcoach.domain.model import Rubric
    from pmcoach.export import ExportError, check_format, render
    from pmcoach.export.files import check_target, default_name, gather, write_export
    from pmcoach.export.period import period_for

    try:
        fmt = check_format(args.format)
        store, config = _configured(args)
        now = clock.now(clock.zone(config.time_zone))
        period = period_for(fmt, now.date(), since=args.since, last=args.last)
        target = _output_target(args.output, fmt in TO_A_FILE, default_name(fmt, now.date()))
        if target is not None:
            check_target(target, args.force)  # before the work, not after it

        def rubric() -> Rubric:
            from pmcoach.rubric.load import load_rubric

            loaded = load_rubric(store.root).rubric
            assert loaded is not None  # load_rubric raises when it cannot build one
            return loaded

        # Loaded when the format first asks for it; the JSON backup never does.
        data = gather(store, config, rubric, period, args.include_private, now)
        text = render(fmt, data)
        written = None if target is None else write_export(target, text, args.force)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    if written is None:
        sys.stdout.write(text)
    else:
        sys.stderr.write(f"wrote {written} ({period.label})\n")
    if store.unreadable:
        count = len(store.unreadable)
        sys.stderr.write(
            f"{count} unreadable file{'s' * (count != 1)} left out (pmcoach doctor lists them)\n"
        )
    if fmt in ("csv", "json"):
        # The report says what it left out; a spreadsheet or a backup has nowhere to.
        hidden = data.left_out
        if hidden:
            texts = "text" if hidden == 1 else "texts"
            sys.stderr.write(f"{hidden} private {texts} left out (add --include-private)\n")
    return EXIT_OK


def _cmd_config(args: argparse.Namespace) -> int:
    from pmcoach.storage.paths import cache_dir

    root = data_dir(args)
    lines = _saved_settings(root)
    if lines is None:
        # Taken before config.toml is read: a change made meanwhile is a miss next time.
        taken = _settings_fingerprint(root.expanduser().absolute(), saving=True)
        from pmcoach.app import snapshot
        from pmcoach.app.settings import describe
        from pmcoach.storage.store import Store

        store = Store.open(root, write=False)
        config = store.load_config()
        if config is None:
            lines = [NOT_SET_UP]
        else:
            lines = describe(config)
            snapshot.save_value(store.cache_dir, SETTINGS_CACHE, taken, {"lines": lines})
    print(f"data folder: {root}")
    print(f"cache:       {cache_dir(root)}")
    for line in lines:
        print(line)
    from pmcoach.storage.paths import ENV_THEME

    given = os.environ.get(ENV_THEME)
    if given:
        from pmcoach.app import themes  # only now: config runs from scripts, every import counts

        known = "" if themes.known(given) else f", which is unknown: {themes.DEFAULT} is used"
        print(f"             {themes.ENV_THEME}={given!r} overrides it{known}")
    return EXIT_OK


SETTINGS_CACHE = "settings.json"


def _settings_fingerprint(root: Path, *, saving: bool = False) -> Fingerprint:
    """The `config` output depends on config.toml alone (and on the program)."""
    from pmcoach.cache import cachedir

    keys = cachedir.tree_keys(root, ("config.toml",))
    return cachedir.Fingerprint.take(root, cachedir.code_key(), keys, digests=saving)


def _saved_settings(root: Path) -> list[str] | None:
    """The settings as last read, while config.toml is the same file, unchanged.

    config is for scripts and quick looks; validating config.toml needs the
    whole domain model, which costs more than starting Python. Every save of
    config.toml is a new file (atomic replace), so its inode and times change.
    """
    from pmcoach.app import snapshot
    from pmcoach.storage.paths import cache_dir

    root = root.expanduser().absolute()
    if not os.path.lexists(root / "config.toml"):
        return None
    now = _settings_fingerprint(root)
    value = snapshot.load_value(cache_dir(root), SETTINGS_CACHE, root, now)
    lines = value.get("lines") if value else None
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        return None
    return lines


def _cmd_completion(args: argparse.Namespace) -> int:
    from pmcoach.cli.completion import script

    # Skills and tracks come from the folder's rubric, when there is one.
    sys.stdout.write(script(args.shell, build_parser(), data_dir(args)))
    return EXIT_OK


def _cmd_doctor(args: argparse.Namespace) -> int:
    from pmcoach.rubric.load import load_rubric
    from pmcoach.storage.store import Store, StoreError

    root = data_dir(args)
    if not root.exists() and not root.is_symlink():
        raise UsageError(f"{NOT_SET_UP} (data folder {root})")
    store = Store.open(root, write=False)
    problems: list[str] = []
    try:
        store.load_config()
    except StoreError as exc:
        problems.append(str(exc))
    store.sessions()
    store.events()
    found = [f"{p.path}: {p.reason}" for p in store.problems]
    duplicates = len(found) - len(store.unreadable)
    problems += found
    rubric_issues = [str(i) for i in load_rubric(root).issues]
    for line in problems + rubric_issues:
        print(line)
    if problems or any("warning:" not in line for line in rubric_issues):
        copies = f"{duplicates} duplicate cop{'ies' if duplicates != 1 else 'y'} not used, "
        print(
            f"{len(problems) - duplicates} unreadable file(s), {copies * bool(duplicates)}"
            f"{len(rubric_issues)} rubric finding(s)"
        )
        return EXIT_USAGE
    print(f"all good: {root}")
    return EXIT_OK


def _configured(args: argparse.Namespace, *, write: bool = False) -> tuple[Store, Config]:
    """The store and settings of a folder that has been set up; opened for
    writing only when `write` (see Store.open: reading changes nothing).

    A folder that does not exist is not created here: a mistyped --data-dir
    should be told it is not set up, not become a second, empty history.
    """
    from pmcoach.storage.store import Store

    root = data_dir(args)
    if not root.exists() and not root.is_symlink():
        raise UsageError(f"{NOT_SET_UP} (data folder {root})")
    store = Store.open(root, write=write)
    config = store.load_config()
    if config is None:
        raise UsageError(f"{NOT_SET_UP} (data folder {store.root})")
    return store, config


def _cmd_status(args: argparse.Namespace) -> int:
    root = data_dir(args).expanduser().absolute()
    saved, day = _saved_status(root)
    if saved is not None:
        print(saved[0])
        return saved[1]
    from pmcoach.app import snapshot
    from pmcoach.app.present.status import status
    from pmcoach.domain import clock
    from pmcoach.rubric.load import load_rubric

    # Taken before anything is read, config.toml included: a change made meanwhile is a
    # miss next time, never a stale answer.
    taken = snapshot.fingerprint(root, day, saving=True) if day is not None else None
    store, config = _configured(args)
    rubric = load_rubric(store.root).rubric
    assert rubric is not None  # load_rubric raises when it cannot build one
    now = clock.now(clock.zone(config.time_zone))
    sessions, events = store.sessions(), store.events()
    result = status(config, rubric, sessions, events, now, unreadable=len(store.unreadable))
    if taken is not None and now.date().isoformat() == day and store.root == root:
        value = {"line": result.line, "exit": result.exit_code}
        snapshot.save_value(store.cache_dir, STATUS_CACHE, taken, value)
    print(result.line)
    return result.exit_code


STATUS_CACHE = "status.json"


def _saved_status(root: Path) -> tuple[tuple[str, int] | None, str | None]:
    """The last status line, while nothing in the folder changed and it is the same day;
    and the day, for the answer to be saved under (None: config.toml gives none).

    status runs from shell prompts, so it must cost about as much as starting
    Python; reading every session and the rubric does not. Only the time zone is
    read from config.toml here (with tomllib alone), to know what day it is.
    """
    import tomllib

    from pmcoach.app import snapshot
    from pmcoach.cache import cachedir
    from pmcoach.domain import clock
    from pmcoach.storage.paths import cache_dir

    # Opened as every file is: a FIFO in its place must not hang a shell prompt.
    raw = cachedir.read_regular(root / "config.toml", cachedir.MAX_DIGEST_FILE)
    if raw is None:
        return None, None
    try:
        zone_name = tomllib.loads(raw.decode("utf-8")).get("time_zone", "UTC")
        day = clock.now(clock.zone(str(zone_name))).date().isoformat()
    except (ValueError, RecursionError):  # UnicodeDecodeError and TOMLDecodeError too
        return None, None
    now = snapshot.fingerprint(root, day)
    value = snapshot.load_value(cache_dir(root), STATUS_CACHE, root, now)
    if value is None:
        return None, day
    line, code = value.get("line"), value.get("exit")
    if type(line) is not str or type(code) is not int:
        return None, day
    return (line, code), day


def _cmd_checkin(args: argparse.Namespace) -> int:
    if not args.plain:
        raise UsageError(
            "checkin needs --plain (questions and answers as lines); "
            "for the app's check-in, run pmcoach and press w"
        )
    from pmcoach.cli import plain
    from pmcoach.storage.store import Locked

    store, config = _configured(args, write=True)
    try:
        lock = store.lock()
    except Locked as exc:
        raise UsageError(f"{exc}; finish or close it first") from None
    with lock:
        _reconfigure(sys.stdin, "replace")
        try:
            talk = plain.Conversation(sys.stdin, sys.stdout)
            return plain.run(store, config, talk, kind="full" if args.full else "weekly")
        except plain.PlainError as exc:
            raise UsageError(str(exc)) from None


def _cmd_assess(args: argparse.Namespace) -> int:
    if not args.manager:
        raise UsageError(
            "assess needs --manager (your manager's ratings); "
            "for a full self-assessment, run pmcoach and press a"
        )
    _configured(args)  # a folder that is not set up is told so, not onboarded here
    _theme(args)
    _need_terminal()
    from pmcoach.tui.app import run_app

    return run_app(data_dir(args), start="manager")


def _cmd_drill(args: argparse.Namespace) -> int:
    _configured(args)  # a folder that is not set up is told so, not onboarded here
    _theme(args)
    _need_terminal()
    from pmcoach.tui.app import run_app

    return run_app(data_dir(args), start=args.drill)


def _capture(args: argparse.Namespace, build: Callable[[CaptureContext, Store], Event]) -> int:
    """Build one event (every check first), save it, and say so in one line."""
    from pmcoach.app import capture
    from pmcoach.domain import clock
    from pmcoach.rubric.load import load_rubric
    from pmcoach.storage.paths import device_name

    store, config = _configured(args, write=True)
    rubric = load_rubric(store.root).rubric
    assert rubric is not None  # load_rubric raises when it cannot build one
    now = clock.now(clock.zone(config.time_zone))
    context = capture.Context(rubric=rubric, now=now, device=device_name())
    try:
        event = build(context, store)
    except capture.CaptureError as exc:
        raise UsageError(str(exc)) from None
    path = store.save_event(event)
    print(f"{capture.describe(event, rubric)} ({path.relative_to(store.root)})")
    return EXIT_OK


def _cmd_grade(args: argparse.Namespace) -> int:
    from pmcoach.app import capture

    return _capture(
        args,
        lambda ctx, _store: capture.grade(
            ctx,
            args.text,
            capture.parse_rating(args.rating),
            skill=args.skill,
            note=args.note,
            private=args.private,
        ),
    )


def _cmd_win(args: argparse.Namespace) -> int:
    from pmcoach.app import capture

    return _capture(
        args,
        lambda ctx, _store: capture.win(
            ctx, args.text, skill=args.skill, kind=args.kind, private=args.private
        ),
    )


def _cmd_skip(args: argparse.Namespace) -> int:
    from pmcoach.app import capture

    def build(ctx: CaptureContext, store: Store) -> Event:
        return capture.skip_week(
            ctx,
            store.sessions(),
            store.events(),
            week=args.week,
            reason=args.reason,
            private=args.private,
        )

    return _capture(args, build)


def _cmd_remind(args: argparse.Namespace) -> int:
    from pmcoach.app.settings import weekday_name
    from pmcoach.domain import clock
    from pmcoach.export import ics
    from pmcoach.storage.store import write_atomic
    from pmcoach.storage.target import TargetError, check_target

    store, config = _configured(args)
    now = clock.now(clock.zone(config.time_zone))
    data = ics.review_calendar(config, now, ics.review_uid(store.root))
    if args.ics == "-":
        if getattr(sys.stdout, "terminal", False):
            sys.stdout.write(data.decode("utf-8"))  # cleaned, as all a terminal is shown
            return EXIT_OK
        sys.stdout.flush()
        sys.stdout.buffer.write(data)  # the file's own CR LF line ends, byte for byte
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        path = check_target(args.ics, args.force, to_output="use --ics -")
    except TargetError as exc:
        raise UsageError(str(exc)) from None
    write_atomic(path, data)
    first = ics.first_review(config, now)
    print(
        f"wrote {path}: the weekly review every {weekday_name(config.review_day)} at "
        f"{config.review_time:%H:%M} ({config.time_zone}), from {first:%Y-%m-%d}; "
        "import it into your calendar"
    )
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from pmcoach.app import importer
    from pmcoach.export import json_read
    from pmcoach.storage.store import Locked, Store

    try:
        backup = json_read.read_export(args.file)  # every check before the folder is touched
        store = Store.open(data_dir(args))
        try:
            lock = store.lock()
        except Locked as exc:
            raise UsageError(f"{exc}; close it and import again") from None
        with lock:
            outcome = importer.restore(store, backup)
    except json_read.ImportRefused as exc:
        raise UsageError(str(exc)) from None
    print(importer.summary(outcome))
    return EXIT_OK


def _cmd_team(args: argparse.Namespace) -> int:
    from pmcoach.domain import clock
    from pmcoach.export import ExportError, json_read, team, team_read
    from pmcoach.export.files import check_target, write_export
    from pmcoach.rubric.load import load_rubric

    try:
        name = f"pmcoach-team-{clock.now().date().isoformat()}.html"
        target = _output_target(args.output, args.format == "html", name)
        if target is not None:
            check_target(target, args.force)  # before the work, not after it
        members = []
        seen: dict[str, str] = {}
        for name in args.files:
            real = name if name == "-" else os.path.realpath(name)
            if real in seen:
                raise UsageError(f"{name}: given twice (as {seen[real]})")
            seen[real] = name
            members.append(team_read.read_member(name, json_read.read_file(name)))
        # This pmcoach's rubric: the built-in bank and the banks in the data folder, if
        # any, so PMs who share a company bank are compared on its skills too.
        rubric = load_rubric(data_dir(args)).rubric
        assert rubric is not None  # load_rubric raises when it cannot build one
        page = team.build_team(members, rubric)
        if args.format == "html":
            from pmcoach.export.team_html import render_team
        else:
            from pmcoach.export.team_markdown import render_team
        text = render_team(page)
        written = None if target is None else write_export(target, text, args.force)
    except (ExportError, json_read.ImportRefused, team_read.TeamRefused) as exc:
        raise UsageError(str(exc)) from None
    if written is None:
        sys.stdout.write(text)
    else:
        count = len(members)
        sys.stderr.write(f"wrote {written} ({count} export{'s' * (count != 1)})\n")
    return EXIT_OK


NO_TERMINAL = (
    "the app needs a terminal, and standard input or output is not one; "
    "run a command instead (pmcoach --help lists them)"
)


def _theme(args: argparse.Namespace) -> None:
    """--theme for this start: checked here, handed to the app as PMCOACH_THEME is."""
    name = getattr(args, "theme", None)
    if name is None:
        return
    from pmcoach.app import themes

    if not themes.known(name):
        raise UsageError(f"no theme {name!r} (known: {', '.join(themes.KNOWN)})")
    os.environ[themes.ENV_THEME] = name


def _need_terminal() -> None:
    """Refuse to open the app without a terminal on both ends: on a pipe or /dev/null it
    would wait for keys that never come, at a full core, until killed."""
    for stream in (sys.stdin, sys.stdout):
        try:
            terminal = stream is not None and stream.isatty()
        except (OSError, ValueError):
            terminal = False
        if not terminal:
            raise UsageError(NO_TERMINAL)


def _open_app(args: argparse.Namespace) -> int:
    from pmcoach.domain import clock

    try:
        clock.frozen_today()  # a wrong PMCOACH_TODAY is one line here, not a crash in the app
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _theme(args)
    _need_terminal()
    from pmcoach.tui.app import run_app

    return run_app(data_dir(args))


# The commands that open the app (the others never import Textual).
_OPENS_THE_APP: tuple[Handler, ...] = (_open_app, _cmd_assess, _cmd_drill)

# --------------------------------------------------------------------------- entry


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the app) and return its exit status; never a traceback.

    Standard output and error are replaced first (see `pmcoach.cli.output`): on a
    terminal nothing a file, a folder or the command line holds can reach it as a
    control sequence, and a write that fails is told apart from other errors.
    """
    from pmcoach.cli import output

    given = sys.argv[1:] if argv is None else list(argv)
    saved = sys.stdout, sys.stderr
    output.install()
    try:
        try:
            code = _run(given)
        except SystemExit:  # argparse, after --help, --version or a usage error
            sys.stdout.flush()  # --help into a full disk is one line as well
            raise
        sys.stdout.flush()
        return code
    except output.OutputError as exc:
        return _output_failed(exc)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        return _crashed(exc, given)
    finally:
        sys.stdout, sys.stderr = saved  # for a caller in the same process, as tests are


def _run(given: list[str]) -> int:
    # Plain `pmcoach` opens the app: building every command's parser first would
    # cost the first frame 10 ms for nothing.
    args = build_parser().parse_args(given) if given else argparse.Namespace()
    handler: Handler = getattr(args, "handler", _open_app)
    if handler is not _open_app:
        # A command runs for a fraction of a second and then exits: the cyclic garbage
        # collector would only spend 15-20 ms walking ten years of answers it never frees.
        import gc

        gc.disable()
        # A character the terminal's encoding lacks must not end in a traceback.
        _reconfigure(sys.stdout, "replace")
        _reconfigure(sys.stderr, "backslashreplace")
    try:
        if handler in _OPENS_THE_APP:
            # Before anything slow: keys typed while the app starts are the app's.
            from pmcoach.cli.flow_control import keys_not_flow_control

            with keys_not_flow_control():
                return handler(args)
        return handler(args)
    except UsageError as exc:
        sys.stderr.write(f"pmcoach: {exc}\n")
        return EXIT_USAGE
    except Exception as exc:
        known = _known_error(exc)
        if known is None:
            raise
        sys.stderr.write(f"pmcoach: {known}\n")
        return EXIT_USAGE


def _command_name(given: list[str]) -> str | None:
    """The command's name (`rubric validate`), never its arguments."""
    try:
        args, _rest = build_parser().parse_known_args(given)
    except (SystemExit, Exception):
        return None
    names = [getattr(args, "command", None), getattr(args, "rubric_command", None)]
    return " ".join(n for n in names if n) or None


def _output_failed(exc: Exception) -> int:
    """A closed pipe ends the command quietly, as it ends `cat` (status 141 is what a
    shell reports for a program SIGPIPE ended); any other failed write is one line."""
    from pmcoach.cli import output

    assert isinstance(exc, output.OutputError)
    output.discard(sys.stdout)
    if exc.broken_pipe:
        return EXIT_BROKEN_PIPE
    with contextlib.suppress(output.OutputError):
        sys.stderr.write(f"pmcoach: {exc}\n")
        sys.stderr.flush()
    return EXIT_USAGE


def _crashed(exc: Exception, given: list[str]) -> int:
    """An error nobody expected: one line naming the report, which holds no user text."""
    from pmcoach.app import crash
    from pmcoach.cli import output
    from pmcoach.storage.store import StoreError

    report: Path | None = None
    failure: str | None = None
    try:
        report = crash.write_report(exc, _command_name(given))
    except (OSError, StoreError, ValueError) as error:
        failure = error.strerror if isinstance(error, OSError) else str(error)
    with contextlib.suppress(output.OutputError):
        sys.stderr.write(f"pmcoach: {crash.one_line(exc, report, failure)}\n")
        sys.stderr.flush()
    return EXIT_CRASH


def _reconfigure(stream: object, errors: str) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors=errors)


def _known_error(exc: Exception) -> str | None:
    """Errors that mean "your input or folder is wrong", never a traceback."""
    from pmcoach.storage.paths import PathError
    from pmcoach.storage.store import StoreError

    if isinstance(exc, (StoreError, PathError)):
        return str(exc)
    if (
        isinstance(exc, ValueError)
        and os.environ.get("PMCOACH_TODAY")
        and "PMCOACH_TODAY" in str(exc)
    ):
        return str(exc)
    return None
