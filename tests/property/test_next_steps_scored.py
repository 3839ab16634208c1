"""`next-steps` takes the levels of the profile the plan scored last as the plan read them
(`scoring.plan.LAST_SCORED`), not from its strands' table again, when the profile's table is
that very one and the framework's strands are the ones scored, in that order. Its answer is
the plain definition's whether it takes them or not: for generated frameworks of both scale
directions, profiles scored by `score` and by the engine's one-pass scorer, asked right
after scoring (taken) and after another school's (not), and for a framework whose strands
are in another order than the one that scored the profile (not taken)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Framework, Profile, score
from selfreview_core.default_plugins import next_steps
from selfreview_core.scoring import plan as plan_module
from selfreview_core.scoring.profiles import fit_scorer_of
from selfreview_core.testing import assessments, frameworks, mirror_framework, scales

from .test_next_steps_attack import outcome, plainly


def _scored_by_both(framework: Framework, assessment: Assessment) -> Iterator[Profile]:
    """The profile `score` makes, then the one-pass scorer's (unless it is not sure), each
    made as it is asked for."""
    yield score(framework, assessment)
    fitted = fit_scorer_of(framework, None)(assessment)
    if fitted is not None:
        yield fitted


@settings(
    max_examples=scaled(40),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_the_answer_is_the_definition_whether_the_scored_levels_are_taken_or_not(
    data: st.DataObject,
) -> None:
    drawn = data.draw(frameworks(scale=data.draw(scales(max_levels=9))))
    for framework in (drawn, mirror_framework(drawn)):
        schools = data.draw(st.lists(assessments(framework), min_size=2, max_size=3))
        profiles: list[Profile] = []
        for assessment in schools:
            for profile in _scored_by_both(framework, assessment):
                profiles.append(profile)
                # Right after scoring: its levels are the ones kept, when the plan scored it.
                expected = outcome(plainly, framework, profile)
                assert outcome(next_steps.selfreview_recommend, framework, profile) == expected
        for profile in profiles:  # after others: read from the table
            expected = outcome(plainly, framework, profile)
            assert outcome(next_steps.selfreview_recommend, framework, profile) == expected


def first_aspect_reversed(small_framework: Framework) -> Framework:
    """`small_framework` with its first aspect's strands the other way round (A1.2, A1.1)."""
    dumped = small_framework.model_dump()
    first = dumped["elements"][0]["aspects"][0]
    first["strands"] = first["strands"][::-1]
    reordered = Framework.model_validate(dumped)
    assert reordered.strand_ids[:2] == ("A1.2", "A1.1")
    return reordered


def _refusing(*_: Any) -> Any:
    raise AssertionError("the profile's table was read")


def test_the_levels_scored_last_are_taken_without_reading_the_table(
    small_framework: Framework, assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scored last, a profile's levels are taken as the plan read them: with the table's
    checks made to fail (every level then read plainly, which refuses here), the answer is
    still the definition's. A profile scored before another is read from its table."""
    for profile in _scored_by_both(small_framework, assessment):
        expected = plainly(small_framework, profile)
        assert plan_module.LAST_SCORED[0][0] is profile.strands
        with monkeypatch.context() as patch:
            patch.setattr(next_steps, "_PLAIN", frozenset())
            patch.setattr(next_steps, "_plainly", _refusing)
            assert next_steps.selfreview_recommend(small_framework, profile) == expected
            score(small_framework, assessment.model_copy())  # another profile scored since
            with pytest.raises(AssertionError, match="table was read"):
                next_steps.selfreview_recommend(small_framework, profile)


def test_the_levels_are_not_taken_for_a_framework_of_its_strands_in_another_order(
    small_framework: Framework, assessment: Assessment
) -> None:
    """A profile scored last by one framework, asked about with another whose strands are
    the same in another order: their levels are read by id, not taken in the order scored
    (which would give A1.2 the step of A1.1's level)."""
    reordered = first_aspect_reversed(small_framework)
    for profile in _scored_by_both(small_framework, assessment):
        assert plan_module.LAST_SCORED[0][0] is profile.strands
        expected = plainly(reordered, profile)
        assert [step.targets for step in expected] == [("A1.2",), ("A1.1",), ("A2.1",)]
        assert next_steps.selfreview_recommend(reordered, profile) == expected
