"""What plugin code prints to standard error, written a whole line at a time.

`print` writes its text and its line break apart, and Python's standard error writes each
write at once (`write_through`): two `--jobs` workers printing together ran their lines into
one another ("...not JSONHOSTILE PRINT: ...", a blank line further on). So each thread's
text is held until it ends a line, and written a whole line at a time; a write of a few
kilobytes to a pipe or a file is never split by another process's. What is left without a
line break is written, ending its line, when a plugin call ends (`flush_partial`), and
as the program ends (what a plugin's own thread printed after the last call): held, it
marks the process changed (`process_state.Kept.changed`), the one flag looked at then, so
nothing is paid on the way of a report. Written as it was, the next line ran on from it,
the program's error naming the plugin or another worker's part ("HOSTILE PARTHOSTILE
PARTb.jsonl:2: error: ...", round 63). In the program only (`process_state.keep`): a
program embedding the engine gets its standard error as it is.

Both ways plugin code reaches standard error are held so: its prints to standard output
(sent there, `standard_error`) and its own `print(..., file=sys.stderr)` (through the
program's standard error, `output._Unfailing`, with `split_held` and `hold`; round 62).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from threading import get_ident
from typing import Any, Final

from . import process_state
from .plugin_code import depths

__all__ = ["HELD_MOST", "flush_partial", "standard_error", "written_whole"]

#: The text one thread holds before it is written, a line of its own, unended (a megabyte):
#: a progress bar redrawn with `\r` for a long call is held no further.
HELD_MOST: Final = 1 << 20


class _Held:
    """A thread's text not yet ending a line, in the pieces it was written in: joined once,
    when a line ends. Joined at each write, a progress bar's 20,000 redraws of 100
    characters took 4.7 s, 40,000 took 22 s (round 63)."""

    __slots__ = ("pieces", "size")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.size = 0

    def text(self) -> str:
        return "".join(self.pieces)


#: Each thread's text not yet ending a line, by thread id (empty: nothing held, the one
#: test made when a plugin call ends).
partial: dict[int, _Held] = {}


def split_held(text: str) -> tuple[str, str]:
    """What this thread held and `text`, split after the last line break: what to write
    now (whole lines, or nothing), and what to hold (`hold`) once that is written. Held
    text past `HELD_MOST` is written now, ending its line."""
    end = text.rfind("\n") + 1
    thread = get_ident()
    if not end:  # no line ends: held, unless that is too much
        held = partial.get(thread)
        if (0 if held is None else held.size) + len(text) <= HELD_MOST:
            return "", text
        partial.pop(thread, None)
        return ("" if held is None else held.text()) + text + "\n", ""
    held = partial.pop(thread, None)
    now = text[:end] if held is None else held.text() + text[:end]
    return now, text[end:]


def hold(rest: str) -> None:
    """Hold `rest` (text not ending a line) for this thread, after what it holds already,
    until it ends a line or its plugin call ends (`flush_partial`)."""
    if rest:
        held = partial.get(get_ident())
        if held is None:
            held = partial[get_ident()] = _Held()
        held.pieces.append(rest)
        held.size += len(rest)
        kept = process_state.kept
        if kept is not None:
            kept.changed = True  # `flush_partial` when a plugin call ends


def written_whole(write: Callable[[str], object], text: str) -> None:
    """`write(text)`, a whole line at a time where plugin code of the program writes it:
    its own `print(..., file=sys.stderr)` through the program's standard error, or two
    `--jobs` workers' lines run into one another (round 62)."""
    if depths and depths.get(get_ident()) and process_state.kept is not None:
        now, rest = split_held(text)
        write(now)
        hold(rest)
    else:
        write(text)


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
        now, rest = split_held(text)
        # Nothing to write yet: the stream is still asked, so that one closed fails now
        # (and what it failed on is not held either).
        self.target.write(now)
        hold(rest)
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
    if process_state.kept is None:  # a program embedding the engine: its own
        return target
    if _lines is None or _lines.target is not target:
        _lines = _WholeLines(target)
    return _lines


def flush_partial() -> None:
    """What each thread printed without ending its line, written now, a line of its own
    (its plugin call has ended, or the program)."""
    for thread in list(partial):
        held = partial.pop(thread, None)
        text = "" if held is None else held.text()
        if text and sys.stderr is not None:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()
