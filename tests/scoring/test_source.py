"""The one-pass scorer's source (`scoring.source`): the strands judged are counted from
overall's pattern, whose highest digit is the unjudged strands' count, wherever every
strand is under exactly one aspect, and by counting the levels otherwise."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any, cast

import pytest

from selfreview_core import POLICIES, Assessment, Framework, Policy
from selfreview_core.errors import InvalidDocument
from selfreview_core.model.assessment_checks import check_assessment
from selfreview_core.scoring import plan
from selfreview_core.scoring.profiles import score, score_fitted
from selfreview_core.scoring.source import source


def _review(framework: Framework, levels: dict[str, int]) -> Assessment:
    return Assessment.model_validate(
        {
            "framework": framework.ref,
            "school": {"id": "S1", "name": "Example School"},
            "assessed_on": "2026-01-01",
            "judgements": {strand: {"level": level} for strand, level in levels.items()},
        }
    )


def test_every_number_of_strands_judged_is_counted_as_scoring_counts_it(
    small_framework: Framework,
) -> None:
    framework = small_framework
    ids, scale = framework.strand_ids, framework.scale.levels
    for judged in range(len(ids) + 1):  # the first `judged` strands judged, the rest not
        levels = {strand: scale[i % len(scale)] for i, strand in enumerate(ids[:judged])}
        school = _review(framework, levels)
        for policy in cast(tuple[Policy, ...], POLICIES):
            fitted = score_fitted(framework, school, policy)
            assert fitted is not None
            assert fitted.coverage == judged / len(ids)
            assert fitted.unjudged == ids[judged:]
            assert fitted == score(framework, school, policy)


def test_a_strand_under_no_aspect_is_counted_by_its_level() -> None:
    # Not a layout a framework makes; the pattern would not count such a strand.
    under_one = source(["s1", "s2"], (("e", (("a", (0, 1)),)),), fit=True, inline=False)
    assert "judged = 2 - k0 // NONE_SHARE" in under_one
    under_none = source(["s1", "s2"], (("e", (("a", (0,)),)),), fit=True, inline=False)
    assert "judged = 2 - levels.count(None)" in under_none


def test_a_school_judging_every_strand_is_read_by_one_call_the_rest_strand_by_strand(
    small_framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    # speed76: a school that judges every strand (most do) has its judgements read by one
    # `itemgetter` call in C, not a `get` each; one judging fewer is read as before. Both
    # score exactly as the full check and `score` do.
    read: list[Mapping[str, Any]] = []

    def every(*ids: str) -> Callable[[Mapping[str, Any]], Any]:
        get = itemgetter(*ids)

        def reading(judgements: Mapping[str, Any]) -> Any:
            read.append(judgements)
            return get(judgements)

        return reading

    monkeypatch.setattr(plan, "itemgetter", every)
    framework = Framework.model_validate(small_framework.model_dump())  # a plan of its own
    ids, scale = framework.strand_ids, framework.scale.levels
    assert len(ids) >= 2
    full = _review(framework, {strand: scale[i % len(scale)] for i, strand in enumerate(ids)})
    fewer = _review(framework, dict.fromkeys(ids[1:], scale[-1]))
    for school in (full, fewer, full):
        fitted = score_fitted(framework, school, "median")
        assert fitted is not None
        assert fitted == score(framework, school, "median")
    assert [id(judgements) for judgements in read] == [id(full.judgements)] * 2


def test_as_many_judgements_as_strands_one_not_a_strand_is_left_to_the_full_check(
    small_framework: Framework,
) -> None:
    # As many judgements as the framework has strands, one under an id it does not have:
    # the one call finds no judgement for the strand left out, and the school is left to
    # the full check, which names the stranger.
    framework = small_framework
    ids, level = framework.strand_ids, framework.scale.levels[0]
    school = _review(framework, {**dict.fromkeys(ids[1:], level), "9z9": level})
    assert len(school.judgements) == len(ids)
    assert score_fitted(framework, school, "median") is None
    with pytest.raises(InvalidDocument, match="9z9"):
        check_assessment(framework, school)


def test_two_strands_are_read_by_one_call_one_strand_by_get() -> None:
    # `itemgetter` of two or more ids gives a tuple, of one its value alone: a framework
    # of one strand reads it by `get` (speed76's one call from two strands up).
    layout_two = (("e", (("a", (0, 1)),)),)
    assert "(j0, j1,) = EVERY(judgements)" in source(
        ["s1", "s2"], layout_two, fit=True, inline=False
    )
    one = source(["s1"], (("e", (("a", (0,)),)),), fit=True, inline=False)
    assert "EVERY(" not in one
    assert "j0 = judgements.get('s1', UNJUDGED)" in one
