"""Text written to break a terminal screen: markup, escape sequences, odd Unicode, sheer size.

Every string here is something a PM could paste into a note or a company could
put in a rubric file. The list is built from fixed pieces, in a fixed order, so
a failure names the same string on every run and every machine.

None contains NUL or a lone surrogate: the data files cannot hold either, so
such text never reaches a screen.
"""

from __future__ import annotations

from itertools import product

# A window title (OSC 0, ended by BEL and by ST), a screen clear, a C1 CSI, the
# alternate screen, and a right-to-left override that hides what follows.
EVIL = "\x1b]0;pwned\x07\x1b[2J\x1b]2;again\x1b\\\u009b31m\x1b[?1049h\u202eevil\u202c\x08\x0c"
# Every character a terminal may act on, as FORBIDDEN in what reaches one: C0 and C1
# controls (newline and tab aside) and the bidirectional controls.
FORBIDDEN = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))] + [
    "\u061c",
    "\u200e",
    "\u200f",
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
]

# Rich console markup: tags, links, actions, and brackets that do not balance.
RICH = [
    "[bold]bold[/bold]",
    "[bold]unclosed",
    "closed[/]",
    "[/]",
    "[/bold]",
    "[/bold",
    "[bold",
    "[b]x[/b] [i]y[/i] [u]z[/u] [s]w[/s]",
    "[b][i]crossed[/b][/i]",
    "[bold][/italic]",
    "[bold]one[/]two[/]",
    "[red on blue]colour[/]",
    "[reverse blink]blink[/]",
    "[#ff0000]hex[/] [rgb(1,2,3)]rgb[/] [color(9)]256[/]",
    "[not bold]x[/not bold]",
    "[dim italic strike]x",
    "[link=https://evil.example/]a link[/link]",
    "[link=file:///etc/passwd]file[/link]",
    "[link]bare[/link]",
    "[link=]empty[/link]",
    "[@click=app.quit]click me[/]",
    "[@click=app.quit]",
    "[@click=screen.dismiss]dismiss[/]",
    "[@click=screen.dismiss(True)]yes[/]",
    "[@click=app.pop_screen]back[/]",
    "[@click=app.push_screen('help')]help[/]",
    "[@click=app.exit(3)]exit[/]",
    "[@click=app.bell]bell[/]",
    "[@click='app.quit']quoted[/]",
    "[@click=app.quit",
    "[@click]",
    "[@click=]x[/]",
    "[@]",
    "[@mouse.down=app.quit]down[/]",
    "[b @click=app.quit]styled action[/]",
    "[link=https://x.example @click=app.quit]both[/]",
    "[",
    "]",
    "[[",
    "]]",
    "[[bold]]",
    "[[nested [bold]] brackets]]",
    "\\[bold]escaped[/bold]",
    "\\\\[bold]double escaped",
    "\\[/]",
    "[bold]\\[/bold]",
    "[]",
    "[ ]",
    "[=]",
    "[TODO] keep me",
    "[x] done [ ] not done",
    "[1] [2] [3]",
    "array[0] = map[key]",
    ":smile: :thumbs_up: :red_heart:",
    "[blink]:warning:[/]",
    "]" * 40 + "[" * 40,
    "[b]" * 60,
    "[/]" * 60,
]

# Textual content markup: variables and theme colours.
TEXTUAL = [
    "$variable",
    "$accent",
    "[$accent]accent[/]",
    "[$text-primary on $primary]theme[/]",
    "[b $warning]warn[/]",
    "[$foo]missing variable[/]",
    "$$ and $",
    "${HOME} and $(id)",
    "[auto 50%]x[/]",
    '[link="https://evil.example"]quoted link[/]',
    "[@click=app.quit]$note[/]",
    "[$accent]unclosed",
]

