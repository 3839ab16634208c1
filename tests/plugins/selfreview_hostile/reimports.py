"""A plugin that, as it is imported, removes selfreview's own modules from `sys.modules`
and imports `selfreview_core` afresh (as a test set-up that wants a clean import does).
Before round 47 every module selfreview imported later (at first use) came from the fresh
copy, with classes of its own, and every judgement of every school was refused as "not a
judgement with a whole-number level (built without validation?)". Its recommendation is
good. With `$SELFREVIEW_HOSTILE_REIMPORTS=more` it only imports a module of selfreview not
yet imported (its testing helpers), as a well-behaved plugin may: no change. Not among the
package's `ENTRY_POINTS`: `tests/test_plugins_modules.py` installs it alone."""

from __future__ import annotations

import os
import sys

if os.environ.get("SELFREVIEW_HOSTILE_REIMPORTS") == "more":
    import selfreview_core.testing  # noqa: F401 - imported, not used
else:
    for _name in [n for n in sys.modules if n.split(".")[0] == "selfreview_core"]:
        del sys.modules[_name]

from selfreview_core import hookimpl

from . import kept


@hookimpl
def selfreview_recommend() -> list[object]:
    return [kept("hostile-reimports")]
