"""Workers of `--jobs` writing their reports straight into the one output file, each work
order's bytes at that order's place, so that every byte is written once, as one process
writes it.

Before (rounds 23 to 25) a worker wrote an order's reports to a file of its own and the
command's process copied them into the output (`spool.Output`): the kernel's second copy of
every byte, in the one process that the workers wait on (0.37 to 0.44 s of system time for
400 MB, docs/performance.md, round 25). An order's place in the output is known once the
orders before it are placed: the sum of their sizes. So the processes share a tiny record
(`Placement`): the next order to place and where it starts, and a semaphore per turn. A
process that has made an order whose turn it is takes the turn, reserves its range (two
integers), hands the turn on and writes its bytes there (`os.pwritev`); one whose turn it
is not yet hands the order to a thread of its own, which waits for the turn, while the
process makes its next order. That thread holds a few orders at most: past those, the
process waits (bounded memory). Each worker takes its orders in their order, so the lowest
order not placed is always made or being made, and its holder places it as soon as it
can: nothing waits for ever. Nobody waits on anybody else's wake-up either (a condition
variable's `notify` waits until each sleeper has woken, which in a busy worker is a wait
for its interpreter lock).

The record is made before the workers are forked and inherited by them (forked workers
only: it holds the output's descriptor). The command's process makes the first order
itself, always its turn. At the end it checks that every order was placed and written
(`check`): a worker ended before writing what it had made fails the batch, never a short
file. Write-behind as `spool.Output` does it: each range written is handed to the system to
start writing to disk (`posix_fadvise(DONTNEED)`), so the final `fsync` waits for little.

Of the package only `spool` is imported here (its writes: layer 1); `multiprocessing`
not until a record is made (`--jobs 1` never pays for it).
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any, Final

from .spool import write_all

if TYPE_CHECKING:
    import queue
    import threading

__all__ = ["Placement"]

#: Orders a process may hold, made but not yet placed, before it waits for its turn.
AHEAD: Final = 4
#: Semaphores that say whose turn it is, order `n`'s being `n % _TURNS`.
_TURNS: Final = 16
#: The shared record's fields: the next order to place, where it starts in the output (the
#: output as if every report were preceded by the separator), orders written, and the
#: system's error number of the first write that failed (0: none).
_NEXT, _AT, _WRITTEN, _ERROR = range(4)


class Placement:
    """The place of each order in the output file open as `fileno` (see the module), for
    this process and the workers forked from it after it is made.

    Each order's bytes are given as if every report of the batch were preceded by the
    separator that goes between two (`skip` bytes): the output is that, without the first
    `skip` bytes (the first report's separator).
    """

    def __init__(self, fileno: int, skip: int = 0) -> None:
        import mmap
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._turns = [context.Semaphore(0) for _ in range(_TURNS)]
        self._turns[0].release()  # the first order's turn
        self._count = context.Lock()
        # Shared memory that forked processes inherit: an anonymous shared map, not
        # `RawArray`, which imports `ctypes` and makes a file for its heap (2.5 ms before
        # the workers start, round 75).
        self._state: Any = memoryview(mmap.mmap(-1, 8 * 4)).cast("q")
        self._fileno, self._skip = fileno, skip
        self._advise = hasattr(os, "posix_fadvise")
        self._thread: threading.Thread | None = None
        self._queue: queue.Queue[tuple[int, Sequence[bytes], int] | None] | None = None
        self._owner = 0  # the process that started `_thread` (not inherited by a fork)

    def place(self, index: int, parts: Sequence[bytes], size: int) -> None:
        """Write order `index`'s `parts` (`size` bytes in all) at its place: now if it is
        its turn, else once the orders before it are placed (by this process's thread;
        waiting here only while it holds `AHEAD` orders). Every order is placed, even an
        empty one, so that the next one's turn comes. A process places its orders in
        increasing order."""
        if self._state[_NEXT] == index and self._turns[index % _TURNS].acquire(False):
            self._write(parts, self._reserve(index, size), size)
        else:
            self._holder().put((index, parts, size))

    def check(self, orders: int) -> None:
        """Raise `OSError` unless all `orders` were placed and written: a worker that ended
        before writing its part, or a write that failed (its error). Called once the
        workers have ended: read without a lock, which a worker killed holding it would
        never give back."""
        written, error = int(self._state[_WRITTEN]), int(self._state[_ERROR])
        if error:
            raise OSError(error, os.strerror(error))
        if written != orders:  # an order is counted once written, after its place
            done = f"{written} of {orders} parts written"
            raise OSError(errno.EIO, f"a worker ended before writing its reports ({done})")

    def _reserve(self, index: int, size: int) -> int:
        """Order `index`'s range, its turn taken; then the next order's turn. Only the
        process whose turn it is touches these two fields (the semaphores order them)."""
        offset = int(self._state[_AT])
        self._state[_AT], self._state[_NEXT] = offset + size, index + 1
        self._turns[(index + 1) % _TURNS].release()
        return offset

    def _wait_turn(self, index: int) -> None:
        """Take order `index`'s turn, waiting for it. Orders `_TURNS` apart share a
        semaphore: a wake meant for another is handed back (never seen in practice, as
        far fewer orders than that are ever made ahead of their turn)."""
        turn = self._turns[index % _TURNS]
        while True:
            turn.acquire()
            if self._state[_NEXT] == index:
                return
            turn.release()
            time.sleep(0.001)

    def _write(self, parts: Sequence[bytes], offset: int, size: int) -> None:
        """Write `parts` at `offset` (less the first report's separator), then count it;
        a failure is kept for `check` and raised."""
        try:
            at = offset - self._skip
            if at < 0:  # the batch's first bytes: the separator before its first report
                parts, size, at = _without(parts, -at), size + at, 0
            if size > 0:
                write_all(self._fileno, parts, at)
            if self._advise and size > 0:
                os.posix_fadvise(self._fileno, at, size, os.POSIX_FADV_DONTNEED)
        except OSError as error:
            with self._count:
                self._state[_ERROR] = self._state[_ERROR] or error.errno or errno.EIO
            raise
        with self._count:
            self._state[_WRITTEN] += 1

    def _holder(self) -> queue.Queue[tuple[int, Sequence[bytes], int] | None]:
        """This process's queue of orders waiting for their turn, and the thread that
        places them: started on first use in each process, and drained before the process
        ends (`multiprocessing`'s exit finalizers)."""
        if self._queue is None or self._owner != os.getpid():
            import queue
            import threading
            from multiprocessing.util import Finalize

            self._queue = queue.Queue(AHEAD)
            self._thread = threading.Thread(target=self._placing, name="placing")
            self._owner = os.getpid()
            self._thread.start()
            Finalize(None, self._drain, exitpriority=100)
        return self._queue

    def _placing(self) -> None:
        """The thread: each order held, in turn, once the orders before it are placed.
        A failed write (kept for `check`) does not stop it: the orders after it are still
        placed, so that no process waits for ever."""
        assert self._queue is not None
        while (item := self._queue.get()) is not None:
            index, parts, size = item
            self._wait_turn(index)
            with suppress(OSError):  # kept for `check`
                self._write(parts, self._reserve(index, size), size)
            del item, parts

    def _drain(self) -> None:
        """Place what this process holds, then end its thread."""
        if self._queue is not None and self._thread is not None and self._owner == os.getpid():
            self._queue.put(None)
            self._thread.join()


def _without(parts: Sequence[bytes], count: int) -> list[bytes]:
    """`parts` without their first `count` bytes."""
    kept = list(parts)
    while kept and count >= len(kept[0]):
        count -= len(kept.pop(0))
    if kept and count:
        kept[0] = kept[0][count:]
    return kept
