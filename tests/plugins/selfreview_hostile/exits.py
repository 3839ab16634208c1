"""A plugin whose hook calls `sys.exit(0)`: once, the whole report ended with exit 0."""

from __future__ import annotations

import sys

from selfreview_core import Recommendation, hookimpl


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    sys.exit(0)
