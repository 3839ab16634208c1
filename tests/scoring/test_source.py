"""The one-pass scorer's source (`scoring.source`): the strands judged are counted from
overall's pattern, whose highest digit is the unjudged strands' count, wherever every
strand is under exactly one aspect, and by counting the levels otherwise."""

from __future__ import annotations

from typing import cast

from selfreview_core import POLICIES, Assessment, Framework, Policy
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
