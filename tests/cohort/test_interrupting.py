"""A stopping signal interrupts the query DuckDB runs in the main thread (`cohort/interrupting.py`).

Before round 55 Python's handler ran only when DuckDB's client asked for pending signals,
between two of its tasks: seconds apart on a wide cohort, minutes on a wider one. Then a
Ctrl-C reached a program calling the library as DuckDB's `RuntimeError("Query
interrupted")`, the `KeyboardInterrupt` lost.

Each test signals once DuckDB reports the query running (`query_progress`, the progress bar
on but not drawn); a query not interrupted is stopped after a minute, and the test fails.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import duckdb
import pytest

from selfreview_core import _stopping
from selfreview_core.cohort import interrupting
from selfreview_core.cohort.rows import connect
from selfreview_core.cohort.work import WorkFolder, close_left

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals"),
    pytest.mark.skipif(
        threading.current_thread() is not threading.main_thread(),
        reason="signals reach the main thread only",
    ),
]

#: A query of minutes: the test stops it itself after `WAIT` if no signal did.
LONG = "SELECT sum(hash(i)) FROM range(100000000000) t(i)"
WAIT = 60.0


@pytest.fixture(autouse=True)
def _as_before() -> Iterator[None]:
    """The test process's handlers and wakeup descriptor put back, and nothing of ours left."""
    numbers = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1)
    handlers = {number: signal.getsignal(number) for number in numbers}
    wakeup = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(wakeup)
    try:
        yield
        assert interrupting._watch is None
        assert [t for t in threading.enumerate() if t.name == "selfreview-interrupt"] == []
        assert signal.set_wakeup_fd(wakeup) == wakeup
    finally:
        signal.set_wakeup_fd(wakeup)
        for number, handler in handlers.items():
            signal.signal(number, handler)


def _signal_once_running(con: duckdb.DuckDBPyConnection, number: int | None) -> list[str]:
    """Send `number` (if any) to this process once `con` runs a query; interrupt it after
    `WAIT` (noted in the list returned) if nothing else did."""
    con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
    con.execute("SET progress_bar_time = 0")
    return _send_once_running(con, number)


def _send_once_running(con: duckdb.DuckDBPyConnection, number: int | None) -> list[str]:
    """`_signal_once_running` on a connection that reports its progress already: after a
    stopping signal, every statement on it is interrupted, a `SET` too (if it runs as the
    watch interrupts again, every `_AGAIN` seconds: round 60's loaded run)."""
    late: list[str] = []

    def send() -> None:
        try:
            while con.query_progress() < 0:
                time.sleep(0.01)
        except duckdb.ConnectionException:  # closed before this thread saw it run: ended
            return
        if number is not None:
            os.kill(os.getpid(), number)
        deadline = time.monotonic() + WAIT
        with contextlib.suppress(duckdb.ConnectionException):  # closed: the query ended
            while con.query_progress() >= 0:
                if time.monotonic() > deadline:
                    late.append("the query ran on")
                    con.interrupt()
                    return
                time.sleep(0.05)

    threading.Thread(target=send, daemon=True).start()
    return late


