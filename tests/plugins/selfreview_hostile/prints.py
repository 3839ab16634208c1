"""A plugin that prints, at import and from its hook; its recommendation is good."""

from __future__ import annotations

import sys

from selfreview_core import hookimpl

from . import PRINTED, kept

print(PRINTED)


@hookimpl
def selfreview_recommend() -> list[object]:
    print(PRINTED)
    sys.stdout.write(PRINTED + "\n")
    sys.stdout.flush()
    return [kept("hostile-prints")]
