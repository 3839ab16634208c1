"""A plugin that sets its own descriptor for Python's signal handler to wake it through, in
its hook, while a cohort command's DuckDB connection is open, as `$SELFREVIEW_HOSTILE_WAKES`
says: `fd` sets a pipe of its own (`signal.set_wakeup_fd`); `asyncio` makes an event loop
and has it handle SIGUSR1 (`loop.add_signal_handler`, which sets the loop's socket), and
leaves it open; `none` sets none (`signal.set_wakeup_fd(-1)`, as a closed loop's last
handler removed does). Once it has, it makes the file `$SELFREVIEW_HOSTILE_WAKES_MARK`
names, if any, for a test to signal the command after. Before round 56 the descriptor
stood: the thread that interrupts a query when a stopping signal comes
(`cohort/interrupting.py`) heard of none until the connection closed. Its recommendation
is good. Not among the package's `ENTRY_POINTS`:
`tests/isolation/test_wakeup_descriptor.py` installs it alone."""

from __future__ import annotations

import asyncio
import os
import signal

from selfreview_core import hookimpl

from . import kept

_HOW = os.environ.get("SELFREVIEW_HOSTILE_WAKES", "fd")
#: What the plugin keeps open: its pipe, or its loop.
_held: list[object] = []


def _wake() -> None:
    if _HOW == "asyncio":
        if not _held:  # one loop, at the first school: a `kill` in a loop half made would
            loop = asyncio.new_event_loop()  # have the loop's `__del__` fail, said too
            loop.add_signal_handler(signal.SIGUSR1, lambda: None)
            _held.append(loop)
    elif _HOW == "none":
        signal.set_wakeup_fd(-1)
    else:
        read, write = os.pipe()
        os.set_blocking(write, False)
        signal.set_wakeup_fd(write)
        _held.append((read, write))
    mark = os.environ.get("SELFREVIEW_HOSTILE_WAKES_MARK")
    if mark:
        open(mark, "a").close()


@hookimpl
def selfreview_recommend() -> list[object]:
    _wake()
    return [kept("hostile-wakes")]
