"""Exit functions that plugin code registers run as plugin code when the program ends.

A plugin may register a function to run when the program ends (`atexit.register`: a
client flushing what it has gathered, a cache saved). Python runs it after the command's
own work, outside every plugin call: what it printed landed after the last line of a
report written to standard output (`report --format json`, no longer JSON), and what it
raised was shown as a traceback ("Exception ignored in atexit callback").

So the program (`guard`, called once by the command line; a program embedding the engine
owns its own exit) registers what plugin code registers wrapped (`_AsPluginCode`): run
inside `plugin_output`, so that its prints go to standard error, and with what it raises,
`SystemExit` too, said in one line. While it runs, `os._exit` raises instead of ending
the process: one that called `os._exit(0)` made a command that had failed (status 1)
end with 0. `atexit.unregister(function)` still finds it: the wrapper is equal to the
function it wraps.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Callable
from typing import Any, NoReturn

from .output import plugin_output
from .plugin_code import running_here
from .process_state import warn

__all__ = ["guard"]

#: `atexit.register` as it is before `guard` wraps what plugin code registers.
_register = atexit.register


class _AsPluginCode:
    """An exit function plugin code registered, with its arguments, run as plugin code."""

    __slots__ = ("args", "function", "kwargs")

    def __init__(self, function: Callable[..., object], args: Any, kwargs: Any) -> None:
        self.function = function
        self.args = args
        self.kwargs = kwargs

    def __call__(self) -> None:
        end = os._exit
        ended: list[int] = []

        def refused(status: int) -> NoReturn:  # `os._exit` while it runs
            ended.append(status)
            raise SystemExit(status)

        function = refused if self.function is end else self.function
        os._exit = refused
        try:
            with plugin_output():
                function(*self.args, **self.kwargs)
        except BaseException as error:  # the program's end is not a plugin's
            if ended:
                what = f"tried to end the program (`os._exit({ended[0]})`); the command's"
                what += " exit status stands"
            else:
                from .calls import describe  # here: its models cost every command's start

                what = f"failed: {describe(error)}"
            warn(f"a plugin's exit function `{_name(self.function)}` {what}")
        finally:
            os._exit = end

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


def guard() -> None:
    """From now on, exit functions that plugin code registers run as plugin code. For the
    program only, once."""
    atexit.register = _registering