# Escape sequences: CSI, OSC with BEL and with ST, the other string sequences, C1.
CSI = [
    "\x1b[2J",
    "\x1b[31mred\x1b[0m",
    "\x1b[0m",
    "\x1b[H\x1b[2J",
    "\x1b[10;10Hmoved",
    "up\x1b[1A\x1b[2Kerased",
    "\x1b[?1049h",
    "\x1b[?25l hidden cursor",
    "\x1b[6n",
    "\x1b[21t",
    "\x1b[5i printer",
    "\x1bc reset",
    "\x1b7saved\x1b8",
    "\x1b(0lqqk\x1b(B",
    "\x1b#8",
    "\x1b[38;2;255;0;0mtrue colour\x1b[m",
    "\x1b[200~pasted\x1b[201~",
    "\x1b[999C far right",
    "\x1b",
    "trailing escape \x1b[",
]
OSC = [
    "\x1b]0;stolen title\x07",
    "\x1b]0;stolen title\x1b\\",
    "\x1b]2;window\x07",
    "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "\x1b]52;c;Y2xpcGJvYXJk\x07",
    "\x1b]52;c;Y2xpcGJvYXJk\x1b\\",
    "\x1b]52;c;?\x07",
    "\x1b]4;1;rgb:ff/00/00\x07",
    "\x1b]7;file://host/tmp\x07",
    "\x1b]9;notification\x07",
    "\x1b]777;notify;title;body\x07",
    "\x1b]1337;SetUserVar=x=eQ==\x07",
    "\x1b]0;unterminated title",
    "\x1bP+q544e\x1b\\",
    "\x1b_application\x1b\\",
    "\x1b^privacy\x1b\\",
    "\x9d0;C1 title\x9c",
    "\x9d52;c;Y2xpcGJvYXJk\x07",
    "\x9d8;;https://evil.example\x9clink\x9d8;;\x9c",
]
C1 = [
    "\x9b31mC1 CSI",
    "\x9b2J",
    "\x9d",
    "\x90dcs\x9c",
    "\x85next line",
    "\x84\x88\x8d\x8e\x8f",
    "\x80\x81\x9f",
    "\x9c",
]
C0 = [
    "\x7f",
    "a\x7f\x7fb",
    "bell\x07bell",
    "safe\x08\x08\x08\x08evil",
    "form\x0cfeed",
    "vertical\x0btab",
    "shift\x0eout\x0fin",
    "cancel\x18substitute\x1a",
    "".join(chr(c) for c in range(1, 32)),
    "tab\tseparated\tvalues",
    "\x01\x02\x03",
    "\x1c\x1d\x1e\x1f",
]

# Unicode that reorders, hides or widens what a reader sees.
BIDI = [
    "\u202eevil\u202c",
    "\u202dforced\u202c",
    "\u202aembed\u202c \u202bembed\u202c",
    "\u2066isolate\u2069 \u2067rtl\u2069 \u2068first\u2069",
    "\u200emark\u200f",
    "\u061carabic letter mark",
    'access = "user\u202e \u2066// admin\u2069 \u2066"',
    "abc\u202edcba",
    "\u202e[@click=app.quit]tiuq[/]",
    "\u2067\u202e\u2069unbalanced",
]
INVISIBLE = [
    "zero\u200bwidth\u200bspace",
    "joiner\u200d\u200dand\u200cnon",
    "word\u2060joiner",
    "\ufeffbyte order mark",
    "👨\u200d👩\u200d👧\u200d👦 family",
    "🇩🇪🇯🇵 flags 👍🏽 tone",
    "1\ufe0f\u20e3 keycap",
    "\u00adsoft\u00adhyphen",
    "\u2028line separator\u2029paragraph",
    "\u3000ideographic\u3000space",
]
COMBINING = [
    "e\u0301 cafe\u0301",
    "\u0301leading mark",
    "Z\u0335\u0321\u0322\u0353\u031ca\u0334l\u0337g\u0336o\u0335",
    "x" + "\u0336" * 60,
    "a" + "\u0300\u0301\u0302\u0303\u0304" * 20,
    "\u20dd\u20de\u20df",
]
WIDE = [
    "emoji 😀 and wide 漢字",
    "漢字テスト한국어",
    "ＡＢＣ［ｂｏｌｄ］ｆｕｌｌｗｉｄｔｈ［／］",
    "😀🎉🔥" * 30,
    "漢" * 400,
    "wide 漢字 [bold]markup[/] 😀",
    "Ｔｈｅ［＠ｃｌｉｃｋ＝ａｐｐ．ｑｕｉｔ］",
    "𝕳𝖊𝖑𝖑𝖔 𝔀𝓸𝓻𝓵𝓭",
    "ｗｉｄｅ\u3000ｓｐａｃｅ",
]
LONG = [
    "x" * 5000,
    "a" * 300,
    "https://example.com/" + "a" * 2000,
    "[" * 1000,
    "]" * 1000,
    "[b]" * 700,
    "\x1b[31m" * 500,
    "word " * 1200,
    "-" * 3000,
]
HUGE = [
    "note " * 20480,
    "[bold]" * 17000,
    "\x1b[31m" * 20000,
    "line\n" * 20480,
    ("[@click=app.quit]q[/] \x1b]0;t\x07 \u202e 漢字 " * 3000)[:102400],
]
BLANK = [
    " ",
    "   ",
    " " * 200,
    "\n\n\n",
    "  \n  \n",
    "\t\t",
    "\u00a0" * 5,
    "\u3000",
]
CARRIAGE = [
    "good\rEVIL",
    "safe text\r\x1b[2K[@click=app.quit]gotcha[/]",
    "windows\r\nline end",
    "\r\r\r",
    "line end\r",
    "progress 10%\rprogress 100%",
]
MARKDOWN = [
    "# heading",
    "## Problem",
    "**bold** _italic_ ~~strike~~",
    "[link](javascript:alert(1))",
    "![image](https://evil.example/x.png)",
    "`code` and ``double``",
    "```\nfenced\n```",
    "> quote\n> more",
    "- item\n- item",
    "1. first\n2. second",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "<!-- hidden comment -->",
    "\\## escaped heading",
    "---",
    "***",
    "[ref]: https://evil.example",
]
HTML = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</textarea><b>bold</b>",
    "&lt;b&gt; &amp; &#x1b;",
    '"><svg/onload=alert(1)>',
    "<style>*{display:none}</style>",
    "javascript:alert(document.cookie)",
    "<a href='#' onclick='x()'>[@click=app.quit]a[/]</a>",
]
CSV = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(1+1)",
    '=HYPERLINK("https://evil.example","click")',
    "=cmd|' /C calc'!A0",
    "\t=1",
    "\r=1",
    'a,"b",c',
    '"quoted"',
    "semi;colon",
]
FORMAT = [
    "{0}",
    "{}",
    "{name}",
    "{0!r:>{1}}",
    "%s",
    "%d %n",
    "%(name)s",
    "{{}}",
    "`id`",
    "$(rm -rf /)",
]
OTHER = [
    "\"\"\"triple\"\"\" and '''single'''",
    "back\\slash \\u001b \\x1b \\n",
    "../../etc/passwd",
    "~/.ssh/id_rsa",
    "CON",
    "NaN",
    "None",
    "null",
    "-0",
]

