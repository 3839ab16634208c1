"""A number from a file as the file writes it, for the messages that name it.

YAML reads `0o12`, `0x0A` and `+10` as 10 and JSON `1e1` as 10.0: a message that names the
number as read (`level 10 is outside the scale`) names text the reader does not find in the
file. The spelling is taken from the text at the number's place, and only when it reads as
the number (at an ancestor's place, where a value has none of its own, it is not found).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..errors import PathPart, cut
from .positions import line_starts
from .source import Source

__all__ = ["number_written", "with_keys_written", "with_number_written"]


@cache
def _token() -> re.Pattern[str]:
    """How YAML and JSON write a number: signs, digits, a point, `0x`, `0o`, an exponent,
    `.inf`, `.nan`, `Infinity` (and neighbours the check of `_reads_as` refuses)."""
    return re.compile(r"[-+.0-9A-Za-z_]+")


def _offset(source: Source, path: tuple[PathPart, ...], *, key: bool) -> int | None:
    """Where the value at `path` (its key, `key`) starts in `source`'s text, if placed."""
    position = source.locate(path, key=key)
    if position is None:
        return None
    line, column = position
    starts = line_starts(source.text, source.breaks)  # as the reader placed the value
    return starts[line - 1] + column - 1 if line <= len(starts) else len(source.text)


def number_written(
    source: Source, path: tuple[PathPart, ...], value: Any, *, key: bool
) -> str | None:
    """The number `value` as `source` spells it at `path` (its key, `key`), if found there."""
    at = _offset(source, path, key=key)
    if at is None:
        return None
    token = _token().match(source.text, at)
    if token is not None and _reads_as(token.group(), value):
        return token.group()
    return None


def with_number_written(
    source: Source, path: tuple[PathPart, ...], message: str, number: Any, *, key: bool
) -> str:
    """`message`, which names the number `number` (the value or key at `path`) first as
    read (`str(number)`), naming it as the file writes it there instead. No number (None):
    `message` as it is, and no place looked for."""
    if number is None:
        return message
    written = number_written(source, path, number, key=key)
    return message.replace(str(number), cut(str(number) if written is None else written), 1)


def with_keys_written(source: Source, message: str, keys: tuple[tuple[PathPart, ...], ...]) -> str:
    """`message`, which names the key at the end of each path of `keys` in backticks as read,
    in that order (`` `1` ``, a text key in double quotes: `` `"1"` ``), naming each as the
    file writes it: a number key as spelt (YAML's `0o1:`, `` `0o1` ``), a text key in the
    file's single quotes where it has them (`` `'1'` ``). A key not found spelt at its
    place, as read."""
    at = 0
    for path in keys:
        key = path[-1]
        if type(key) is int:
            named = f"`{key}`"
            written = number_written(source, path, key, key=True)
            spelled = named if written is None else f"`{written}`"
        elif type(key) is str:
            named = f'`"{key}"`'
            spelled = f"`'{key}'`" if _single_quoted(source, path, key) else named
        else:
            continue
        at = message.index(named, at)
        message = message[:at] + spelled + message[at + len(named) :]
        at += len(spelled)
    return message


def _single_quoted(source: Source, path: tuple[PathPart, ...], key: str) -> bool:
    """Whether the text key `key` at `path` is written `'key'` there (YAML's single quotes)."""
    at = _offset(source, path, key=True)
    return at is not None and source.text.startswith(f"'{key}'", at)


def _reads_as(token: str, value: Any) -> bool:
    """Whether `token` is a spelling of the number `value` (so it is the value, not a
    neighbour found at an ancestor's place). A value that is not a number is spelt by no
    token that reads as a number (`true` is no number)."""
    digits = token.lstrip("+-")
    base = {"0x": 16, "0o": 8}.get(digits[:2].lower())
    try:
        if base:
            number: float = int(digits[2:], base)
        elif digits.isascii() and digits.isdigit():  # 400 digits: no float (inf, as 399 nines)
            number = int(digits)
        else:
            number = float(digits.lower().replace(".inf", "inf").replace(".nan", "nan"))
    except ValueError:
        return False
    if number != number:  # YAML's `.nan`, read as a NaN, which equals nothing
        return isinstance(value, float) and value != value
    return bool((-number if token.startswith("-") else number) == value)
