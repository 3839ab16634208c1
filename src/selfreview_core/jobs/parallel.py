"""Work spread over worker processes, its results given back in input order: what `--jobs N`
of every batch command uses (`report`, and whatever else attaches it).

The work comes in chunks, and a bounded window of them is in flight at a time (a few per
worker), so memory stays flat whatever the input's size: the next chunk is sent only once
the oldest is back. Each worker sets itself up once (`initializer`, say: build its own
engine from the command's options), and ignores Ctrl-C, which the parent handles: it stops
the workers and lets `KeyboardInterrupt` go on, so no worker prints a traceback. Built on
`concurrent.futures.ProcessPoolExecutor`, so a worker that dies fails the call instead of
leaving it waiting for ever (as `multiprocessing.Pool` would).

Processes are forked where the platform can (Linux), so a worker starts in milliseconds
with what the parent had imported; elsewhere they are spawned, and the initializer and the
work function must then be importable, and their arguments picklable. Objects made in the
parent (a plugin registered from Python) do not travel: a worker builds what it needs.
A caller whose process may hold threads (DuckDB's, in the cohort commands) asks for `fresh`
workers instead: started by a fork server (or spawned), never forked from it.

With one job nothing is started: the work is done here, in order, after `initializer`.
"""

from __future__ import annotations

import errno
import gc
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing, contextmanager, nullcontext
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # imported when workers are started: `--jobs 1` never pays for them
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = [
    "CHUNK",
    "LOST",
    "PER_CORE",
    "chunked",
    "forks",
    "freeze",
    "ordered_map",
    "ordered_pairs",
    "said_if_lost",
    "unfreeze",
    "workers",
]

T = TypeVar("T")
R = TypeVar("R")

#: Items per chunk sent to a worker: enough that sending costs little beside the work.
CHUNK = 32
#: Chunks in flight per worker: enough to keep each busy while the parent writes.
_WINDOW = 3


#: Worker processes a core at most. The work is the processor's: more workers than cores
#: make nothing faster, and `--jobs 100000` (a slip for `--jobs 10`) over a million schools
#: started a hundred thousand processes, each with its own engine, and read as many chunks
#: ahead of the first result (round 46).
PER_CORE = 4


def workers(jobs: int) -> int:
    """The number of worker processes `--jobs jobs` means: `0` one per core; no more than
    `PER_CORE` a core, whatever is asked (the output is the same whatever the number)."""
    if jobs < 0:
        raise ValueError(f"--jobs must be 0 (one per core) or more, not {jobs}")
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    return cores if jobs == 0 else min(jobs, PER_CORE * cores)


def chunked(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter), read as they are asked for."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _context(fresh: bool) -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if fresh:
        return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return multiprocessing.get_context(
        "fork" if "fork" in methods and sys.platform == "linux" else None
    )


