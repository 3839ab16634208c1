"""A plugin whose hook (not its import) changes what the program imports later, as
`$SELFREVIEW_HOSTILE_HOOK_IMPORTS` says: `path` puts its folder of helpers
(`$SELFREVIEW_HOSTILE_ON_PATH`, made by the test, holding an `html.py` that fails) first on
`sys.path`, so that its helpers import by their plain names; `fake` puts a module of its
own in place of `json`; `removed` deletes `pydantic`. Before round 81 a hook's changes
stood: `report --format html` failed on its `html.py` naming the standard exporter, and
the program's next `import json` got the stand-in. Its hook gives a recommendation of its
own (`hostile-hook-imports-kept`). Not among the package's `ENTRY_POINTS`: the tests
install it alone."""

from __future__ import annotations

import os
import sys
import types

from selfreview_core import Recommendation, hookimpl

from . import kept

_HOW = os.environ.get("SELFREVIEW_HOSTILE_HOOK_IMPORTS", "")


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    if _HOW == "path":
        sys.path.insert(0, os.environ["SELFREVIEW_HOSTILE_ON_PATH"])
    elif _HOW == "fake":
        sys.modules["json"] = types.ModuleType("json", "a stand-in with nothing in it")
    elif _HOW == "removed":
        del sys.modules["pydantic"]
    return [Recommendation.model_validate(kept("hostile-hook-imports"))]
