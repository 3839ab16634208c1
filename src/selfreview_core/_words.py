"""A count and its noun, as every message says one: `1 strand`, `3 responses`, and a list
cut short, `a, b and 7 more`. One place, so that the command line, `validate`'s summaries
and a migration's summary agree."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["plural", "some"]


def plural(count: int, word: str) -> str:
    """`count` and `word`, with an `s` unless `count` is 1 (`0 strands`, `1 strand`)."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def some(said: Sequence[str], most: int, joint: str = ", ", noun: str = "") -> str:
    """The first `most` of `said` joined by `joint`, the rest counted (`and 7 more NOUN`):
    a line that names a thousand respondents' groups or strands is read by no one."""
    rest = len(said) - most
    more = f"{joint}and {rest} more{f' {noun}' if noun else ''}" if rest > 0 else ""
    return joint.join(said[:most]) + more
