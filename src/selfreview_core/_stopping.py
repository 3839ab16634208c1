"""The signal handlers that stop the program, besides Python's own Ctrl-C: a signal handled
by one of them interrupts a DuckDB query at once (`cohort/interrupting.py`). The command
marks its own (`cli/_signals.py`) without importing the cohort code, which a command that
makes no cohort does not load."""

from __future__ import annotations

import signal
from collections.abc import Callable

__all__ = ["stopper", "stops"]

_stoppers: list[Callable[..., object]] = [signal.default_int_handler]


def stops(handler: Callable[..., object]) -> None:
    """Mark `handler` as one that stops the program."""
    if handler not in _stoppers:
        _stoppers.append(handler)


def stopper(handler: object) -> bool:
    """Whether `handler` (a signal's, as `signal.getsignal` gives it) stops the program."""
    return any(handler is known for known in _stoppers)
