"""What plugin code prints to standard error, written a whole line at a time.

`print` writes its text and its line break apart, and Python's standard error writes each
write at once (`write_through`): two `--jobs` workers printing together ran their lines into
one another ("...not JSONHOSTILE PRINT: ...", a blank line further on). So each thread's
text is held until it ends a line, and written a whole line at a time; a write of a few
kilobytes to a pipe or a file is never split by another process's. What is left without a
line break is written when the plugin call it was printed in ends (`flush_partial`).
"""

from __future__ import annotations

import io
import sys
from threading import get_ident
from typing import Any

__all__ = ["flush_partial", "standard_error"]

#: Each thread's text not yet ending a line, by thread id (empty: nothing held, the one
#: test made when a plugin call ends).
partial: dict[int, str] = {}


class _Discard(io.TextIOBase):
    """Where plugin output goes when there is no standard error (`pythonw`)."""

    def write(self, text: str) -> int:
        return len(text)


class _WholeLines:
    """`target` (standard error as it is now), written to a whole line at a time; in all
    else `target` itself (its descriptor, its encoding, whether it is closed)."""

    __slots__ = ("target",)

    def __init__(self, target: Any) -> None:
        self.target = target

    def write(self, text: str) -> int:
        thread = get_ident()
        held = partial.pop(thread, "") + text
        end = held.rfind("\n") + 1
        # Nothing to write yet: the stream is still asked, so that one closed fails now
        # (and what it failed on is not held either).
        self.target.write(held[:end])
        if end < len(held):
            partial[thread] = held[end:]
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.target, name)


_lines: _WholeLines | None = None


def standard_error() -> Any:
    """Standard error as it is now, for plugin code's prints (see the module)."""
    global _lines
    target = sys.stderr
    if target is None:
        return _Discard()
    if _lines is None or _lines.target is not target:
        _lines = _WholeLines(target)
    return _lines


def flush_partial() -> None:
    """What each thread printed without ending its line, written now (its plugin call has
    ended)."""
    for thread in list(partial):
        text = partial.pop(thread, "")
        if text and sys.stderr is not None:
            sys.stderr.write(text)
            sys.stderr.flush()
