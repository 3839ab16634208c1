"""A plugin whose hook name is misspelt: it is never called, and must not pass for a hook."""

from __future__ import annotations

from selfreview_core import Recommendation, hookimpl


@hookimpl
def selfreview_recomend() -> list[Recommendation]:
    raise AssertionError("a misspelt hook is never called")
