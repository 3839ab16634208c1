"""A plugin that changes the program's standard descriptors below its streams, at import
and in its hook, as `$SELFREVIEW_HOSTILE_DESCRIPTORS` says (words joined by commas):
`output` puts `os.devnull` over descriptor 1 (`os.dup2`, as a plugin quietening a library
of its own might), `error` over descriptor 2, `input` over descriptor 0; `close-output`
closes descriptor 1 (`os.close`), `close-all` closes 0, 1 and 2 (`os.closerange`); `same`
puts descriptor 1's own file over it again (nothing to put back). Before
round 48 the first had every report go to /dev/null while the command said "N reports
written", status 0; the second lost every error and warning; `close-output` had the
command fail, every report lost. Closing one through a file object passes no `os.close`
(each failed the command, every report lost, before round 49): `fdopen-output` closes
`os.fdopen(1, "w")`, `open-output` `open(1, "w")`, `fileio-output` `io.FileIO(1, "w")`,
`freed-output` drops `os.fdopen(1, "w")` (closed as it is freed), `reopen-output` closes
the first and opens `os.devnull` in its place (the lowest free descriptor: 1), held;
`fdopen-all` closes `os.fdopen` of 0, 1 and 2. `copies` closes (`os.close`, failures
ignored) every other descriptor open on standard output's file, as a plugin closing its
own stale numbers might, then puts `os.devnull` over descriptor 1: before round 51 it
closed the copy the program keeps to put descriptor 1 back, and every report went to
/dev/null, "2 reports written", status 0 (Linux only: `/proc/self/fd`). Its
recommendation is good. Not among the package's `ENTRY_POINTS`:
`tests/isolation/test_descriptors.py` installs it alone."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from contextlib import suppress
from typing import IO

from selfreview_core import hookimpl

from . import kept

_OVER = {"input": (0, os.O_RDONLY), "output": (1, os.O_WRONLY), "error": (2, os.O_WRONLY)}
#: Each way of closing descriptor 1 through a file object, by its word.
_CLOSING: dict[str, Callable[[], object]] = {
    "fdopen-output": lambda: os.fdopen(1, "w").close(),
    "open-output": lambda: open(1, "w").close(),  # closed at once
    "fileio-output": lambda: io.FileIO(1, "w").close(),
    "freed-output": lambda: os.fdopen(1, "w"),  # closed as it is freed
}
#: What `reopen-output` opened in descriptor 1's place, held open.
_HELD: list[IO[str]] = []


def _change() -> None:
    for how in os.environ.get("SELFREVIEW_HOSTILE_DESCRIPTORS", "").split(","):
        if how in _OVER:
            descriptor, flags = _OVER[how]
            null = os.open(os.devnull, flags)
            os.dup2(null, descriptor)
            os.close(null)
        elif how == "close-output":
            os.close(1)
        elif how == "same":
            again = os.dup(1)
            os.dup2(again, 1)
            os.close(again)
        elif how == "close-all":
            os.closerange(0, 3)
        elif how in _CLOSING:
            _CLOSING[how]()
        elif how == "reopen-output":
            os.fdopen(1, "w").close()
            _HELD.append(open(os.devnull, "w"))  # noqa: SIM115  # held: descriptor 1
        elif how == "copies":
            _close_copies_of(1)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.close(null)
        elif how == "fdopen-all":
            for descriptor in (0, 1, 2):
                os.fdopen(descriptor, "w" if descriptor else "r").close()


def _close_copies_of(descriptor: int) -> None:
    """Close every other descriptor open on `descriptor`'s file, ignoring refusals."""
    mine = os.fstat(descriptor)
    for name in os.listdir("/proc/self/fd"):
        other = int(name)
        with suppress(OSError):  # the listing's own, closed by now; or refused
            found = os.fstat(other)
            if other != descriptor and (found.st_dev, found.st_ino) == (mine.st_dev, mine.st_ino):
                os.close(other)


_change()


@hookimpl
def selfreview_recommend() -> list[object]:
    _change()
    return [kept("hostile-descriptors")]
