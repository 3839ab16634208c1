"""Python's two hooks for errors that reach no caller, which plugin code may not leave
replaced.

An error that ends a thread, or one raised while an object is freed, is handed by Python to
`threading.excepthook` or `sys.unraisablehook`, whose defaults print a traceback. The
program puts its own in place (`cli._ignored`: one warning line each). A plugin that set
either back to Python's own (`threading.excepthook = threading.__excepthook__`, as a
library undoing another's hook might) or to one of its own, at import or in a hook, had the
next failing thread of any plugin print its traceback to the command's user.

So the program (`Hooks.here`, from `process_state.keep`) holds the two hooks it has, and
when plugin code has run (a thread's outermost `plugin_output` block ending), each
replaced is put back, said once. Replacing a hook is an assignment, which nothing notes:
two identity checks find it, about 170 instructions each time plugin code has run. The
hooks the program has are its own, or Python's under `SELFREVIEW_DEBUG=1`, where a plugin's
is put back as well.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

__all__ = ["Hooks"]


class Hooks:
    """The hooks the program has: a thread's (`threading.excepthook`) and an object's
    being freed (`sys.unraisablehook`)."""

    __slots__ = ("thread", "unraisable")

    def __init__(self, thread: Any, unraisable: Any) -> None:
        self.thread = thread
        self.unraisable = unraisable

    @classmethod
    def here(cls) -> Hooks:
        """The hooks in place now."""
        return cls(threading.excepthook, sys.unraisablehook)

    def replaced(self) -> bool:
        """Whether either hook is another now."""
        return threading.excepthook is not self.thread or sys.unraisablehook is not self.unraisable

    def back(self) -> str | None:
        """Both hooks as they were, and the message saying so; None if neither was replaced."""
        if not self.replaced():
            return None
        threading.excepthook = self.thread
        sys.unraisablehook = self.unraisable
        return (
            "a plugin replaced how an error that ends a thread, or is raised while an object"
            " is freed, is told; put back, so that each is told in one line, not a traceback"
        )