def test_ctrl_c_in_a_query_reaches_a_program_as_ctrl_c_and_leaves_nothing() -> None:
    """Python's own Ctrl-C: a `KeyboardInterrupt`, not DuckDB's `RuntimeError("Query
    interrupted")`; the work folder removed, when the `with` block's exit ran, or when the
    collector frees it (Python may raise the interrupt as the exit begins, which then never
    runs)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    work = WorkFolder()
    folder = Path(work.folder)
    try:
        with work:
            late = _signal_once_running(work.connection(), signal.SIGINT)
            work.connection().execute(LONG).fetchall()
    except BaseException as error:
        raised: BaseException | None = error
    assert late == []
    assert type(raised) is KeyboardInterrupt
    raised = None
    close_left()  # as the command does before it ends by a signal
    assert not folder.exists()  # DuckDB's spill folder removed


def _noted(into: list[int]) -> Callable[[int, FrameType | None], None]:
    def handler(number: int, frame: FrameType | None) -> None:
        del frame
        into.append(number)

    return handler


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_stopping_signal_interrupts_the_query_and_every_one_after(number: int) -> None:
    """A handler marked as stopping the program (the command's own, `cli/_signals.py`) that
    only notes the signal: the query is interrupted all the same, and so is one started
    after (one about to start when the signal came would not see a single interrupt)."""
    came: list[int] = []
    handler = _noted(came)
    _stopping.stops(handler)
    signal.signal(number, handler)
    con = connect()
    try:
        late = _signal_once_running(con, number)
        with pytest.raises(duckdb.InterruptException):
            con.execute(LONG).fetchall()
        assert (late, came) == ([], [number])
        late = _send_once_running(con, None)  # no second signal, no statement before
        with pytest.raises(duckdb.InterruptException):
            con.execute(LONG).fetchall()
        assert late == []
    finally:
        interrupting.unwatch(con)
        con.close()
        _stopping._stoppers.remove(handler)


def test_a_programs_own_handler_and_wakeup_descriptor_are_kept() -> None:
    """A SIGHUP the program handles itself (a log reopened) interrupts nothing; the program's
    wakeup descriptor is told of it while the connection is open, and is put back after."""
    came: list[int] = []
    signal.signal(signal.SIGHUP, _noted(came))
    read, write = os.pipe()
    os.set_blocking(write, False)
    before = signal.set_wakeup_fd(write)
    try:
        con = connect()
        signal.raise_signal(signal.SIGHUP)
        ready, _, _ = select.select([read], [], [], WAIT)
        assert ready
        assert os.read(read, 16) == bytes([signal.SIGHUP])
        assert came == [signal.SIGHUP]
        assert con.execute("SELECT 42").fetchall() == [(42,)]  # not interrupted
        interrupting.unwatch(con)
        con.close()
        assert signal.set_wakeup_fd(before) == write  # the program's own, put back
    finally:
        signal.set_wakeup_fd(before)
        os.close(read)
        os.close(write)


def test_an_ignored_hangup_interrupts_nothing() -> None:
    """`nohup`: Python is not told of an ignored signal, and the query goes on."""
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    con = connect()
    try:
        signal.raise_signal(signal.SIGHUP)
        assert con.execute("SELECT count(*) FROM range(1000000)").fetchall() == [(1000000,)]
    finally:
        interrupting.unwatch(con)
        con.close()


def test_a_connection_outside_the_main_thread_is_not_watched() -> None:
    """Python sets the wakeup descriptor, and runs handlers, in the main thread only."""
    made: list[duckdb.DuckDBPyConnection] = []
    thread = threading.Thread(target=lambda: made.append(connect()))
    thread.start()
    thread.join()
    assert interrupting._watch is None
    interrupting.unwatch(made[0])
    made[0].close()


def test_a_connection_dropped_without_being_given_back_is_forgotten() -> None:
    con = connect()
    assert interrupting._watch is not None
    con.close()
    del con  # freed: its watch ends with it
    assert interrupting._watch is None


def test_duckdbs_words_for_an_interrupted_query_are_known() -> None:
    assert interrupting.interrupted_query(duckdb.InterruptException("INTERRUPT Error"))
    assert interrupting.interrupted_query(RuntimeError("Query interrupted"))
    assert not interrupting.interrupted_query(RuntimeError("another"))
    assert not interrupting.interrupted_query(None)


def test_an_interrupted_read_of_a_cohort_file_is_not_a_damaged_file(tmp_path: Path) -> None:
    """Ctrl-C while a cohort file is read is DuckDB's interrupt, never "the Parquet file is
    damaged" (a program calling the library saw that)."""
    from selfreview_core.cohort.file_reading import reading

    with pytest.raises(duckdb.InterruptException), reading([str(tmp_path / "cohort.parquet")]):
        raise duckdb.InterruptException("INTERRUPT Error: Interrupted!")


def test_a_forked_process_puts_the_descriptor_back() -> None:
    """The child of a fork (plugin code's `multiprocessing`) has no thread reading the pipe:
    a signal there would fill it, unread. Its wakeup descriptor is the one before."""
    before = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(before)
    con = connect()
    try:
        child = os.fork()
        if child == 0:  # pragma: no cover - the child's exit status is the check
            os._exit(0 if signal.set_wakeup_fd(-1) == before else 1)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        interrupting.unwatch(con)
        con.close()
