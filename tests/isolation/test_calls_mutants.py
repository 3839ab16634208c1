"""Behaviours of `isolation.calls` that a whole mutation pass (round 37) found no test pinned,
each fed to a plugin through `Engine` and checked in the report: the problem's message and
its plugin, and that every other plugin's work stands."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core.isolation.calls import MAX_MESSAGE
from test_engine import plugin_module


def advice(rec_id: str) -> Recommendation:
    return Recommendation(id=rec_id, title="T", action="A", targets=("A1",))


def _raising(message: str) -> Callable[[], list[Recommendation]]:
    def recommend() -> list[Recommendation]:
        raise ValueError(message)

    return recommend


@pytest.mark.parametrize(
    ("length", "shown"),
    [(500, "x" * 500), (501, f"{'x' * 500}… (501 characters)")],
)
def test_an_exception_message_is_kept_whole_up_to_the_limit_and_clipped_past_it(
    small_framework: Framework, assessment: Assessment, length: int, shown: str
) -> None:
    """500 characters, written out: the limit is part of every report's output."""
    assert MAX_MESSAGE == 500
    bad = plugin_module("bad", selfreview_recommend=_raising("x" * length))
    good = plugin_module("good", selfreview_recommend=lambda: [advice("from-good")])
    report = Engine(entry_points=False, plugins=[bad, good]).report(
        assessment, framework=small_framework
    )
    assert [(p.source, p.message, p.severity) for p in report.problems] == [
        ("bad", f"selfreview_recommend raised ValueError: {shown}", "error")
    ]
    assert "from-good" in [r.id for r in report.recommendations]
