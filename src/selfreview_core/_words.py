"""A count and its noun, as every message says one: `1 strand`, `3 responses`. One place,
so that the command line, `validate`'s summaries and a migration's summary agree."""

from __future__ import annotations

__all__ = ["plural"]


def plural(count: int, word: str) -> str:
    """`count` and `word`, with an `s` unless `count` is 1 (`0 strands`, `1 strand`)."""
    return f"{count} {word}{'' if count == 1 else 's'}"
