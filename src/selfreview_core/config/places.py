"""Where in a configuration file's text (`settings`) a key, its value or an item of its list
is written, for a message at the mistake's line and column: `tomllib` reads values without
their places. Each key is found by its whole path (`tool`, `selfreview`, `policy`) however
TOML lets it be written (`_Paths`: under a header, quoted, escaped, dotted, in an inline
table), never in a comment or a multi-line string, and the value is read as far as telling
a list's items apart (`_TOKEN`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Final

__all__ = [
    "NESTING",
    "STRAY",
    "declared_place",
    "key_place",
    "long_number_place",
    "marked_key",
    "nested_place",
    "settings_header",
    "toml_position",
    "tool_header",
    "tool_settings_position",
    "value_place",
    "value_written",
]

#: `[tool.selfreview]`, the table `pyproject.toml` holds the settings in, `BLANK` standing
#: for the blanks around its words. A byte-order mark is none of them: `settings` looks for
#: the table past any (a file saved with two, `[tool.\ufeffselfreview]`, round 73 to 75),
#: and TOML then refuses the mark at its place, where before the file was passed by as
#: another tool's, the defaults applied.
_TABLE: Final = r"(?m)^BLANK*\[BLANK*toolBLANK*\.BLANK*selfreviewBLANK*\]"
#: `[tool]`, the table a `pyproject.toml` may write `selfreview = ...` in.
_TOOL: Final = r"""(?m)^BLANK*\[BLANK*(?:tool|"tool"|'tool')BLANK*\]BLANK*(?:#.*)?$"""


@cache
def _pattern(written: str) -> re.Pattern[str]:
    """`written` with its blanks spaces and tabs, compiled when first used (a folder with a
    `pyproject.toml` to look in, a key to place), not at every command's start-up: these
    patterns are this module's only ones, a few of them, each compiled once."""
    return re.compile(written.replace("BLANK", "[ \t]"))


def tool_header(text: str) -> re.Match[str] | None:
    """The first `[tool]` header of `text` (see `_TOOL`; byte-order marks taken out), if any."""
    return _pattern(_TOOL).search(text)


def settings_header(text: str) -> bool:
    """Whether `text` (byte-order marks taken out) has a `[tool.selfreview]` header, not on a
    line of a multi-line string (another tool's text quoting one is no table of ours)."""
    return next(_outside_strings(_pattern(_TABLE), text), None) is not None


def tool_settings_position(text: str) -> tuple[int | None, int | None]:
    """Where `tool.selfreview` is written when it is no table: its value (`[tool]` then
    `selfreview = 3`, `tool.selfreview = 3`, `tool = {selfreview = 3}`), or the header of
    `[[tool.selfreview]]`. Another tool's `selfreview` key (`[tool.black]`) is not it, nor a
    project script's."""
    return value_place(text, ("tool", "selfreview")) or key_place(text, ("tool", "selfreview"))


@lru_cache(maxsize=2)
def _strings(text: str) -> tuple[tuple[int, int], ...]:
    """Where the multi-line strings of `text` are (`_TOKEN`), if it holds any: a line of
    one may read as a table's header, and is none."""
    if '"""' not in text and "'''" not in text:
        return ()
    return tuple(
        t.span() for t in _pattern(_TOKEN).finditer(text) if t[0].startswith(('"""', "'''"))
    )


def _outside_strings(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in `text` that are no line of a multi-line string
    (`_strings`): a header written in one was taken for the real one."""
    spans = _strings(text)
    for found in pattern.finditer(text):
        if not any(first < found.start() < last for first, last in spans):
            yield found


def marked_key(text: str) -> str:
    """`tomllib`'s words, placed, for the settings' key that a byte-order mark made another
    (`["tool\ufeff".selfreview]`: TOML reads the mark in quotes; `settings` looks past it)."""
    at = text.find("\ufeff")
    if at < 0:  # none: the file changed between its search and its reading
        return "no `tool.selfreview` table: the file changed as it was read (at line 1, column 1)"
    return "a byte-order mark in a key (at line {}, column {})".format(*_place(text, at))


def _place(text: str, offset: int) -> tuple[int, int]:
    """The line and column (1-based) of the character at `offset` in `text`."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


#: How deep lists and tables may be nested in a configuration file that `tomllib` cannot
#: read for Python's recursion (some 300 to 500 deep, as deep as the stack allows): no
#: setting is more than a list deep, and the mistake is placed where it passes this.
NESTING: Final = 100


#: The pieces `_Paths` reads keys from: a string of each kind (multi-line first), a comment
#: or white space (its second group, passed by), a line end, one of `.=[]{},`, or anything
#: else up to one of those (a bare key, a number, `true`, a date).
_PIECE: Final = (
    r'''(?s)("""(?:[^\\]|\\.)*?"""(?!")|\'\'\'.*?\'\'\'(?!\')|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')'''
    r"""|(#[^\n]*|[^\S\n]+)|\n|[.=\[\]{},]|[^\s.=\[\]{},#"']+"""
)
#: The pieces that end a key, or a value that is no list or table.
_ENDS: Final = frozenset(".=[]{},\n")


class _Paths:
    """Where each key of a TOML text is written, by its whole path: `keys` the key (a
    table's header, for a key only a header writes: `[policy]`, `[b.c]`'s `b`), `values`
    the first piece of its value. `tomllib` has read the text already: nothing here checks
    it, and a piece it cannot place is passed by. `said` notes where each statement (a
    header, a `key = value` pair, one inside an inline table) starts and ends, for
    `declared_place`."""

    def __init__(self, text: str) -> None:
        self.pieces = [
            (m[0], m.start()) for m in _pattern(_PIECE).finditer(text) if m.lastindex != 2
        ]
        self.end = len(text)
        self.at = 0
        self.keys: dict[tuple[str, ...], int] = {}
        self.values: dict[tuple[str, ...], int] = {}
        self.said: list[tuple[int, int]] = []
        table: tuple[str, ...] = ()
        while self.at < len(self.pieces):
            word, start = self.pieces[self.at]
            if word == "[":  # `[a.b]` or `[[a.b]]`: at its bracket, each key it opens
                self.at += 1
                if self._here()[0] == "[":
                    self.at += 1
                table = self._key((), start)
                self.said.append((start, self._here()[1]))  # up to its (first) `]`
            elif word != "\n":
                self._pair(table)
            while (word := self._here()[0]) and word != "\n":
                self.at += 1
            self.at += 1

    def _here(self) -> tuple[str, int]:
        """The piece to read next, or an empty one at the text's end."""
        return self.pieces[self.at] if self.at < len(self.pieces) else ("", self.end)

    def _key(self, table: tuple[str, ...], header: int | None = None) -> tuple[str, ...]:
        """The path of the (dotted) key at the pieces read next, under `table`, each part's
        place noted (or the header's, at `header`)."""
        path = table
        while (word := self._here())[0] and word[0] not in _ENDS:
            path = (*path, _named(word[0]))
            self.keys.setdefault(path, word[1] if header is None else header)
            self.at += 1
            if self._here()[0] != ".":
                break
            self.at += 1
        return path

    def _pair(self, table: tuple[str, ...], depth: int = 0) -> None:
        """`key = value` at the pieces read next, under `table`, inside `depth` inline
        tables: past `NESTING` (no TOML `tomllib` reads) the keys of one are passed by, not
        read at a frame of Python's stack each."""
        first = self._here()[1]
        path = self._key(table)
        if self._here()[0] != "=":
            return
        self.at += 1
        word, start = self._here()
        self.values.setdefault(path, start)
        self.at += 1
        if word == "{" and depth < NESTING:
            while (word := self._here()[0]) and word != "}":
                before = self.at
                if word not in (",", "\n"):
                    self._pair(path, depth + 1)
                self.at = max(self.at, before + 1)
            self.at += 1
        elif word in ("[", "{"):
            inside = 1
            while inside and (word := self._here()[0]):
                inside += (word in ("[", "{")) - (word in ("]", "}"))
                self.at += 1
        else:  # a number written `1.5` or a date `1979-05-27 07:32:00` is a few pieces
            while (word := self._here()[0]) and word not in (",", "}", "]", "\n"):
                self.at += 1
        last, at = self.pieces[min(self.at, len(self.pieces)) - 1]  # a text cut short too
        self.said.append((first, at + len(last)))


@lru_cache(maxsize=2)
def _paths(text: str) -> _Paths:
    return _Paths(text)


def _named(written: str) -> str:
    """The key a bare or quoted key as written is (`"x\\ny"`: `x`, a line end, `y`)."""
    if written.startswith("'"):
        return written[1:-1]
    if written.startswith('"'):
        import tomllib

        try:
            return next(iter(tomllib.loads(f"{written} = 0")))
        except tomllib.TOMLDecodeError:  # not a key TOML reads: no key of the settings
            return written
    return written


def key_place(text: str, path: tuple[str, ...]) -> tuple[int | None, int | None]:
    """Where the key at `path` (`("tool", "selfreview", "policy")`) is written, 1-based:
    at its name (`policy.x = 1`'s `policy`), or at the header that opens it (`[policy]`),
    or (None, None)."""
    offset = _paths(text).keys.get(path)
    return (None, None) if offset is None else _place(text, offset)


def declared_place(text: str, line: int, column: int) -> tuple[int, int] | None:
    """Where the statement `tomllib` refuses at `line` and `column` (1-based: just after
    it) begins: the key (or the header) declared again ("Cannot overwrite a value",
    "Duplicate inline table key"), which `tomllib` places after its value, on another line
    for a multi-line one. None if no statement ends there. The statement that ends last
    there, not the one begun last: before round 71 a key given again with an inline table
    (`a = {c = 2}`) was placed at the first key inside it (`c`)."""
    starts = [0, *(n + 1 for n, c in enumerate(text) if c == "\n")]
    if not 0 < line <= len(starts):
        return None
    after = starts[line - 1] + column - 1
    ended = [(last, first) for first, last in _paths(text).said if first < after and last <= after]
    return _place(text, max(ended)[1]) if ended else None


#: A TOML value's parts, as far as telling a list's items apart: a string of each kind
#: (multi-line first), a comment, a bracket, a brace or a comma, white space, and anything
#: else up to one of those (a number, `true`, a date).
_TOKEN: Final = (
    r'''(?s)"""(?:[^\\]|\\.)*?"""(?!")|\'\'\'.*?\'\'\'(?!\')|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|'''
    r"""#[^\n]*|[\[\]{},]|\s+|[^\s\[\]{},#"']+"""
)


def value_place(
    text: str, path: tuple[str, ...], item: int | None = None
) -> tuple[int, int] | None:
    """Where the value of the key at `path`, or the `item`th item of its list, is written,
    1-based: the mistake, not its key's line (tomllib places syntax errors alone). None for
    a key of keys (`policy.x = 1`) or a table (`[policy]`)."""
    offset = _value_offset(text, path, item)
    return None if offset is None else _place(text, offset)


def _value_offset(text: str, path: tuple[str, ...], item: int | None) -> int | None:
    """Where (`value_place`) the value or the item is, as an offset in `text`."""
    start = _paths(text).values.get(path)
    if start is None:
        return None
    depth, count, fresh = 0, -1, False
    for token in _pattern(_TOKEN).finditer(text, start):
        word = token[0]
        if word.isspace() or word.startswith("#"):
            continue
        if item is None:
            return token.start()
        if depth == 1 and fresh and word != "]":
            count += 1
            if count == item:
                return token.start()
        fresh = word == "[" if depth == 0 else depth == 1 and word == ","
        depth += (word in "[{") - (word in "]}")
        if depth == 0:
            break
    return None


def nested_place(text: str) -> tuple[int, int] | None:
    """Where `text` opens a list or an inline table (or a header's bracket) inside
    `NESTING` others, 1-based, strings and comments passed by; None if it never does."""
    depth = 0
    for token in _pattern(_TOKEN).finditer(text):
        word = token[0]
        if word in ("[", "{"):
            depth += 1
            if depth > NESTING:
                return _place(text, token.start())
        elif word in ("]", "}"):
            depth -= 1
    return None


#: A whole number in decimal as TOML writes it (`+1_000`): Python reads one of more than
#: `sys.get_int_max_str_digits()` digits (4,300) as no number at all; in another base, any.
_DECIMAL: Final = r"[+-]?[0-9][0-9_]*"


def long_number_place(text: str) -> tuple[int, int] | None:
    """Where `text` writes its first whole number of more digits than Python reads, 1-based
    (`tomllib` stops at it with Python's `ValueError`), strings and comments passed by;
    None if it writes none."""
    import sys

    limit = sys.get_int_max_str_digits()
    for word, start in _values(text):
        if _pattern(_DECIMAL).fullmatch(word) and len(word) - word.count("_") > limit:
            return _place(text, start)
    return None


def _values(text: str) -> Iterator[tuple[str, int]]:
    """The pieces of `text`'s values (`_TOKEN`'s: a number, a string, a bracket), each
    with its offset: not its keys, nor its headers. A key of digits (`1234 = 1`, `[1234]`)
    is text to TOML, however long: before round 70 one of 5,000 digits was taken for the
    number Python cannot read, and the mistake placed there, not at the number."""
    inside: list[str] = []  # the lists and inline tables open around the piece
    key = True  # the pieces are a key's (or a header's) until its `=`
    for token in _pattern(_TOKEN).finditer(text):
        word, start = token[0], token.start()
        if word.isspace() or word.startswith("#"):
            key = key or ("\n" in word and not inside)
            continue
        if key:
            if "=" not in word:
                continue
            key, cut = False, word.index("=") + 1
            word, start = word[cut:], start + cut  # `a=1`: its value, glued on
            if not word:
                continue
        if word in ("[", "{"):
            inside.append(word)
            key = word == "{"
        elif word in ("]", "}"):
            inside = inside[:-1]
        elif word == ",":
            key = bool(inside) and inside[-1] == "{"
        else:
            yield word, start


#: A number, a date or a time, `true` or `false`, as written: a date-time may have a blank
#: between its date and its time.
_SCALAR: Final = (
    r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)?"
    r"""|[^\s\[\]{},#"']+"""
)


def value_written(text: str, path: tuple[str, ...], item: int | None, value: object) -> str | None:
    """The number, date or time `value` (the value of the key at `path`, or the `item`th
    item of its list) as the file writes it (`1e3`, `0x1F`, `1979-05-27 07:32:00Z`), for a
    message to quote the user's own words, not Python's `1000.0`; None where it is not
    found written so (TOML reads what is there as another value)."""
    offset = _value_offset(text, path, item)
    found = None if offset is None else _pattern(_SCALAR).match(text, offset)
    if found is None:
        return None
    import tomllib

    try:
        read = tomllib.loads(f"v = {found[0]}")["v"]
    except tomllib.TOMLDecodeError:
        return None
    return found[0] if type(read) is type(value) and repr(read) == repr(value) else None


def toml_position(message: str, text: str) -> tuple[int | None, int | None]:
    """The place `tomllib`'s message names: a line and column, or else "at end of document"
    (its only other place), which is after the last character of the text (before its
    final line end), where the text stops short."""
    found = re.search(r"at line (\d+), column (\d+)", message)
    if found:
        return int(found.group(1)), int(found.group(2))
    content = text.removesuffix("\n")
    return content.count("\n") + 1, len(content) - content.rfind("\n")


#: A character `tomllib` stops at with a message that does not say what it is ("Invalid
#: statement"), and what is said of it, with a hint: a carriage return alone (round 70),
#: and a byte-order mark past the one at the start that is dropped (a file saved by two
#: editors that each add one: before round 73 "1:1: invalid TOML: Invalid statement").
STRAY: Final = {
    "\r": (
        "a carriage return (CR) alone, which ends no line in TOML (LF or CR LF do)",
        "save the file with LF or CR LF line ends",
    ),
    "\ufeff": (
        "a byte-order mark (U+FEFF) that is not the file's first character: TOML passes "
        "by only that one",
        "remove it: a file saved with two marks at its start has one too many",
    ),
}
