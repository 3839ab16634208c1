"""`SELFREVIEW_DEBUG`: whether an error the command did not expect shows Python's traceback
(and Python's own hooks tell a failing thread's error, `_ignored`).

The program reads it once, as it starts (`pin`, before any plugin is loaded): a plugin that
set it (`os.environ["SELFREVIEW_DEBUG"] = "1"`, for a debug output of its own) had the next
internal error shown as a traceback, and one that removed it hid the traceback its user had
asked for. A program running the commands in its own process (`main(argv)`, the tests)
reads it each time: the environment is its own to change between commands.
"""

from __future__ import annotations

import os
from typing import Final

__all__ = ["DEBUG_ENV", "debugging", "pin"]

DEBUG_ENV: Final = "SELFREVIEW_DEBUG"

#: `SELFREVIEW_DEBUG` as set when the program started; None until then (or ever, when the
#: commands run in a process of another program's).
_pinned: bool | None = None


def pin() -> None:
    """From now on, `debugging` answers as the environment says now. For the program only."""
    global _pinned
    _pinned = bool(os.environ.get(DEBUG_ENV))


def debugging() -> bool:
    """Whether `SELFREVIEW_DEBUG` is set (not empty): as it was when the program started."""
    if _pinned is not None:
        return _pinned
    return bool(os.environ.get(DEBUG_ENV))
