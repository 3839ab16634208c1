"""The descriptor a signal wakes the program through, which plugin code may not leave
changed.

While a cohort's DuckDB connection is open, Python's own signal handler writes the number
of each signal into a pipe of the program's (`signal.set_wakeup_fd`), and a thread reading
it interrupts the query, so that Ctrl-C, `kill` and a closed terminal stop the command at
once rather than when DuckDB next asks (`cohort/interrupting.py`). A plugin that set its
own descriptor in its hook (as asyncio's `loop.add_signal_handler` does, or its loop's
`close`, setting none) took the signals away from that thread: until the connection was
closed, a signal waited for the query to end again, seconds or minutes on a wide cohort.

So the program's `signal.set_wakeup_fd` (`Wakeup.note`, from `process_state.keep`) notes
the descriptor as it was before plugin code first changed it, and when plugin code has run
it is put back, said once. The plugin's own stands while its code runs, as it expects.
The program's own changes are never noted. Noting costs nothing on the way of a report.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from functools import wraps
from typing import Any, Final

from .plugin_code import running_here

__all__ = ["Wakeup", "release"]

#: Python's own function, as it is before `Wakeup.note` makes it note.
_set_wakeup_fd: Final = signal.set_wakeup_fd


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


class Wakeup:
    """The descriptor as it was before plugin code changed it (None: unchanged since put
    back)."""

    __slots__ = ("before",)

    def __init__(self) -> None:
        self.before: int | None = None

    def back(self) -> str | None:
        """The descriptor as it was, and the message saying so; None if it was not changed,
        or if this is not the main thread, where Python sets it (noted still: put back when
        the main thread's plugin call ends)."""
        if self.before is None or not _in_main_thread():
            return None
        before, self.before = self.before, None
        try:
            if _set_wakeup_fd(before) == before:  # the plugin put it back itself
                return None
            put = "put back"
        except (OSError, ValueError):  # closed meanwhile, or another file's number now
            _set_wakeup_fd(-1)
            put = "the program's was closed meanwhile, so none is set"
        return (
            "a plugin changed the descriptor that signals wake the program through"
            f" (signal.set_wakeup_fd); {put}, so that the command can still be stopped"
            " while it queries a cohort"
        )

    def note(self, changed: Callable[[str], None]) -> None:
        """From now on `signal.set_wakeup_fd` notes, in plugin code, the descriptor before
        its first change, and calls `changed` (which has the program put it back when
        plugin code has run)."""

        @wraps(_set_wakeup_fd)
        def set_wakeup_fd(fd: int, /, **options: Any) -> int:
            previous = _set_wakeup_fd(fd, **options)  # refused outside the main thread
            if self.before is None and running_here():
                self.before = previous
                changed("wakeup")
            return previous

        signal.set_wakeup_fd = set_wakeup_fd


def release() -> None:
    """Python's own `signal.set_wakeup_fd` back (a forked process's)."""
    signal.set_wakeup_fd = _set_wakeup_fd
