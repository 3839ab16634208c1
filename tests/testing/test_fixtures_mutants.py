"""`selfreview_core.testing`'s pytest fixtures (round 60's pass over `testing/fixtures.py`):
what a plugin author's test gets from them, as docs/testing.md describes them."""

from __future__ import annotations

import pytest

from selfreview_core import Engine
from selfreview_core.model.assessment import Assessment
from selfreview_core.model.framework import Framework


def test_the_engine_fixture_has_the_built_in_plugins_alone(engine: Engine) -> None:
    """No entry point from the environment: the first-party plugins installed beside the
    core (as here) are not in it, so a plugin author's test sees its own plugin's work."""
    assert {plugin.origin for plugin in engine.plugins()} == {"built-in"}
    assert {plugin.name for plugin in Engine().plugins()} > {p.name for p in engine.plugins()}


def test_the_small_frameworks_scale_names_its_two_ends(small_framework: Framework) -> None:
    """0 (worst) is "Not started", 3 (best) "Embedded": the names reports show."""
    scale = small_framework.scale
    assert (scale.worst, scale.best) == (0, 3)
    assert dict(scale.labels) == {0: "Not started", 3: "Embedded"}


def test_the_assessment_fixtures_report_has_no_problem(
    engine: Engine, assessment: Assessment, small_framework: Framework
) -> None:
    """Dated in the past (2026-10-01): no warning of a review dated after today, nor any
    other problem, in a report of it (round 60 made such a date a warning problem)."""
    assert engine.report(assessment, framework=small_framework).problems == ()


@pytest.mark.parametrize("strand", ["A1.1", "A1.2", "A2.1"])
def test_the_assessment_fixture_judges_three_strands_of_four(
    assessment: Assessment, strand: str
) -> None:
    assert assessment.judgements[strand].level is not None
    assert "B1.1" not in assessment.judgements
