"""A plugin that changes what the program relies on in its process, at import and in its
hook, as `$SELFREVIEW_HOSTILE_UNSETTLES` says (words joined by commas): `ignore` ignores
Ctrl-C, `kill` and a closed terminal (SIGINT, SIGTERM, SIGHUP); `block` blocks them
instead; `pipe` sets SIGPIPE to its default, which kills a program whose reader goes away;
`mask` sets the file mode mask to 0, so that every file made after it is writable by
anyone; `quiet` replaces standard error with `os.devnull`, where every error the command
told was lost; `shallow` lowers the recursion limit to a few frames more than its own code
needs, so that the next plugin's hook failed, or the command ended in an internal error;
`deep` raises it to a million, so that a file nested 100,000 levels deep crashed the
process; `digits` lifts the limit on the digits of a number read
(`sys.set_int_max_str_digits(0)`), so that a file's number of any length was parsed, for
minutes if long enough, where it is refused as too long; and `later` does all that in its
hook only, not at import, among the other plugins' hooks. Before round 38 each stood for the
rest of the command (`deep` and `shallow`, before round 39; `digits`, before round 48). Not
among the package's `ENTRY_POINTS`: `tests/isolation/test_process_state.py` installs it
alone."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

from selfreview_core import Recommendation, hookimpl

from . import kept

_HOW = os.environ.get("SELFREVIEW_HOSTILE_UNSETTLES", "").split(",")
_STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _unsettle() -> None:
    if "ignore" in _HOW:
        for number in _STOPPING:
            signal.signal(number, signal.SIG_IGN)
    if "block" in _HOW:
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    if "pipe" in _HOW:
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if "mask" in _HOW:
        os.umask(0)
    if "shallow" in _HOW:
        sys.setrecursionlimit(_depth() + 20)
    if "deep" in _HOW:
        sys.setrecursionlimit(1_000_000)
    if "digits" in _HOW:
        sys.set_int_max_str_digits(0)
    if "quiet" in _HOW:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _depth() -> int:
    """How many frames deep this function is called."""
    frame: FrameType | None = sys._getframe()
    depth = 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth


if "later" not in _HOW:
    _unsettle()


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    _unsettle()
    return [Recommendation.model_validate(kept("hostile-unsettles"))]
