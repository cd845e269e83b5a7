"""Shell completion scripts for bash and zsh, generated from the command line's parser.

Generated, not written by hand, so a command or option added to `cli.build_parser`
completes without anyone remembering to: every command, option and positional is
read from the parser. What a value may be comes from the parser too (its `choices`,
and `FILE` or `DIR` as its metavar); the few options the parser leaves free because
their own check gives a better message (`--format`, `--kind`) or because the answer
lies in the rubric (`--skill`, `--track`) are listed in `VALUES`. Skills and tracks
are those of the data folder's rubric when the script is written: after adding a
rubric of your own, write the script again.

No library: argparse already knows everything a script needs, and a dependency
would be one more thing to install for a command run once.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmcoach.domain.model import Rubric

FILE, DIR = "FILE", "DIR"


@dataclass(frozen=True)
class Value:
    """What an option's or a positional's value completes to."""

    choices: tuple[str, ...] = ()
    path: str | None = None  # FILE or DIR
    many: bool = False  # a positional that takes any number of values


@dataclass(frozen=True)
class Option:
    names: tuple[str, ...]
    help: str
    value: Value | None  # None: a flag, which takes no value


@dataclass(frozen=True)
class Command:
    """One parser: `words` is its path below pmcoach (`("rubric", "validate")`)."""

    words: tuple[str, ...]
    options: tuple[Option, ...]
    positionals: tuple[Value, ...]
    commands: tuple[tuple[str, str], ...]  # (name, summary) of its subcommands


def _formats(_root: Path) -> tuple[str, ...]:
    from pmcoach.export import FORMATS

    return tuple(FORMATS)


def _kinds(_root: Path) -> tuple[str, ...]:
    from pmcoach.app.capture import WIN_KINDS

    return WIN_KINDS


def _skills(root: Path) -> tuple[str, ...]:
    return tuple(skill.id for skill in _rubric(root).skills)


def _tracks(root: Path) -> tuple[str, ...]:
    return tuple(track.id for track in _rubric(root).tracks)


def _rubric(root: Path) -> Rubric:
    from pmcoach.rubric.load import load_rubric

    loaded = load_rubric(root if root.is_dir() else None).rubric
    assert loaded is not None  # load_rubric raises when it cannot build one
    return loaded


# Options whose values the parser does not list, by their destination.
VALUES: dict[str, Callable[[Path], tuple[str, ...]]] = {
    "format": _formats,
    "kind": _kinds,
    "skill": _skills,
    "track": _tracks,
}


def commands(parser: argparse.ArgumentParser, root: Path) -> Iterator[Command]:
    """Every parser below and including `parser`, as the completion scripts need it."""
    yield from _walk(parser, (), root)


def _walk(parser: argparse.ArgumentParser, words: tuple[str, ...], root: Path) -> Iterator[Command]:
    options: list[Option] = []
    positionals: list[Value] = []
    subcommands: list[tuple[str, str]] = []
    below: list[tuple[str, argparse.ArgumentParser]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            summaries = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                subcommands.append((name, summaries.get(name, "")))
                below.append((name, sub))
        elif action.option_strings:
            value = None if action.nargs == 0 else _value(action, root)
            options.append(Option(tuple(action.option_strings), action.help or "", value))
        else:
            positionals.append(_value(action, root))
    yield Command(words, tuple(options), tuple(positionals), tuple(subcommands))
    for name, sub in below:
        yield from _walk(sub, (*words, name), root)


def _value(action: argparse.Action, root: Path) -> Value:
    many = action.nargs in ("*", "+")
    if action.choices is not None:
        return Value(choices=tuple(str(c) for c in action.choices), many=many)
    values = VALUES.get(action.dest)
    if values is not None:
        return Value(choices=values(root), many=many)
    metavar = action.metavar if isinstance(action.metavar, str) else ""
    return Value(path=metavar if metavar in (FILE, DIR) else None, many=many)


def script(shell: str, parser: argparse.ArgumentParser, root: Path) -> str:
    found = list(commands(parser, root))
    return _bash(found) if shell == "bash" else _zsh(found)


# --------------------------------------------------------------------------------- bash


def _key(words: tuple[str, ...]) -> str:
    return " ".join(words)


def _bash(found: list[Command]) -> str:
    subcommands, options, values, positionals = [], [], [], []
    for command in found:
        key = _shell_quote(_key(command.words))
        if command.commands:
            names = " ".join(name for name, _ in command.commands)
            subcommands.append(f"        {key}) echo {_shell_quote(names)} ;;")
        names = " ".join(n for option in command.options for n in option.names)
        options.append(f"        {key}) echo {_shell_quote(names)} ;;")
        for option in command.options:
            if option.value is None:
                continue
            pattern = "|".join(_shell_quote(f"{_key(command.words)}\t{n}") for n in option.names)
            values.append(f"        {pattern}) echo {_shell_quote(_bash_kind(option.value))} ;;")
        for index, value in enumerate(command.positionals):
            spot = _shell_quote(f"{_key(command.words)}\t{index}")
            positionals.append(f"        {spot}) echo {_shell_quote(_bash_kind(value))} ;;")
    table = "\n".join
    return _BASH.format(
        subcommands=table(subcommands),
        options=table(options),
        values=table(values),
        positionals=table(positionals),
        many=table(
            f"        {_shell_quote(_key(c.words))}) echo {len(c.positionals) - 1} ;;"
            for c in found
            if c.positionals and c.positionals[-1].many
        ),
    )


def _bash_kind(value: Value) -> str:
    if value.choices:
        return "choices " + " ".join(value.choices)
    if value.path == DIR:
        return "dir"
    if value.path == FILE:
        return "file"
    return "text"


_SAFE = re.compile(r"[A-Za-z0-9_./@%+=:,-]+")


def _shell_quote(text: str) -> str:
    """A word for sh and zsh: quoted unless it is plain; a tab stays a tab in $'…'."""
    if _SAFE.fullmatch(text):
        return text
    if "\t" in text:
        return "$'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\t", "\\t") + "'"
    return "'" + text.replace("'", "'\\''") + "'"


_BASH = """\
# bash completion for pmcoach, written by `pmcoach completion bash`.
# Install: pmcoach completion bash > ~/.local/share/bash-completion/completions/pmcoach

