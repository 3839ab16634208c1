"""A plugin that removes or poisons, as it is imported, a module the program imported
before it, as `$SELFREVIEW_HOSTILE_MODULES` says: `none` sets `sys.modules["yaml"]` to
None (the way to block an import), `removed` deletes `pydantic` from it, `fake` puts a
module of its own in place of `json`. Before round 80 most commands then ended in
"internal error" naming no plugin (round 47 put back only selfreview's own modules). Its
hook gives a recommendation of its own (`hostile-modules-kept`), so a test can see its work
kept. Not among the package's `ENTRY_POINTS`: the tests install it alone."""

from __future__ import annotations

import os
import sys
import types

from selfreview_core import Recommendation, hookimpl

_HOW = os.environ.get("SELFREVIEW_HOSTILE_MODULES", "")

if _HOW == "none":
    sys.modules["yaml"] = None  # type: ignore[assignment]
elif _HOW == "removed":
    del sys.modules["pydantic"]
elif _HOW == "fake":
    sys.modules["json"] = types.ModuleType("json", "a stand-in with nothing in it")


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    return [
        Recommendation(id="hostile-modules-kept", title="Kept", action="Kept", targets=("1a1",))
    ]
