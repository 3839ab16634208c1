"""What an award result promises that a whole mutation pass of award_check.py, and a review
of what it reports, found no test pinning: an award result that does not say whether
evidence is required does not require it; and a strand not applicable is never named as
missing, not even among the strands below an aspect's threshold (SPEC 10)."""

from __future__ import annotations

import pytest

from selfreview_core import Assessment, AwardResult, Framework, awards
from selfreview_core.testing import mirror_assessment, mirror_framework


def test_an_award_result_requires_no_evidence_unless_it_says_so() -> None:
    result = AwardResult.model_validate(
        {"id": "mark", "title": "Mark", "met": True, "requirement": "1a1 has reached level 2"}
    )
    assert result.evidence_required is False
    assert result.model_dump()["evidence_required"] is False


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
def test_a_strand_not_applicable_is_not_listed_below_an_aspects_threshold(
    small_framework: Framework, mirrored: bool
) -> None:
    """Aspect A1 (strands A1.1 and A1.2) must reach level 2; A1.1 does not apply and A1.2
    is at 1. What is missing is A1.2 alone: A1.1 is listed as not applicable, with why, and
    is neither "not judged" nor below the threshold (it was, before round 36)."""
    data = small_framework.model_dump(exclude={"awards"})
    framework = Framework.model_validate(
        {
            **data,
            "awards": [{"id": "mark", "title": "Mark", "require": {"aspect": "A1", "reached": 2}}],
        }
    )
    assessment = Assessment.model_validate(
        {
            "framework": framework.ref,
            "school": {"id": "s", "name": "School"},
            "assessed_on": "2026-10-01",
            "judgements": {"A1.1": {"applicable": False, "evidence": "No such thing"}, "A1.2": 1},
        }
    )
    flip = framework.scale.mirror_level if mirrored else (lambda level: level)
    if mirrored:
        framework, assessment = (
            mirror_framework(framework),
            mirror_assessment(framework, assessment),
        )
    (result,) = awards(framework, assessment)
    assert not result.met
    (short,) = result.missing
    assert short.text == (
        f"aspect A1 is at level {flip(1)} (median of its judged strands); "
        f"needs level {flip(2)} or better; below it: A1.2 (level {flip(1)})"
    )
    assert [n.text for n in result.not_applicable] == ["A1.1 is not applicable: No such thing"]
