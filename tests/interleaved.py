"""Threads that take turns as often as the interpreter lets them: for tests that share one
engine between threads, where a race needs a switch at the worst moment."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable


def interleaved(run: Callable[[int], None], threads: int) -> None:
    """`run(0)` to `run(threads - 1)`, each in a thread of its own, all started together,
    with the interpreter switching between them every microsecond (put back after)."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        started = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
        for thread in started:
            thread.start()
        for thread in started:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
