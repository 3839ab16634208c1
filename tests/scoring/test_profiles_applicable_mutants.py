"""`scoring/profiles.py`: what round 68's mutation pass found no test holding. Three public
answers a plugin or a script reads from scoring: `Profile.applicable` (a strand marked not
applicable, and an aspect all of whose strands are), `aggregate_score`'s refusal of a
policy it does not know, and the overall progress of a framework with questions."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import cast

import pytest
from hypothesis import given, settings

from scaled import scaled
from selfreview_core import (
    Assessment,
    Framework,
    Judgement,
    Policy,
    School,
    SelfReviewError,
    aggregate_score,
    score,
)
from selfreview_core.testing import question_framework_and_assessment


def test_applicable_is_false_for_a_strand_marked_so_and_an_aspect_all_of_whose_strands_are(
    small_framework: Framework,
) -> None:
    """The small framework: aspect A1 holds A1.1 and A1.2, A2 holds A2.1 alone. A2.1 marked
    not applicable makes A2 not applicable too; A1.2 alone leaves A1 applicable, as is a
    strand not judged at all (B1.1), and the element A that holds an applicable aspect."""
    assessment = Assessment(
        framework=small_framework.ref,
        school=School(id="S1", name="Example School"),
        assessed_on=dt.date(2026, 1, 1),
        judgements={
            "A1.1": Judgement(level=2),
            "A1.2": Judgement(applicable=False, evidence="No such role here."),
            "A2.1": Judgement(applicable=False, evidence="Not ours."),
        },
    )
    profile = score(small_framework, assessment)
    said = {node: profile.applicable(node) for node in ("A1.1", "A1.2", "A2.1", "B1.1")}
    assert said == {"A1.1": True, "A1.2": False, "A2.1": False, "B1.1": True}
    assert (profile.applicable("A1"), profile.applicable("A2"), profile.applicable("A")) == (
        True,
        False,
        True,
    )
    with pytest.raises(SelfReviewError, match="is not an element, aspect or strand of small@1"):
        profile.applicable("A9")


def test_aggregate_score_refuses_a_policy_it_does_not_know_naming_those_it_does() -> None:
    with pytest.raises(ValueError, match=r"unknown policy 'mode': choose one of median, "):
        aggregate_score([Fraction(1), 2], cast(Policy, "mode"))
    assert aggregate_score([], cast(Policy, "mode")) is None  # nothing to reduce: no answer


@settings(max_examples=scaled(25))
@given(question_framework_and_assessment())
def test_a_question_frameworks_overall_progress_is_its_judged_strands_mean_progress(
    pair: tuple[Framework, Assessment],
) -> None:
    """Progress is a strand's score as a share of the scale's span; overall, the judged
    strands' scores summed over the span times their number: their mean progress, from 0.0
    (every one at the worst) to 1.0 (every one at the best); None with nothing judged."""
    framework, assessment = pair
    profile = score(framework, assessment)
    each = [p for s in framework.strand_ids if (p := profile.progress(s)) is not None]
    overall = profile.progress()
    if not each:
        assert overall is None
        return
    assert overall is not None
    assert math.isclose(overall, sum(each) / len(each), rel_tol=1e-9, abs_tol=1e-12)
    assert 0.0 <= overall <= 1.0
