"""A plugin that starts a thread at import and never ends it (not a daemon): Python waits
for such a thread before a program ends, so the command, its report written, never
returned. `$SELFREVIEW_HOSTILE_LINGER` set to a file's name makes it a thread that ends of
itself a moment later, writing that file, which the program waits for; set to `pool`, a
pool of threads left idle, which Python's own end stops (`threading`'s exit hooks); set to
`daemon`, a daemon thread that runs for ever, which Python never waits for. Not among the
package's `ENTRY_POINTS`: `tests/cli/test_ending.py` installs it alone."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from selfreview_core import Recommendation, hookimpl

from . import kept

_briefly = os.environ.get("SELFREVIEW_HOSTILE_LINGER")


def _linger() -> None:
    if _briefly:  # a file's name
        time.sleep(0.2)
        Path(_briefly).write_text("ended of itself\n", encoding="utf-8")
    else:
        threading.Event().wait()  # for ever


if _briefly == "daemon":
    threading.Thread(target=threading.Event().wait, name="hostile-daemon", daemon=True).start()
elif _briefly == "pool":
    from concurrent.futures import ThreadPoolExecutor

    POOL = ThreadPoolExecutor(2, thread_name_prefix="hostile-pool")
    POOL.submit(sum, [1, 2]).result()  # its workers started, then idle
else:
    threading.Thread(target=_linger, name="hostile-lingers").start()


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    return [Recommendation.model_validate(kept("hostile-lingers"))]
