"""The program's working directory, kept where it was started whatever a plugin does.

Every name a user gives on the command line (`report a.yaml b.yaml -o out.json`,
`--output-dir reports`) is relative to the folder the command was started in, and read or
written later, school by school. A plugin that changes the working directory (`os.chdir`
at import or in a hook, and not back) would have every later input unreadable and every
output written in that other folder (`Wrote out.json` while it is somewhere else, perhaps
over another file of the same name there).

So the program (`keep`, called once by the command line, which owns its process; a
program embedding the engine owns its own working directory) holds its folder open, and
its `os.chdir` and `os.fchdir` note that the folder was left; when plugin code has run (the
last `plugin_output` block ending), the program goes back if it was, saying so once. The
plugin's own change stands while its code runs, as it expects. Noting costs nothing on
the way of a report, where asking the system where the program is (`os.getcwd`) would cost
about 4,000 instructions a school, half a per cent of a JSON Lines batch; an audit hook
would be called for every audited event (`id()` is one, about 40 a school). A change made
below Python (a C extension calling `chdir` itself) is not seen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import suppress
from functools import wraps
from typing import Any

from ..escaping import shown

__all__ = ["Home", "home", "keep"]


class Home:
    """The folder the command was started in, held open (found again even if renamed),
    and whether anything has changed the working directory since the program went back."""

    __slots__ = ("descriptor", "left", "told")

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor
        #: Set by the program's `os.chdir` and `os.fchdir` (`_noting`).
        self.left = False
        self.told = False

    @classmethod
    def here(cls) -> Home | None:
        """The current folder, held open (not inherited by programs it starts); None if
        it cannot be (no permission to search it): the command's own errors then tell."""
        flags = getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0)
        try:
            descriptor = os.open(".", flags)
        except OSError:
            return None
        return cls(descriptor)

    def back(self) -> None:
        """Back in the folder, after something left it (`left`); said once."""
        self.left = False
        elsewhere = _where()
        try:
            _fchdir(self.descriptor)  # not the noting one: going back is no leaving
        except OSError:
            return  # the folder itself is gone: the command's own errors will say so
        if not self.told:
            self.told = True
            message = (
                f"warning: a plugin changed the working directory (to {elsewhere}); changed"
                f" back to {_where()}, where the command reads and writes the files it was"
                " given"
            )
            with suppress(OSError, ValueError, AttributeError):  # no standard error: untold
                sys.stderr.write(shown(message, newline=False) + "\n")


#: `os.fchdir` as it is before `keep` makes it note.
_fchdir = os.fchdir


def _where() -> str:
    try:
        return os.getcwd()
    except OSError:
        return "a folder since removed"


def _noting(change: Callable[..., None], noted: Home) -> Callable[..., None]:
    """`change` (`os.chdir` or `os.fchdir`), noting on `noted` that the folder was left."""

    @wraps(change)
    def changed(*args: Any, **kwargs: Any) -> None:
        change(*args, **kwargs)
        noted.left = True

    return changed


#: The folder to stay in, once `keep` has been called; None in a program embedding the
#: engine (nothing is noted then).
home: Home | None = None


def keep() -> None:
    """From now on, when plugin code has run, the program is back in the folder it is in
    now if anything changed it. For the program only, once."""
    global home
    if home is not None:
        return
    home = Home.here()
    if home is not None:
        os.chdir = _noting(os.chdir, home)
        os.fchdir = _noting(os.fchdir, home)
