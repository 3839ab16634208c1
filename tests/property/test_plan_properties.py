"""Action plans on generated frameworks of either scale direction: adding a report to a plan
never drops or changes what the school wrote, adding it twice adds nothing, and the status
view's verdicts do not depend on which way the scale runs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Plan, Report, add_to_plan, plan_status, score
from selfreview_core.testing import (
    assessments,
    frameworks,
    mirror_assessment,
    mirror_framework,
    plans,
    recommendation_lists,
)

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow

#: A plan and a report on a generated framework are slow to draw: 50 examples in CI.
examples = settings(max_examples=scaled(50))


@st.composite
def plan_and_report(draw: st.DrawFn) -> tuple[Plan, Report]:
    framework = draw(frameworks())
    assessment = draw(assessments(framework))
    report = Report(
        framework=framework,
        assessment=assessment,
        profile=score(framework, assessment),
        recommendations=draw(recommendation_lists(framework)),
    )
    return draw(plans(framework, school=assessment.school)), report


@examples
@given(plan_and_report(), st.sampled_from(("high", "medium", None)))
def test_adding_never_drops_or_changes_an_existing_action(
    pair: tuple[Plan, Report], priority: str | None
) -> None:
    """SPEC 3 and issue 7: "never drop a user's notes"; new actions go after the old."""
    plan, report = pair
    added = add_to_plan(plan, report, priority)  # type: ignore[arg-type]
    assert added.actions[: len(plan.actions)] == plan.actions
    assert added.model_copy(update={"actions": plan.actions}) == plan
    planned = {a.recommendation for a in added.actions}
    rank = {"high": 0, "medium": 1, "low": 2}
    for rec in report.recommendations:
        if priority is None or rank[rec.priority] <= rank[priority]:
            assert rec.id in planned


@examples
@given(plan_and_report())
def test_adding_the_same_report_twice_adds_nothing(pair: tuple[Plan, Report]) -> None:
    plan, report = pair
    once = add_to_plan(plan, report)
    assert add_to_plan(once, report) == once
    assert len({a.id for a in once.actions}) == len(once.actions)


@examples
@given(st.data())
def test_verdicts_do_not_depend_on_the_scale_direction(data: st.DataObject) -> None:
    """SPEC 2: "better" follows the scale; mirroring the scale mirrors every result."""
    framework = data.draw(frameworks())
    review = data.draw(assessments(framework))
    plan = data.draw(plans(framework, school=review.school))
    plan = plan.model_copy(update={"made_from": None})
    mirrored = mirror_framework(framework)
    scale = framework.scale
    mirrored_plan = plan.model_copy(
        update={
            "actions": tuple(
                a.model_copy(
                    update={
                        "baseline": None
                        if a.baseline is None
                        else {t: scale.mirror_level(lv) for t, lv in a.baseline.items()}
                    }
                )
                for a in plan.actions
            )
        }
    )
    status = plan_status(plan, framework, review)
    other = plan_status(mirrored_plan, mirrored, mirror_assessment(framework, review))
    assert [[t.verdict for t in a.targets] for a in status.actions] == [
        [t.verdict for t in a.targets] for a in other.actions
    ]
    assert status.done_targets == other.done_targets
