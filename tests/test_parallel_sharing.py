"""`parallel.ordered_pairs(..., here=...)` and `placing.Placement.keep`: the calling process
as one of the jobs (round 78). It forks one worker fewer and makes chunks itself; its own
results come back in their place, each given to `here` once every chunk before it is back;
and what it waits on never waits for ever: a worker that ended while this process waits for
the turn of an order it held is told (`lost`), where a thread holding this process's orders
waited for ever (round 77's prototype)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import parallel
from selfreview_core.placing import Placement

forked = pytest.mark.skipif(not parallel.forks(), reason="forked workers only (Linux)")

#: Looks at most, a hundredth of a second apart, that a test's `here` makes before it calls
#: the wait endless: bounded by a count, not a clock; far more than any load needs.
LOOKS = 30_000


def _tagged(chunk: int) -> tuple[int, int]:
    """The chunk and the process that made it; a worker's slowly, so that the calling
    process finds the oldest chunk not yet back and makes the next one itself."""
    if multiprocessing.parent_process() is not None:
        time.sleep(0.01)
    return chunk, os.getpid()


@forked
def test_this_process_makes_chunks_too_each_given_back_in_its_place() -> None:
    """Every chunk once, in order, with its own result; some made here and given to `here`
    (in order, once every chunk before it is back), the rest by the one worker forked."""
    back: list[int] = []
    mine: list[int] = []

    def here(chunk: int, lost: Callable[[], None]) -> None:
        assert back == list(range(chunk))  # every chunk before it given back already
        lost()  # the worker lives: nothing raised
        mine.append(chunk)

    for chunk, (made, pid) in parallel.ordered_pairs(_tagged, range(60), 2, here=here):
        assert made == chunk
        back.append(chunk)
        if pid == os.getpid():
            assert mine[-1] == chunk
    assert back == list(range(60))
    assert mine  # this process made some
    assert len(mine) < 60  # and the worker the others
    assert not multiprocessing.active_children()


@forked
def test_one_worker_fewer_is_forked_when_this_process_is_one_of_the_jobs() -> None:
    pids: set[int] = set()
    pairs = parallel.ordered_pairs(_tagged, range(30), 3, here=lambda chunk, lost: None)
    for _, (_, pid) in pairs:
        pids.add(pid)
    assert len(pids - {os.getpid()}) <= 2
    assert os.getpid() in pids


def _flag(chunk: int, flag: str) -> int:
    """Chunk 1, in a worker: the worker is killed once `flag` exists (its result sent back
    long before)."""
    if chunk == 1 and multiprocessing.parent_process() is not None:

        def kill() -> None:
            while not os.path.exists(flag):
                time.sleep(0.01)
            os.kill(os.getpid(), signal.SIGKILL)

        threading.Thread(target=kill, daemon=True).start()
    return chunk


@forked
def test_a_worker_ended_while_this_process_waits_on_it_is_told_not_waited_for(
    tmp_path: Path,
) -> None:
    """`here` waiting on what a worker does (its turn in the output), the worker killed
    meanwhile: `lost` raises `BrokenProcessPool`, the pool is stopped, no worker is left.
    A `lost` that asked nothing would leave this waiting for ever (here: to `LOOKS`)."""
    from concurrent.futures.process import BrokenProcessPool

    flag = tmp_path / "kill"
    told: list[int] = []

    def here(chunk: int, lost: Callable[[], None]) -> None:
        flag.touch()  # the worker dies now
        for _ in range(LOOKS):
            try:
                lost()
            except BrokenProcessPool:
                told.append(chunk)
                raise
            time.sleep(0.01)
        pytest.fail("a worker ended and `lost` never said so")

    from functools import partial

    pairs = parallel.ordered_pairs(partial(_flag, flag=str(flag)), range(40), 2, here=here)
    with pytest.raises(BrokenProcessPool):
        for _ in pairs:
            pass
    assert len(told) == 1
    deadline = 50  # the pool's own thread may be joining the dead worker as it stops
    while multiprocessing.active_children() and deadline:
        time.sleep(0.1)
        deadline -= 1
    assert not multiprocessing.active_children()


def _dies(wait: float) -> None:
    time.sleep(wait)
    os.kill(os.getpid(), signal.SIGKILL)


def _places_late(placement: Placement, go: Any) -> None:
    go.wait()
    placement.place(0, [b"zero"], 4)


@forked
def test_an_order_kept_here_is_placed_at_its_turn_without_a_thread(tmp_path: Path) -> None:
    """The keeper's order made before its turn is kept (no thread started), then placed by
    `settle` once the order before it is placed by another process; one made after it,
    once the turn has come, is placed at once with the one kept before it."""
    target = tmp_path / "out"
    handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        placement = Placement(handle)
        placement.keep()
        # Threads of other tests' pools may still be ending: only a placing thread counts.
        before = [t for t in threading.enumerate() if t.name == "placing"]
        context = multiprocessing.get_context("fork")
        go = context.Event()
        other = context.Process(target=_places_late, args=(placement, go))
        other.start()
        try:
            placement.place(1, [b"one"], 3)
            placement.place(2, [b"two"], 3)
            placing_threads = [t for t in threading.enumerate() if t.name == "placing"]
            assert placing_threads == before  # kept, not handed to a thread
            assert target.read_bytes() == b""
        finally:
            go.set()  # order 0 placed now (and never a child left waiting, if that failed)
        placement.settle(1, lambda: None)  # waits for order 0's turn to pass
        other.join()  # which it writes after handing the turn on
        assert target.read_bytes() == b"zeroone"
        placement.place(3, [b"three"], 5)  # order 2's turn came: it goes first
        assert target.read_bytes() == b"zeroonetwothree"
        placement.settle(3, lambda: None)
        placement.check(4)
    finally:
        os.close(handle)


@forked
def test_an_order_kept_here_is_not_waited_for_for_ever_when_the_one_before_is_lost(
    tmp_path: Path,
) -> None:
    """The process that was to place the order before it is killed: `settle` asks `lost`
    while it waits, which raises, and nothing of the kept order is written."""
    target = tmp_path / "out"
    handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        placement = Placement(handle)
        placement.keep()
        holder = multiprocessing.get_context("fork").Process(target=_dies, args=(0.2,))
        holder.start()
        placement.place(1, [b"one"], 3)
        looks = 0

        def lost() -> None:
            nonlocal looks
            looks += 1
            if looks > LOOKS // 5:  # `LOOK` apart: far longer than the holder lives
                pytest.fail("never told")
            if not holder.is_alive():
                raise OSError("lost")

        with pytest.raises(OSError, match="lost"):
            placement.settle(1, lost)
        holder.join()
        assert target.read_bytes() == b""
        with pytest.raises(OSError, match=r"\(0 of 2 parts written"):
            placement.check(2)
    finally:
        os.close(handle)


@forked
def test_a_forked_worker_of_a_keeper_holds_its_orders_in_its_own_thread(
    tmp_path: Path,
) -> None:
    """Only the keeper keeps: a process forked from it places out of turn as before (its
    thread), so the keeper's `settle` finds its turn come."""
    target = tmp_path / "out"
    handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        placement = Placement(handle)
        placement.keep()
        worker = multiprocessing.get_context("fork").Process(
            target=_places, args=(placement, [(1, b"one"), (2, b"two")])
        )
        worker.start()
        time.sleep(0.1)
        placement.place(0, [b"zero"], 4)
        placement.place(3, [b"three"], 5)
        worker.join()
        assert worker.exitcode == 0
        placement.settle(3, lambda: None)
        placement.check(4)
    finally:
        os.close(handle)
    assert target.read_bytes() == b"zeroonetwothree"


