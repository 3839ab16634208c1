"""Scoring properties over generated frameworks, for every policy and both scale directions.

Every example is checked as drawn and mirrored (`mirror_framework`: best and worst swapped,
every level mapped), so each run covers a higher-is-better and a lower-is-better scale
whichever direction hypothesis drew. Policies are looped over inside each example rather
than parametrized: drawing a framework costs far more than scoring it, so every example
checks every policy and the suite stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from random import Random
from typing import cast

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from selfreview_core import POLICIES, Assessment, Framework, Policy, Profile, aggregate, score
from selfreview_core.testing import (
    assessments,
    framework_and_assessment,
    frameworks,
    improve,
    mirror_assessment,
    mirror_framework,
)

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow

ALL_POLICIES = cast(tuple[Policy, ...], POLICIES)
#: Each example checks six cases (two directions, three policies): half the profile's count
#: of examples is plenty, and keeps the suite fast (the `deep` profile still scales it).
examples = settings(max_examples=max(10, settings().max_examples // 2))
Pair = tuple[Framework, Assessment]


def both_directions(framework: Framework, assessment: Assessment) -> Iterator[Pair]:
    """The pair as drawn, then mirrored: one of the two runs each way."""
    yield framework, assessment
    yield mirror_framework(framework), mirror_assessment(framework, assessment)


def directions_and_policies(pair: Pair) -> Iterator[tuple[Framework, Assessment, Policy]]:
    for framework, assessment in both_directions(*pair):
        for policy in ALL_POLICIES:
            yield framework, assessment, policy


def aggregate_ids(framework: Framework) -> list[str | None]:
    """Every aspect and element id, and None standing for overall."""
    return [*(a.id for a in framework.aspects), *(e.id for e in framework.elements), None]


def judged_under(framework: Framework, assessment: Assessment, node_id: str | None) -> list[int]:
    """The judged levels under any id (a strand: its own, if judged; None: all strands)."""
    if node_id is None:
        strands = framework.strands
    elif framework.kind_of(node_id) == "strand":
        strands = (framework.strand(node_id),)
    else:
        strands = framework.strands_under(node_id)
    return [
        j.level
        for s in strands
        if (j := assessment.judgements.get(s.id)) is not None and j.level is not None
    ]


def given_level(assessment: Assessment, strand_id: str) -> int:
    """The level a judgement gives (these generated assessments give one for every strand)."""
    level = assessment.judgements[strand_id].level
    assert level is not None
    return level


def level_of(profile: Profile, node_id: str | None) -> int | None:
    return profile.overall if node_id is None else profile.level(node_id)


def with_levels(assessment: Assessment, levels: dict[str, int]) -> Assessment:
    """`assessment` with some judged strands' levels replaced."""
    judgements = {
        s: j.model_copy(update={"level": levels.get(s, j.level)})
        for s, j in assessment.judgements.items()
    }
    return assessment.model_copy(update={"judgements": judgements})


@examples
@given(framework_and_assessment())
def test_aggregates_are_bounded_by_the_judged_levels(pair: Pair) -> None:
    for framework, assessment, policy in directions_and_policies(pair):
        scale = framework.scale
        profile = score(framework, assessment, policy)
        for strand_id, level in profile.strands.items():
            assert level == assessment.level(strand_id)
        for node_id in aggregate_ids(framework):
            levels = judged_under(framework, assessment, node_id)
            result = level_of(profile, node_id)
            if not levels:
                continue
            assert result is not None
            worst, best = scale.worst_of(levels), scale.best_of(levels)
            assert scale.rank(worst) <= scale.rank(result) <= scale.rank(best), (policy, levels)
            assert result == aggregate(scale, levels, policy)
            if policy == "weakest":
                assert result == worst


@examples
@given(framework_and_assessment(), st.data())
def test_unanimous_judgements_give_that_level(pair: Pair, data: st.DataObject) -> None:
    drawn_framework, drawn = pair
    level = data.draw(st.sampled_from(drawn_framework.scale.levels), label="level")
    unanimous = with_levels(drawn, dict.fromkeys(drawn.judgements, level))
    expected_levels = (level, drawn_framework.scale.mirror_level(level))
    for expected, (framework, assessment) in zip(
        expected_levels, both_directions(drawn_framework, unanimous), strict=True
    ):
        expected_progress = framework.scale.progress(expected)
        for policy in ALL_POLICIES:
            profile = score(framework, assessment, policy)
            for node_id in aggregate_ids(framework):
                judged = bool(judged_under(framework, assessment, node_id))
                assert level_of(profile, node_id) == (expected if judged else None), policy
                assert profile.progress(node_id) == (expected_progress if judged else None)


