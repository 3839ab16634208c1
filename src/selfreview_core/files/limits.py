"""Limits on what one document may cost to read: the caps every reader (YAML, JSON, JSON
Lines) enforces, in one place so that none of them depends on another for them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "Limits"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that keep a hostile file from exhausting memory or the stack.

    What a document *expands to* counts every alias as the whole of what it repeats, each
    time, recursively: that is what `show` prints and a report holds, so a small file
    cannot become a huge document.

    - `max_bytes`: the file as read (a JSON Lines line too), before parsing.
    - `max_depth`: mappings and lists nested in one another, aliases counted.
    - `max_nodes`: the mappings, lists and scalars the document expands to.
    - `max_expanded_chars`: the characters of text (values and keys; not numbers) the
      document expands to. A 4 MB text repeated through 100 aliases is 400 million
      characters: it is refused at the alias that crosses the limit. A document without
      aliases cannot reach it at the defaults (no value is longer than the text that
      writes it, and the text is at most `max_bytes`); raise both together.
    """

    max_bytes: int = 10 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 1_000_000
    max_expanded_chars: int = 10 * 1024 * 1024


DEFAULT_LIMITS = Limits()
