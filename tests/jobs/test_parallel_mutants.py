"""Behaviours of `parallel` that a whole mutation pass (round 38) found no test pinned: that
`fresh` workers are never forked from the caller's process; that a worker leaves a hang-up
and an interrupt to the parent, which handles them; that each worker, and only each worker,
is set up with the initializer; that closing the results early drops the queued work; and
that workers whose work is all done end cleanly, running what they registered for their
exit."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from multiprocessing.util import Finalize
from pathlib import Path
from typing import Any

import pytest

from program import WAIT
from selfreview_core.jobs import parallel

#: Each test starts worker processes.
pytestmark = pytest.mark.slow


#: What `_set_up` was given, in this process.
_SET_UP: list[str] = []


def _set_up(value: str) -> None:
    _SET_UP[:] = [value]


def _seen(chunk: list[int]) -> list[str]:
    """What this process was set up with, once for each item."""
    return [value for _ in chunk for value in _SET_UP]


def _started(chunk: tuple[str, int]) -> int:
    """Chunk 0 at once; any other marked as started in the folder, then a long wait, then
    marked as finished: a worker not ended at once leaves that mark."""
    folder, number = chunk
    if number:
        Path(folder, str(number)).touch()
        time.sleep(60)
        Path(folder, f"{number}.finished").touch()
    return number


#: Whether this process has registered its note (`_noted`).
_NOTED: list[str] = []


def _noted(chunk: tuple[str, int]) -> int:
    """This process's id, after registering, once, a note left in the folder as it exits
    (as `placing` registers the writing of the orders it still holds)."""
    folder, _ = chunk
    if not _NOTED:
        _NOTED.append(folder)
        Finalize(None, Path(folder, str(os.getpid())).touch, exitpriority=100)
    return os.getpid()


def _parents(chunk: list[int]) -> list[int]:
    """The process that started this worker, once for each item."""
    return [os.getppid() for _ in chunk]


def _signalled(chunk: list[int]) -> list[int]:
    """`chunk`, after the signals a closed terminal and a Ctrl-C send the whole group."""
    for number in (signal.SIGHUP, signal.SIGINT):
        os.kill(os.getpid(), number)
    return chunk


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_fresh_workers_are_never_forked_from_this_process() -> None:
    """A caller that may hold threads (DuckDB's) asks for `fresh` workers: they are started
    by a fork server, so none of them is this process's child; plain ones (the default of
    `ordered_map` and `ordered_pairs` alike) are forked from it."""
    assert parallel.forks() is True
    assert parallel.forks(fresh=True) is False
    found = list(parallel.ordered_map(_parents, [[1], [2], [3]], 2, fresh=True))
    assert len(found) == 3
    assert os.getpid() not in {parent for parents in found for parent in parents}
    forked = list(parallel.ordered_pairs(_parents, [[1], [2]], 2))
    assert forked == [([1], [os.getpid()]), ([2], [os.getpid()])]


def test_fresh_workers_are_started_from_a_thread_other_than_the_main_one() -> None:
    """A library user's `support` run in a thread of its own starts fresh workers there:
    the stopping signals' handlers, which only the main thread may change, are left as
    they are, not changed in error (round 61's `_deferred`, by a mutation pass)."""
    found: list[object] = []
    worker = threading.Thread(
        target=lambda: found.extend(parallel.ordered_map(_parents, [[1], [2]], 2, fresh=True))
    )
    before = signal.getsignal(signal.SIGINT)
    worker.start()
    # A thread of this process, not a process whose work `program.Bound` can read: a
    # clock, generous (its work, workers' start included, is a few seconds of
    # processor time).
    worker.join(300)
    assert not worker.is_alive()
    assert len(found) == 2
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no hang-up signal")
def test_a_worker_leaves_a_hang_up_and_an_interrupt_to_the_parent() -> None:
    """A closed terminal or Ctrl-C signals every process of the group: the workers ignore
    both (the parent stops them), so a worker that gets them goes on with its work."""
    chunks = [[n] for n in range(4)]
    assert list(parallel.ordered_map(_signalled, chunks, 2)) == chunks


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_work_is_done_where_the_initializer_set_things_up(jobs: int) -> None:
    """Each worker runs the initializer with its arguments before any work (an engine of
    its own, say); with one job it runs here, where the work is done, and with workers it
    does not (this process only hands the work out)."""
    try:
        found = list(
            parallel.ordered_map(_seen, [[1], [2, 3]], jobs, initializer=_set_up, initargs=("x",))
        )
        assert found == [["x"], ["x", "x"]]
        assert list(_SET_UP) == (["x"] if jobs == 1 else [])
    finally:
        _SET_UP.clear()


def test_closing_the_results_early_ends_the_running_work_and_drops_the_queued(
    tmp_path: Path,
) -> None:
    """A caller that stops reading (an error, `--strict`, Ctrl-C) stops the workers at once:
    what they run is ended and what was queued for them never starts, instead of the pool
    finishing all of it first."""
    chunks = [(str(tmp_path), number) for number in range(8)]
    results = parallel.ordered_map(_started, chunks, 2)
    assert next(results) == 0
    results.close()
    # Ended at once (each would otherwise sleep a minute, then leave its mark) and waited
    # for. The pool's own thread reaps them too: one it reaped first was joined before its
    # exit was noted, so `active_children` may list it for a moment (failed alone 7 runs
    # in 30, round 39). That moment is this process's thread's, not a worker's, so no
    # worker's processor time bounds it: a clock, generous, as it passes at the first look
    # but on a loaded machine (it was 5 s).
    deadline = time.monotonic() + WAIT
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert multiprocessing.active_children() == []
    assert not list(tmp_path.glob("*.finished"))
    assert len(list(tmp_path.iterdir())) <= 2  # one for each worker, at most


def test_workers_whose_work_is_all_done_end_cleanly(tmp_path: Path) -> None:
    """Once every result is back, the workers are asked to end, not killed: each runs what
    it registered for its exit (a worker placing orders straight into the output writes the
    ones it still holds then, `placing`)."""
    workers = set(parallel.ordered_map(_noted, [(str(tmp_path), n) for n in range(6)], 2))
    assert {int(note.name) for note in tmp_path.iterdir()} == workers


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_jobs_zero_is_one_worker_for_each_core_this_process_may_use() -> None:
    """`--jobs 0` counts the cores this process may run on (`taskset`, a container's
    share), not the machine's nor another process's."""
    mine = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(0, {min(mine)})
        assert parallel.workers(0) == 1
    finally:
        os.sched_setaffinity(0, mine)
    assert parallel.workers(0) == len(mine)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
@pytest.mark.parametrize(
    ("jobs", "cores", "count"),
    [(1, 1, 1), (4, 1, 4), (5, 1, 4), (100_000, 1, 4), (0, 1, 1), (7, 2, 7), (8, 2, 8), (9, 2, 8)],
)
def test_no_more_than_four_workers_a_core_whatever_jobs_asks(
    jobs: int, cores: int, count: int
) -> None:
    """`--jobs 100000` (a slip for `--jobs 10`) over a million schools would start a hundred
    thousand processes, each building an engine, and read as many chunks ahead: the work is
    the processor's, so more than `PER_CORE` workers a core are never started."""
    mine = os.sched_getaffinity(0)
    if len(mine) < cores:
        pytest.skip(f"this process may run on {len(mine)} core(s), not {cores}")
    try:
        os.sched_setaffinity(0, set(sorted(mine)[:cores]))
        assert parallel.workers(jobs) == count
    finally:
        os.sched_setaffinity(0, mine)


def test_a_negative_jobs_is_refused_naming_it() -> None:
    """The command line refuses it first (`IntRange`); a library caller is told the same."""
    with pytest.raises(ValueError, match=r"--jobs must be 0 \(one per core\) or more, not -1"):
        parallel.workers(-1)


@pytest.mark.parametrize(("counted", "cores"), [(None, 1), (3, 3)])
def test_where_the_cores_allowed_are_not_known_the_machines_are_counted(
    counted: int | None, cores: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `sched_getaffinity` (macOS, Windows) the machine's cores are counted, one when
    even that is unknown; the cap of four a core follows them."""
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: counted)
    assert parallel.workers(0) == cores
    assert parallel.workers(100) == 4 * cores


def test_a_large_batch_with_a_huge_jobs_starts_four_workers_a_core_and_reads_ahead_no_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Over more chunks than `--jobs` asks for, the pool is asked for `PER_CORE` workers a
    core, and no more chunks are read ahead of the first result than those workers' window
    (memory stays flat: the cap of `workers` is what bounds it)."""
    import concurrent.futures

    asked: list[int] = []

    class Pool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **options: Any) -> None:
            asked.append(max_workers)
            super().__init__(2, **options)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    limit = parallel.workers(0) * parallel.PER_CORE
    taken: list[int] = []

    def source() -> Iterator[list[int]]:
        for number in range(limit * parallel._WINDOW + 50):
            taken.append(number)
            yield [number]

    results = parallel.ordered_map(_parents, source(), 100_000)
    try:
        assert next(results) == [os.getpid()]
        assert asked == [limit]
        assert len(taken) == limit * parallel._WINDOW + 1
    finally:
        results.close()


@pytest.mark.parametrize(("jobs", "chunks", "started"), [(1000, 3, 3), (1000, 1, 2), (3, 9, 3)])
def test_no_more_workers_are_started_than_chunks_of_work(
    jobs: int, chunks: int, started: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--jobs 100000` over a cohort of a dozen schools (one chunk) started a hundred
    thousand processes, forked at once, until the machine could start no more; now as
    many as there are chunks, two at least (`--jobs 2` over one chunk still uses
    workers). The pool is given at most 3 here whatever it is asked for, so that this
    test cannot do what it pins."""
    import concurrent.futures

    asked: list[int] = []

    class Pool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **options: Any) -> None:
            asked.append(max_workers)
            super().__init__(min(max_workers, 3), **options)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    work = [[n] for n in range(chunks)]
    assert list(parallel.ordered_map(_parents, work, jobs)) == [[os.getpid()]] * chunks
    assert asked == [started]


@pytest.mark.parametrize("fresh", [False, True], ids=["forked", "fresh"])
def test_a_window_of_chunks_is_taken_ahead_of_the_first_result_and_no_more(
    fresh: bool,
) -> None:
    """Memory stays flat whatever the input's size: `_WINDOW` chunks a worker are sent at
    first (those taken to count the workers among them), and one more as each comes back,
    whether the workers are forked or started afresh (one at a time, by any submit)."""
    taken: list[int] = []

    def source() -> Iterator[list[int]]:
        for number in range(20):
            taken.append(number)
            yield [number]

    results = parallel.ordered_map(_parents, source(), 2, fresh=fresh)
    try:
        for back in range(1, 4):
            parents = next(results)
            assert len(parents) == 1
            assert fresh or parents == [os.getpid()]
            assert len(taken) == 2 * parallel._WINDOW + back
    finally:
        results.close()


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks")
@pytest.mark.parametrize("fresh", [False, True], ids=["forked", "fresh"])
def test_ctrl_c_and_kill_reach_the_caller_again_once_the_workers_are_started(
    fresh: bool,
) -> None:
    """The stopping signals are held while workers are started (`_submit`), and let
    through again at once: held after it, Ctrl-C, `kill` or a closed terminal would wait,
    unseen, for as long as the caller ran, the batch and anything after it."""
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    assert not before & held  # the test starts where a command starts
    results = parallel.ordered_map(_parents, [[n] for n in range(6)], 2, fresh=fresh)
    try:
        next(results)  # every worker started by now, its work under way
        assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before
        assert len(list(results)) == 5
    finally:
        results.close()
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before


def test_a_ctrl_c_while_fresh_workers_start_is_raised_once_they_are_noted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C as a fresh worker is being started is deferred until the pool has noted it
    (`_deferred`), and raised then: the caller stops, as Ctrl-C asks, instead of the
    signal being dropped and the batch going on to its end."""
    from concurrent.futures import ProcessPoolExecutor

    submit = ProcessPoolExecutor.submit
    sent: list[int] = []

    def interrupted(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not sent:  # the first submit starts a worker: Ctrl-C comes meanwhile
            sent.append(1)
            signal.raise_signal(signal.SIGINT)
        return submit(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", interrupted)
    # Ctrl-C as at a terminal: a run started in a script's background (`&`, as a CI job
    # may be) inherits it ignored, and an ignored Ctrl-C is never raised.
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        results = parallel.ordered_map(_parents, [[n] for n in range(6)], 2, fresh=True)
        with pytest.raises(KeyboardInterrupt):
            list(results)
    finally:
        signal.signal(signal.SIGINT, before)
    assert sent == [1]