def _places(placement: Placement, orders: list[tuple[int, bytes]]) -> None:
    for index, data in orders:
        placement.place(index, [data], len(data))


@forked
def test_a_kept_order_whose_turn_has_come_is_placed_without_asking_about_workers(
    tmp_path: Path,
) -> None:
    """`lost` is asked only while the turn has not come: an order whose turn came while it
    was kept is placed at once, and a turn taken is taken once (the next order's comes)."""
    target = tmp_path / "out"
    handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        placement = Placement(handle)
        placement.keep()
        placement.place(1, [b"one"], 3)  # kept: order 0 is another's
        other = multiprocessing.get_context("fork").Process(
            target=_places, args=(placement, [(0, b"zero")])
        )
        other.start()
        other.join()

        def unasked() -> None:
            raise AssertionError("asked while the turn had come")

        placement.settle(1, unasked)
        placement.place(2, [b"two"], 3)  # its turn, taken at once
        placement.check(3)
    finally:
        os.close(handle)
    assert target.read_bytes() == b"zeroonetwo"


def _same(chunk: int) -> int:
    return chunk


@forked
@pytest.mark.parametrize("count", range(1, 9))
def test_every_chunk_once_whatever_the_number_where_the_source_ends(count: int) -> None:
    """Sources ending anywhere: before the workers' window is full, just as it fills (this
    process then finds the end itself), or later; nothing more, nothing less."""
    pairs = parallel.ordered_pairs(_same, range(count), 2, here=lambda chunk, lost: None)
    assert [(chunk, result) for chunk, result in pairs] == [(n, n) for n in range(count)]


@forked
def test_only_a_bounded_window_of_chunks_is_taken_ahead_when_this_process_shares() -> None:
    """The worker's window (`_WINDOW` a worker) and this process's own (`_MINE`), and no
    more, are taken from the source ahead of what is given back (memory stays flat)."""
    taken = 0

    def source() -> Iterator[int]:
        nonlocal taken
        for chunk in range(200):
            taken += 1
            yield chunk

    most = 0
    for given, _ in enumerate(
        parallel.ordered_pairs(_tagged, source(), 2, here=lambda chunk, lost: None)
    ):
        most = max(most, taken - given)
    assert most <= parallel._WINDOW + parallel._MINE + 1  # the one being given back
    assert most >= parallel._WINDOW  # the worker's window is kept full
