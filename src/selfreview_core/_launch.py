"""The `selfreview` program: what the console script and `python -m selfreview_core` run.

Importing a module of ours changes nothing in the process; the program that IS the command
may. Here it asks the cyclic collector to run rarely (`_collector.rarely`) before the
command line's modules (click, pydantic, ours) are imported, runs the command, and puts the
collector's thresholds back when the command ends, unless the command already did (a
batch, before its first report) or something else changed them meanwhile. A program that
imports `selfreview_core.cli` and calls `main` itself keeps its collector as it set it."""

from __future__ import annotations

import sys

from ._collector import as_usual, rarely

#: Not `typing`'s, nor `contextlib` imported here: a Ctrl-C before `main` takes it is Python's
#: traceback, and each import before it (of this package, of this module) lengthens that.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

__all__ = ["main"]


def main() -> None:
    """Run the command on the process's command line (`cli.main`), the collector asked to
    run rarely while it starts. Ends by `SystemExit` with the command's exit code."""
    try:
        try:
            rarely()  # before click and the command's modules are imported
            import atexit

            atexit.register(_past_telling)  # so run last of the exit functions after it
            from .cli import main as command

            command()
        except KeyboardInterrupt:  # only before the command's own handling is in place
            _aborted()
    finally:
        _ended()


def _ended() -> None:
    """The collector put back and Ctrl-C's note cleared (`_told`), as the program ends. A
    Ctrl-C or `kill` that comes here, after the command chose its exit status, is one that
    came too late (`cli._ending.too_late`: said in a line, the status kept; `kill` ends the
    process by its signal). Before round 65 it left `main` as Python's traceback, exit
    status -2 (2 of 180 runs given SIGHUP or SIGTERM in their first second)."""
    try:
        as_usual()
        _told()
    except KeyboardInterrupt as late:
        from .cli._ending import too_late

        try:
            too_late(late)
        finally:
            _told()  # it left code run from a string: noted again


def _past_telling() -> None:
    """Ctrl-C ignored from the last of the exit functions on, in the main thread. After
    them Python takes its own handling of signals away (each back to its default) and then
    frees the interpreter's objects, a tenth of a second: a Ctrl-C in that time killed the
    process by the signal (exit status -2, 130 in a shell), said nothing, and hid the
    command's exit status (7 of 60 runs given Ctrl-C as the command ended, round 65). No
    code of ours runs there to say it came too late, as one that comes before is said
    (`_ended`); ignored, the command's status is the process's. `kill` and SIGHUP still end
    it by their signal: a finished program is ended by them."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():  # else `os._exit` follows
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _told() -> None:
    """Python's note of a Ctrl-C that no one caught, cleared: the program caught it and
    chose its exit status ("Aborted!", 1). CPython notes a `KeyboardInterrupt` that leaves
    code run by `exec` or `eval` of a string (how `dataclasses` and `namedtuple` make their
    methods, as modules are imported) as one the program did not catch, even though it is
    caught further out; under `python -m` the process then killed itself by SIGINT once the
    interpreter was finalised (exit status -2, 130 in a shell), whatever status the command
    had chosen (17 of 300 runs of `report` given Ctrl-C in its first 1.5 s on a busy
    machine, round 64; the console script ends by `sys.exit` before the note is read).
    Each evaluation of a string starts by clearing the note, so one of nothing clears it.
    A `KeyboardInterrupt` that leaves `main` is noted again where Python runs the program,
    and still ends it by the signal."""
    exec("")  # a constant: evaluating it is what clears the note


def _aborted() -> NoReturn:
    """Ctrl-C that came while the command line's modules were imported (a third of a
    second on a busy machine), or while `cli.main` readied the process before it runs the
    command, before click can tell it: said as click says one that comes while a command
    runs, "Aborted!" and exit 1. Before round 63, Python's traceback of the import it cut
    short; of the readying, before round 64 (and exit status -2)."""
    from contextlib import suppress

    with suppress(OSError, ValueError, AttributeError):  # no standard error: untold
        sys.stderr.write("\nAborted!\n")
    sys.exit(1)
