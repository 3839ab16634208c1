"""Text from files and plugins made safe to print: control characters are shown, never obeyed.

A framework title, a school's evidence, a file name found in a directory or a plugin's
problem message is written by someone else. Printed as it is, `ESC ] 52 ; c ; ... BEL` sets
the reader's clipboard, `ESC ] 8 ;; URL` plants a link, `ESC [ 2 J` clears the screen, the
8-bit `U+009B` does the same on terminals that honour C1 controls, a carriage return or a
newline forges an "ok" line, and a right-to-left override makes text read backwards. So
every piece of such text goes through `shown` before it reaches a terminal or a Markdown
file (SPEC section 7): each of those characters is replaced by the escape a Python string
would use for it (`\\x1b`, `\\x9b`, `\\u202e`), visible and harmless.

What is shown escaped (`unsafe`): the C0 controls except tab and newline, DEL, the C1
controls (U+0080-U+009F), the bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E,
U+2066-U+2069), the line and paragraph separators U+2028 and U+2029, lone surrogates
(a file name that is not UTF-8 decodes to them; printed, they are raw bytes again or an
encoding error), and the noncharacters (U+FDD0-U+FDEF, U+FFFE, U+FFFF, U+1FFFE ...). In
a one-line context (`newline=False`: file names, ids, titles, every
error line) tab and newline are escaped too, so a value cannot start a line of its own.

Plain printable text (`str.isprintable()`, any script) passes unchanged, and the result of
`shown` is returned as it is by `shown` again. Nothing is lost from what a person can read:
backslashes are not doubled, so the text `\\x1b` typed in a file reads the same as an
escaped ESC; a reader tells them apart with `--format json`.

A name (an id, a file name: `shown_name`) also has every invisible format character
(Unicode category Cf: the zero-width space U+200B, the word joiner U+2060, U+FEFF, the soft
hyphen U+00AD, the zero-width joiners U+200C and U+200D, tag characters, ...) shown escaped:
`1a1\u200b` prints like `1a1`, so two strands, schools or files could look the same, and a
name is there to tell one thing from another. So are the characters that print as a blank
or are ignored, and are none of those (`UNSEEN`: the Hangul fillers, the variation
selectors, the combining grapheme joiner, the Braille pattern blank). Other
text (titles, descriptors, evidence) keeps them, as Persian, Hindi, Thai and emoji
sequences need them to be written at all. On a page, `shown_html_name` is the same rule,
markup escaped (`shown_html` for text).

`shown_json` is the same rule for JSON text, without loss: the characters `json.dumps`
leaves raw (DEL, C1, bidirectional controls, separators, surrogates) become `\\uXXXX`
escapes, which decode to the very same string.

No pydantic, no click: the CLI imports this at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import Final

__all__ = [
    "BIDI_CONTROLS",
    "FORMAT_CLASS",
    "UNSEEN",
    "UNSEEN_CLASS",
    "encodable",
    "invisible_names",
    "names_quoted",
    "noncharacter",
    "quotes_shown",
    "shown",
    "shown_argument",
    "shown_html",
    "shown_html_name",
    "shown_json",
    "shown_line",
    "shown_name",
    "unsafe",
]

#: The bidirectional formatting characters (Unicode's Bidi_Control property).
BIDI_CONTROLS: Final = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

_ALWAYS: Final = (
    "\x00-\x08\x0b-\x1f"  # C0 but tab and newline
    "\x7f-\x9f"  # DEL and C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional controls
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff"  # lone surrogates
)
#: Unicode's 66 noncharacters (U+FDD0-U+FDEF, and the last two code points of each plane:
#: U+FFFE, U+FFFF, U+1FFFE ... U+10FFFF): no text, drawn as nothing or as a box, U+FFFE a
#: byte order mark read backwards, two of them refused by XML (a page's inline SVG): shown
#: escaped wherever `_ALWAYS` is.
_NONCHARACTERS: Final = "\ufdd0-\ufdef" + "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)
)


def noncharacter(char: str) -> bool:
    """Whether `char` is one of `_NONCHARACTERS` (a "did you mean" names it so: Unicode
    gives it no name)."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


