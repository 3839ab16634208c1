"""`kill`, `timeout` and a closed terminal stop a command the way Ctrl-C does.

Python ends at once on SIGTERM and SIGHUP, without a `finally`: a batch then left its
temporary output beside the file it was to replace, and with `--jobs` its workers, which
wait for work from a parent that is gone, ran on for ever, holding the pipes of whoever
started the command. Raised as Ctrl-C's `KeyboardInterrupt` instead, the signal takes the
path Ctrl-C takes and every test of it holds: workers stopped, temporary files removed,
the target as it was, answers already accepted kept. The process then ends by the signal
itself, so its parent (a shell, `timeout`, a CI runner) sees what ended it.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import Final

from .._stopping import stops
from ..isolation.interrupts import noted, noting, received
from ..isolation.process_state import own_signal
from ._streams import flushed

__all__ = ["end_by_the_signal", "ended", "interrupted", "stop_as_ctrl_c"]

#: The signals that ask a program to stop (SIGHUP: its terminal closed), where they exist.
STOPPING: Final = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)

#: Set once the command has ended (`end_by_the_signal` was asked): a signal after it is late.
_ended: list[bool] = []


def stop_as_ctrl_c() -> None:
    """From now on a stopping signal is Ctrl-C, unless it is ignored (`nohup` ignores
    SIGHUP: it stays ignored) or another handler was set (by a program running us). Ctrl-C
    itself is only noted (`interrupted`), where Python's own handler is in place."""
    for number in STOPPING:
        if signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, _interrupt)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt)


def _interrupt(number: int, frame: FrameType | None) -> None:
    """Ctrl-C's `KeyboardInterrupt`, noted (`isolation.interrupts`: the program's one record
    of the signals that came, by which a plugin's own `KeyboardInterrupt` is told from this
    one). A second SIGTERM or SIGHUP ends the process at once, as it did before; a second
    Ctrl-C interrupts again, as Python's own does."""
    del frame
    noted(number)
    if number != signal.SIGINT:  # the program's own change, even inside plugin code
        own_signal(number, signal.SIG_DFL)
    raise KeyboardInterrupt


noting(_interrupt)
stops(_interrupt)  # it interrupts a DuckDB query too, at once (`cohort.interrupting`)


def interrupted() -> bool:
    """Whether Ctrl-C or a stopping signal came. Its `KeyboardInterrupt` may then reach the
    command as another error: pydantic wraps it in a `PydanticSerializationError` when it
    comes while a report is serialised, which is no bug of ours to report."""
    return bool(received())


def ended() -> bool:
    """Whether the command has ended, its exit status decided (`end_by_the_signal` asked)."""
    return bool(_ended)


def end_by_the_signal() -> None:
    """If a stopping signal came, end the process by it (its exit status says so, 143 for
    SIGTERM in a shell) once what was written is flushed; otherwise return. Ctrl-C keeps
    its exit status, 1 (click's "Aborted!"). Asked when the command has ended, and again
    for a stopping signal that comes later, in Python's clean-up (`_ignored`)."""
    _ended.append(True)
    stopping = [number for number in received() if number in STOPPING]
    if not stopping:
        return
    work = sys.modules.get("selfreview_core.cohort.work")  # loaded: a cohort was made
    if work is not None:  # its spill folder, whose `with` block a signal may have cut short
        work.close_left()
    _multiprocessing_finalized()
    flushed()
    signal.signal(stopping[0], signal.SIG_DFL)
    os.kill(os.getpid(), stopping[0])


def _multiprocessing_finalized() -> None:
    """Run `multiprocessing`'s exit finalizers (priority 0 and above: what its own exit
    function runs first) if it is loaded, as an exit by Ctrl-C would. A pool's queues hold
    named semaphores, each unlinked, and its resource tracker told, by such a finalizer; the
    end by a signal runs no exit function, so a pool whose thread had not yet let its
    queues go when the signal ended the process (a loaded machine) left them all to the
    tracker, which then printed "There appear to be 5 leaked semaphore objects" after
    "Aborted!" (`support --jobs 2` and a hangup, round 74). `_run_finalizers` is the
    standard library's own (private) step of that exit function: looked up, not assumed,
    so a Python without it ends by the signal as before, the warning aside."""
    util = sys.modules.get("multiprocessing.util")
    if util is None or util.is_exiting():  # not loaded, or exiting: its own exit runs them
        return
    run = getattr(util, "_run_finalizers", None)
    if callable(run):
        run(0)
    _multiprocessing_folder_removed()


def _multiprocessing_folder_removed() -> None:
    """Remove the folder `multiprocessing` made for this process (`pymp-…`, holding a
    fork server's socket: `support --jobs`), as its last exit finalizer would, which the
    end by a signal does not reach: each `support --jobs 2` stopped by `kill` left one,
    in TMPDIR or /tmp (round 77). Found where `multiprocessing` keeps it (private: looked
    up, not assumed, as `_run_finalizers` is); it holds nothing of anyone else's."""
    import shutil

    process = sys.modules.get("multiprocessing.process")
    current = getattr(process, "current_process", None)
    config = getattr(current(), "_config", None) if callable(current) else None
    folder = config.get("tempdir") if isinstance(config, dict) else None
    if isinstance(folder, str):
        shutil.rmtree(folder, ignore_errors=True)
