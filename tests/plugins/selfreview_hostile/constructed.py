"""A plugin returning a `model_construct`ed recommendation that breaks the model's rules
(an unknown priority), beside a good one."""

from __future__ import annotations

from typing import Any

from selfreview_core import Recommendation, hookimpl

from . import kept


@hookimpl
def selfreview_recommend() -> list[object]:
    fields: dict[str, Any] = {"priority": "urgent"}  # not a priority: no check stops it here
    broken = Recommendation.model_construct(
        id="constructed", title="Unchecked", action="Unchecked", **fields
    )
    return [broken, kept("hostile-constructed")]
