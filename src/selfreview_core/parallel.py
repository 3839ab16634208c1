"""Work spread over processes, results in input order: what `--jobs N` does.

SPEC section 5: batch commands "give the same output, in the same order, whatever N". So
chunks of work go to N worker processes, and their results come back in the order the
chunks were made, a few chunks ahead of the caller and no more, so that memory stays
bounded however long the input. With one job nothing is started: the work is done here.

Workers are started with `forkserver` (or `spawn` where there is none), never forked from the
caller, which may hold DuckDB's or a plugin's threads; each sets itself up once with
`initializer(*initargs)`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["jobs_for", "ordered_map"]

_T = TypeVar("_T")
_R = TypeVar("_R")


def jobs_for(jobs: int) -> int:
    """`--jobs N`: 0 means one per core."""
    return max(1, os.cpu_count() or 1) if jobs == 0 else max(1, jobs)


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def ordered_map(
    function: Callable[[_T], _R],
    items: Iterable[_T],
    *,
    jobs: int = 1,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[tuple[_T, _R]]:
    """(item, `function(item)`) for each item, in order; in `jobs` worker processes (0: one
    per core) when above 1, where `function` must be a module-level function (it is
    pickled by name) and `initializer` sets each worker up. Here, `initializer` is called
    first too."""
    count = jobs_for(jobs)
    if count == 1:
        if initializer is not None:
            initializer(*initargs)
        for item in items:
            yield item, function(item)
        return
    with ProcessPoolExecutor(
        max_workers=count, mp_context=_context(), initializer=initializer, initargs=initargs
    ) as pool:
        ahead: deque[tuple[_T, Future[_R]]] = deque()
        for item in items:
            ahead.append((item, pool.submit(function, item)))
            if len(ahead) >= 2 * count:
                done, future = ahead.popleft()
                yield done, future.result()
        while ahead:
            done, future = ahead.popleft()
            yield done, future.result()
