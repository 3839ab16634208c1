"""A plugin that prints, at import, from its hook (to standard output and to standard
error), and from a thread of its own that the hook starts (a thread inside no plugin call:
what it prints must not reach a report on standard output either); its recommendation is
good."""

from __future__ import annotations

import sys
import threading

from selfreview_core import hookimpl

from . import PRINTED, kept

print(PRINTED)


def _print_from_its_own_thread() -> None:
    thread = threading.Thread(target=print, args=(PRINTED,), daemon=True)
    thread.start()
    thread.join()


@hookimpl
def selfreview_recommend() -> list[object]:
    print(PRINTED)
    sys.stdout.write(PRINTED + "\n")
    sys.stdout.flush()
    print(PRINTED, "(to standard error)", file=sys.stderr)  # four writes
    _print_from_its_own_thread()
    return [kept("hostile-prints")]
