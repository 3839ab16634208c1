"""A plugin whose hook raises an ordinary exception."""

from __future__ import annotations

from selfreview_core import Recommendation, hookimpl


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    raise RuntimeError("the database is down")
