"""Lone surrogates in text given as `str`, which no UTF-8 file (or output) can hold.

A program may hand the library text that was never a file's (`parse_text(text)`,
`load(text=...)`): a `str` may hold half of a UTF-16 surrogate pair, which UTF-8 cannot
encode. Each is told at its line and column before the text is parsed: until round 77 only
the first was, and text mended there failed again at the next. At most `MOST_SURROGATES`
are told one by one, as of the escaped ones in a JSON document (`json_problems`), then how
many more.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from ..errors import Diagnostic, InvalidDocument
from .positions import Breaks, line_starts, place

__all__ = ["MOST_SURROGATES", "check_encodable", "more_from_here", "raw_surrogates"]

#: The most lone surrogates told of one document, one problem each: as many as the house
#: tells of one kind elsewhere (a plugin's problems in one call, a pack's warnings). Here,
#: not in `json_problems`, so that a YAML file's reading imports no `json` for it.
MOST_SURROGATES: Final = 20


@cache
def _surrogate() -> re.Pattern[str]:
    return re.compile("[\ud800-\udfff]")


def check_encodable(text: str, file: str, breaks: Breaks) -> None:
    """`InvalidDocument` telling each lone surrogate in `text` (`raw_surrogates`), if it
    holds one; encoding it is the quick test, in C, of text that holds none."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidDocument(raw_surrogates(text, file, breaks)) from None


def raw_surrogates(text: str, file: str, breaks: Breaks) -> list[Diagnostic]:
    """A problem at the line and column of each lone surrogate in `text` (its lines ended
    as `breaks` says), in the order of the text: the first `MOST_SURROGATES`, then one
    saying how many more, at the first not shown. Before parsing there is no document
    path to name."""
    found = [match.start() for match in _surrogate().finditer(text)]
    starts = line_starts(text, breaks)  # once, not once a surrogate

    def at(index: int) -> tuple[int, int]:
        line, column = place(starts, index)
        return line + 1, column + 1

    problems = []
    for index in found[:MOST_SURROGATES]:
        line, column = at(index)
        problems.append(
            Diagnostic(
                f"not valid Unicode text (a lone surrogate, U+{ord(text[index]):04X})",
                file,
                line,
                column,
                code="encoding",
            )
        )
    if len(found) > MOST_SURROGATES:
        more = len(found) - MOST_SURROGATES
        what = ("lone surrogate", "lone surrogates")
        problems.append(more_from_here(more, what, file, *at(found[MOST_SURROGATES])))
    return problems


def more_from_here(
    more: int, what: tuple[str, str], file: str, line: int, column: int
) -> Diagnostic:
    """The problem told after the first `MOST_SURROGATES`: how many `more` (`what`, one and
    many), at the 1-based `line` and `column` of the first not shown, where the reader
    mending them goes next. One rule for the raw surrogates here, YAML's escapes
    (`yaml_surrogates`) and JSON's keys and texts (`json_problems`): until round 78 JSON's
    had no place, and an editor could not go to it. No document path: those not shown
    have many."""
    said = f"{more:,} more {what[0] if more == 1 else what[1]} from here, not shown"
    return Diagnostic(said, file, line, column, code="encoding")
