"""The functions Python calls at every call of a thread's code (`sys.settrace`,
`sys.setprofile`, and their `threading` twins for threads started later), which plugin
code may not leave in place.

A trace or profile function set in plugin code (a plugin timing its own hook, a coverage
or debugging aid left in, at import or in a hook) ran, once that code had returned, at
every call of the command's own code too: what it printed went into standard output among
the reports (`report --format json` no longer JSON, a line for each of thousands of calls
a school), what it raised ended a function of the program's mid-way, and the command ran
several times slower.

So the program's `sys.settrace`, `sys.setprofile`, `threading.settrace` and
`threading.setprofile` (`Tracers.note`, from `plugin_guards`) note, in plugin code,
the function in place before the first change, and when plugin code has run (its thread's
outermost `plugin_output` block ending) each is put back, said once. The plugin's own
function runs while its code runs, as it expects. `sys.settrace` and `sys.setprofile` are
a thread's own: each thread's is put back when its own plugin code has run, and until then
what plugin code sets there is called only inside plugin code (`_InPluginCode`), so that
not even the program's putting it back runs it with the command's standard output in
place. The program's own changes (a debugger's, coverage's) are never noted; noting costs
nothing on the way of a report.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from functools import wraps
from threading import get_ident
from typing import Any, Final

from .plugin_code import depths, running_here

__all__ = ["Tracers", "release"]

#: Python's own functions, as they are before `Tracers.note` makes them note, by the name
#: the warning gives each; and how each reads what is in place now.
_SETTERS: Final = {
    "sys.settrace": (sys.settrace, sys.gettrace),
    "sys.setprofile": (sys.setprofile, sys.getprofile),
    "threading.settrace": (threading.settrace, lambda: getattr(threading, "_trace_hook", None)),
    "threading.setprofile": (
        threading.setprofile,
        lambda: getattr(threading, "_profile_hook", None),
    ),
}
_HOMES: Final = {"sys": sys, "threading": threading}


class _InPluginCode:
    """A trace or profile function set in this thread (`function`), called only while this
    thread runs plugin code: between its call's end and `Tracers.back` the program's own
    code runs, standard output in place, and a call's event would run it there."""

    __slots__ = ("function",)

    def __init__(self, function: Any) -> None:
        self.function = function

    def __call__(self, frame: Any, event: str, argument: Any) -> Any:
        if get_ident() in depths:
            return self.function(frame, event, argument)
        return None


class Tracers:
    """What each setter had in place before plugin code first changed it since put back,
    by thread (`sys`'s are a thread's own) and the setter's name."""

    __slots__ = ("before",)

    def __init__(self) -> None:
        self.before: dict[int, dict[str, Any]] = {}

    def pending(self) -> bool:
        """Whether a thread's change is still to be put back (another thread's plugin code
        ended first)."""
        return bool(self.before)

    def back(self) -> str | None:
        """What this thread's plugin code set put back, and the message saying so; None if
        it set nothing, or put back itself what it set."""
        before = self.before.pop(get_ident(), None)
        if before is None:
            return None
        changed = []
        for name, function in before.items():
            setter, getter = _SETTERS[name]
            if (now := getter()) is not function:
                setter(function)
                if not (type(now) is _InPluginCode and now.function is function):
                    changed.append(name)  # else what was there, set again
        if not changed:
            return None
        return (
            f"a plugin set a function to run at every call ({', '.join(changed)}); taken"
            " away when its code had run, so that it never runs in the command's own code"
            " (what it printed went into the command's output)"
        )

    def note(self, changed: Callable[[str], None]) -> None:
        """From now on the four setters note, in plugin code, what was in place before
        their first change in this thread since put back, and call `changed` (which has the
        program put it back when plugin code has run)."""
        for name, (setter, getter) in _SETTERS.items():
            home, attribute = name.split(".")
            setattr(_HOMES[home], attribute, self._noting(name, setter, getter, changed))

    def _noting(
        self,
        name: str,
        setter: Callable[[Any], None],
        getter: Callable[[], Any],
        changed: Callable[[str], None],
    ) -> Callable[[Any], None]:
        """`setter`, noting (as `name`) what `getter` gave before its first change."""

        thread_own = name.startswith("sys.")

        @wraps(setter)
        def noting(function: Any) -> None:
            if running_here():
                noted = self.before.setdefault(get_ident(), {})
                if name not in noted:
                    noted[name] = getter()
                    changed("tracers")
                if thread_own and function is not None:  # callable or not: Python's error
                    function = _InPluginCode(function)
            setter(function)

        return noting


def release() -> None:
    """Python's own setters back (a forked process's)."""
    for name, (setter, _) in _SETTERS.items():
        home, attribute = name.split(".")
        setattr(_HOMES[home], attribute, setter)
