"""Scoring behaviours the round-36 mutation pass over `scoring.py` (now
`scoring/profiles.py`) found unpinned, each asserted the way a caller relies on it."""

from __future__ import annotations

from typing import cast

import pytest
from hypothesis import given, settings
from pydantic import ValidationError

from scaled import scaled
from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    Policy,
    Profile,
    score,
)
from selfreview_core.scoring.profiles import judged_level
from selfreview_core.testing import framework_and_assessment, question_framework_and_assessment

from .test_profiles import review

Pair = tuple[Framework, Assessment]


def _agrees_with_score(framework: Framework, assessment: Assessment) -> None:
    profile = score(framework, assessment)
    for strand_id, judgement in assessment.judgements.items():
        assert judged_level(framework, strand_id, judgement) == profile.level(strand_id)


@settings(max_examples=scaled(10))
@given(framework_and_assessment())
def test_a_judgements_level_read_alone_is_its_strands_level_in_the_profile(pair: Pair) -> None:
    """Cohorts, sessions and respondent groups read judgements one by one
    (`judged_level`) and must show what `score` shows, in either scale direction."""
    _agrees_with_score(*pair)


@settings(max_examples=scaled(10))
@given(question_framework_and_assessment())
def test_a_judgement_by_answers_level_or_not_applicable_reads_as_the_profile_does(
    pair: Pair,
) -> None:
    """Judged by answers, by a level written over them, or not applicable (None)."""
    _agrees_with_score(*pair)


@pytest.mark.parametrize("levels", [{}, {"A1.1": 2}])
def test_the_engine_refuses_an_unknown_policy_even_with_nothing_judged(
    small_framework: Framework, levels: dict[str, int]
) -> None:
    """The one-pass scorer never answers for a policy it does not know, not even for an
    assessment with nothing to reduce: the report is refused as `score` refuses it."""
    assessment = review(small_framework, levels)
    engine = Engine(entry_points=False)
    for _ in range(2):  # the engine keeps its last scorer: refused the second time too
        with pytest.raises(ValueError, match="unknown policy 'mode'"):
            engine.report(assessment, framework=small_framework, policy=cast(Policy, "mode"))


@pytest.mark.parametrize("coverage", [-0.5, 1.5])
def test_a_profile_read_back_refuses_a_coverage_outside_zero_to_one(
    small_framework: Framework, coverage: float
) -> None:
    """Coverage is a share of the strands that apply: a profile read from JSON (a tool's,
    or an edited file) with one outside 0..1 is refused, as 0 and 1 themselves are not."""
    data = score(small_framework, review(small_framework, {"A1.1": 2})).model_dump(mode="json")
    for fine in (0.0, 1.0):
        assert Profile.model_validate({**data, "coverage": fine}).coverage == fine
    with pytest.raises(ValidationError, match="coverage"):
        Profile.model_validate({**data, "coverage": coverage})


def test_a_profile_read_back_without_by_scores_is_level_only(small_framework: Framework) -> None:
    """`by_scores` is absent from a profile written before frameworks had questions (or by
    a tool that leaves it out). Such a profile reads back as level-only, and equal to the
    profile it was written from. Read as by scores, every report made from it would show
    scores next to its levels."""
    profile = score(small_framework, review(small_framework, {"A1.1": 2, "A2.1": 0}))
    data = profile.model_dump(mode="json")
    del data["by_scores"]
    read = Profile.model_validate(data)
    assert read.by_scores is False
    assert read == profile
