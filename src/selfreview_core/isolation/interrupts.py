"""Whether a `KeyboardInterrupt` is the user's, or a plugin's own raise.

SPEC section 4: only the user's Ctrl-C interrupts; a plugin that raises `KeyboardInterrupt`
itself has a problem, as with any `BaseException`. Before round 80 every one ended the
command as Ctrl-C does ("Aborted!", status 1, every report lost). Python's own handler notes
nothing, so where it, or any handler not ours, is in place (a program using the `Engine`
without the CLI) nobody can tell the two apart, and every interrupt interrupts, as before.
The command's handler (`cli/_signals`) notes each signal here before it raises, and marks
itself as noting (`noting`): where only it raises, an interrupt with no signal noted
is the plugin's. A `--jobs` worker ignores Ctrl-C, so there none is the user's. A
plugin's `signal.raise_signal(SIGINT)` goes through the handler like the user's, and
interrupts. Asked only once a `KeyboardInterrupt` was caught: nothing on a call that raises
nothing.

The record kept here (`received`) is the program's one record of the signals that came:
the command line reads it too, to end the process by a stopping signal (`cli/_signals`) and
to tell a late Ctrl-C (`cli/_ignored`). Until round 81 the handler noted each signal twice,
there and here, two lists to keep alike.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import Final

__all__ = ["noted", "noting", "received", "the_users"]

#: The signals whose handler may raise `KeyboardInterrupt`: Ctrl-C's, and those the command
#: has stop the program the way Ctrl-C does, where they exist.
_RAISING: Final = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)

_noting: list[Callable[..., object]] = []
#: Each signal a noting handler was called for, in order: the program's one record of them.
_noted: list[int] = []


def noting(handler: Callable[..., object]) -> None:
    """Mark `handler` as one that calls `noted` before it raises `KeyboardInterrupt`."""
    if handler not in _noting:
        _noting.append(handler)


def noted(number: int) -> None:
    """Note that signal `number` came (a noting handler's first step)."""
    _noted.append(number)


def received() -> list[int]:
    """The signals noted so far, in the order they came (the record itself, to be read)."""
    return _noted


def the_users() -> bool:
    """Whether the `KeyboardInterrupt` just caught is to interrupt: a signal came, or a
    handler in place raises one without noting it (Python's own, a program's), so that
    nobody can tell. Otherwise (each handler ours, the default or ignored) plugin code
    raised it itself."""
    if _noted:
        return True
    for number in _RAISING:
        handler = signal.getsignal(number)
        if callable(handler) and not any(handler is known for known in _noting):
            return True
    return False
