"""A plugin that registers exit functions (`atexit`) at import and in its hook, as
`$SELFREVIEW_HOSTILE_AT_EXIT` says (words joined by commas): `print` prints a line (to
`sys.stdout`, where it followed the last line of a report on standard output), `raise`
raises (a traceback, before round 38), `exit` ends the process with status 0, by
`os._exit` registered itself and called from a function (a failed command then ended with
0); `unregister` registers a function writing the file `$SELFREVIEW_HOSTILE_AT_EXIT_FILE`
and unregisters it, and registers one appending to it that stays. Not among the package's
`ENTRY_POINTS`: `tests/isolation/test_exit_functions.py` installs it alone."""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

from selfreview_core import Recommendation, hookimpl

from . import kept

_HOW = os.environ.get("SELFREVIEW_HOSTILE_AT_EXIT", "").split(",")
_FILE = Path(os.environ.get("SELFREVIEW_HOSTILE_AT_EXIT_FILE", os.devnull))


def _told() -> None:
    print("hostile-at-exit: 3 events sent")
    sys.stdout.write("hostile-at-exit: done\n")


def _failing() -> None:
    raise RuntimeError("could not flush its events")


def _ending() -> None:
    os._exit(0)


def _never(path: Path) -> None:
    path.write_text("unregistered, yet it ran\n", encoding="utf-8")


def _stays(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def _register() -> None:
    if "print" in _HOW:
        atexit.register(_told)
    if "raise" in _HOW:
        atexit.register(_failing)
    if "exit" in _HOW:
        atexit.register(os._exit, 0)
        atexit.register(_ending)
    if "unregister" in _HOW:
        atexit.register(_never, _FILE)
        atexit.register(_stays, _FILE, text="stayed\n")
        atexit.unregister(_never)


_register()


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    if "in-hook" in _HOW:
        _register()
    return [Recommendation.model_validate(kept("hostile-at-exit"))]
