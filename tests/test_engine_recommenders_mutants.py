"""`Engine`'s last plugins kept (`_recommendations`' shortcut over `_recommenders`): taken
only for the framework they were found for. Found by round 74's mutation pass over round
73's lines of engine.py, where the shortcut's `last[0] is framework` as `is not` survived:
a report on another framework after the first got the first one's plugins."""

from __future__ import annotations

from selfreview_core import Assessment, Engine, Framework
from test_plugin_scope import advising


def _school(framework: Framework) -> Assessment:
    return Assessment.model_validate(
        {
            "framework": framework.ref,
            "school": {"id": "s", "name": "S"},
            "assessed_on": "2026-01-01",
            "judgements": {framework.strand_ids[0]: {"level": framework.scale.levels[0]}},
        }
    )


def test_one_engine_reporting_two_frameworks_in_turn_calls_each_ones_plugins(
    becta: Framework, small_framework: Framework
) -> None:
    engine = Engine(plugins=[advising("scoped", ("becta-srf",))], entry_points=False)
    for framework, advised in [(becta, True), (small_framework, False), (becta, True)] * 2:
        report = engine.report(_school(framework), framework=framework)
        assert report.problems == ()
        ids = [rec.id for rec in report.recommendations]
        assert ("scoped-advice" in ids) is advised, framework.id
