"""`next-steps`' quick answer (each strand's step made once per framework, a profile's levels
looked up at once) against its plain definition: for each strand of the framework in order,
its level read by id, and the step towards the best made for it. For profiles built by hand
(levels of other types, None, off the scale, strands missing, extra or in another order),
generated frameworks of both scale directions and 2..9 levels, two frameworks alternating,
and a framework equal to the last but not the same object. The same answer, or the same
error."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Framework, Profile, Recommendation, score
from selfreview_core.default_plugins import next_steps
from selfreview_core.testing import assessments, frameworks, scales

from .test_rule_index_attack import hand_built as index_hand_built

pytestmark = pytest.mark.slow


def plainly(framework: Framework, profile: Profile) -> list[Recommendation]:
    """The definition: every strand in order, its level by id, its next step if any."""
    found = []
    for strand in framework.strands:
        level = profile.strands[strand.id]
        if level is None:
            continue
        step = next_steps._next_step(framework, strand, level)
        if step is not None:
            found.append(step)
    return found


def outcome(answer: Any, framework: Framework, profile: Profile) -> object:
    """`answer`'s steps, their words too, or its error (type and words): compared whole."""
    try:
        return [(r, r.rationale, r.title) for r in answer(framework, profile)]
    except Exception as error:
        return type(error), str(error)


@st.composite
def hand_built(draw: st.DrawFn, framework: Framework, profile: Profile) -> Profile:
    """The rule index's profiles built by hand (levels of other types, extra strands,
    another order), some without one of the framework's strands too."""
    made = draw(index_hand_built(profile))
    strands = dict(made.strands)
    if strands and draw(st.integers(0, 4)) == 0:
        del strands[draw(st.sampled_from(sorted(strands)))]
    return made.model_copy(update={"strands": strands})


@settings(
    max_examples=scaled(60),
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_next_steps_are_the_plain_answer_for_any_profile(data: st.DataObject) -> None:
    first = data.draw(frameworks(scale=data.draw(scales(max_levels=9))))
    second = (
        data.draw(st.sampled_from([first, first.model_copy()]))
        if data.draw(st.booleans())
        else data.draw(frameworks(scale=data.draw(scales(max_levels=9))))
    )
    cases = []
    for framework in (first, second):
        for assessment in data.draw(st.lists(assessments(framework), min_size=1, max_size=3)):
            profile = score(framework, assessment)
            cases += [(framework, profile), (framework, data.draw(hand_built(framework, profile)))]
    for framework, profile in data.draw(st.permutations(cases)):
        expected = outcome(plainly, framework, profile)
        assert outcome(next_steps.selfreview_recommend, framework, profile) == expected


def test_a_level_off_the_scale_before_a_missing_strand_fails_as_the_definition(
    small_framework: Framework, assessment: Assessment
) -> None:
    """A profile built by hand with a level off the scale on one strand and a later strand
    missing: the definition fails on the first (no descriptor for its next level), and so
    does the quick answer, with that error. It read every level first and failed on the
    missing strand instead: another error, so another problem recorded."""
    first, *_, last = small_framework.strand_ids
    profile = score(small_framework, assessment)
    strands = {s: level for s, level in profile.strands.items() if s != last}
    made = profile.model_copy(update={"strands": {**strands, first: -5}})
    expected = outcome(plainly, small_framework, made)
    assert expected == (KeyError, "-4")  # A1.1 at -5 on 0 .. 3: no descriptor for -4
    assert outcome(next_steps.selfreview_recommend, small_framework, made) == expected
    strands.pop(first)  # only a strand missing: the error names it, either way
    made = profile.model_copy(update={"strands": strands})
    assert outcome(next_steps.selfreview_recommend, small_framework, made) == (
        KeyError,
        repr(first),
    )
