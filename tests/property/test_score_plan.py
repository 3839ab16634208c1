"""The compiled scoring plan (`scoring.plan`) gives exactly what strand-by-strand scoring
(`scoring.plan.by_ranks`, the definition) gives: the same profile, value for value and type
for type (compared as JSON too, where 3 and 3.0 differ), over generated frameworks of both
scale directions, every policy, and schools one after another so that later ones find the
patterns earlier ones left; and it gives way to the definition whenever it cannot be sure.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import POLICIES, Assessment, Framework, Policy, score
from selfreview_core.errors import InvalidDocument
from selfreview_core.model.assessment import Judgement
from selfreview_core.scoring import plan as plan_module
from selfreview_core.scoring.plan import by_ranks, plan_of
from selfreview_core.scoring.profiles import _RANK_POLICIES, Profile
from selfreview_core.testing import (
    assessments,
    frameworks,
    mirror_assessment,
    mirror_framework,
)

pytestmark = pytest.mark.slow

ALL_POLICIES = cast(tuple[Policy, ...], POLICIES)
examples = settings(max_examples=max(10, settings().max_examples // 2))


@st.composite
def cohorts(draw: st.DrawFn, /, **framework_options: Any) -> tuple[Framework, list[Assessment]]:
    """A framework and several schools' reviews of it, complete or partial."""
    framework = draw(frameworks(**framework_options))
    return framework, draw(st.lists(assessments(framework), min_size=1, max_size=6))


def both_directions(
    framework: Framework, schools: list[Assessment]
) -> Iterator[tuple[Framework, list[Assessment]]]:
    yield framework, schools
    yield mirror_framework(framework), [mirror_assessment(framework, a) for a in schools]


def one_strand_not_applicable(schools: list[Assessment], strand_id: str) -> Iterator[Assessment]:
    """Each school's review with `strand_id` judged not applicable (evidence saying why)."""
    judgement = Judgement(applicable=False, evidence="No such provision here.")
    for assessment in schools:
        judgements = {**assessment.judgements, strand_id: judgement}
        yield assessment.model_copy(update={"judgements": judgements})


def reference(framework: Framework, assessment: Assessment, policy: Policy) -> Profile:
    fields = by_ranks(framework, assessment.judgements, _RANK_POLICIES[policy], policy)
    return Profile.trusted_fields(fields)


def assert_same(
    framework: Framework, assessment: Assessment, policy: Policy, *, json: bool = True
) -> Profile:
    """Equal, and equal in type (`repr` tells 3 from 3.0 and True, and 0.0 from -0.0)."""
    profile = score(framework, assessment, policy)
    expected = reference(framework, assessment, policy)
    assert profile == expected
    assert repr(profile) == repr(expected)
    if json:  # what a report shows (not for values of the wrong type: pydantic warns)
        assert profile.model_dump_json() == expected.model_dump_json()
    assert profile.model_fields_set == expected.model_fields_set
    return profile


def planned(framework: Framework, assessment: Assessment, policy: Policy) -> bool:
    """Whether the plan answered itself (rather than leaving it to `by_ranks`)."""
    found = plan_of(framework).fields(assessment.judgements, _RANK_POLICIES[policy], policy)
    return found is not None


@examples
@given(cohorts())
def test_the_plan_scores_as_strand_by_strand(cohort: tuple[Framework, list[Assessment]]) -> None:
    for framework, schools in both_directions(*cohort):
        for policy in ALL_POLICIES:
            for assessment in schools:  # later schools find what earlier ones kept
                assert_same(framework, assessment, policy)
                assert planned(framework, assessment, policy)


@examples
@given(cohorts(max_elements=3, max_aspects=2, max_strands=24))
def test_many_strands_under_one_aspect_score_the_same(
    cohort: tuple[Framework, list[Assessment]],
) -> None:
    """More than 16 strands in an aspect: its pattern is a `sum` call, not a `+` chain."""
    for framework, schools in both_directions(*cohort):
        for assessment in schools:
            assert_same(framework, assessment, "median")


@examples
@given(cohorts(), st.data())
def test_not_applicable_is_left_to_strand_by_strand(
    cohort: tuple[Framework, list[Assessment]], data: st.DataObject
) -> None:
    framework, schools = cohort
    strand_id = data.draw(st.sampled_from(framework.strand_ids), label="not applicable")
    for changed in one_strand_not_applicable(schools, strand_id):
        for policy in ALL_POLICIES:
            profile = assert_same(framework, changed, policy)
            assert strand_id in profile.not_applicable
            assert not planned(framework, changed, policy)


def review(framework: Framework, levels: dict[str, int]) -> Assessment:
    """One school's review of `framework`, judged at `levels`."""
    judgements = {strand_id: {"level": level} for strand_id, level in levels.items()}
    school = {"id": "S1", "name": "Example School"}
    return Assessment.model_validate(
        {
            "framework": framework.ref,
            "school": school,
            "assessed_on": "2026-01-01",
            "judgements": judgements,
        }
    )