@examples
@given(framework_and_assessment(), st.randoms(use_true_random=False))
def test_the_order_of_the_judgements_changes_nothing(pair: Pair, random: Random) -> None:
    framework, assessment = pair
    items = list(assessment.judgements.items())
    random.shuffle(items)
    shuffled = assessment.model_copy(update={"judgements": dict(items)})
    for policy in ALL_POLICIES:
        assert score(framework, shuffled, policy) == score(framework, assessment, policy)


@examples
@given(framework_and_assessment(), st.randoms(use_true_random=False))
def test_aggregates_are_symmetric_in_the_strands(pair: Pair, random: Random) -> None:
    """Which strand holds which level does not matter overall, only the levels do."""
    framework, assessment = pair
    strand_ids = list(assessment.judgements)
    levels = [given_level(assessment, s) for s in strand_ids]
    shuffled = random.sample(levels, len(levels))
    permuted = with_levels(assessment, dict(zip(strand_ids, shuffled, strict=True)))
    for policy in ALL_POLICIES:
        before, after = score(framework, assessment, policy), score(framework, permuted, policy)
        assert after.overall == before.overall, policy
        assert after.overall_progress == before.overall_progress
        assert aggregate(framework.scale, shuffled, policy) == before.overall


def assert_no_worse(
    framework: Framework, before: Profile, after: Profile, affected: set[str | None]
) -> None:
    """No level under `after` is worse than under `before`; progress rises exactly where
    `affected` (the improved strand, its aspect and element, and None for overall)."""
    for node_id in [*framework.ids, None]:
        old_level, new_level = level_of(before, node_id), level_of(after, node_id)
        old_progress, new_progress = before.progress(node_id), after.progress(node_id)
        if old_level is None:  # nothing judged under it, before or after
            assert (new_level, old_progress, new_progress) == (None, None, None)
            continue
        assert new_level is not None
        assert not framework.scale.is_worse(new_level, old_level), (before.policy, node_id)
        assert old_progress is not None
        assert new_progress is not None
        if node_id in affected:
            assert new_progress > old_progress
        else:
            assert (new_level, new_progress) == (old_level, old_progress)


@examples
@given(framework_and_assessment())
def test_a_better_judgement_never_makes_an_aggregate_worse(pair: Pair) -> None:
    """Monotone: each judged strand in turn one step better lowers no aggregate.

    A step at a time is enough (any improvement is a chain of steps), and trying every
    strand finds the ties that break a non-monotone policy such as the mode.
    """
    for framework, assessment in both_directions(*pair):
        scale = framework.scale
        profiles = [score(framework, assessment, policy) for policy in ALL_POLICIES]
        for strand_id, judgement in assessment.judgements.items():
            if judgement.level == scale.best:
                continue
            better = improve(framework, assessment, strand_id)
            old = given_level(assessment, strand_id)
            assert scale.change(old, given_level(better, strand_id)) == 1
            affected = {strand_id, *framework.parents(strand_id), None}
            for before in profiles:
                after = score(framework, better, before.policy)
                assert_no_worse(framework, before, after, affected)


@examples
@given(framework_and_assessment(), st.data())
def test_a_judgement_several_steps_better_never_makes_an_aggregate_worse(
    pair: Pair, data: st.DataObject
) -> None:
    framework, assessment = pair
    scale = framework.scale
    improvable = [s for s, j in assessment.judgements.items() if j.level != scale.best]
    assume(improvable)
    strand_id = data.draw(st.sampled_from(improvable), label="strand")
    room = scale.size - 1 - scale.rank(given_level(assessment, strand_id))
    better = improve(framework, assessment, strand_id, data.draw(st.integers(1, room)))
    affected = {strand_id, *framework.parents(strand_id), None}
    for (f, old), (_, new) in zip(
        both_directions(framework, assessment), both_directions(framework, better), strict=True
    ):
        for policy in ALL_POLICIES:
            assert_no_worse(f, score(f, old, policy), score(f, new, policy), affected)


