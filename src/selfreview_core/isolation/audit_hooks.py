"""Audit hooks (`sys.addaudithook`) that plugin code adds, which run only in plugin code.

Python calls every audit hook for each audited event of the process (a file opened, a
module imported, `id()`, about 40 a school), and never takes one away. A hook a plugin added
(at import or in a hook, to log what its code opens) ran for every event of the command's
own code too: what it printed went onto standard output among the reports (`report
--format json` no longer JSON), and what it raised failed the program's own `open`.

So the program's `sys.addaudithook` (`Audits.note`, from `plugin_guards`) gives Python,
for a hook plugin code adds, one that calls it only while its thread runs plugin code, and
notes it, said once when plugin code has run. Costs nothing unless a plugin adds a hook;
then a call for each audited event, about 40 a school. The program's own hooks are its own.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from threading import get_ident
from typing import Any, Final

from .plugin_code import depths, running_here

__all__ = ["Audits", "release"]

#: Python's own function, as it is before `Audits.note` makes it note.
_addaudithook: Final = sys.addaudithook


def _in_plugin_code(hook: Any) -> Callable[..., Any]:
    """`hook`, called only while this thread runs plugin code."""

    def audited(event: str, arguments: tuple[Any, ...]) -> None:
        if get_ident() in depths:
            hook(event, arguments)

    return audited


class Audits:
    """Whether plugin code added a hook since it was last said (once: never again said)."""

    __slots__ = ("added",)

    def __init__(self) -> None:
        self.added = False

    def back(self) -> str | None:
        """The message saying a hook was added and kept to plugin code; None if none was."""
        if not self.added:
            return None
        self.added = False
        return (
            "a plugin added an audit hook (sys.addaudithook), which Python never takes away;"
            " it is called only in plugin code, so that it never runs in the command's own"
            " (what it printed went into the command's output)"
        )

    def note(self, changed: Callable[[str], None]) -> None:
        """From now on a hook plugin code adds is called only in plugin code, and `changed`
        is called (which has the program say so when plugin code has run)."""

        @wraps(_addaudithook)
        def addaudithook(hook: Any) -> None:
            if running_here():  # even one that cannot be called: it would fail every event
                self.added = True
                changed("audits")
                hook = _in_plugin_code(hook)
            _addaudithook(hook)

        sys.addaudithook = addaudithook


def release() -> None:
    """Python's own `sys.addaudithook` back (a forked process's)."""
    sys.addaudithook = _addaudithook
