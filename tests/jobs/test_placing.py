"""`placing`: orders written straight into one file by several processes, each at its
place, whatever order they are made in, come out as the orders one after the other (less
the first report's separator); a process that holds many orders waits instead of holding
more; a part never written or a failed write fails `check`, never a short file in silence."""

from __future__ import annotations

import errno
import multiprocessing
import os
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from program import Forked, asleep, decoded, joined, python, waited
from scaled import scaled
from selfreview_core.jobs import placing
from selfreview_core.jobs.placing import Placement

forked = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="forked workers only"
)
#: A worker a failed test left waiting is killed, not waited for at the run's end.
pytestmark = pytest.mark.usefixtures("workers_killed")

#: Orders as a batch makes them: each a few parts (reports, and the separator before each).
_ORDERS = st.lists(
    st.lists(st.binary(min_size=0, max_size=30), max_size=5),
    max_size=12,
)


def _placed(tmp_path: Path, orders: list[list[bytes]], skip: int) -> bytes:
    """The file the orders give, placed one after the other in this process."""
    target = tmp_path / "out"
    handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        placement = Placement(handle, skip)
        for index, parts in enumerate(orders):
            placement.place(index, parts, sum(map(len, parts)))
        placement.check(len(orders))
    finally:
        os.close(handle)
    return target.read_bytes()


@settings(max_examples=scaled(100), deadline=None)
@given(orders=_ORDERS, skip=st.integers(0, 40))
def test_orders_in_turn_give_their_bytes_one_after_the_other_less_the_first_skip(
    tmp_path_factory: pytest.TempPathFactory, orders: list[list[bytes]], skip: int
) -> None:
    whole = b"".join(b"".join(parts) for parts in orders)
    skip = min(skip, len(whole))  # the separator of a first report: never more than there is
    found = _placed(tmp_path_factory.mktemp("placed"), orders, skip)
    assert found == whole[skip:]


def _worker(
    placement: Placement, orders: list[tuple[int, list[bytes]]], delay: Callable[[int], float]
) -> None:
    """One process's orders, in increasing order, each made after a delay."""
    for index, parts in orders:
        time.sleep(delay(index))
        placement.place(index, parts, sum(map(len, parts)))


def _run_workers(
    target: Path,
    orders: list[list[bytes]],
    workers: int,
    skip: int,
    delay: Callable[[int], float],
    deal: Callable[[int], int],
) -> Placement:
    """The orders dealt out to `workers` forked processes (`deal(index)`: which)."""
    handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        placement = Placement(handle, skip)
        context = multiprocessing.get_context("fork")
        shares: list[list[tuple[int, list[bytes]]]] = [[] for _ in range(workers)]
        for index, parts in enumerate(orders):
            shares[deal(index)].append((index, parts))
        processes = [
            context.Process(target=_worker, args=(placement, share, delay)) for share in shares
        ]
        for process in processes:
            process.start()
        for process in processes:
            assert joined(process) == 0
    finally:
        os.close(handle)
    return placement


@forked
@pytest.mark.parametrize(
    ("workers", "count", "skip"),
    [(2, 1, 0), (2, 9, 2), (3, 25, 2), (2, 3 * placing.AHEAD + 2, 0)],
)
def test_orders_made_out_of_turn_by_several_processes_land_in_order(
    tmp_path: Path, workers: int, count: int, skip: int
) -> None:
    """The first worker makes its orders at once, the others slowly: its later orders are
    made long before their turn, more of them than it may hold (`AHEAD`), so it waits for
    the others; empty orders are placed as well, or the orders after them would wait."""
    rng = random.Random(count)
    orders = [
        [b"\f\n" + bytes([65 + n % 26]) * rng.randrange(1, 5000) for _ in range(n % 4)]
        for n in range(count)
    ]
    target = tmp_path / "out"
    placement = _run_workers(
        target,
        orders,
        workers,
        skip,
        delay=lambda index: 0.0 if index % workers == 0 else 0.02,
        deal=lambda index: index % workers,
    )
    placement.check(count)
    whole = b"".join(b"".join(parts) for parts in orders)
    assert target.read_bytes() == whole[skip:]
    with pytest.raises(OSError, match=rf"ended before .* \({count} of {count + 1} parts written"):
        placement.check(count + 1)  # one more order than were placed


@forked
def test_a_process_that_ends_before_its_orders_turn_fails_the_check(tmp_path: Path) -> None:
    """A process killed while it holds an order (made, not yet placed): the orders after
    it are never placed, and `check` says so rather than leave a short file."""
    target = tmp_path / "out"
    handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        placement = Placement(handle)
        context = multiprocessing.get_context("fork")
        holder = context.Process(target=_worker, args=(placement, [(1, [b"one"])], _no_delay))
        holder.start()
        assert asleep(Forked(holder))  # order 1 held, waiting for order 0
        holder.kill()
        holder.join()
        placement.place(0, [b"zero"], 4)
        with pytest.raises(OSError, match=r"ended before writing its reports \(1 of 2 parts"):
            placement.check(2)
    finally:
        os.close(handle)
    assert target.read_bytes() == b"zero"


def _no_delay(index: int) -> float:
    return 0.0


