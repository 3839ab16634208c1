"""A count and its noun, as every message says one: `1 strand`, `3 responses`, and a list
cut short, `a, b and 7 more`. One place, so that the command line, `validate`'s summaries
and a migration's summary agree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

__all__ = ["LINE_NAMES", "plural", "some"]

#: The most names a line of a message gives (groups, strands; the rest counted): `combine`'s
#: lines and the evidence of its draft. A survey export whose groups were each respondent's
#: own id (a thousand groups of one) made lines of 40 KB and a draft of 119 KB before.
LINE_NAMES: Final = 12


def plural(count: int, word: str) -> str:
    """`count` and `word`, with an `s` unless `count` is 1 (`0 strands`, `1 strand`)."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def some(said: Sequence[str], most: int, joint: str = ", ", noun: str = "") -> str:
    """The first `most` of `said` joined by `joint`, the rest counted (`and 7 more NOUN`):
    a line that names a thousand respondents' groups or strands is read by no one."""
    rest = len(said) - most
    more = f"{joint}and {rest} more{f' {noun}' if noun else ''}" if rest > 0 else ""
    return joint.join(said[:most]) + more
