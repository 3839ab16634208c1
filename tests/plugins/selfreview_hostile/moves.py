"""A plugin that changes the working directory, at import and in its hook, to the folder
`$SELFREVIEW_HOSTILE_ELSEWHERE` names: every name given on the command line was read or
written there, relative, after it. Not among the package's `ENTRY_POINTS`, which every
isolation test installs: `tests/isolation/test_working_directory.py` installs it alone."""

from __future__ import annotations

import os

from selfreview_core import Recommendation, hookimpl

from . import kept

os.chdir(os.environ["SELFREVIEW_HOSTILE_ELSEWHERE"])


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    os.chdir(os.environ["SELFREVIEW_HOSTILE_ELSEWHERE"])
    return [Recommendation.model_validate(kept("hostile-moves"))]
