"""The limits the system holds the command's process to (`resource.setrlimit`), which
plugin code may not lower.

The limits are the user's (a shell's `ulimit`), and the command's work needs them: a
plugin that lowered the number of files open at once (`RLIMIT_NOFILE`, to keep a library
of its own in check) had the next school of a batch refused, "cannot read: Too many open
files", or the command end, "Error: .../choosing.py: Too many open files", naming no
plugin; one that lowered the size of a file written (`RLIMIT_FSIZE`) had the report cut
short, "Error: out.json: File too large", status 1, every report lost; the processor time
(`RLIMIT_CPU`) would have the system kill the command part-way. A hard limit lowered
cannot be raised again by the user's process, so nothing put back afterwards could undo
it.

So the program's `resource.setrlimit` and `resource.prlimit` (`Limits.note`, from
`plugin_guards`) refuse plugin code a soft or hard limit of its own process lower
than the one in place (the call does nothing; `prlimit` returns the limits in place), said
once when plugin code has run, naming the plugin. A raised soft limit (as a library
wanting more open files asks) is no harm and stands; another process's limits
(`prlimit(pid, ...)`) are the plugin's business. A process plugin code forked is the
plugin's (`process_state.release`). Refusing costs nothing on the way of a report.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from functools import wraps
from typing import Any

from .plugin_code import running_here

try:
    import resource
except ImportError:  # pragma: no cover - not on Windows: nothing to keep
    resource = None  # type: ignore[assignment]

__all__ = ["Limits", "release"]

#: Python's own functions, as they are before `Limits.note` makes them refuse.
_setrlimit = resource.setrlimit if resource is not None else None
_prlimit = getattr(resource, "prlimit", None)

#: Each limit's name, by its number (the first name of two: `RLIMIT_NOFILE`, not `OFILE`).
_NAMES: dict[int, str] = {}
for _name in sorted(dir(resource)) if resource is not None else ():
    if _name.startswith("RLIMIT_"):
        _NAMES.setdefault(getattr(resource, _name), _name)


def _size(limit: int) -> float:
    """A limit as a number to compare: `RLIM_INFINITY` (-1 on Linux) above any other."""
    return math.inf if resource is None or limit == resource.RLIM_INFINITY else limit


def _lower(number: object, limits: object) -> tuple[int, int] | None:
    """The limits asked for, when they lower either of `number`'s in place; None when they
    do not, or are not a pair of whole numbers (Python's own function refuses those)."""
    if resource is None or type(number) is not int or not isinstance(limits, tuple):
        return None
    if len(limits) != 2 or not all(type(limit) is int for limit in limits):
        return None
    try:
        soft, hard = resource.getrlimit(number)
    except (OSError, ValueError):  # no such limit: Python's own function says so
        return None
    if _size(limits[0]) < _size(soft) or _size(limits[1]) < _size(hard):
        return (limits[0], limits[1])
    return None


class Limits:
    """The limits plugin code asked to lower since put back, the first asked of each."""

    __slots__ = ("refused",)

    def __init__(self) -> None:
        self.refused: dict[int, tuple[int, int]] = {}

    def back(self) -> str | None:
        """The message saying what was refused; None if nothing was."""
        if not self.refused:
            return None
        refused, self.refused = self.refused, {}
        asked = "; ".join(
            f"{_NAMES.get(number, number)} to soft {_shown(soft)}, hard {_shown(hard)}"
            for number, (soft, hard) in sorted(refused.items())
        )
        return (
            f"a plugin tried to lower the limits the system holds the command to ({asked});"
            " kept as they were, which the command's files and work need"
        )

    def note(self, refused: Callable[[str], None]) -> None:
        """From now on `resource.setrlimit` and `resource.prlimit` refuse plugin code a
        lower limit of this process, calling `refused` (which has the program say so when
        plugin code has run)."""
        if resource is None or _setrlimit is None:
            return
        setrlimit = _setrlimit

        def refusing(number: object, limits: object) -> bool:
            if not running_here() or (asked := _lower(number, limits)) is None:
                return False
            self.refused.setdefault(number, asked)  # type: ignore[arg-type]
            refused("limits")
            return True

        @wraps(setrlimit)
        def setrlimit_noting(number: int, limits: tuple[int, int], /) -> None:
            if not refusing(number, limits):
                setrlimit(number, limits)

        resource.setrlimit = setrlimit_noting
        if _prlimit is not None:
            prlimit = _prlimit

            @wraps(prlimit)
            def prlimit_noting(pid: int, number: int, *limits: Any) -> tuple[int, int]:
                if (
                    len(limits) == 1
                    and type(pid) is int
                    and pid in (0, os.getpid())
                    and refusing(number, limits[0])
                ):
                    return resource.getrlimit(number)
                return prlimit(pid, number, *limits)  # type: ignore[no-any-return]

            resource.prlimit = prlimit_noting


def _shown(limit: int) -> str:
    return "unlimited" if _size(limit) == math.inf else str(limit)


def release() -> None:
    """Python's own functions back (a forked process's)."""
    if resource is not None and _setrlimit is not None:
        resource.setrlimit = _setrlimit
        if _prlimit is not None:
            resource.prlimit = _prlimit
