"""How the `selfreview` program ends once its command has returned.

Python ends a program by first waiting for every thread that is not a daemon, then running
the exit functions and freeing every object. Two things in that are costly or worse here:

- Freeing, one by one, what a batch of thousands of reports left is work the system does
  at once (`end_without_teardown`): after 5,000 reports it took a tenth of a school's cost.
  Such a batch ends at once (`end_now`), unless a thread still runs.
- A thread a plugin started and never ended (a watcher, a client's keep-alive) kept the
  program from ending at all: the report written, `Wrote report.json` said, and the
  command never returned; a Ctrl-C then showed a traceback from inside Python's shutdown.
  Such an end is now watched (`watched_end`): Python's own end goes on, so a thread that
  ends of itself, or when the program does (a pool's idle workers, told to stop by
  `threading`'s own exit hooks), ends as before; but if any is still running `GRACE`
  seconds later, it is named, the exit functions run, and the program ends without it,
  with the command's exit status. Meanwhile Ctrl-C and `kill` end it at once, by the
  signal, as they would end any finished program.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
import time
from contextlib import suppress
from typing import Final, NoReturn

import click

from ..escaping import shown
from ..isolation.process_state import warn
from ._signals import STOPPING, end_by_the_signal
from ._streams import flushed

__all__ = ["GRACE", "cannot_write", "end_now", "others_running", "too_late", "watched_end"]

#: Seconds Python's own end may wait for threads a plugin left before the program ends
#: without them.
GRACE: Final = 1.0


def others_running() -> bool:
    """Whether any thread but this one would keep Python from ending the program."""
    return threading.active_count() > 1 and bool(_others())


def end_now(code: object) -> None:
    """End the process with `code` as Python would, less the teardown of its objects:
    exit functions run (`atexit`: a plugin's, coverage's, `multiprocessing`'s), standard
    streams flushed, then `os._exit`. Returns instead (the usual exit follows) if the code
    is a message, or a stream cannot be flushed. For a process with no other thread
    running (`others_running`)."""
    if code is not None and not isinstance(code, int):
        return
    atexit._run_exitfuncs()
    if flushed():  # else a reader gone, a stream closed: the usual way
        os._exit(code or 0)


def watched_end(code: object) -> None:
    """Let Python end the program as usual, watched: if a thread is still running `GRACE`
    seconds from now, end without it (`_cut_short`). Stopping signals end the program at
    once from now on (their defaults), as they end any program that has done its work."""
    for number in (signal.SIGINT, *STOPPING):
        if signal.getsignal(number) not in (signal.SIG_IGN, None):
            signal.signal(number, signal.SIG_DFL)
    status = code if isinstance(code, int) else 0 if code is None else 1
    threading.Thread(target=_cut_short, args=(status,), name="selfreview-end", daemon=True).start()


def _others() -> list[threading.Thread]:
    """The threads Python waits for before the program ends: started, not daemons, not
    ended, neither this one nor the main thread (whose end is the program's own)."""
    here, main = threading.current_thread(), threading.main_thread()
    return [
        t
        for t in threading.enumerate()
        if t is not here and t is not main and not t.daemon and t.is_alive()
    ]


def _python_ending() -> None:
    """Returns once Python has begun to end the program (it marks the main thread ended
    before it waits for the others), so that the grace counts from there: on a loaded
    machine the command's end may come long before it (round 74: the main thread was
    named as a plugin's thread left running, and a thread about to end was cut short)."""
    main = threading.main_thread()
    if main is not threading.current_thread():
        main.join()


def _cut_short(status: int) -> None:
    """`GRACE` seconds after Python began to end the program, the program ended without
    the threads still running, if any: named on standard error, exit functions run,
    streams flushed, `os._exit`."""
    _python_ending()
    time.sleep(GRACE)
    left = _others()
    if not left:  # Python's end went on past them: its own to finish
        return
    names = ", ".join(f"`{thread.name}`" for thread in left)
    some = "a thread" if len(left) == 1 else f"{len(left)} threads"
    warn(f"{some} a plugin started ran on when the command ended, {names}: not waited for")
    atexit._run_exitfuncs()
    flushed()
    os._exit(status)


def too_late(late: KeyboardInterrupt) -> NoReturn:
    """Ctrl-C (or `kill`, which the program makes one) that came after the command had
    ended, while click or this function made its exit status: its work is whole, so not
    "Aborted!" (which promises the previous output kept) and no traceback, but a line
    saying it came too late and the status the command ended with (`_ignored` says the same
    of one that comes in Python's clean-up)."""
    end_by_the_signal()  # `kill`: the process ends by it
    warn("Ctrl-C came as the command ended, too late to stop it")
    ended = late.__context__  # the command's own exit, which the signal cut short
    sys.exit(ended.code if isinstance(ended, SystemExit) else 1)


def cannot_write(error: OSError) -> NoReturn:
    """Standard output failed where no command can say so (writing `--help` or
    `--version`, or the last of a command's output when it ended): said as a command says
    it ("standard output: No space left on device"), exit 1, and no traceback."""
    where = error.filename or "standard output"
    with suppress(OSError, ValueError):  # standard error may be as full
        click.echo(shown(f"Error: {where}: {error.strerror or error}", newline=False), err=True)
    sys.exit(1)
