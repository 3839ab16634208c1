"""A plugin that prints without ending its line: in its hook, to standard error, just
before it raises; and from a thread of its own, started at import, once the command has
returned (after the last plugin call, as Python ends the program). Not among the
package's `ENTRY_POINTS`: `tests/isolation/test_whole_lines.py` installs it alone."""

from __future__ import annotations

import sys
import threading

from selfreview_core import hookimpl

#: What it prints, neither ending its line.
PART, LATE = "HOSTILE PART", "HOSTILE LATE"


def _print_late() -> None:
    threading.main_thread().join()  # the command has returned: Python is ending it
    print(LATE, end="")


threading.Thread(target=_print_late, name="hostile-partial").start()


@hookimpl
def selfreview_recommend() -> list[object]:
    print(PART, end="", file=sys.stderr)
    raise RuntimeError("a part of a line printed")
