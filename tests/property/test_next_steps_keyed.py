"""`next-steps` hands the engine its answer's sort keys with it (`next_steps.Keyed`): the
keys are exactly `recommending.sort_key` of each step, a report is the same as when each
step is looked up, and an answer that is not the one last made from the tables (another
thread's since, or one made for a profile built by hand) is never given another's keys."""

from __future__ import annotations

from typing import cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Engine, Framework, score
from selfreview_core.default_plugins import next_steps
from selfreview_core.isolation.accepting import Known
from selfreview_core.recommending import sort_key
from selfreview_core.testing import assessments, frameworks, scales

from .test_next_steps_attack import hand_built


@settings(
    max_examples=scaled(40),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_the_keys_given_with_an_answer_are_its_steps_sort_keys(data: st.DataObject) -> None:
    framework = data.draw(frameworks(scale=data.draw(scales(max_levels=9))))
    for assessment in data.draw(st.lists(assessments(framework), min_size=1, max_size=3)):
        profile = score(framework, assessment)
        for each in (profile, data.draw(hand_built(framework, profile))):
            try:
                answer = next_steps.selfreview_recommend(framework, each)
            except KeyError:  # a strand missing: the plain answer's error, as before
                continue
            made, keys, ids = next_steps._ANSWER[0]
            if made is answer:  # made from the tables
                assert keys == [sort_key(framework, step) for step in answer]
                # The ids of every step of the framework, one a strand: each of them.
                assert ids is not None
                assert {step.id for step in answer} <= ids
                assert len({step.id for step in answer}) == len(answer)


def _reports(engine: Engine, framework: Framework, schools: list[Assessment]) -> list[object]:
    return [
        [
            (vars(r), r.__pydantic_fields_set__)
            for r in engine.report(a, framework=framework).recommendations
        ]
        for a in schools
    ]


@settings(
    max_examples=scaled(20),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_reports_are_those_made_looking_each_step_up(data: st.DataObject) -> None:
    framework = data.draw(frameworks(scale=data.draw(scales(max_levels=9))))
    schools = data.draw(st.lists(assessments(framework), min_size=1, max_size=4))
    keyed = _reports(Engine(entry_points=False), framework, schools)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(next_steps.Keyed, "keys_of", Known.keys_of)
        patch.setattr(next_steps.Keyed, "keyed", Known.keyed)
        assert _reports(Engine(entry_points=False), framework, schools) == keyed


def test_an_answer_not_the_last_made_is_looked_up_by_its_steps(
    small_framework: Framework, assessment: Assessment
) -> None:
    """The keys kept are the last answer's alone: asked for an earlier answer (another
    thread's report made one since), `Keyed` looks its steps up, as a `Known` does, and
    finds none it was not told of; before it has been told of any, it takes no answer
    whole."""
    profile = score(small_framework, assessment)
    keyed = next_steps.Keyed()
    steps = next_steps.selfreview_recommend(small_framework, profile)
    first = cast("list[object]", steps)
    assert first
    assert keyed.keys_of(first) is None  # told of nothing yet: each step accepted first
    keys = [sort_key(small_framework, step) for step in steps]
    for step, key in zip(steps, keys, strict=True):
        keyed.add(step, key)
    assert keyed.keys_of(first) == keys  # the last answer: its own keys, as made with it
    assert keyed.keys_of(first) is next_steps._ANSWER[0][1]
    second = next_steps.selfreview_recommend(small_framework, profile)
    assert second is not steps
    assert next_steps._ANSWER[0][0] is second
    assert keyed.keys_of(first) == keys  # looked up step by step, as a `Known`
    assert keyed.keys_of([*first, Known()]) is None  # a step it does not know
