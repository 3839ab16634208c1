"""A plugin returning a recommendation whose title holds a lone surrogate (no file or
terminal can take it), beside a good one."""

from __future__ import annotations

from selfreview_core import Recommendation, hookimpl

from . import kept


@hookimpl
def selfreview_recommend() -> list[object]:
    bad = Recommendation(id="surrogate", title="Broken \ud800 title", action="A", targets=("1a1",))
    return [bad, kept("hostile-surrogate")]