@examples
@given(framework_and_assessment())
def test_mirroring_the_scale_mirrors_every_result(pair: Pair) -> None:
    """Levels map by `mirror_level`; progress is unchanged, since the best level stays best."""
    framework, assessment = pair
    mirror = framework.scale.mirror_level
    mirrored_framework = mirror_framework(framework)
    mirrored_assessment = mirror_assessment(framework, assessment)
    for policy in ALL_POLICIES:
        profile = score(framework, assessment, policy)
        mirrored = score(mirrored_framework, mirrored_assessment, policy)
        assert mirrored.scale == framework.scale.mirrored()
        for table, mirrored_table in (
            (profile.strands, mirrored.strands),
            (profile.aspects, mirrored.aspects),
            (profile.elements, mirrored.elements),
            ({"": profile.overall}, {"": mirrored.overall}),
        ):
            assert list(mirrored_table) == list(table)
            for node_id, level in table.items():
                expected = None if level is None else mirror(level)
                assert mirrored_table[node_id] == expected, (policy, node_id)
        assert mirrored.progress_by_id == profile.progress_by_id
        assert mirrored.overall_progress == profile.overall_progress
        assert (mirrored.coverage, mirrored.unjudged) == (profile.coverage, profile.unjudged)


@examples
@given(framework_and_assessment())
def test_reflecting_the_judgements_turns_progress_p_into_1_minus_p(pair: Pair) -> None:
    """On the same scale, reading every level as its opposite (best <-> worst) reflects progress.

    Levels do not simply reflect: a tie goes to the worse level both before and after.
    """
    framework, assessment = pair
    reflected = mirror_assessment(framework, assessment)  # mirrored levels, on the same scale
    for policy in ALL_POLICIES:
        before, after = score(framework, assessment, policy), score(framework, reflected, policy)
        for node_id in [*framework.ids, None]:
            p, q = before.progress(node_id), after.progress(node_id)
            assert (p is None) == (q is None)
            if p is not None and q is not None:
                assert q == pytest.approx(1 - p, abs=1e-12)


@examples
@given(framework_and_assessment())
def test_coverage_and_progress_stay_in_0_1_and_reach_the_ends_exactly(pair: Pair) -> None:
    for framework, assessment, policy in directions_and_policies(pair):
        scale = framework.scale
        profile = score(framework, assessment, policy)
        assert 0 <= profile.coverage <= 1
        assert profile.coverage == len(assessment.judgements) / len(framework.strands)
        complete = all(s in assessment.judgements for s in framework.strand_ids)
        assert profile.complete == complete
        assert (profile.coverage == 1) == complete
        for node_id in [*framework.ids, None]:
            levels = judged_under(framework, assessment, node_id)
            progress = profile.progress(node_id)
            if not levels:
                assert progress is None
                continue
            assert progress is not None
            assert 0 <= progress <= 1
            assert (progress == 1) == all(level == scale.best for level in levels)
            assert (progress == 0) == all(level == scale.worst for level in levels)
            # The mean of the judged strands' progress, not the progress of the aggregate.
            expected = sum(scale.progress(level) for level in levels) / len(levels)
            assert progress == pytest.approx(expected)


@examples
@given(
    frameworks().flatmap(lambda f: st.tuples(st.just(f), assessments(f, complete=True))),
    st.data(),
)
def test_all_at_the_best_is_progress_1_and_one_step_short_is_not(
    pair: Pair, data: st.DataObject
) -> None:
    framework, drawn = pair
    top = with_levels(drawn, dict.fromkeys(drawn.judgements, framework.scale.best))
    lowered = data.draw(st.sampled_from(framework.strand_ids), label="lowered")
    one_short = improve(framework, top, lowered, -1)
    for f, assessment, policy in directions_and_policies((framework, top)):
        profile = score(f, assessment, policy)
        assert (profile.coverage, profile.progress(), profile.overall) == (1, 1, f.scale.best)
    for f, assessment, policy in directions_and_policies((framework, one_short)):
        profile = score(f, assessment, policy)
        for node_id in (lowered, *f.parents(lowered), None):
            progress = profile.progress(node_id)
            assert progress is not None
            assert progress < 1


@examples
@given(framework_and_assessment())
def test_none_exactly_where_nothing_is_judged(pair: Pair) -> None:
    framework, assessment = pair
    judged = tuple(s for s in framework.strand_ids if s in assessment.judgements)
    unjudged = tuple(s for s in framework.strand_ids if s not in assessment.judgements)
    for policy in ALL_POLICIES:
        profile = score(framework, assessment, policy)
        for node_id in [*framework.ids, None]:
            nothing = not judged_under(framework, assessment, node_id)
            assert (level_of(profile, node_id) is None) == nothing, (policy, node_id)
            assert (profile.progress(node_id) is None) == nothing
        assert (profile.judged, profile.unjudged) == (judged, unjudged)


@examples
@given(framework_and_assessment())
def test_a_profile_survives_a_json_round_trip(pair: Pair) -> None:
    for framework, assessment, policy in directions_and_policies(pair):
        profile = score(framework, assessment, policy)
        text = profile.model_dump_json()
        again = Profile.model_validate_json(text)
        assert again == profile
        assert again.model_dump_json() == text