def test_a_failed_write_is_raised_and_kept_for_the_check(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_bytes(b"")
    handle = os.open(target, os.O_RDONLY)  # writes fail: EBADF
    try:
        placement = Placement(handle)
        with pytest.raises(OSError, match="Bad file descriptor") as raised:
            placement.place(0, [b"abc"], 3)
        assert raised.value.errno == errno.EBADF
        placement.place(1, [b""], 0)  # the next order's turn came all the same
        with pytest.raises(OSError, match="Bad file descriptor") as checked:
            placement.check(2)
        assert checked.value.errno == errno.EBADF
    finally:
        os.close(handle)


@forked
def test_a_failed_write_in_a_processs_thread_is_kept_for_the_check(tmp_path: Path) -> None:
    """An order placed by a worker's thread (made before its turn) whose write fails: the
    worker goes on, the orders after it are placed, and `check` raises the error."""
    target = tmp_path / "out"
    target.write_bytes(b"")
    handle = os.open(target, os.O_RDONLY)
    try:
        placement = Placement(handle)
        context = multiprocessing.get_context("fork")
        shares = [(1, [b"one"]), (2, [b"two"])]
        holder = context.Process(target=_worker, args=(placement, shares, _no_delay))
        holder.start()
        assert asleep(Forked(holder))  # orders 1 and 2 held, waiting for order 0
        placement.place(0, [], 0)
        assert joined(holder) == 0  # its thread placed both, and it ended once they were
        with pytest.raises(OSError, match="Bad file descriptor") as raised:
            placement.check(3)
        assert raised.value.errno == errno.EBADF
    finally:
        os.close(handle)


def _places_then_says(
    placement: Placement, orders: list[tuple[int, list[bytes]]], done: object
) -> None:
    _worker(placement, orders, _no_delay)
    done.set()  # type: ignore[attr-defined]


@forked
def test_a_process_holds_a_few_orders_out_of_turn_then_waits(tmp_path: Path) -> None:
    """Bounded memory: a process whose orders' turn does not come holds its thread's one
    and `AHEAD` more, then waits until the turn comes, and goes on."""
    target = tmp_path / "out"
    handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        placement = Placement(handle)
        context = multiprocessing.get_context("fork")
        for held, waits in ((placing.AHEAD + 1, False), (placing.AHEAD + 2, True)):
            shares = [(n, [bytes([48 + n])]) for n in range(1, held + 1)]
            done = context.Event()
            holder = context.Process(target=_places_then_says, args=(placement, shares, done))
            holder.start()
            if waits:  # waiting for its turn, its last order not taken
                assert asleep(Forked(holder))
                assert not done.is_set()
            else:
                assert waited(Forked(holder), done.is_set)
                holder.kill()
                holder.join()
        placement.place(0, [b"0"], 1)
        assert joined(holder) == 0
        assert done.is_set()
        placement.check(placing.AHEAD + 3)
    finally:
        os.close(handle)
    assert target.read_bytes() == bytes(range(48, 48 + placing.AHEAD + 3))


@forked
def test_orders_that_share_a_turns_semaphore_each_wait_for_their_own_turn(
    tmp_path: Path,
) -> None:
    """Order 17 waits on the semaphore of order 1 (16 of them): the wake meant for order 1
    may reach it first, and it hands it back rather than take order 1's place."""
    target = tmp_path / "out"
    handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        placement = Placement(handle)
        context = multiprocessing.get_context("fork")
        late = context.Process(target=_worker, args=(placement, [(17, [b"q"])], _no_delay))
        late.start()
        assert asleep(Forked(late))  # waiting for its turn, on the semaphore of order 1
        early_orders = [(n, [bytes([96 + n])]) for n in range(1, 17)]
        early = context.Process(target=_worker, args=(placement, early_orders, _no_delay))
        early.start()
        assert asleep(Forked(early))
        placement.place(0, [b"`"], 1)
        for process in (early, late):
            assert joined(process) == 0
        placement.check(18)
    finally:
        os.close(handle)
    assert target.read_bytes() == bytes(range(96, 96 + 18))


def _out_of_turn_in_one_process(placement: Placement) -> None:
    """Order 0 placed, then order 17 (whose semaphore is order 1's, now released) made
    before its turn, then orders 1 to 16 in turn: order 17 must not take order 1's turn."""
    placement.place(0, [b"`"], 1)
    placement.place(17, [b"q"], 1)
    for n in range(1, 17):
        placement.place(n, [bytes([96 + n])], 1)


@forked
def test_an_order_made_before_its_turn_never_takes_a_turn_released_for_another(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out"
    handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        placement = Placement(handle)
        context = multiprocessing.get_context("fork")
        process = context.Process(target=_out_of_turn_in_one_process, args=(placement,))
        process.start()
        # Waiting for ever (a turn taken by the wrong order): no processor time used for
        # a minute, and `joined` fails the test, the worker killed.
        assert joined(process) == 0
        placement.check(18)
    finally:
        os.close(handle)
    assert target.read_bytes() == bytes(range(96, 96 + 18))


def test_the_shared_record_is_made_without_ctypes(tmp_path: Path) -> None:
    """The record is made before the workers start, while they wait: an anonymous shared
    map, not `multiprocessing`'s `RawArray`, whose `ctypes` and heap file cost 2.5 ms of it
    (round 75). A fresh process, as this one may have imported `ctypes` for other reasons."""
    code = (
        "import os, sys\n"
        "from selfreview_core.jobs.placing import Placement\n"
        f"Placement(os.open({str(tmp_path / 'out')!r}, os.O_WRONLY | os.O_CREAT))\n"
        "print('ctypes' in sys.modules, 'multiprocessing.heap' in sys.modules)"
    )
    done = decoded(python(["-c", code]))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