_pmcoach_subcommands() {{
    case "$1" in
{subcommands}
    esac
}}

_pmcoach_options() {{
    case "$1" in
{options}
    esac
}}

# What the value of option $2 of command $1 is: choices …, file, dir or text; nothing: a flag.
_pmcoach_value() {{
    case "$1"$'\\t'"$2" in
{values}
    esac
}}

# What the positional at index $2 of command $1 is.
_pmcoach_positional() {{
    case "$1"$'\\t'"$2" in
{positionals}
    esac
}}

# The index of a last positional that takes any number of values.
_pmcoach_many() {{
    case "$1" in
{many}
    esac
}}

_pmcoach_reply() {{
    local kind=$1 cur=$2
    case "$kind" in
        choices\\ *)
            local IFS=$'\\n'
            COMPREPLY=($(IFS=' ' compgen -W "${{kind#choices }}" -- "$cur"))
            ;;
        file)
            compopt -o filenames 2>/dev/null
            local IFS=$'\\n'
            COMPREPLY=($(compgen -f -- "$cur"))
            ;;
        dir)
            compopt -o filenames 2>/dev/null
            local IFS=$'\\n'
            COMPREPLY=($(compgen -d -- "$cur"))
            ;;
        *) COMPREPLY=() ;;
    esac
}}

