"""The laws of SPEC 6 on scores (SPEC 10: all but the mirror law), over generated question
frameworks of both scale directions and generated answers: bounded, unanimous, symmetric,
monotone, not applicable as removal, level = the level at rank ⌊score⌋, and the old
arithmetic unchanged for frameworks without questions."""

from __future__ import annotations

import math
import random
from fractions import Fraction
from typing import cast

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from selfreview_core import POLICIES, Assessment, Framework, Policy, aggregate, score
from selfreview_core.model.assessment import Judgement
from selfreview_core.scoring.profiles import Profile, aggregate_score
from selfreview_core.testing import (
    framework_and_assessment,
    question_framework_and_assessment,
)

pytestmark = pytest.mark.slow

ALL_POLICIES = cast(tuple[Policy, ...], POLICIES)
examples = settings(max_examples=max(10, settings().max_examples // 2))
Pair = tuple[Framework, Assessment]


def aggregates(framework: Framework) -> list[str | None]:
    return [*(a.id for a in framework.aspects), *(e.id for e in framework.elements), None]


def strands_under(framework: Framework, node_id: str | None) -> list[str]:
    if node_id is None:
        return list(framework.strand_ids)
    return [s.id for s in framework.strands_under(node_id)]


def level_of(profile: Profile, node_id: str | None) -> int | None:
    return profile.overall if node_id is None else profile.level(node_id)


def strand_scores(profile: Profile, framework: Framework, node_id: str | None) -> list[float]:
    found = [profile.score(s) for s in strands_under(framework, node_id)]
    return [s for s in found if s is not None]


def with_judgement(
    assessment: Assessment, strand_id: str, judgement: Judgement | None
) -> Assessment:
    judgements = dict(assessment.judgements)
    if judgement is None:
        judgements.pop(strand_id, None)
    else:
        judgements[strand_id] = judgement
    return assessment.model_copy(update={"judgements": judgements})


@examples
@given(question_framework_and_assessment())
def test_scores_are_bounded_and_levels_follow_the_floor_of_scores(pair: Pair) -> None:
    framework, assessment = pair
    top = framework.scale.size - 1
    for policy in ALL_POLICIES:
        profile = score(framework, assessment, policy)
        for strand_id in framework.strand_ids:
            value = profile.score(strand_id)
            if value is not None:
                assert 0 <= value <= top
                assert profile.level(strand_id) == framework.level_at(Fraction(value))
        for node_id in aggregates(framework):
            under = strand_scores(profile, framework, node_id)
            value = profile.score(node_id)
            if not under:
                assert value is None
                assert level_of(profile, node_id) is None
                continue
            assert value is not None
            assert min(under) <= value <= max(under)  # bounded
            # the level is the level at rank ⌊score⌋, the exact score's floor
            assert level_of(profile, node_id) == framework.scale.from_rank(
                min(math.floor(value + 1e-9), top)
            )


@examples
@given(question_framework_and_assessment(), st.randoms(use_true_random=False))
def test_aggregate_scores_are_symmetric_in_their_strands(pair: Pair, rnd: random.Random) -> None:
    """Each aggregate is the policy over its strands' scores, in any order."""
    framework, assessment = pair
    for policy in ALL_POLICIES:
        profile = score(framework, assessment, policy)
        for node_id in aggregates(framework):
            under = strand_scores(profile, framework, node_id)
            shuffled = rnd.sample(under, len(under))
            expected = aggregate_score([Fraction(s) for s in shuffled], policy)
            value = profile.score(node_id)
            assert (value is None) is (expected is None)
            if expected is not None:
                assert value == pytest.approx(float(expected), abs=1e-12)


@examples
@given(question_framework_and_assessment(not_applicable=False), st.data())
def test_unanimous_scores_give_that_score_everywhere(pair: Pair, data: st.DataObject) -> None:
    framework, _ = pair
    rank = data.draw(st.integers(0, framework.scale.size - 1), label="rank")
    level = framework.scale.from_rank(rank)
    assessment = Assessment.model_validate(
        {
            "framework": framework.id,
            "school": {"id": "s", "name": "S"},
            "assessed_on": "2026-01-01",
            "judgements": {s: Judgement(level=level) for s in framework.strand_ids},
        }
    )
    for policy in ALL_POLICIES:
        profile = score(framework, assessment, policy)
        for node_id in aggregates(framework):
            assert profile.score(node_id) == rank
            assert level_of(profile, node_id) == level


@examples
@given(question_framework_and_assessment(), st.data())
def test_a_better_answer_never_lowers_any_score_or_level(pair: Pair, data: st.DataObject) -> None:
    framework, assessment = pair
    answered = [
        (strand_id, j)
        for strand_id, j in assessment.judgements.items()
        if j.answers and framework.strand(strand_id).questions
    ]
    assume(answered)
    strand_id, judgement = data.draw(st.sampled_from(answered), label="strand")
    strand = framework.strand(strand_id)
    question = data.draw(st.sampled_from(strand.questions or ()), label="question")
    answers = framework.answer_set(question.answers)
    given_id = judgement.answers.get(question.id) if judgement.answers else None
    now = next((a.value for a in answers if a.id == given_id), 0)
    better = [a for a in answers if a.value >= now]
    assume(better)
    choice = data.draw(st.sampled_from(better), label="answer")
    improved = with_judgement(
        assessment,
        strand_id,
        Judgement(answers={**(judgement.answers or {}), question.id: choice.id}),
    )
    scale = framework.scale
    for policy in ALL_POLICIES:
        before, after = score(framework, assessment, policy), score(framework, improved, policy)
        for node_id in [strand_id, *framework.parents(strand_id), None]:
            old, new = before.score(node_id), after.score(node_id)
            assert old is not None
            assert new is not None
            assert new >= old - 1e-12
            old_level, new_level = level_of(before, node_id), level_of(after, node_id)
            assert old_level is not None
            assert new_level is not None
            assert scale.reached(new_level, old_level)


@examples
@given(question_framework_and_assessment(), st.data())
def test_not_applicable_is_the_strand_removed(pair: Pair, data: st.DataObject) -> None:
    """A strand not applicable leaves every aggregate as if it were not there."""
    framework, assessment = pair
    strand_id = data.draw(st.sampled_from(framework.strand_ids), label="strand")
    na = with_judgement(assessment, strand_id, Judgement(applicable=False, evidence="n/a"))
    gone = with_judgement(assessment, strand_id, None)
    for policy in ALL_POLICIES:
        a, b = score(framework, na, policy), score(framework, gone, policy)
        assert a.scores == b.scores
        assert (a.strands, a.aspects, a.elements, a.overall) == (
            b.strands,
            b.aspects,
            b.elements,
            b.overall,
        )
        assert strand_id in a.not_applicable
        assert strand_id not in a.unjudged
        applicable = len(framework.strand_ids) - sum(
            1 for s in framework.strand_ids if s in a.not_applicable
        )
        judged = len(a.judged)
        assert a.coverage == (judged / applicable if applicable else 1.0)


@examples
@given(framework_and_assessment())
def test_without_questions_levels_are_the_old_arithmetic_and_scores_are_ranks(pair: Pair) -> None:
    framework, assessment = pair
    scale = framework.scale
    for policy in ALL_POLICIES:
        profile = score(framework, assessment, policy)
        for node_id in aggregates(framework):
            levels = [
                level
                for s in strands_under(framework, node_id)
                if (level := profile.level(s)) is not None
            ]
            assert level_of(profile, node_id) == aggregate(scale, levels, policy)
            expected = aggregate_score([scale.rank(level) for level in levels], policy)
            value = profile.score(node_id)
            assert value == (None if expected is None else float(expected))
        for strand_id in framework.strand_ids:
            level = profile.level(strand_id)
            assert profile.score(strand_id) == (None if level is None else scale.rank(level))
