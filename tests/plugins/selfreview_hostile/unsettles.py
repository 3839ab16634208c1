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
minutes if long enough, where it is refused as too long; `trace` and `profile` set a
function that prints at every call of selfreview's code (`sys.settrace`, `sys.setprofile`),
which went on running in the command's own code, its lines among the reports on standard
output, and `audit` adds an audit hook printing each file opened (`sys.addaudithook`),
which Python never takes away; `files` lowers the limit on files open at once
(`RLIMIT_NOFILE`) to 8 and `size` the size of a file written (`RLIMIT_FSIZE`) to 10 bytes,
so that the next school was refused ("Too many open files") or the report cut short ("File
too large"); and `later` does all that in its hook only, not at import, among the other
plugins' hooks. Before round 38 each stood for the rest of the command (`deep` and
`shallow`, before round 39; `digits`, before round 48; `trace`, `profile`, `audit`, `files`
and `size`, before round 80). Not among the package's `ENTRY_POINTS`:
`tests/isolation/test_process_state.py` and `tests/isolation/test_trace_and_limits.py`
install it alone."""

from __future__ import annotations

import os
import resource
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
    if "trace" in _HOW:
        sys.settrace(_told)
    if "profile" in _HOW:
        sys.setprofile(_told)
    if "audit" in _HOW:
        sys.addaudithook(_audited)
    if "files" in _HOW:
        resource.setrlimit(
            resource.RLIMIT_NOFILE, (8, resource.getrlimit(resource.RLIMIT_NOFILE)[1])
        )
    if "size" in _HOW:
        resource.setrlimit(
            resource.RLIMIT_FSIZE, (10, resource.getrlimit(resource.RLIMIT_FSIZE)[1])
        )
    if "quiet" in _HOW:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _told(frame: FrameType, event: str, argument: object) -> None:
    """Says each call of selfreview's code, as a careless timing aid would."""
    if event == "call" and "selfreview_core" in frame.f_code.co_filename:
        print(f"HOSTILE TRACE {frame.f_code.co_name}")


def _audited(event: str, arguments: tuple[object, ...]) -> None:
    """Says each file opened, as a careless audit log would."""
    if event == "open":
        print(f"HOSTILE AUDIT {arguments[0]!r}")


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