#: Unicode's format characters (category Cf) not in `_ALWAYS`, as of Unicode 15.1: the ones
#: a name shows escaped besides (`shown_name`), and a CSV cell skips looking for a formula
#: (`exporters.csv.neutralise`), as a class of a regular expression.
FORMAT_CLASS: Final = (
    "\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200d"
    "\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)


#: Characters that print as nothing, or as a blank, and are no format character (first and
#: last of each range): Unicode's Default_Ignorable_Code_Point but its Cf characters, as
#: DerivedCoreProperties.txt lists them in Unicode 15.1 (the same since 14.0, this Python's):
#: the Hangul fillers (letters), the combining grapheme joiner, the Khmer inherent vowels,
#: the Mongolian free variation selectors and the variation selectors (marks), and the code
#: points kept unassigned for more of them; and the Braille pattern blank U+2800 (a symbol,
#: not ignorable, drawn blank). A name made of them shows as nothing, and `1a1` with one
#: after it as `1a1`: a name shows them escaped as it does the format characters, and they
#: are invisible to what tells ids alike (`_lookalikes`, `cohort.look_alike_schools`). Text
#: keeps them: an emoji is drawn in colour by U+FE0F after it.
UNSEEN: Final = (
    (0x034F, 0x034F),  # COMBINING GRAPHEME JOINER (Mn)
    (0x115F, 0x1160),  # HANGUL CHOSEONG FILLER, HANGUL JUNGSEONG FILLER (Lo)
    (0x17B4, 0x17B5),  # KHMER VOWEL INHERENT AQ, AA (Mn)
    (0x180B, 0x180D),  # MONGOLIAN FREE VARIATION SELECTOR ONE to THREE (Mn)
    (0x180F, 0x180F),  # MONGOLIAN FREE VARIATION SELECTOR FOUR (Mn)
    (0x2065, 0x2065),  # unassigned (Cn)
    (0x2800, 0x2800),  # BRAILLE PATTERN BLANK (So): not in the property
    (0x3164, 0x3164),  # HANGUL FILLER (Lo)
    (0xFE00, 0xFE0F),  # VARIATION SELECTOR-1 to 16 (Mn)
    (0xFFA0, 0xFFA0),  # HALFWIDTH HANGUL FILLER (Lo)
    (0xFFF0, 0xFFF8),  # unassigned (Cn)
    (0xE0000, 0xE0000),  # unassigned (Cn)
    (0xE0002, 0xE001F),  # unassigned (Cn)
    (0xE0080, 0xE00FF),  # unassigned (Cn)
    (0xE0100, 0xE01EF),  # VARIATION SELECTOR-17 to 256 (Mn)
    (0xE01F0, 0xE0FFF),  # unassigned (Cn)
)
#: `UNSEEN` as the ranges of a class of a regular expression (`[...]`).
UNSEEN_CLASS: Final = "".join(f"{chr(first)}-{chr(last)}" for first, last in UNSEEN)


@cache
def _name_pattern() -> re.Pattern[str]:
    """What `shown_name` escapes: what one-line text does, the format characters and the
    `UNSEEN`."""
    return re.compile(f"[\t\n{_ALWAYS}{_NONCHARACTERS}{FORMAT_CLASS}{UNSEEN_CLASS}]")


@cache
def _pattern(newline: bool) -> re.Pattern[str]:
    """What `shown` escapes, keeping newlines and tabs (`newline`) or not. Compiled on first
    use: each class of ranges up to the surrogates takes a few million instructions to
    compile, and a command may never escape anything (`report` writing JSON Lines)."""
    shown = f"{_ALWAYS}{_NONCHARACTERS}"
    return re.compile(f"[{shown}]" if newline else f"[\t\n{shown}]")


def unsafe(char: str) -> bool:
    """Whether `shown` escapes the character `char` in every context (tab and newline are
    escaped only in one-line text)."""
    return _pattern(True).fullmatch(char) is not None


_NAMED: Final = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    # Beyond the first plane (a name's tag characters) Python's own escape, eight digits.
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown(text: object, *, newline: bool = True) -> str:
    """`text` with its control characters shown escaped, safe to print to a terminal.

    With `newline=False` (a file name, an id, a title, an error line) tab and newline are
    escaped too, so the text stays on the one line it is printed on. Returns `text` itself
    when nothing needs escaping; anything but a string is turned into one first.
    """
    value = text if isinstance(text, str) else str(text)
    # Everything `_pattern` finds is unprintable (Cc, Cf, Zl, Zp, Cs, Cn), as in
    # `shown_json`: printable text is returned without compiling the pattern at all.
    if value.isprintable() or (newline and _printable_lines(value)):
        return value
    pattern = _pattern(newline)
    if pattern.search(value) is None:
        return value
    return pattern.sub(_escape, value)


def shown_name(text: object) -> str:
    """A name (an id, a file name) as `shown(text, newline=False)` shows it, with its
    invisible format characters (category Cf) shown escaped too: `a\\u200bb`, never `ab`,
    so that no two names look the same and differ. Titles and other text keep those
    characters (`shown`): scripts and emoji need them."""
    value = text if isinstance(text, str) else str(text)
    # The class's only ASCII members are controls: a printable ASCII name (most of them)
    # is returned without compiling it (about 6 million instructions, in every command).
    if value.isascii() and value.isprintable():
        return value
    pattern = _name_pattern()
    if pattern.search(value) is None:
        return value
    return pattern.sub(_escape, value)


def shown_argument(text: str) -> str:
    """`text` as one word of a command line a person is told to run, to copy into a POSIX
    shell as it is shown: quoted where the shell would split it or read anything in it
    (`my draft.yaml`, `$(id)`, `it's`), and a path starting with `-` written `./-...` so
    that it is not taken for an option.

    A word holding what a name shows escaped (`shown_name`: a byte that is not UTF-8, a
    control character, a zero-width space) is written in dollar-single quotes (`$'...'`,
    POSIX.1-2024, bash, zsh, ksh) with each such character as the `\\xHH` escapes of its
    bytes: nothing in it acts on the terminal, and the shell reads back the very bytes of
    the name. Before round 69 the name was shown escaped inside plain quotes, `'d\\udcff.yaml'`,
    which the shell read as another file."""
    import shlex  # only where a command is suggested: not at every start-up

    word = f"./{text}" if text.startswith("-") else text
    unsafe_name = _name_pattern()
    if unsafe_name.search(word) is None:
        return shlex.quote(word)
    out: list[str] = []
    escaped = False  # the last character was written as escapes of its bytes
    for char in word:
        if unsafe_name.fullmatch(char) or (escaped and char in _HEX_DIGITS):
            # A hex digit after `\xHH` is escaped too: POSIX leaves a third digit unspecified.
            out += (f"\\x{byte:02x}" for byte in _bytes(char))
            escaped = True
        else:
            out.append(f"\\{char}" if char in "\\'" else char)
            escaped = False
    return "$'" + "".join(out) + "'"


_HEX_DIGITS: Final = frozenset("0123456789abcdefABCDEF")


def _bytes(char: str) -> bytes:
    """The bytes a file name's character stands for: a lone surrogate U+DC80-U+DCFF (a
    byte that is not UTF-8, as Python reads names on Linux) that byte; any other character,
    another lone surrogate included (no name holds one), its UTF-8."""
    try:
        return char.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return char.encode("utf-8", "surrogatepass")


@lru_cache(maxsize=64)
def invisible_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """Those of `names` holding an invisible format character (category Cf) or one of
    `UNSEEN`, which a sentence quoting them must show escaped (`names_quoted`): none, almost
    always. Cached: a framework's ids are asked for at every school's report."""
    pattern = re.compile(f"[{FORMAT_CLASS}{UNSEEN_CLASS}]")
    return tuple(name for name in names if pattern.search(name))


def names_quoted(
    text: object,
    names: Iterable[str],
    as_text: Callable[[object], str] = shown,
    as_name: Callable[[object], str] = shown_name,
) -> str:
    """`text` (a sentence the engine or a plugin wrote: an award's requirement, a next
    step's title, a rule's reason) as `as_text` shows it, with each of `names` it quotes
    shown as `as_name` shows a name: `1a1\\u200b is at level 1`, never `1a1 is ...`, so two
    ids read apart wherever they are quoted. The rest of the text keeps its characters (a
    strand's title quoted beside the id needs its joiners). Only names holding an invisible
    format character are looked for (`invisible_names`); JSON keeps the sentence as it is."""
    value = as_text(text)
    for name in names:
        value = value.replace(as_text(name), as_name(name))
    return value


def shown_line(text: object) -> str:
    """`text` on one line, as `shown(text, newline=False)` shows it (an error's line)."""
    return shown(text, newline=False)


@cache
def _quoted() -> re.Pattern[str]:
    return re.compile(r"`([^`\n]+)`")


def quotes_shown(
    text: object,
    as_text: Callable[[object], str] = shown,
    as_name: Callable[[object], str] = shown_name,
) -> str:
    """`text` (a plugin's message: prose, which keeps its joiners) as `as_text` shows it,
    with each span it quotes in backticks (an id, a key, a file name, as messages quote
    them) shown as `as_name` shows a name (`names_quoted`): `1a1\\u200b`, never a `1a1`
    that reads as another strand's id."""
    value = str(text)
    quoted = tuple(_quoted().findall(value)) if "`" in value else ()
    return names_quoted(value, invisible_names(quoted) if quoted else (), as_text, as_name)


def encodable(text: str) -> str:
    """`text` as UTF-8 can hold it, for a file name written into a document: each lone
    surrogate (a byte of the name that is not UTF-8, as Python reads names on Linux) as
    its escape, `\\udcff`, the way `shown` prints it; any other text unchanged."""
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def shown_html(text: object) -> str:
    """Text for HTML, in an element or an attribute: markup escaped, control characters
    shown (`shown`), since the page may be printed to a terminal too.

    `html` is imported here, when a page is first made: at module level it would bring its
    table of entities (a few ms) to every command's start-up, and only the pages escape."""
    from html import escape

    return escape(shown(text), quote=True)


def shown_html_name(text: object) -> str:
    """A name (an id, a file name, a group) for HTML: escaped as `shown_html` escapes text,
    with its invisible format characters shown as `shown_name` shows them (`1a1\\u200b`,
    the same text a terminal shows), so that two names never look the same on the page.
    Titles and other text on the page keep those characters (`shown_html`)."""
    from html import escape

    return escape(shown_name(text), quote=True)


def _json_escape(match: re.Match[str]) -> str:
    """The `\\uXXXX` JSON writes for a character: beyond the first plane (a noncharacter,
    U+1FFFE), its two surrogates, as `json.dumps` escapes one."""
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def shown_json(text: str) -> str:
    """JSON text (as `json.dumps` or pydantic write it) with no control character left raw.

    JSON escapes C0 controls itself; the others can only stand inside strings, where a
    `\\uXXXX` escape decodes to the same character: the document means exactly what it did.
    """
    # Every character `_pattern(True)` finds is unprintable (Cc, Cf, Zl, Zp, Cs, Cn): text that is
    # all printable on its lines has none, and is checked quickly.
    if text.isprintable() or _printable_lines(text):
        return text
    pattern = _pattern(True)
    if pattern.search(text) is None:
        return text
    return pattern.sub(_json_escape, text)


def _printable_lines(text: str) -> bool:
    """Whether `text` holds nothing but printable characters, tabs and newlines."""
    return text.replace("\n", "").replace("\t", "").isprintable()
