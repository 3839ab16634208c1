"""Limits on what one document may cost to read: the caps every reader (YAML, JSON, JSON
Lines) enforces, in one place so that none of them depends on another for them."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["DEFAULT_LIMITS", "Limits", "readable_back", "too_large_to_read"]


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

_Text = TypeVar("_Text", str, bytes)


def too_large_to_read(size: int, what: str) -> OSError | None:
    """The error (`EFBIG`) for `what`, a document of `size` bytes a command is about to
    write, that no command could read back (over `DEFAULT_LIMITS.max_bytes`); None if it
    fits. Before round 68 `assess`, `plan` and `combine` wrote such a file (11 MB of
    evidence or an owner pasted at a prompt, a group named by a million characters), said
    to go on with it, and the next command refused it for its size."""
    limit = DEFAULT_LIMITS.max_bytes
    if size <= limit:
        return None
    return OSError(
        errno.EFBIG,
        f"{what} would be {size:,} bytes, over the {limit:,} a file may hold, so no command "
        "could read it back",
    )


def readable_back(data: _Text, what: str) -> _Text:
    """`data`, `what` a command is about to write, as it is if a command can read it back;
    else `too_large_to_read`'s `OSError` (`EFBIG`), raised."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8"))
    if (error := too_large_to_read(size, what)) is not None:
        raise error
    return data
