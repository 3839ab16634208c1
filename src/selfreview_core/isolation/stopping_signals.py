"""The signals that stop the program (Ctrl-C, `kill`, a closed terminal) and the broken
pipe, whose handling plugin code may not change (`process_state`, which puts in place the
functions here and tells what was refused).

A plugin ignoring SIGINT or SIGTERM (or blocking them) would leave Ctrl-C and `kill` no way
to stop a batch; SIGPIPE set to its default would kill the program, status 141, when its
reader goes away (`| head`). So a new handler for one of them is refused while plugin code
runs in the main thread, and the signals it blocks are noted, to be unblocked when its code
has run.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, Final, Protocol

from .plugin_code import running_here

__all__ = ["KEPT_SIGNALS", "Noted", "in_main_thread", "kept_as_it_was", "noting_blocked"]
__all__ += ["own_sigmask", "own_signal", "refusing_handler"]

#: The signals whose handling plugin code may not change (those that stop the command:
#: Ctrl-C, `kill`, a closed terminal; and the broken pipe), and why, as the warning says.
_WHY: Final = {
    "SIGINT": "the command can still be stopped",
    "SIGTERM": "the command can still be stopped",
    "SIGHUP": "the command can still be stopped",
    "SIGPIPE": "it still ends quietly when its reader goes away",
}
KEPT_SIGNALS: Final = frozenset(getattr(signal, name) for name in _WHY if hasattr(signal, name))

_DISPOSITIONS: Final = (signal.SIG_DFL, signal.SIG_IGN)

#: `signal.signal` for the program's own changes, never noted: a handler of the program's
#: that runs while plugin code does (Ctrl-C's) changes what the program asked for.
own_signal = signal.signal
#: `signal.pthread_sigmask` (where there is one) for the program's own changes, never noted.
own_sigmask = getattr(signal, "pthread_sigmask", None)
_signal = own_signal


class Noted(Protocol):
    """What the program keeps of its process (`process_state.Kept`), as these note it."""

    refused: set[int]
    blocked: set[int] | None
    changed: bool

    def noting(self, what: str) -> None: ...


def in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def kept_as_it_was(changed: Iterable[int]) -> str:
    """The warning for signals whose handling plugin code tried to change: each named, and
    why it was kept (in `_WHY`'s order, once)."""
    names = sorted({signal.Signals(number).name for number in changed})
    why = dict.fromkeys(_WHY[name] for name in _WHY if name in names)  # in order, once
    return (
        f"a plugin tried to change how the program answers {', '.join(names)};"
        f" kept as it was, so that {' and '.join(why)}"
    )


def refusing_handler(noted: Noted) -> Callable[..., Any]:
    """`signal.signal`, refusing plugin code a new handler for a signal the program relies
    on (noted, to be told): put back after its code ran, a signal that came meanwhile
    would have been lost to an ignoring handler, or have ended the process at once, its
    temporary output left, by the default one. The current handler is returned, as the
    one in place."""

    @wraps(_signal)
    def handled(number: int, handler: Any) -> Any:
        if number in KEPT_SIGNALS and running_here() and in_main_thread():
            current = signal.getsignal(number)
            if handler is not current and (callable(handler) or handler in _DISPOSITIONS):
                noted.noting("signals")
                noted.refused.add(number)
                noted.changed = True
                return current
        return _signal(number, handler)

    return handled


def noting_blocked(noted: Noted, sigmask: Callable[..., set[int]]) -> Callable[..., Any]:
    """`signal.pthread_sigmask`, noting the main thread's blocked signals as they were
    before plugin code first changed them since put back."""

    @wraps(sigmask)
    def blocked(how: int, mask: Iterable[int]) -> set[int]:
        previous = sigmask(how, mask)
        if noted.blocked is None and running_here() and in_main_thread():
            noted.noting("signals")
            noted.blocked = previous
            noted.changed = True
        return previous

    return blocked
