"""Each escaped surrogate in a YAML document, told at its own line and column.

A double-quoted YAML scalar may escape a character by its code point (`\\u00e9`,
`\\U0001F600`), but not half of a UTF-16 surrogate pair (`\\ud83d`), which is no character;
nor does YAML join two halves, as JSON does. libyaml refuses the stream at the first such
escape ("found invalid Unicode character escape code"), so until round 77 a file with
several was mended one at a time, and every other problem after the first was unseen.

Here the text is read again with each surrogate escape mended to a private-use character's
escape of the same length, so that every place stays where it was: each escape inside a
double-quoted scalar is told at its place and with its scalar's path (a pair as one, with
the `\\U` escape to write instead), at most `MOST_SURROGATES`, beside what else the reading
finds (a duplicate key, a later syntax error). The private-use characters are ones the text
does not hold, written or escaped, so what is told of a key names it as the file does; where
no such characters can be found, the first escape is told alone, as libyaml refused it.
An escape past where the reading stops (in a second document after `...`, which libyaml
scans before it refuses the document) is not told, as nothing past a fatal problem is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from typing import Any, Final

from ..errors import Diagnostic
from .limits import Limits
from .positions import Key, Tree, format_key, line_column
from .surrogates import MOST_SURROGATES, more_from_here

__all__ = ["Quoted", "escaped_surrogates"]

#: A double-quoted scalar the event reader met: where it starts and ends in the text (after
#: a byte order mark, as libyaml counts), its path, and whether it is a key.
Quoted = tuple[int, int, Key, bool]
#: The event reader (`yaml_events.read_events`), given where to put the quoted scalars.
Reader = Callable[[str, str, Limits, list[Quoted]], tuple[Tree, list[Diagnostic], bool]]

#: libyaml's words for an escape of no character: a surrogate, or past U+10FFFF.
_REFUSED: Final = "found invalid Unicode character escape code"
#: How far a surrogate's escape may be moved into the private-use area (U+E000..U+F7FF),
#: its digits as many: the first the text does not hold is taken.
_SHIFTS: Final = (0x800, 0x1000, 0x1800)


@cache
def _escape() -> re.Pattern[str]:
    """An escape of a surrogate, after an even number of backslashes (an odd one escapes
    the backslash before it): its text (group 1) and its four hex digits (group 2)."""
    return re.compile(r"(?<!\\)(?:\\\\)*(\\(?:u|U0000)([dD][89a-fA-F][0-9a-fA-F]{2}))")


@cache
def _any_escape() -> re.Pattern[str]:
    """Any escape of a code point up to U+FFFF, to find the characters the text escapes."""
    return re.compile(r"\\(?:u|U0000)([0-9a-fA-F]{4})")


def escaped_surrogates(
    text: str, file: str, error: Any, limits: Limits, read: Reader
) -> list[Diagnostic] | None:
    """The problems of `text`, which libyaml refused with `error` (a `MarkedYAMLError`) at
    an escaped surrogate: each such escape in a double-quoted scalar (`read` says which are
    in one), and what else `read` finds once they are mended. None where `error` is another
    or the text holds every private-use character the escapes could become."""
    mark = error.problem_mark
    if error.problem != _REFUSED or mark is None:
        return None
    body = text.removeprefix("\ufeff")  # libyaml's index counts from after it
    escapes = list(_escape().finditer(body))
    if not any(found.start(1) == mark.index - 2 for found in escapes):
        return None  # past U+10FFFF: libyaml's words say enough
    shift = _free_shift(body, escapes)
    if shift is None:
        return None
    bom = text[: len(text) - len(body)]
    quoted: list[Quoted] = []  # where the double-quoted scalars are, read with all mended
    _, stopped, whole = read(bom + "".join(_mended(body, escapes, shift)), file, limits, quoted)
    inside = _inside(escapes, quoted)
    # read again with only those mended: one in a plain scalar or a comment is text, and
    # what is told of such text (a duplicate key) says it as the file does; and those past
    # where the reading stopped, which it never reaches (a second document's after `...`:
    # libyaml scans it before it refuses the document, and would refuse its escape instead)
    beyond = [] if whole else _beyond(body, escapes, stopped[-1])
    mend = {found.start(1): found for found in [*(found for found, _ in inside), *beyond]}
    mended = "".join(_mended(body, [mend[at] for at in sorted(mend)], shift))
    _, problems, _ = read(bom + mended, file, limits, [])
    back = {chr(int(f.group(2), 16) + shift): f"\\u{f.group(2).lower()}" for f, _ in inside}
    table = str.maketrans(back)
    told = _told(body, file, inside, table)
    others = [
        Diagnostic(
            d.message.translate(table),
            d.file,
            d.line,
            d.column,
            d.path.translate(table),
            d.hint,
            d.code,
        )
        for d in problems
    ]
    return sorted(told + others, key=_in_order)


def _beyond(body: str, escapes: list[re.Match[str]], fatal: Diagnostic) -> list[re.Match[str]]:
    """The `escapes` at or after the place of `fatal`, the problem that stopped a reading:
    none of them is read, so none is told (a file's problems end at its first fatal one)."""
    if fatal.line is None or fatal.column is None:  # pragma: no cover - a syntax error's
        return []
    stop = (fatal.line, fatal.column)
    return [f for f in escapes if line_column(body, f.start(1), "yaml") >= stop]


def _free_shift(body: str, escapes: list[re.Match[str]]) -> int | None:
    """The first of `_SHIFTS` that moves no escaped surrogate onto a character `body`
    holds, written or escaped."""
    held = set(body) | {chr(int(found.group(1), 16)) for found in _any_escape().finditer(body)}
    for shift in _SHIFTS:
        if not any(chr(int(found.group(2), 16) + shift) in held for found in escapes):
            return shift
    return None


def _mended(body: str, escapes: list[re.Match[str]], shift: int) -> list[str]:
    """`body` in pieces, each surrogate escape's digits moved by `shift`."""
    pieces: list[str] = []
    at = 0
    for found in escapes:
        pieces += body[at : found.start(2)], f"{int(found.group(2), 16) + shift:04X}"
        at = found.end(2)
    return [*pieces, body[at:]]


def _inside(
    escapes: list[re.Match[str]], quoted: list[Quoted]
) -> list[tuple[re.Match[str], Quoted]]:
    """Each of `escapes` inside one of the `quoted` scalars, with it (both in text order)."""
    inside: list[tuple[re.Match[str], Quoted]] = []
    scalars = iter(quoted)
    scalar = next(scalars, None)
    for found in escapes:
        while scalar is not None and scalar[1] <= found.start(1):
            scalar = next(scalars, None)
        if scalar is not None and scalar[0] < found.start(1):
            inside.append((found, scalar))
    return inside


def _told(
    body: str, file: str, inside: list[tuple[re.Match[str], Quoted]], table: dict[int, str]
) -> list[Diagnostic]:
    """A problem at each escape `inside` a double-quoted scalar (a pair as one), in the
    order of the text: the first `MOST_SURROGATES`, then how many more from where."""
    problems: list[Diagnostic] = []
    more, at, first = 0, 0, None
    while at < len(inside):
        found, scalar = inside[at]
        pair = at + 1 < len(inside) and _joins(found, inside[at + 1][0])
        at += 2 if pair else 1
        if len(problems) == MOST_SURROGATES:
            first = first or found
            more += 1
            continue
        problems.append(_problem(body, file, found, inside[at - 1][0] if pair else None, scalar))
        problems[-1] = replace(problems[-1], path=problems[-1].path.translate(table))
    if first is not None:
        what = ("escaped surrogate", "escaped surrogates")
        problems.append(
            more_from_here(more, what, file, *line_column(body, first.start(1), "yaml"))
        )
    return problems


def _problem(
    body: str, file: str, found: re.Match[str], low: re.Match[str] | None, scalar: Quoted
) -> Diagnostic:
    """The problem of the surrogate `found` escapes in `scalar` (with `low`, a pair)."""
    high = int(found.group(2), 16)
    if low is not None:
        second = int(low.group(2), 16)
        point = 0x10000 + ((high - 0xD800) << 10) + (second - 0xDC00)
        message = (
            f"escapes a surrogate pair (`{found.group(1)}{low.group(1)}`), which YAML does not join"
        )
        hint = f"write it as one escape, `\\U{point:08X}`, or as the character itself"
    else:
        message = f"escapes a lone surrogate (`{found.group(1)}`), half of a UTF-16 pair"
        hint = "write the character itself, or its code point as `\\U` and 8 hex digits"
    line, column = line_column(body, found.start(1), "yaml")
    message = f"not valid Unicode text: the {'key' if scalar[3] else 'text'} {message}"
    return Diagnostic(message, file, line, column, format_key(scalar[2]), hint, "encoding")


def _joins(high: re.Match[str], low: re.Match[str]) -> bool:
    """Whether `high` escapes a pair's first half and `low`, right after it, its second."""
    return int(high.group(2), 16) < 0xDC00 <= int(low.group(2), 16) and high.end(1) == low.start(1)


def _in_order(problem: Diagnostic) -> tuple[float, float]:
    """Problems in the order of the text; those of the whole file last."""
    return (
        math.inf if problem.line is None else problem.line,
        math.inf if problem.column is None else problem.column,
    )
