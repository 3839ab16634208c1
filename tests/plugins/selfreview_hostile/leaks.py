"""A plugin whose errors reach no caller: in its hook, an object it drops fails as it is
freed (`__del__`), a thread it starts fails, and another ends by `sys.exit()`. Python
prints the first two with a traceback ("Exception ignored in", "Exception in thread"),
which reached the command's user before round 39. The failing thread's name holds an
escape sequence, as a plugin's text may. Not among the package's `ENTRY_POINTS`:
`tests/cli/test_ignored.py` installs it alone."""

from __future__ import annotations

import sys
import threading

from selfreview_core import Recommendation, hookimpl

from . import kept


class Connection:
    """Fails to close as it is freed."""

    def __del__(self) -> None:
        raise RuntimeError("could not close its connection")


def _fails() -> None:
    raise ValueError("no answer from \x1b[31mthe server")


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    Connection()  # freed at once
    failing = threading.Thread(target=_fails, name="sender\x1b[2J")
    failing.start()
    failing.join()
    ending = threading.Thread(target=sys.exit, name="ender")
    ending.start()
    ending.join()
    return [Recommendation.model_validate(kept("hostile-leaks"))]
