"""The problems of a JSON text that the C parser cannot say where they are.

`json.loads` refuses an integer too long for Python to read without saying where, and
accepts an escaped lone surrogate, any depth its recursion allows and any amount of text.
Each of these is found here by a walk of the text or of the data, and given the line,
column and document path a diagnostic names (SPEC section 3). Only a document with such a
problem comes here: `json_text.parse_json` calls these after the parser, and the quick path
of valid JSON Lines only the two checks of the text (`surrogate_escape`, `encodable`).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from functools import cache
from operator import itemgetter
from typing import Any

from ..errors import Diagnostic
from .positions import Breaks, Key, Tree, format_key, line_column
from .surrogates import MOST_SURROGATES, more_from_here

__all__ = [
    "MOST_SURROGATES",
    "deep_position",
    "deepest",
    "encodable",
    "located",
    "lone_surrogates",
    "long_number",
    "past_text_limit",
    "surrogate_escape",
    "too_deep",
]


def located(
    message: str, file: str, positions: dict[Key, tuple[int, int]], path: Key, code: str
) -> Diagnostic:
    line, column = positions.get(path, (None, None))
    return Diagnostic(
        message,
        file,
        None if line is None else line + 1,
        None if column is None else column + 1,
        format_key(path),
        code=code,
    )


@cache
def _number_or_string() -> re.Pattern[str]:
    return re.compile(r'"(?:[^"\\]|\\.)*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?')


def long_number(text: str, file: str, breaks: Breaks) -> Diagnostic:
    """Where the first integer too long for Python to read is: its line and column in the
    text (its lines ended as `breaks` says), and its path in the document."""
    longest = sys.get_int_max_str_digits()
    for match in _number_or_string().finditer(text):
        token = match.group()
        if token[0] != '"' and token.lstrip("-").isdigit() and len(token.lstrip("-")) > longest:
            line, column = line_column(text, match.start(), breaks)
            message = f"a number {len(token):,} characters long is too long"
            return Diagnostic(message, file, line, column, _long_path(text), code="number")
    return Diagnostic("a number is too long", file, 1, 1, code="number")  # pragma: no cover


class _TooLong(str):
    """An integer too long to read, kept as its text so that `_long_path` can find it."""


class _Members(list[tuple[str, Any]]):
    """An object's members in the text's order, duplicates kept (a list, to tell it from an
    array)."""


def _long_path(text: str) -> str:
    """The path of the first integer too long to read (the one `long_number` found first in
    the text: the walk goes in the text's order, duplicated keys included), or "" if the
    text cannot be read even with such integers kept as text."""
    longest = sys.get_int_max_str_digits()

    def number(token: str) -> int | str:
        return _TooLong(token) if len(token.lstrip("-")) > longest else int(token)

    try:
        data = json.loads(text, parse_int=number, object_pairs_hook=_Members)
    except (ValueError, RecursionError):
        return ""
    for node, path, _ in _in_text_order(data):
        if type(node) is _TooLong:
            return format_key(path)
    return ""  # pragma: no cover - `long_number` found one, so the walk does


def _in_text_order(data: Any) -> Iterator[tuple[Any, Key, bool]]:
    """Every node of parsed JSON in the order the text writes it, each key just before its
    value: (the node, its path, whether it is a key; a key's path is its value's). Objects
    are dicts, or `_Members` where duplicated keys must be kept."""
    stack: list[tuple[Any, Key, bool]] = [(data, (), False)]
    while stack:
        node, path, is_key = stack.pop()
        yield node, path, is_key
        if is_key:
            continue
        if isinstance(node, dict | _Members):
            for key, value in reversed(node.items() if isinstance(node, dict) else node):
                stack.append((value, (*path, key), False))
                stack.append((key, (*path, key), True))
        elif isinstance(node, list):
            stack.extend((v, (*path, i), False) for i, v in reversed(list(enumerate(node))))


@cache
def surrogate_escape() -> re.Pattern[str]:
    """`\\ud800` .. `\\udfff`: JSON may escape half of a surrogate pair, which is no
    character."""
    return re.compile(r"\\u[dD][89a-fA-F]")


def lone_surrogates(data: Any, file: str, tree: Tree) -> list[Diagnostic]:
    """A located problem for each key or text holding a lone surrogate, in the order of the
    text (the first `MOST_SURROGATES`, then one saying how many more, at the first not
    shown, as `surrogates.more_from_here` tells the others): before round 76 only the first
    was told, and a file mended there failed again at the next."""
    found = [
        (path, is_key)
        for node, path, is_key in _in_text_order(data)
        if isinstance(node, str) and not encodable(node)
    ]

    def at(path: Key, is_key: bool) -> tuple[int, int]:
        line, column = (tree.keys if is_key else tree.values).get(path, (0, 0))
        return line + 1, column + 1

    problems = [
        Diagnostic(
            "not valid Unicode text: an escaped lone surrogate (half of a `\\uD83D\\uDE00` pair)",
            file,
            *at(path, is_key),
            format_key(path).encode("utf-8", "backslashreplace").decode("utf-8"),
            code="encoding",
        )
        for path, is_key in found[:MOST_SURROGATES]
    ]
    if len(found) > MOST_SURROGATES:
        more = len(found) - MOST_SURROGATES
        what = (
            "key or text holding an escaped lone surrogate",
            "keys or texts holding an escaped lone surrogate",
        )
        problems.append(more_from_here(more, what, file, *at(*found[MOST_SURROGATES])))
    return problems


def encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@cache
def _brackets() -> re.Pattern[str]:
    return re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _openings(text: str) -> Iterator[tuple[int, int]]:
    """Each opening bracket of `text` outside strings: how deeply it nests, and where."""
    depth = 0
    for match in _brackets().finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            yield depth, match.start()
        elif token in "]}":
            depth -= 1


def deep_position(text: str, max_depth: int, breaks: Breaks) -> tuple[int | None, int | None]:
    """1-based line and column of the first bracket nested deeper than `max_depth`, its
    lines ended as `breaks` says."""
    for depth, at in _openings(text):
        if depth > max_depth:
            return line_column(text, at, breaks)
    return None, None


def deepest(text: str, breaks: Breaks) -> tuple[int, int, int]:
    """How deep the brackets of `text` nest, and the 1-based line and column of the first
    bracket that reaches that depth: where a document too deep for the parser is refused
    when no limit is passed before it (a limit raised past what Python's stack takes)."""
    most, where = max(_openings(text), key=itemgetter(0), default=(0, 0))
    line, column = line_column(text, where, breaks)
    return most, line, column


def too_deep(data: Any, max_depth: int) -> Key | None:
    stack: list[tuple[Any, Key]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if len(path) >= max_depth and isinstance(node, dict | list):
            return path
        if isinstance(node, dict):
            stack.extend((v, (*path, str(k))) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(node))
    return None


def past_text_limit(data: Any, limit: int) -> tuple[Key, bool] | None:
    """The path of the first text, in the text's order, that takes the document's text
    (keys and values) past `limit`, and whether it is a key; None if none does."""
    chars = 0
    for node, path, is_key in _in_text_order(data):
        if isinstance(node, str):
            chars += len(node)
            if chars > limit:
                return path, is_key
    return None