def forged(assessment: Assessment, strand_id: str, level: object) -> Assessment:
    """`assessment` with one judgement's level set behind validation's back."""
    judgement = Judgement(level=1)
    object.__setattr__(judgement, "__dict__", {**judgement.__dict__, "level": level})
    judgements = dict(assessment.judgements)
    judgements[strand_id] = judgement
    changed = assessment.model_copy()
    object.__setattr__(changed, "__dict__", {**changed.__dict__, "judgements": judgements})
    return changed


@pytest.mark.parametrize("level", [True, False, 2.0, 3.0, 5.0, 0.0, 99, -1])
def test_levels_not_on_the_scale_or_not_ints_score_by_their_own_arithmetic(
    small_framework: Framework, level: object
) -> None:
    """An assessment scored without its check (`check_assessment` refuses these): floats
    give float aggregates, `True` counts as 1, a level off the scale by its rank, exactly
    as strand by strand: the plan leaves each of them to the definition."""
    framework = small_framework
    plain = review(framework, {"A1.2": 2})
    for judged in (framework, mirror_framework(framework)):
        for policy in ALL_POLICIES:
            score(judged, plain, policy)  # a pattern kept first: it must not be reused
            changed = forged(plain, "A1.1", level)
            assert_same(judged, changed, policy, json=False)
            assert not planned(judged, changed, policy)


def test_what_is_not_a_judgement_fails_as_strand_by_strand(small_framework: Framework) -> None:
    framework = small_framework
    plain = review(framework, {"A1.2": 2})
    changed = plain.model_copy()
    broken = {"A1.1": "3", "A1.2": Judgement(level=2)}
    object.__setattr__(changed, "__dict__", {**changed.__dict__, "judgements": broken})
    assert plan_of(framework).fields(broken, _RANK_POLICIES["median"], "median") is None
    # The plan declines; strand by strand then fails on the string, and `score` says so in
    # validation's words, at the judgement's path, rather than as an AttributeError.
    with pytest.raises(InvalidDocument, match=r'judgements\["A1\.1"\]: not a judgement'):
        score(framework, changed)
    with pytest.raises(AttributeError):
        reference(framework, changed, "median")


@settings(max_examples=scaled(10))
@given(cohorts())
def test_a_full_table_keeps_no_more_and_still_scores_the_same(
    cohort: tuple[Framework, list[Assessment]],
) -> None:
    framework, schools = cohort
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plan_module, "MAX_KEPT", 1)
        plan = plan_module.ScorePlan(framework)
        for assessment in schools:
            fields = plan.fields(assessment.judgements, _RANK_POLICIES["mean"], "mean")
            assert fields is not None
            expected = reference(framework, assessment, "mean")
            assert Profile.trusted_fields(fields).model_dump_json() == expected.model_dump_json()
    kept = plan._kept["mean"]
    assert kept, "a table per aggregate"
    assert all(len(table) <= 1 for table in kept)
    assert any(table for table in kept)


def test_a_framework_past_the_plan_s_size_is_scored_strand_by_strand(
    small_framework: Framework,
) -> None:
    framework = small_framework
    assessment = review(framework, {"A1.1": 3})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plan_module, "MAX_STRANDS", 1)
        plan = plan_module.ScorePlan(framework)
    assert plan.fields(assessment.judgements, _RANK_POLICIES["median"], "median") is None
    assert plan._kept == {}


def test_a_framework_of_exactly_the_plan_s_size_is_planned(small_framework: Framework) -> None:
    assessment = review(small_framework, {"A1.1": 3})
    strands = len(small_framework.strand_ids)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plan_module, "MAX_STRANDS", strands)
        plan = plan_module.ScorePlan(small_framework)
    assert plan.fields(assessment.judgements, _RANK_POLICIES["median"], "median") is not None


def test_empty_aspects_elements_and_frameworks_score_as_strand_by_strand(
    small_framework: Framework,
) -> None:
    """An aspect without strands, an element without aspects, and no elements at all are
    valid frameworks: nothing under them is judged."""
    element = small_framework.elements[0]
    empty_aspect = element.aspects[0].model_copy(update={"id": "A9", "strands": ()})
    shapes = [
        (element.model_copy(update={"aspects": (*element.aspects, empty_aspect)}),),
        (element, element.model_copy(update={"id": "E9", "aspects": ()})),
        (),
    ]
    for elements in shapes:
        framework = Framework.model_validate(
            {**small_framework.model_dump(), "elements": [e.model_dump() for e in elements]}
        )
        judged = dict.fromkeys(framework.strand_ids[:1], 2)
        for policy in ALL_POLICIES:
            profile = assert_same(framework, review(framework, judged), policy)
            assert planned(framework, review(framework, judged), policy)
            for node_id in ("A9", "E9"):
                if node_id in framework:
                    assert profile.level(node_id) is None
