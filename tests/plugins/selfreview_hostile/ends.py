"""A plugin that ends the program, or forks it, in its hook, as `$SELFREVIEW_HOSTILE_ENDS`
says: `end` calls `os._exit(0)`, which ended the command at once (its report unwritten,
its temporary file left behind, status 0), before round 39; `fork` calls `os.fork()` once
and lets the child return, which then went on as a second copy of the command (its output
twice on standard output, and "No such file or directory" for the output file the first
copy had renamed); `fork-wait` does so and, in its next call, waits for that child and says
the status it was ended with (`0`: ended, not failed, so a plugin waiting for it is not
told of a failure); `pool` does its work in `multiprocessing` processes forked for it (a
pool's workers and one process), whose ends must stay theirs; `end-in-child` calls
`os._exit(0)` as it is imported in any process but the first (a worker the command started
fresh, not forked: `support --jobs 2`), which had the command fail with an internal error
("BrokenProcessPool") before round 50, as `end` did in such a worker's hook; `killed-in-child`
has the kernel end such a worker (SIGKILL), as it ends one out of memory. Not among the package's
`ENTRY_POINTS`: `tests/isolation/test_exit_functions.py` installs it alone."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys

from selfreview_core import Recommendation, hookimpl

from . import kept

_HOW = os.environ.get("SELFREVIEW_HOSTILE_ENDS", "")
_forked: list[int] = []

if _HOW in ("end-in-child", "killed-in-child"):  # the first process tells those it starts
    _first = os.environ.setdefault("SELFREVIEW_HOSTILE_ENDS_FIRST", str(os.getpid()))
    if str(os.getpid()) != _first:
        if _HOW == "killed-in-child":  # as the kernel's out-of-memory killer would
            os.kill(os.getpid(), signal.SIGKILL)
        os._exit(0)


def _ran() -> None:
    """A forked process's work: says how it answers Ctrl-C and `kill`, and whether it may
    answer them otherwise (a pool's initialiser often has its workers ignore Ctrl-C)."""
    python_s = (
        signal.getsignal(signal.SIGINT) is signal.default_int_handler
        and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    )
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    its_own = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    print(
        "hostile-ends: a process ran,",
        "as Python's" if python_s else "not as Python's",
        "and as it asked" if its_own else "and not as it asked",
    )


def _pooled() -> None:
    forking = multiprocessing.get_context("fork")
    with forking.Pool(2) as pool:
        print("hostile-ends: pooled", pool.map(abs, [-1, -2, -3]), file=sys.stderr)
    process = forking.Process(target=_ran)
    process.start()
    process.join()
    print("hostile-ends: its status", process.exitcode, file=sys.stderr)


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    if _HOW == "end":
        os._exit(0)
    if _HOW in ("fork", "fork-wait") and not _forked:
        _forked.append(os.fork())
    elif _HOW == "fork-wait" and _forked[0] > 0:  # the parent, in its next call
        _, status = os.waitpid(_forked[0], 0)
        _forked[0] = 0  # waited for, once
        said = os.waitstatus_to_exitcode(status)
        print("hostile-ends: its child's status", said, file=sys.stderr)
    if _HOW == "pool":
        _pooled()
    return [Recommendation.model_validate(kept("hostile-ends"))]
