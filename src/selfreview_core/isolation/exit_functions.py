"""How plugin code may end the program: not at all, as the command sees it.

- **Exit functions.** A plugin may register a function to run when the program ends
  (`atexit.register`: a client flushing what it has gathered, a cache saved). Python ran
  it after the command's own work, outside every plugin call: what it printed landed after
  the last line of a report written to standard output (`report --format json`, no longer
  JSON), and what it raised was shown as a traceback ("Exception ignored in atexit
  callback"). So what plugin code registers is wrapped (`_AsPluginCode`): run inside
  `plugin_output`, so that its prints go to standard error, and with what it raises,
  `SystemExit` too, said in one line. `atexit.unregister(function)` still finds it: the
  wrapper is equal to the function it wraps.
- **`os._exit`.** Called in a hook, it ended the process at once: the report unwritten
  (its temporary file left behind), not a word said, and status 0, so that a script took
  the command to have succeeded; called in an exit function, it made a command that had
  failed (status 1) end with 0. In plugin code it raises `EndRefused` (a `SystemExit`,
  which `except Exception` does not catch) instead: the call ends as `sys.exit` would end
  it, a problem naming the plugin (a warning, for an exit function), and the command goes
  on.
- **A process plugin code forks** (`multiprocessing`, `os.fork`) is the plugin's: its
  `os._exit` ends it, as its pool's workers end, nothing of its process is kept or
  refused (`process_state.release`), and the stopping signals are answered in it as in
  any Python program (a pool terminated at the end of its `with` showed each
  worker's `KeyboardInterrupt` otherwise), held back across the fork so that one sent at
  once is not lost between the two (a pool then waited for ever, one run in about
  fifteen). One that comes back from plugin code into the
  command's own work (`os.fork()`, the child not ended) is ended there, unflushed: it
  wrote a second copy of the command's output and said the output file was gone.

All of it for the program only (`guard`, called once by the command line); a program
embedding the engine owns its own process.
"""

from __future__ import annotations

import atexit
import os
import signal
from collections.abc import Callable
from functools import wraps
from typing import Any, Final, NoReturn

from ..errors import EndRefused
from . import process_state
from .output import plugin_output
from .plugin_code import running_here
from .process_state import warn
from .whole_lines import flush_partial

__all__ = ["guard", "guarded"]

#: `atexit.register` and `os._exit` as they are before `guard` wraps them.
_register = atexit.register
_end = os._exit

#: How a Python program starts answering the stopping signals, where they exist: what a
#: process plugin code forks answers them with.
_PYTHONS: Final = tuple(
    (getattr(signal, name), handler)
    for name, handler in (
        ("SIGINT", signal.default_int_handler),
        ("SIGTERM", signal.SIG_DFL),
        ("SIGHUP", signal.SIG_DFL),
    )
    if hasattr(signal, name)
)

#: This process was forked by plugin code: it is the plugin's.
_the_plugins = False
#: `_forked` is registered to run in every child (once: it cannot be unregistered).
_watching_forks = False
#: The signals blocked in the thread that forks, before plugin code forked (None: it did not,
#: or signals cannot be blocked here).
_blocked_before: set[int] | None = None


class _AsPluginCode:
    """An exit function plugin code registered, with its arguments, run as plugin code."""

    __slots__ = ("args", "function", "kwargs")

    def __init__(self, function: Callable[..., object], args: Any, kwargs: Any) -> None:
        self.function = function
        self.args = args
        self.kwargs = kwargs

    def __call__(self) -> None:
        try:
            with plugin_output():  # `os._exit` refused here as in any plugin code
                self.function(*self.args, **self.kwargs)
        except BaseException as error:  # the program's end is not a plugin's
            if isinstance(error, EndRefused):
                what = f"tried to end the program (`os._exit({error.code})`); the command's"
                what += " exit status stands"
            else:
                from .calls import describe  # here: its models cost every command's start

                what = f"failed: {describe(error)}"
            warn(f"a plugin's exit function `{_name(self.function)}` {what}")

    def __eq__(self, other: object) -> bool:  # found by `atexit.unregister(function)`
        return other is self or self.function == other

    def __hash__(self) -> int:
        return hash(self.function)


def _name(function: Callable[..., object]) -> str:
    module = getattr(function, "__module__", None)
    name = getattr(function, "__qualname__", None) or type(function).__name__
    return f"{module}.{name}" if isinstance(module, str) else str(name)


def _registering(function: Callable[..., object], /, *args: Any, **kwargs: Any) -> Any:
    """`atexit.register`, wrapping what plugin code registers; returns `function`, as
    Python's does, so that it can be used as a decorator."""
    if running_here():
        _register(_AsPluginCode(function, args, kwargs))
        return function
    return _register(function, *args, **kwargs)


@wraps(_end)  # named as Python's: an exit function is told by its name
def _refused_end(status: int) -> NoReturn:
    """`os._exit`, raising `EndRefused` in plugin code instead of ending the command."""
    if running_here() and not _the_plugins:
        raise EndRefused(status)
    _end(status)


def _forking() -> None:
    """Before plugin code forks: the stopping signals held back until the child answers
    them as a Python program does. A `kill` that came between the fork and that (a pool's
    `terminate`, at once) was taken by the program's own handler in the child, then found
    the default in place and was dropped: the worker lived on, and the pool waited for it
    for ever."""
    global _blocked_before
    if os._exit is _refused_end and running_here() and process_state.own_sigmask is not None:
        stopping = [number for number, _ in _PYTHONS]
        _blocked_before = process_state.own_sigmask(signal.SIG_BLOCK, stopping)


def _unblock() -> None:
    """After plugin code forked, in the program and in its child: the signals blocked as
    before the fork (a stopping signal that came meanwhile, delivered now)."""
    global _blocked_before
    if _blocked_before is not None and process_state.own_sigmask is not None:
        blocked, _blocked_before = _blocked_before, None
        process_state.own_sigmask(signal.SIG_SETMASK, blocked)  # what came meanwhile, now


def _forked() -> None:
    """In a process just forked: the plugin's, if plugin code forked it."""
    global _the_plugins
    if os._exit is not _refused_end or not running_here():  # unguarded, or the program's own
        return
    _the_plugins = True
    process_state.release()
    for number, handler in _PYTHONS:
        signal.signal(number, handler)
    _unblock()  # a signal that came since the fork now meets Python's own handling
    kept = process_state.kept
    if kept is not None:
        kept.forked = _back_in_the_command
        kept.changed = True


def _back_in_the_command() -> NoReturn:
    """Ends a process plugin code forked, come back into the command's own work, without
    flushing what it holds of the command's output."""
    warn(
        f"a process a plugin forked (pid {os.getpid()}) went on into the command's own"
        " work; ended there, so that only the command writes its output"
    )
    _end(0)


def guarded() -> bool:
    """Whether `guard` was called here: a worker process the command starts fresh (not
    forked, so not guarded already) is guarded as it is (`cohort_engine`)."""
    return os._exit is _refused_end


def guard() -> None:
    """From now on, exit functions that plugin code registers run as plugin code,
    `os._exit` in plugin code raises `EndRefused`, a process plugin code forks is the
    plugin's, and what a plugin's thread printed without ending its line after the last
    plugin call is written as the program ends (`whole_lines`). For the program only,
    once."""
    global _watching_forks
    atexit.register = _registering
    os._exit = _refused_end
    if not _watching_forks:
        _watching_forks = True
        os.register_at_fork(before=_forking, after_in_parent=_unblock, after_in_child=_forked)
        _register(flush_partial)  # a plugin's thread's part of a line, printed late
