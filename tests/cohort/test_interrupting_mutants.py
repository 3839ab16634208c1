"""`cohort/interrupting.py`, round 55's pass: a signal the program handles itself, arriving
while a query runs, leaves the query running; and a wakeup descriptor the program sets
while a connection is watched is the one it has after; a worker thread's query is not
interrupted by the main thread's watch."""

from __future__ import annotations

import os
import select
import signal
import threading
import time

import duckdb
import pytest

from program import python
from selfreview_core import _stopping
from selfreview_core.cohort import interrupting
from selfreview_core.cohort.rows import connect

from .test_interrupting import LONG, WAIT, _as_before, _noted, _signal_once_running, pytestmark

__all__ = ["_as_before", "pytestmark"]


@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGUSR1], ids=["SIGHUP", "SIGUSR1"])
def test_a_signal_the_program_handles_leaves_a_running_query_running(number: int) -> None:
    """A SIGHUP (a stopping signal) or SIGUSR1 the program handles itself, sent while a
    query runs: once the watch has passed it on to the program's descriptor (after deciding
    whether to interrupt), it has not begun interrupting and the query still runs; the test
    stops it (round 55: `_stopping`'s `handler is SIG_DFL` as `is not`, and `True` for any
    signal not stopping, each interrupted the query; a watch that started out stopping
    interrupted every query from the first)."""
    came: list[int] = []
    signal.signal(number, _noted(came))
    read, write = os.pipe()
    os.set_blocking(write, False)
    before = signal.set_wakeup_fd(write)
    seen: list[object] = []
    con = connect()
    con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
    con.execute("SET progress_bar_time = 0")

    def send() -> None:
        while con.query_progress() < 0:
            time.sleep(0.01)
        os.kill(os.getpid(), number)
        ready, _, _ = select.select([read], [], [], WAIT)
        seen.append(os.read(read, 16) if ready else b"")
        watch = interrupting._watch
        seen.append(watch is not None and watch.stopping)
        time.sleep(0.2)  # an interrupt, had one been made, reaches the query
        seen.append(con.query_progress() >= 0)
        con.interrupt()

    sender = threading.Thread(target=send, daemon=True)
    try:
        sender.start()
        with pytest.raises(duckdb.InterruptException):
            con.execute(LONG).fetchall()
        sender.join()
        assert seen == [bytes([number]), False, True]  # passed on; not stopping; running
        assert came == [number]
    finally:
        interrupting.unwatch(con)
        con.close()
        signal.set_wakeup_fd(before)
        os.close(read)
        os.close(write)


def test_a_wakeup_descriptor_the_program_sets_meanwhile_is_kept() -> None:
    """The program sets its own wakeup descriptor while a connection is watched: closing
    the connection leaves it in place, not the one from before the watch (round 55: putting
    the earlier one back in every case survived)."""
    read, write = os.pipe()
    os.set_blocking(write, False)
    con = connect()
    signal.set_wakeup_fd(write)  # in place of the watch's own
    try:
        interrupting.unwatch(con)
        con.close()
        assert signal.set_wakeup_fd(-1) == write
    finally:
        signal.set_wakeup_fd(-1)
        os.close(read)
        os.close(write)


def test_a_program_that_leaves_a_connection_open_still_exits() -> None:
    """The watch's thread does not keep a program alive: one that exits with a connection
    still open ends (round 55: the thread made without `daemon=True` survived, and such a
    program waited for it for ever)."""
    code = "from selfreview_core.cohort.rows import connect; con = connect(); print('open')"
    done = python(["-c", code])  # one that waits for ever fails as it hangs (`program.Bound`)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"open\n", b"")


def test_a_connection_still_open_is_watched_when_another_closes() -> None:
    """Two connections, one closed: a stopping signal still interrupts the other's query
    (round 55: `found() is not None` as `is None` survived, which took the last live
    connection for none and ended the watch while it was open)."""
    came: list[int] = []
    handler = _noted(came)
    _stopping.stops(handler)
    signal.signal(signal.SIGTERM, handler)
    first, second = connect(), connect()
    try:
        interrupting.unwatch(first)
        first.close()
        late = _signal_once_running(second, signal.SIGTERM)
        with pytest.raises(duckdb.InterruptException):
            second.execute(LONG).fetchall()
        assert (late, came) == ([], [signal.SIGTERM])
    finally:
        interrupting.unwatch(second)
        second.close()
        _stopping._stoppers.remove(handler)


def test_a_connection_closed_in_another_thread_leaves_the_watch_to_the_main_one() -> None:
    """The last watched connection given back from a thread other than the main one (where
    the descriptor cannot be set): the watch stays, and the next connection given back in
    the main thread ends it, its thread and descriptor put back (the fixture checks;
    round 55: `stop` answering True there survived, which left its thread running and the
    program's descriptor lost)."""
    con = connect()

    def give_back() -> None:
        interrupting.unwatch(con)
        con.close()

    thread = threading.Thread(target=give_back)
    thread.start()
    thread.join()
    assert interrupting._watch is not None
    again = connect()
    interrupting.unwatch(again)
    again.close()


def test_a_worker_threads_query_is_not_interrupted_by_the_main_threads_watch() -> None:
    """Only the main thread's connections are watched: a stopping signal the program handles
    itself (a marked handler that only notes it) comes while a main-thread connection is
    open, and a query a worker thread runs after on its own connection gives its answer
    (round 55's surviving mutant: the main-thread check in `watch` as False registered the
    worker's connection with the main thread's watch, which, stopping, interrupted its
    query within 50 ms)."""
    came: list[int] = []
    handler = _noted(came)
    _stopping.stops(handler)
    signal.signal(signal.SIGTERM, handler)
    main = connect()
    outcome: list[object] = []

    def work() -> None:
        con = connect()
        try:
            query = "SELECT count(*) FROM range(100000000) t(i) WHERE hash(i) >= 0"
            outcome.append(con.execute(query).fetchall())
        except duckdb.Error as error:
            outcome.append(type(error).__name__)
        finally:
            interrupting.unwatch(con)
            con.close()

    try:
        os.kill(os.getpid(), signal.SIGTERM)
        deadline = time.monotonic() + WAIT  # a hang guard, not a timed assertion
        while not (came and interrupting._watch is not None and interrupting._watch.stopping):
            assert time.monotonic() < deadline, "the watch never saw the signal"
            time.sleep(0.01)
        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
        assert (outcome, came) == ([[(100000000,)]], [signal.SIGTERM])
    finally:
        interrupting.unwatch(main)
        main.close()
        _stopping._stoppers.remove(handler)