# Pieces for combinations: each markup piece with each control piece and a wide one.
_MARKUP_PIECES = [
    "[@click=app.quit]q[/]",
    "[bold]",
    "[/",
    "[link=https://evil.example]l[/link]",
    "[$accent]",
    "[[x]]",
    "\\[b]",
    "[@click=screen.dismiss]d[/]",
]
_CONTROL_PIECES = [
    "\x1b[2J",
    "\x1b]0;t\x07",
    "\x1b]52;c;eA==\x1b\\",
    "\x9b31m",
    "\x9d0;t\x9c",
    "\u202e",
    "\x7f",
    "\r",
]
_UNICODE_PIECES = ["漢字", "😀", "e\u0301", "\u200d", "ＡＢ", "👍🏽"]


def _combinations() -> list[str]:
    out = []
    for index, (markup, control) in enumerate(product(_MARKUP_PIECES, _CONTROL_PIECES)):
        wide = _UNICODE_PIECES[index % len(_UNICODE_PIECES)]
        out.append(f"{markup}{control} {wide} {markup[::-1]}")
    return out


def hostile_strings() -> list[str]:
    """Every hostile string, each once, in a fixed order."""
    groups = [
        RICH,
        TEXTUAL,
        CSI,
        OSC,
        C1,
        C0,
        BIDI,
        INVISIBLE,
        COMBINING,
        WIDE,
        LONG,
        HUGE,
        BLANK,
        CARRIAGE,
        MARKDOWN,
        HTML,
        CSV,
        FORMAT,
        OTHER,
        _combinations(),
    ]
    seen: set[str] = set()
    out = []
    for group in groups:
        for text in group:
            assert "\x00" not in text
            if text not in seen:
                seen.add(text)
                out.append(text)
    return out


HOSTILE: tuple[str, ...] = tuple(hostile_strings())


def fits(text: str, cap: int) -> bool:
    """Whether a rubric field of at most `cap` characters accepts `text` (not blank)."""
    return bool(text.strip()) and len(text) <= cap


def file_name_safe(text: str) -> bool:
    """Whether `text` can be the stem of a file name on a POSIX file system."""
    return (
        bool(text.strip())
        and "/" not in text
        and text not in (".", "..")
        and len(text.encode("utf-8")) <= 200
    )


def _unicode(text: str) -> bytes:
    raw = text.encode()
    return b"\x8c" + len(raw).to_bytes(1, "little") + raw  # SHORT_BINUNICODE


def _global(module: str, qualname: str) -> bytes:
    return _unicode(module) + _unicode(qualname) + b"\x93"  # STACK_GLOBAL


def code_running_pickle(command: str) -> bytes:
    """A pickle that runs `command` in a shell while it is loaded, naming only classes of
    modules an allow-list of pmcoach's own modules would accept: the function and code
    types are reached through the attributes of a dataclass of `pmcoach.domain.model`, then a
    code object is built and called."""
    source = f"__import__('os').system({command!r})"
    code = compile(source, "<planted>", "exec")
    fields = (
        code.co_argcount,
        code.co_posonlyargcount,
        code.co_kwonlyargcount,
        code.co_nlocals,
        code.co_stacksize,
        code.co_flags,
        code.co_code,
        code.co_consts,
        code.co_names,
        code.co_varnames,
        code.co_filename,
        code.co_name,
        code.co_qualname,
        code.co_firstlineno,
        code.co_linetable,
        code.co_exceptiontable,
        code.co_freevars,
        code.co_cellvars,
    )
    import pickle

    args = pickle.dumps(fields, protocol=3)[2:-1]  # no PROTO, no STOP, no framing
    return (
        b"\x80\x04"
        + _global("pmcoach.domain.model", "Session.__init__.__class__")  # types.FunctionType
        + _global("pmcoach.domain.model", "Session.__init__.__code__.__class__")  # types.CodeType
        + args
        + b"R"  # the code object
        + b"}"  # an empty dict as its globals
        + b"\x86"  # (code, {})
        + b"R"  # the function
        + b")"
        + b"R"  # called
        + b"."
    )
