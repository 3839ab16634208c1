"""`selfreview_core.testing.improve`, which property tests and plugin authors use to move a
school's strand towards the best: it refuses a strand with no level and a move off the
scale, saying which (a mutation pass over `testing/mirror.py`, round 44, drawn in part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core import load_assessment, load_framework
from selfreview_core.model.assessment import Judgement
from selfreview_core.testing import improve

ROOT = Path(__file__).resolve().parents[2]


def test_a_strand_not_judged_or_not_applicable_cannot_be_improved() -> None:
    framework = load_framework(ROOT / "frameworks" / "becta-srf.yaml")
    review = load_assessment(
        ROOT / "examples" / "example-primary-2026.yaml", {framework.ref: framework}
    )
    level = review.judgements["1a1"].level
    assert level is not None
    assert improve(framework, review, "1a1").judgements["1a1"].level == level - 1  # 1 is best
    judgements = dict(review.judgements)
    judgements["1a1"] = Judgement(applicable=False, evidence="No such thing here")
    absent = review.model_copy(update={"judgements": judgements})
    with pytest.raises(ValueError, match=r"strand '1a1' is not judged by level"):
        improve(framework, absent, "1a1")
    with pytest.raises(ValueError, match=r"strand 'nope' is not judged by level"):
        improve(framework, review, "nope")
    with pytest.raises(ValueError, match=r"cannot move level \d by 9 on 1 \(best\) \.\. 5"):
        improve(framework, review, "1a1", steps=9)
