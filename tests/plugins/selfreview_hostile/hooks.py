"""A plugin that puts back Python's own hooks for errors no caller can handle, at import
and in its hook (`threading.excepthook = threading.__excepthook__`, `sys.unraisablehook =
sys.__unraisablehook__`, as a library undoing another's hook might), and whose hook, before
that, has a thread fail and an object fail as it is freed. Before round 49 the second
school's failures, and any other plugin's, were printed with Python's traceback. Not among
the package's `ENTRY_POINTS`: `tests/isolation/test_error_hooks.py` installs it alone."""

from __future__ import annotations

import sys
import threading

from selfreview_core import hookimpl

from . import kept


class Connection:
    """Fails to close as it is freed."""

    def __del__(self) -> None:
        raise RuntimeError("could not close its connection")


def _fails() -> None:
    raise ValueError("no answer from the server")


def _pythons() -> None:
    threading.excepthook = threading.__excepthook__
    sys.unraisablehook = sys.__unraisablehook__


_pythons()


@hookimpl
def selfreview_recommend() -> list[object]:
    failing = threading.Thread(target=_fails, name="sender")
    failing.start()
    failing.join()
    Connection()  # freed at once
    _pythons()
    return [kept("hostile-hooks")]
