"""Ctrl-C, `kill` and a closed terminal stop a DuckDB query at once, not when it ends.

Python runs a signal's handler in the main thread between two of its own instructions.
While DuckDB runs a query there, its client asks for them only between two of its tasks,
which on a wide cohort are seconds apart (round 55: `kill` at 2.5 s of a dashboard of 129
strands ended it at 15 s; of 300 strands, minutes later). So while a connection made by
`rows.connect` is open, a stopping signal also wakes a thread of ours: Python's own C
handler writes the signal's number into a pipe (`signal.set_wakeup_fd`), and the thread,
which waits on it, interrupts the connection's query (`interrupt()`), and every query made
on it after, until it is closed: one about to start when the signal came would not see the
interrupt, which DuckDB forgets when a query starts. The handler then runs as soon as the
main thread is back in Python, and the command ends as the signal asks, as it always did.

A stopping signal is SIGINT, SIGTERM or SIGHUP whose handler then stops the program:
Python's Ctrl-C (`default_int_handler`) or one marked so (`_stopping.stops`: the
command's own). A
program's own handler (one that rotates a log on SIGHUP), or an ignored signal (`nohup`),
interrupts nothing. A wakeup descriptor the program set is kept informed (each byte passed
on) and put back when the last connection closes; the thread ends there. Where the
descriptor cannot be set (outside the main thread, or no such call), queries go on as
before: stopped between tasks.
"""

from __future__ import annotations

import os
import select
import signal
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Final

from .._stopping import stopper

if TYPE_CHECKING:
    import duckdb

__all__ = ["interrupted_query", "set_for", "threads_of", "unwatch", "watch"]

#: The signals that ask a program to stop, where they exist.
STOPPING: Final = frozenset(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
#: How often a query is interrupted again once a stopping signal came (seconds).
_AGAIN: Final = 0.05
_lock = threading.Lock()


def _stopping(number: int) -> bool:
    if number not in STOPPING:
        return False
    handler = signal.getsignal(number)
    # SIG_DFL: ours, having run, gave the signal back its default (a second ends at once).
    return handler is signal.SIG_DFL or stopper(handler)


def interrupted_query(error: BaseException | None) -> bool:
    """Whether `error` is DuckDB's word for a query interrupted: by us (`InterruptException`),
    or by its client when a signal's handler raised while the query ran (a `RuntimeError`,
    the `KeyboardInterrupt` lost)."""
    import sys

    duckdb = sys.modules.get("duckdb")
    if duckdb is not None and isinstance(error, duckdb.InterruptException):
        return True
    return isinstance(error, RuntimeError) and str(error) == "Query interrupted"


class _Watch:
    """The pipe Python's signal handler writes into, the thread reading it, and the
    connections whose queries it interrupts."""

    def __init__(self, previous: int, read: int, write: int) -> None:
        self.previous, self.read, self.write = previous, read, write
        self.connections: dict[int, weakref.ref[duckdb.DuckDBPyConnection]] = {}
        self.stopping = False
        self.done = False
        self.thread = threading.Thread(target=self._run, name="selfreview-interrupt", daemon=True)

    def _run(self) -> None:
        while True:
            ready, _, _ = select.select([self.read], [], [], _AGAIN if self.stopping else None)
            got = os.read(self.read, 512) if ready else b""
            ending = self.done and 0 in got
            numbers = [number for number in got if number != 0]
            self.stopping = self.stopping or any(map(_stopping, numbers))
            if self.stopping:
                self._interrupt()
            for number in numbers:  # once interrupted: the program sees its query stopped
                self._pass_on(number)
            if ending:
                return

    def _pass_on(self, number: int) -> None:
        """The byte to the descriptor the program had set, if any, as Python would have."""
        if self.previous != -1:
            with suppress(OSError):  # full, or closed: as Python's own handler, it goes on
                os.write(self.previous, bytes([number]))

    def _interrupt(self) -> None:
        # Under the lock: `unwatch` waits for it before the connection is closed.
        with _lock:
            for found in self.connections.values():
                con = found()
                if con is not None:
                    with suppress(Exception):  # closed behind our back (plugin code): no query
                        con.interrupt()

    def stop(self) -> bool:
        """The program's descriptor put back and the thread ended (in the main thread);
        False where the descriptor cannot be set here. A descriptor closed meanwhile (or
        its number another file's now, which Python refuses) is not put back: none is."""
        if threading.current_thread() is not threading.main_thread():
            return False
        now = _set(self.previous)
        if now != self.write:  # the program set another since: its own stays
            _set(now)
        self.done = True
        os.write(self.write, b"\0")
        self.thread.join()
        os.close(self.read)
        os.close(self.write)
        return True


def _set(descriptor: int) -> int:
    """`signal.set_wakeup_fd(descriptor)`, or no descriptor where that one is gone."""
    try:
        return signal.set_wakeup_fd(descriptor)
    except (OSError, ValueError):  # closed, or blocking: another file took its number
        return signal.set_wakeup_fd(-1)


_watch: _Watch | None = None


def _started() -> _Watch | None:
    read, write = os.pipe()
    os.set_blocking(write, False)
    try:
        previous = signal.set_wakeup_fd(write)
    except (AttributeError, ValueError, OSError):  # not the main thread, or no such call
        os.close(read)
        os.close(write)
        return None
    watch = _Watch(previous, read, write)
    watch.thread.start()
    return watch


def watch(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """`con`, its queries interrupted when a stopping signal comes, until `unwatch(con)`."""
    global _watch
    if threading.current_thread() is not threading.main_thread():
        return con  # Python runs handlers, and sets the descriptor, in the main thread only
    if _watch is None:
        _watch = _started()
    if _watch is not None:
        with _lock:
            _watch.connections[id(con)] = weakref.ref(con)
        # A connection never given back (a program's own): done with when it is freed.
        weakref.finalize(con, _freed, id(con)).atexit = False
    return con


def unwatch(con: duckdb.DuckDBPyConnection) -> None:
    """No longer watch `con` (before closing it); the last one watched puts everything
    back as it was."""
    _freed(id(con))


def _freed(key: int) -> None:
    global _watch
    if _watch is None:
        return
    with _lock:
        _watch.connections.pop(key, None)
        left = any(found() is not None for found in _watch.connections.values())
    if not left and _watch.stop():
        _watch = None


def _forgotten() -> None:
    """A forked process has no thread reading the pipe: its descriptor is put back (and the
    lock made anew: the parent's thread may have held it as the process forked)."""
    global _watch, _lock
    _lock = threading.Lock()
    if _watch is not None:
        with suppress(ValueError):  # forked by another thread: not the main one
            _set(_watch.previous)
        os.close(_watch.read)
        os.close(_watch.write)
        _watch = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forgotten)


@contextmanager
def set_for(con: duckdb.DuckDBPyConnection, name: str, value: str, before: str) -> Iterator[None]:
    """The block run with DuckDB's setting `name` at `value` (as SQL writes it), then at
    `before` again, after Ctrl-C's interrupted query too (its error is told, not this)."""
    import duckdb  # here: this module is imported before DuckDB is needed

    con.execute(f"SET {name} = {value}")
    try:
        yield
    finally:
        with suppress(duckdb.Error):
            con.execute(f"SET {name} = {before}")


def threads_of(con: duckdb.DuckDBPyConnection) -> int:
    """The threads DuckDB runs `con`'s queries on (at least one): what `sql_counts` bounds
    its grouping sets by, and puts back after a block on fewer (`set_for`)."""
    found = con.execute("SELECT current_setting('threads')").fetchone()
    return max(1, int(found[0])) if found else 1
