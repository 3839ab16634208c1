"""Where in a configuration file's text (`config`) a key, its value or an item of its list
is written, for a message at the mistake's line and column: `tomllib` reads values without
their places. The keys are looked for as written (quoted, dotted, escaped), never in a
comment or a multi-line string, and the value is read as far as telling a list's items
apart (`_TOKEN`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Final

__all__ = [
    "TABLE",
    "TOOL",
    "header_position",
    "key_position",
    "table_span",
    "toml_position",
    "tool_settings_position",
    "value_position",
]

#: `[tool.selfreview]`, the table `pyproject.toml` holds the settings in.
TABLE: Final = re.compile(r"(?m)^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*selfreview[ \t]*\]")
#: `[tool]`, the table a `pyproject.toml` may write `selfreview = ...` in.
TOOL: Final = re.compile(r"""(?m)^[ \t]*\[[ \t]*(?:tool|"tool"|'tool')[ \t]*\][ \t]*(?:#.*)?$""")
#: A table's header (`[name]`, `[[name]]`), alone on its line but for a comment.
_HEADER: Final = re.compile(r"(?m)^[ \t]*\[[^\]\n]*\]\]?[ \t]*(?:#.*)?$")


def table_span(text: str, in_pyproject: bool) -> tuple[int, int]:
    """Where the settings' keys are written in `text`: `[tool.selfreview]`'s lines in a
    `pyproject.toml` (another tool's table may have a `disable` of its own), the lines
    before the first table in `selfreview.toml`."""
    return _lines_after(next(_outside_strings(TABLE, text), None) if in_pyproject else None, text)


def _lines_after(header: re.Match[str] | None, text: str) -> tuple[int, int]:
    """Where the lines of the table `header` opens are in `text` (the lines before the
    first table, for None): up to the next header, or the end."""
    start = 0 if header is None else header.end()
    after = next(_outside_strings(_HEADER, text, start), None)
    return start, len(text) if after is None else after.start()


def tool_settings_position(text: str) -> tuple[int | None, int | None]:
    """Where `tool.selfreview` is written when it is no table: `selfreview = ...` among
    `[tool]`'s lines, else `tool.selfreview = ...` or `tool = {...}` before the first table.
    Another tool's `selfreview` key (`[tool.black]`) is not it, nor a project script's."""
    tool = next(_outside_strings(TOOL, text), None)
    if tool is not None:
        span = _lines_after(tool, text)
        line, column = value_position(text, "selfreview", span, None) or key_position(
            text, "selfreview", *span
        )
        if line is not None:
            return line, column
    top = _lines_after(None, text)
    return value_position(text, "tool", top, None) or key_position(text, "tool", *top)


@lru_cache(maxsize=2)
def _strings(text: str) -> tuple[tuple[int, int], ...]:
    """Where the multi-line strings of `text` are (`_TOKEN`), if it holds any: a line of
    one may read as a key or a table's header, and is neither."""
    if '"""' not in text and "'''" not in text:
        return ()
    return tuple(t.span() for t in _TOKEN.finditer(text) if t[0].startswith(('"""', "'''")))


def _outside_strings(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """The matches of `pattern` between `start` and `end` of `text` that are no line of a
    multi-line string (`_strings`): a key written in one was taken for the real one."""
    spans = _strings(text)
    for found in pattern.finditer(text, start, len(text) if end is None else end):
        if not any(first < found.start() < last for first, last in spans):
            yield found


def key_position(text: str, key: str, start: int, end: int) -> tuple[int | None, int | None]:
    """Where `key` is written (as `key =`, or `key.part =` of a dotted key) between `start`
    and `end`, 1-based, or (None, None)."""
    found = _key_written(text, key, start, end)
    if found is None:
        return None, None
    return _place(text, found.start() + len(found.group(1)))


def _key_written(text: str, key: str, start: int, end: int) -> re.Match[str] | None:
    """`key =` (or `key.` of a dotted key) as written between `start` and `end`, the
    white space before it its first group."""
    written = re.escape(key)
    pattern = re.compile(rf"""(?m)^([ \t]*)(?:"{written}"|'{written}'|{written})[ \t]*[=.]""")
    found = next(_outside_strings(pattern, text, start, end), None)
    if found is None:  # written with escapes (`"x\ny"`, `"\u202eevil"`): each such key read
        spelt = _outside_strings(_QUOTED_KEY, text, start, end)
        found = next((m for m in spelt if _read_key(m[2]) == key), None)
    return found


def _place(text: str, offset: int) -> tuple[int, int]:
    """The line and column (1-based) of the character at `offset` in `text`."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


#: A TOML value's parts, as far as telling a list's items apart: a string of each kind
#: (multi-line first), a comment, a bracket, a brace or a comma, white space, and anything
#: else up to one of those (a number, `true`, a date).
_TOKEN: Final = re.compile(
    r'''"""(?:[^\\]|\\.)*?"""(?!")|\'\'\'.*?\'\'\'(?!\')|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|'''
    r"""#[^\n]*|[\[\]{},]|\s+|[^\s\[\]{},#"']+""",
    re.DOTALL,
)


def value_position(
    text: str, key: str, span: tuple[int, int], item: int | None
) -> tuple[int, int] | None:
    """Where the value of `key` (written between `span`'s ends), or the `item`th item of
    its list, is written, 1-based: the mistake, not its key's line (tomllib places syntax
    errors alone). None for a key of keys (`policy.x = 1`) or a table (`[policy]`)."""
    found = _key_written(text, key, *span)
    if found is None or not found[0].endswith("="):
        return None
    depth, count, fresh = 0, -1, False
    for token in _TOKEN.finditer(text, found.end()):
        word = token[0]
        if word.isspace() or word.startswith("#"):
            continue
        if item is None:
            return _place(text, token.start())
        if depth == 1 and fresh and word != "]":
            count += 1
            if count == item:
                return _place(text, token.start())
        fresh = word == "[" if depth == 0 else depth == 1 and word == ","
        depth += (word in "[{") - (word in "]}")
        if depth == 0:
            break
    return None


#: A key in double quotes at the start of its line, escapes and all.
_QUOTED_KEY: Final = re.compile(r"""(?m)^([ \t]*)("(?:[^"\\\n]|\\.)*")[ \t]*=""")


def _read_key(written: str) -> str | None:
    """The key a quoted TOML key (`"x\\ny"`) is, or None where TOML refuses it."""
    import tomllib

    try:
        return next(iter(tomllib.loads(f"{written} = 0")))
    except tomllib.TOMLDecodeError:
        return None


def header_position(text: str, key: str, in_pyproject: bool) -> tuple[int | None, int | None]:
    """Where the table header that writes `key` is (`[policy]`, `[[policy]]`, `[b.c]`; in a
    `pyproject.toml`, `[tool.selfreview.policy]`), 1-based, or (None, None)."""
    written = re.escape(key)
    table = r"""(?:tool|"tool"|'tool')[ \t]*\.[ \t]*(?:selfreview|"selfreview"|'selfreview')"""
    prefix = rf"{table}[ \t]*\.[ \t]*" if in_pyproject else ""
    pattern = (
        rf"""(?m)^([ \t]*)\[\[?[ \t]*{prefix}(?:"{written}"|'{written}'|{written})[ \t]*[.\]]"""
    )
    found = next(_outside_strings(re.compile(pattern), text), None)
    if found is None:
        return None, None
    return text.count("\n", 0, found.start()) + 1, len(found.group(1)) + 1


def toml_position(message: str, text: str) -> tuple[int | None, int | None]:
    """The place `tomllib`'s message names: a line and column, or else "at end of document"
    (its only other place), which is after the last character of the text (before its
    final line end), where the text stops short."""
    found = re.search(r"at line (\d+), column (\d+)", message)
    if found:
        return int(found.group(1)), int(found.group(2))
    content = text.removesuffix("\n")
    return content.count("\n") + 1, len(content) - content.rfind("\n")