#: The signals held while workers are forked (`_submit`), where they exist.
_HELD = frozenset(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
#: The signals a worker started afresh holds until it ignores them (`_quiet_start`): the
#: parent's to handle. SIGTERM is not held: it is how the parent stops a worker, at once.
_AFRESH = _HELD - {getattr(signal, "SIGTERM", None)}


def _quiet_start(initializer: Callable[..., object] | None, args: tuple[Any, ...]) -> None:
    """Ctrl-C and a closed terminal are the parent's to handle: it stops the workers, by
    SIGTERM, which ends a worker at once and quietly, whatever handler it inherited. A
    forked worker starts with them held (`_submit`), one started afresh with Ctrl-C and a
    hangup held (its fork server's): let through only now, its own set (one that came
    meanwhile, ignored now, is dropped)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    if initializer is not None:
        initializer(*args)


def forks(fresh: bool = False) -> bool:
    """Whether workers are forked from this process (Linux, unless `fresh`): they then
    start with everything it holds (an engine, its caches), and the initializer's
    arguments are inherited, not pickled."""
    return bool(_context(fresh).get_start_method() == "fork")


#: What a worker process that ended abruptly (killed, out of memory) makes a command say,
#: before what that stopped (`said_if_lost`).
LOST = "a worker process ended abruptly (killed, or out of memory?)"


@contextmanager
def said_if_lost(stopped: str) -> Iterator[None]:
    """A worker that died (`BrokenProcessPool`: killed, or out of memory) as an `OSError`
    the command tells in one line, `LOST` and then `stopped`, never as an internal error
    with its traceback (`batch`'s `--jobs`, `support`'s)."""
    from concurrent.futures.process import BrokenProcessPool  # only with workers

    try:
        yield
    except BrokenProcessPool:
        raise OSError(errno.EIO, f"{LOST}; {stopped}") from None


def ordered_map(
    function: Callable[[T], R],
    chunks: Iterable[T],
    jobs: int,
    *,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
    fresh: bool = False,
) -> Generator[R, None, None]:
    """`function(chunk)` of each chunk, in the order of `chunks`, computed by `jobs`
    worker processes (`workers`) with at most a few chunks per worker in flight. Closing
    the iterator early (or an exception, or Ctrl-C, in the parent) stops the workers; a
    worker that dies makes the call fail (`BrokenProcessPool`), never hang. `fresh`: workers
    not forked from this process (see the module)."""
    pairs = ordered_pairs(
        function, chunks, jobs, initializer=initializer, initargs=initargs, fresh=fresh
    )
    with closing(pairs):
        for _, result in pairs:
            yield result


def ordered_pairs(
    function: Callable[[T], R],
    chunks: Iterable[T],
    jobs: int,
    *,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
    fresh: bool = False,
) -> Generator[tuple[T, R], None, None]:
    """`(chunk, function(chunk))` for each chunk, in order: `ordered_map` for a caller that
    needs the chunk back beside its result (without sending it back from the worker)."""
    count = workers(jobs)
    if count == 1:
        if initializer is not None:
            initializer(*initargs)
        for chunk in chunks:
            yield chunk, function(chunk)
        return
    from concurrent.futures import ProcessPoolExecutor

    source = iter(chunks)
    head = list(islice(source, count))
    # No more workers than chunks to give them (two at least, so that `--jobs 2` over one
    # chunk still works as workers do): `--jobs 100000` over a cohort of a dozen schools
    # started a hundred thousand processes and filled the machine (round 46).
    count = max(2, min(count, len(head)))
    executor = ProcessPoolExecutor(
        count,
        mp_context=_context(fresh),
        initializer=_quiet_start,
        initargs=(initializer, initargs),
    )
    pending: deque[tuple[T, Future[R]]] = deque()
    finished = False
    try:
        first = chain(head, islice(source, count * _WINDOW - len(head)))
        forking = forks(fresh)
        _submit(executor, function, first, pending, forking=forking)
        while pending:
            done, future = pending.popleft()
            result = future.result()
            if forking:  # every worker was forked by the first `_submit`
                for chunk in islice(source, 1):
                    pending.append((chunk, executor.submit(function, chunk)))
            else:  # a worker may be started by any submit, as long as one is missing
                _submit(executor, function, islice(source, 1), pending, forking=False)
            yield done, result
        finished = True
    finally:
        if finished:
            executor.shutdown(wait=True)
        else:
            _stop(executor)


#: Calls of `freeze` not yet undone (`unfreeze`): while there is one, a freeze is in effect.
_FROZEN: list[None] = []


def freeze() -> None:
    """Everything this process has made by now frozen for the collector (`gc.freeze`), until
    `unfreeze`: what `report` does around its batch, whose collections then never walk it
    again, and whose forked workers share it untouched. Workers started meanwhile are
    forked without asking the collector how much is frozen (`_submit`):
    `gc.get_freeze_count` walks every frozen object, 2.5 to 5 ms of processor for the
    60,000 of `report`'s start-up, in the one process, before any worker starts (round
    80). A function, not a `with` block: the object a block makes before it freezes can
    start a collection of everything made since the last, which freezing avoids."""
    gc.freeze()
    _FROZEN.append(None)


def unfreeze() -> None:
    """Hand what `freeze` froze back to the collector (`gc.unfreeze`: everything frozen)."""
    if _FROZEN:
        _FROZEN.pop()
    gc.unfreeze()


def _submit(
    executor: ProcessPoolExecutor,
    function: Callable[[T], R],
    chunks: Iterable[T],
    pending: deque[tuple[T, Future[R]]],
    *,
    forking: bool,
) -> None:
    """Submit the first chunks, which starts the workers. `forking` ones inherit this
    process's objects frozen for the collector (`gc.freeze`, as Python's documentation
    advises before a fork): their collections then never walk what they inherit, which
    would write to each page of it and so copy it. Handed back to the collector after,
    unless a caller had frozen objects already (the `report` command freezes what it made
    before its batch for the batch's length, `freeze`): `gc.unfreeze` would thaw those too.

    Stopping signals are held meanwhile: one that came during a `fork` (long, for a large
    process on a loaded machine) was raised as it returned, before the pool had noted the
    worker, which `_stop` then never ended; it waited for work for ever, holding the pipes
    of whoever started the command (round 60). Held, it comes once every worker is noted.
    Workers not forked (`fresh`) are started one by one by any submit, while other threads
    run (the pool's, DuckDB's), to which a blocked signal would go: their stopping signals
    are deferred instead (`_deferred`). Ctrl-C and a hangup are blocked too in this thread,
    all the same (a signal then goes to another, or waits for the deferral's end): the fork
    server it starts, or a worker it spawns, inherits them blocked, and each worker holds
    them until it ignores them (`_quiet_start`). Python's own Ctrl-C, which a fork server's
    worker had until then, printed a worker's traceback after "Aborted!" (round 62)."""
    thaw = forking and not _FROZEN and not gc.get_freeze_count()  # `freeze`: no count
    can = hasattr(signal, "pthread_sigmask")
    held = (_HELD if forking else _AFRESH) if can else frozenset()
    if forking:
        gc.freeze()
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held) if held else set()
    try:
        with nullcontext() if forking else _deferred():
            try:
                for chunk in chunks:
                    pending.append((chunk, executor.submit(function, chunk)))
            finally:
                if held and not forking:  # within the deferral: a signal held is noted
                    signal.pthread_sigmask(signal.SIG_SETMASK, before)
    finally:
        if thaw:
            gc.unfreeze()
        if held and forking:  # last: a signal held comes here
            signal.pthread_sigmask(signal.SIG_SETMASK, before)


@contextmanager
def _deferred() -> Iterator[None]:
    """Run the block with the stopping signals' own handlers (Python's Ctrl-C, the
    command's) deferred to its end: a signal that comes meanwhile is noted, and raised
    again once the handlers are back. A worker started afresh is asked of a fork server
    (or spawned), and its number read back; a signal that came meanwhile raised
    `KeyboardInterrupt` before the pool had noted the worker, which `_stop` then never
    ended: it waited for work for ever with the fork server, both holding the pipes of
    whoever started the command, or, had it not yet read its orders, told its failure
    with a traceback (round 61, `support --jobs 2`). Python runs a handler in the main
    thread whatever thread the signal reached, so it is the handler that waits, not the
    signal. Handlers are the main thread's to change: from another thread, as it was."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []

    def note(number: int, frame: object) -> None:
        del frame
        came.append(number)

    own = {number: signal.getsignal(number) for number in _HELD}
    own = {number: handler for number, handler in own.items() if callable(handler)}
    for number in own:
        signal.signal(number, note)
    try:
        yield
    finally:
        for number, handler in own.items():
            signal.signal(number, handler)
        if came:  # its own handler now: Ctrl-C's `KeyboardInterrupt`, raised from here
            signal.raise_signal(came[0])


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now: what is queued is dropped, what runs is ended. The pool
    cancels what it had not started (`cancel_futures`): a future cancelled here instead
    could be failed afterwards by the pool's thread, when it finds a worker ended
    (`InvalidStateError` in that thread: Python 3.11's `terminate_broken`)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join()
