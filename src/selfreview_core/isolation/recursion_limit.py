"""The recursion limit, which plugin code may not lower and may raise only while it runs.

The limit bounds how deep the readers' parsers may go into a hostile file: a plugin
raising it (to a million, say) had a file nested 100,000 levels deep crash the process (a
segmentation fault, status 139, not a word said) where it is refused as too deep; one
lowering it (to 60) had every later plugin's hook fail, a framework the command was given
said to be unknown, or the command end in an internal error.

So the program's `sys.setrecursionlimit` (`Depth.note`, from `process_state.keep`) refuses
plugin code a limit lower than the program's (the next plugin of the same report would
fail on it before anything put it back), and notes the limit as it was before plugin code
first raised it: when plugin code has run, it is put back, said once. The program's own
changes are never noted.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Final

from .plugin_code import running_here

__all__ = ["Depth", "release"]

#: Python's own function, as it is before `Depth.note` makes it note.
_setrecursionlimit: Final = sys.setrecursionlimit


class Depth:
    """The limit as it was before plugin code raised it, and the first lower one it asked
    for, refused (None: neither since put back)."""

    __slots__ = ("before", "shallower")

    def __init__(self) -> None:
        self.before: int | None = None
        self.shallower: int | None = None

    def back(self) -> Iterator[tuple[str, str]]:
        """The limit as it was before plugin code raised it; a lower one refused: what
        changed, and the message saying so, for each."""
        before, self.before = self.before, None
        if before is not None and (now := sys.getrecursionlimit()) != before:
            # Never refused as too low for the stack: plugin code ends where it began,
            # where this limit held.
            _setrecursionlimit(before)
            yield (
                "deeper",
                f"a plugin raised the recursion limit (to {now}); put back to {before}, which"
                " keeps a file nested too deep from crashing the command",
            )
        if self.shallower is not None:
            asked, self.shallower = self.shallower, None
            yield (
                "shallower",
                f"a plugin tried to lower the recursion limit (to {asked}); kept at"
                f" {sys.getrecursionlimit()}, which the other plugins and the command need",
            )

    def note(self, changed: Callable[[str], None]) -> None:
        """From now on `sys.setrecursionlimit` refuses plugin code a lower limit and notes
        the limit before plugin code first raised it, calling `changed` with what it did
        (which has the program put it back when plugin code has run)."""

        @wraps(_setrecursionlimit)
        def setrecursionlimit(limit: int) -> None:
            if not running_here():
                _setrecursionlimit(limit)
                return
            previous = sys.getrecursionlimit()
            programs = previous if self.before is None else self.before
            if type(limit) is int and 0 < limit < programs:  # else refused as Python does
                if self.shallower is None:
                    self.shallower = limit
                changed("shallower")
                return
            _setrecursionlimit(limit)
            if self.before is None:
                self.before = previous
                changed("deeper")

        sys.setrecursionlimit = setrecursionlimit


def release() -> None:
    """Python's own `sys.setrecursionlimit` back (a forked process's)."""
    sys.setrecursionlimit = _setrecursionlimit
