"""What an award result promises that a whole mutation pass of award_check.py found no test
pinning: an award result that does not say whether evidence is required does not require
it (a report file read back, or a result a plugin builds, without the field)."""

from __future__ import annotations

from selfreview_core import AwardResult


def test_an_award_result_requires_no_evidence_unless_it_says_so() -> None:
    result = AwardResult.model_validate(
        {"id": "mark", "title": "Mark", "met": True, "requirement": "1a1 has reached level 2"}
    )
    assert result.evidence_required is False
    assert result.model_dump()["evidence_required"] is False
