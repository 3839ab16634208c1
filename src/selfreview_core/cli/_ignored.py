"""Errors Python reports itself, told in a line each instead of a traceback.

Two kinds of error reach no caller that could handle them, so Python prints them with a
traceback and goes on: one that ends a thread (`threading.excepthook`: a plugin's
background thread that fails), and one raised while an object is being freed or a
generator closed (`sys.unraisablehook`, "Exception ignored in": a plugin's object whose
`__del__` fails to close its connection). The command's work is not affected, but its
user saw a traceback. The program (`tell_ignored`, called once by the command line) says
each once, as a warning naming where it came from, and leaves Python's own hooks in place
under `SELFREVIEW_DEBUG=1`, as the command's own errors do.

A `KeyboardInterrupt` Python could not raise is no error of ours: it is the user's Ctrl-C
(or `kill`, which the program makes one) that came while a weak reference's callback or a
`__del__` ran, where Python swallows what is raised. While the command runs it is raised
again at Python's next call, and the command stops as Ctrl-C stops it (`_raised_next`);
once the command has ended (its output whole) Ctrl-C is said to have come too late, and
the exit status stands, while `kill` ends the process by its signal, as it would have.
Before round 58 both were "warning: ... failed, and was ignored (KeyboardInterrupt)", and
a Ctrl-C that came in a callback while the command ran was lost.
"""

from __future__ import annotations

import sys
import threading
from types import FrameType, FunctionType, MethodType
from typing import Any, Final

from ..isolation.process_state import warn
from . import _signals
from ._debug import debugging

__all__ = ["tell_ignored"]

#: What is said for each ignored error: "set SELFREVIEW_DEBUG=1" shows the traceback.
_HINT: Final = "set SELFREVIEW_DEBUG=1 to see where"

#: Each error told so far, by where it came from (a thread's name left out: threads a
#: plugin starts for each school are numbered anew) and what it was: told once however
#: often it comes.
_told: set[tuple[str, str]] = set()


def tell_ignored() -> None:
    """From now on an error that ends a thread, or that is raised while an object is
    freed, is a warning on standard error (unless `SELFREVIEW_DEBUG` is set)."""
    if debugging():
        return
    threading.excepthook = _thread_failed
    sys.unraisablehook = _ignored


def _thread_failed(failure: threading.ExceptHookArgs) -> None:
    """A thread's error, as `threading`'s own hook would show it, in one line."""
    if failure.exc_type is SystemExit:  # a thread's `sys.exit()`: Python says nothing
        return
    name = failure.thread.name if failure.thread is not None else "a thread"
    _tell(f"thread `{name}`", failure.exc_value, "ended with an error", "a thread")


def _ignored(unraisable: Any) -> None:
    """An error Python could not raise (`sys.UnraisableHookArgs`), in one line; the user's
    Ctrl-C or `kill` that came there (its handler noted it), raised again or said late."""
    where = _name(unraisable.object)
    if isinstance(unraisable.exc_value, KeyboardInterrupt) and _signals.interrupted():
        if _signals.ended():
            _signals.end_by_the_signal()  # `kill`: ended by it; Ctrl-C returns
            warn(f"Ctrl-C came as the command ended (in {where}), too late to stop it")
            return
        if threading.current_thread() is threading.main_thread():  # where signals come
            _raised_next()
            return
    _tell(where, unraisable.exc_value, "failed, and was ignored", where)


#: Python's own `sys.setprofile`, taken as the command line is imported, before any plugin:
#: once plugin code may run, `sys.setprofile` is a Python function that notes what plugin
#: code sets (`isolation.trace_functions`, round 80), and its own return would be the
#: profile's first event, raising the interrupt inside this hook, where Python ignores it.
_setprofile = getattr(sys.setprofile, "__wrapped__", sys.setprofile)


def _raised_next() -> None:
    """Raise `KeyboardInterrupt` at Python's next call or return outside this module (a
    profile function's error propagates into the code it profiles, and unsets it), as the
    signal's handler would have raised it there."""
    previous = sys.getprofile()

    def interrupt(frame: FrameType, event: str, arg: object) -> None:
        del event, arg
        if frame.f_code.co_filename == __file__:  # this hook's own calls and returns
            return
        _setprofile(previous)
        raise KeyboardInterrupt

    _setprofile(interrupt)


def _tell(where: str, error: BaseException | None, what: str, same: str) -> None:
    """`where what (error)`, unless an error of the same place (`same`) and text was."""
    from ..isolation.calls import describe  # here: its models cost every command's start

    described = "an error" if error is None else describe(error)
    if (same, described) in _told:
        return
    _told.add((same, described))
    warn(f"{where} {what} ({described}); {_HINT}")


def _name(thing: object) -> str:
    """`module.qualified_name` of a function or method (a `__del__`, a weak reference's
    callback); the class of anything else; never the object's own `repr`, which is the
    plugin's code and may fail or hold an address that changes from run to run."""
    if isinstance(thing, MethodType):
        thing = thing.__func__
    if isinstance(thing, FunctionType):
        return f"`{thing.__module__}.{thing.__qualname__}`"
    if thing is None:
        return "Python"
    kind = type(thing)
    return f"a `{kind.__module__}.{kind.__qualname__}`"
