"""A plugin that has a descriptor of the command's closed OUTSIDE its own calls, while the
program's own code runs, as `$SELFREVIEW_HOSTILE_FREED` says (`WHAT-HOW`). WHAT is
`written`, the temporary file of `-o FILE` (found among the open descriptors), or
`output`, standard output (descriptor 1). In one call alone (the first, or the one
`$SELFREVIEW_HOSTILE_FREED_CALL` counts) it opens a file object on it (`os.fdopen`) and
HOW is `cycle`: leaves it in a reference cycle, which Python's collector frees (closing
it) when it next runs, here as the program lets go of the school the call was given (a
finalizer of the school's runs the collector then, as the program's own allocations would
at any moment); or `weak`: keeps it for as long as the program keeps that school (a
`WeakKeyDictionary`), so that it is freed, and closed, when the program lets go of it,
without the collector. Before round 53 both failed the command, "standard output: Bad
file descriptor" or "out.json: Bad file descriptor", every report lost (or those left to
write). Its recommendation is good. Not among the package's `ENTRY_POINTS`:
`tests/isolation/test_closed_outside.py` installs it alone. Linux only (`/proc/self/fd`)."""

from __future__ import annotations

import gc
import os
import weakref
from typing import IO

from selfreview_core import hookimpl

from . import kept
from .held import _written

#: One for each call made (the harm is done in one alone).
_CALLS: list[None] = []
#: A file object for each school, kept as long as the program keeps the school.
_FILES: weakref.WeakKeyDictionary[object, IO[bytes]] = weakref.WeakKeyDictionary()


class _Cycle:
    """A file object kept alive by a reference to itself: freed by the collector alone."""

    def __init__(self, descriptor: int) -> None:
        self.file = os.fdopen(descriptor, "wb")
        self.me = self


def _collect(held: list[_Cycle]) -> None:
    held.clear()  # the cycle left to the collector alone
    gc.collect()


def _harm(assessment: object) -> None:
    what, _, how = os.environ.get("SELFREVIEW_HOSTILE_FREED", "").partition("-")
    _CALLS.append(None)
    if len(_CALLS) != int(os.environ.get("SELFREVIEW_HOSTILE_FREED_CALL") or 1):
        return
    descriptor = min(_written()) if what == "written" else 1
    if how == "cycle":  # kept until then, so that no earlier pass frees it
        weakref.finalize(assessment, _collect, [_Cycle(descriptor)])
    elif how == "weak":
        _FILES[assessment] = os.fdopen(descriptor, "wb")


@hookimpl
def selfreview_recommend(assessment: object) -> list[object]:
    _harm(assessment)
    return [kept("hostile-freed")]
