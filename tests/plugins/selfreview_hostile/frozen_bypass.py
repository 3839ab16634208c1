"""A plugin that writes past the immutability of the framework it is given, in its hook,
as `$SELFREVIEW_HOSTILE_FROZEN_BYPASS` says: `title` sets the framework's title with
`object.__setattr__` (which a frozen model cannot refuse), `level` each level descriptor of
the first strand with `dict.__setitem__` on its read-only mapping. The framework is the engine's
own, shared by every plugin and every school of the command: a known limit (round 51),
pinned by `tests/isolation/test_frozen_bypass.py`. Its recommendation is good. Not among
the package's `ENTRY_POINTS`."""

from __future__ import annotations

import os
from typing import Any

from selfreview_core import hookimpl

from . import kept

#: What it writes, to be found in a report.
CHANGED = "Changed by hostile-frozen-bypass"


@hookimpl
def selfreview_recommend(framework: Any) -> list[object]:
    how = os.environ.get("SELFREVIEW_HOSTILE_FROZEN_BYPASS", "")
    if how == "title":
        object.__setattr__(framework, "title", CHANGED)
    elif how == "level":
        levels = framework.aspects[0].strands[0].levels
        for level in list(levels):
            dict.__setitem__(levels, level, CHANGED)
    return [kept("hostile-frozen-bypass")]
