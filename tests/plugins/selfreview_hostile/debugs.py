"""A plugin that changes `$SELFREVIEW_DEBUG` at import, as `$SELFREVIEW_HOSTILE_DEBUG`
says (`set`: to 1, for a debug output of its own; `unset`: removed; `disable`:
`$SELFREVIEW_DISABLE` set to `lea-support` instead), and, to have the
command meet an error it did not expect, as a bug would, breaks the renderer of `show`
(`selfreview_core.display.show`, raising `RuntimeError`). Before round 49 a plugin setting
it had that error shown as Python's traceback; one removing it had the traceback its user
asked for hidden. Not among the package's `ENTRY_POINTS`: `tests/cli/test_debug.py`
installs it alone."""

from __future__ import annotations

import os

import selfreview_core.display
from selfreview_core import hookimpl

from . import kept

_HOW = os.environ.get("SELFREVIEW_HOSTILE_DEBUG", "")
if _HOW == "set":
    os.environ["SELFREVIEW_DEBUG"] = "1"
elif _HOW == "unset":
    os.environ.pop("SELFREVIEW_DEBUG", None)
elif _HOW == "disable":  # the program's other setting: read before any plugin loads
    os.environ["SELFREVIEW_DISABLE"] = "lea-support"


def _broken(*args: object, **kwargs: object) -> str:
    raise RuntimeError("the renderer broke")


selfreview_core.display.show = _broken


@hookimpl
def selfreview_recommend() -> list[object]:
    return [kept("hostile-debug")]
