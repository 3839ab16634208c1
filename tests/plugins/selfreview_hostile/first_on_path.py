"""A plugin that puts its own folder of helpers first on the import path as it is imported
(`sys.path.insert(0, ...)`, so that its helpers import by their plain names), and imports
two of them: `helper_on_path`, and one named as a standard library module (`colorsys`).
The folder is `$SELFREVIEW_HOSTILE_ON_PATH` (made by the test: modules named as the
standard library's or the program's would shadow them for the project's own tools too),
and holds such modules beside them, as `tabulate.py` and `html.py`, which the program
imports at their first use: before round 80, `show` ended in "internal error: ImportError"
and `report --format html` failed, naming no plugin. Not among the package's
`ENTRY_POINTS`: `tests/isolation/test_import_path.py` installs it alone."""

from __future__ import annotations

import importlib
import os
import sys

from selfreview_core import Recommendation, hookimpl

from . import kept

sys.path.insert(0, os.environ["SELFREVIEW_HOSTILE_ON_PATH"])

_OWN = [importlib.import_module(name) for name in ("colorsys", "helper_on_path")]


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    assert all(getattr(module, "OWN", False) for module in _OWN)  # what it imported, it keeps
    return [Recommendation.model_validate(kept("hostile-first-on-path"))]