_pmcoach() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}}
    local command="" positional=0 i word kind many
    # Walk the words before the cursor: commands, options with their values, positionals.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${{COMP_WORDS[i]}}
        case "$word" in
            --*=*) continue ;;
            -*)
                kind=$(_pmcoach_value "$command" "$word")
                if [ -n "$kind" ]; then
                    # bash splits --option=value at the = (COMP_WORDBREAKS): skip all three.
                    if [ "${{COMP_WORDS[i + 1]}}" = "=" ]; then ((i += 2)); else ((i++)); fi
                fi
                continue
                ;;
        esac
        local subs=" $(_pmcoach_subcommands "$command") "
        if [ "$subs" != "  " ] && [[ "$subs" == *" $word "* ]]; then
            command=${{command:+$command }}$word
            positional=0
        else
            ((positional++))
        fi
    done
    # The value of an option: the word before the cursor, or --option=value.
    if [[ "$cur" == --*=* ]]; then
        kind=$(_pmcoach_value "$command" "${{cur%%=*}}")
        _pmcoach_reply "$kind" "${{cur#*=}}"
        return
    fi
    local option=${{COMP_WORDS[COMP_CWORD - 1]}}
    if [ "$cur" = "=" ]; then
        cur=""
    elif [ "$option" = "=" ] && ((COMP_CWORD > 2)); then
        option=${{COMP_WORDS[COMP_CWORD - 2]}}
    fi
    if ((COMP_CWORD > 1)) && [[ "$option" == -* ]]; then
        kind=$(_pmcoach_value "$command" "$option")
        if [ -n "$kind" ]; then
            _pmcoach_reply "$kind" "$cur"
            return
        fi
    fi
    if [[ "$cur" == -* ]]; then
        local IFS=$'\\n'
        COMPREPLY=($(IFS=' ' compgen -W "$(_pmcoach_options "$command")" -- "$cur"))
        return
    fi
    local subs=$(_pmcoach_subcommands "$command")
    if [ -n "$subs" ]; then
        local IFS=$'\\n'
        COMPREPLY=($(IFS=' ' compgen -W "$subs" -- "$cur"))
        return
    fi
    many=$(_pmcoach_many "$command")
    if [ -n "$many" ] && ((positional > many)); then
        positional=$many
    fi
    _pmcoach_reply "$(_pmcoach_positional "$command" "$positional")" "$cur"
}}

complete -F _pmcoach pmcoach
"""


# ---------------------------------------------------------------------------------- zsh


def _zsh(found: list[Command]) -> str:
    functions = [_zsh_function(command) for command in found]
    return _ZSH.format(functions="\n\n".join(functions))


def _zsh_name(words: tuple[str, ...]) -> str:
    return "_pmcoach" + "".join("_" + re.sub(r"[^A-Za-z0-9]", "_", w) for w in words)


def _zsh_function(command: Command) -> str:
    specs: list[str] = []
    for option in command.options:
        text = _zsh_text(option.help)
        for name in option.names:
            if option.value is None:
                specs.append(_shell_quote(f"{name}[{text}]"))
            else:
                equals = "=" if name.startswith("--") else "+"
                action = _zsh_action(option.value)
                specs.append(_shell_quote(f"{name}{equals}[{text}]:value:{action}"))
    lines = [f"{_zsh_name(command.words)}() {{"]
    if command.commands:
        specs += ["'1: :->command'", "'*:: :->args'"]
        lines.append("    local curcontext=$curcontext state line")
        lines.append("    typeset -A opt_args")
        lines.append("    _arguments -C \\")
        lines += [f"        {spec} \\" for spec in specs[:-1]]
        lines.append(f"        {specs[-1]}")
        described = " ".join(
            _shell_quote(f"{name.replace(':', chr(92) + ':')}:{summary}")
            for name, summary in command.commands
        )
        lines.append("    case $state in")
        lines.append(f"        command) local -a commands=({described})")
        lines.append("            _describe command commands ;;")
        lines.append("        args) case $line[1] in")
        for name, _summary in command.commands:
            lines.append(
                f"            {_shell_quote(name)}) {_zsh_name((*command.words, name))} ;;"
            )
        lines.append("        esac ;;")
        lines.append("    esac")
    else:
        for value in command.positionals:
            star = "*" if value.many else ""
            specs.append(_shell_quote(f"{star}:value:{_zsh_action(value)}"))
        lines.append("    _arguments \\")
        lines += [f"        {spec} \\" for spec in specs[:-1]]
        lines.append(f"        {specs[-1]}")
    lines.append("}")
    return "\n".join(lines)


def _zsh_action(value: Value) -> str:
    if value.choices:
        return "(" + " ".join(value.choices) + ")"
    if value.path == DIR:
        return "_files -/"
    if value.path == FILE:
        return "_files"
    return " "


def _zsh_text(text: str) -> str:
    """A help text inside `[…]` of an _arguments spec: backslashes and brackets escaped."""
    for char in "\\[]":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


_ZSH = """\
#compdef pmcoach
# zsh completion for pmcoach, written by `pmcoach completion zsh`.
# Install: pmcoach completion zsh > ~/.zfunc/_pmcoach, with ~/.zfunc in fpath before compinit.

{functions}

if [ "$funcstack[1]" = "_pmcoach" ]; then
    _pmcoach "$@"
else
    compdef _pmcoach pmcoach
fi
"""
