"""What is worked out once and reused gives what working it out anew gives: rule packs'
recommendations shared by schools alike in what their rationale states, next steps made
once per framework, and assessments checked once per framework (docs/performance.md)."""

from __future__ import annotations

from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import POLICIES, Assessment, Framework, Policy, RulePack, compare, score
from selfreview_core._memo import ByIdentity
from selfreview_core.default_plugins import next_steps as nextsteps
from selfreview_core.facts import Facts
from selfreview_core.rules.index import CompiledRules
from selfreview_core.scoring.profiles import score_fitted
from selfreview_core.testing import (
    assessment_pairs,
    assessments,
    frameworks,
    mirror_framework,
    rule_packs,
)

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow


@st.composite
def schools_of(draw: st.DrawFn) -> tuple[Framework, RulePack, list[Facts]]:
    """A framework, a pack on it and several schools, some with a previous review."""
    framework = draw(frameworks())
    pack = draw(rule_packs(framework))
    facts = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        if draw(st.booleans()):
            old, new = draw(assessment_pairs(framework))
            facts.append(Facts(score(framework, new), compare(framework, old, new)))
        else:
            policy = cast(Policy, draw(st.sampled_from(POLICIES)))
            facts.append(Facts(score(framework, draw(assessments(framework)), policy)))
    return framework, pack, facts


@settings(max_examples=scaled(25))
@given(schools_of())
def test_a_compiled_pack_used_for_many_schools_gives_what_a_fresh_one_gives(
    case: tuple[Framework, RulePack, list[Facts]],
) -> None:
    framework, pack, schools = case
    shared = CompiledRules(framework, [pack])
    for facts in [*schools, *reversed(schools)]:
        fresh = list(CompiledRules(framework, [pack]).recommendations(facts))
        assert list(shared.recommendations(facts)) == fresh


@settings(max_examples=scaled(30))
@given(st.data())
def test_next_steps_made_once_per_framework_are_the_ones_made_anew(
    data: st.DataObject,
) -> None:
    """Steps kept per framework (`_MADE`) and the last framework's (`_LAST`) are those
    made anew, over frameworks of both scale directions taken in turn, for profiles of
    `score` (the framework's ids as keys) and of the one-pass scorer (its own, interned),
    and with their strands in another order."""
    framework = data.draw(frameworks())
    mirrored = mirror_framework(framework)
    cases = []
    for chosen in (framework, mirrored, framework):
        for _ in range(2):
            school = data.draw(assessments(chosen))
            cases.append((chosen, score(chosen, school)))
            fitted = score_fitted(chosen, school)
            if fitted is not None:
                cases.append((chosen, fitted))
            # Strands in another order (a profile built by hand): read by id, not in one pass.
            backwards = dict(reversed(list(cases[-1][1].strands.items())))
            cases.append((chosen, cases[-1][1].model_copy(update={"strands": backwards})))
    reused = [nextsteps.selfreview_recommend(f, p) for f, p in [*cases, *cases]]
    anew = []
    for chosen, profile in [*cases, *cases]:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(nextsteps, "_MADE", ByIdentity())
            patch.setattr(nextsteps, "_LAST", [(None, nextsteps._levels(()), (), ())])
            anew.append(nextsteps.selfreview_recommend(chosen, profile))
    assert reused == anew
    for (chosen, profile), steps in zip(cases, anew[: len(cases)], strict=True):
        at = {s.targets[0]: s for s in steps}
        for strand_id, level in profile.strands.items():  # the definition, strand by strand
            target = None if level is None else chosen.scale.next_level(level)
            assert (strand_id in at) == (target is not None)
            if target is not None:
                assert at[strand_id].title.endswith(f": level {target}")


@settings(max_examples=scaled(30))
@given(st.data())
def test_an_assessment_checked_against_one_framework_is_checked_again_against_another(
    data: st.DataObject,
) -> None:
    """Loading (or checking) remembers the framework an assessment fits; any other
    framework checks it in full, as `check_assessment` always did."""
    from selfreview_core import InvalidDocument, check_assessment

    framework = data.draw(frameworks())
    other = data.draw(frameworks())
    assessment: Assessment = data.draw(assessments(framework))
    check_assessment(framework, assessment)
    check_assessment(framework, assessment)  # remembered: the same answer
    fits_other = True
    try:
        check_assessment(other, assessment)
    except InvalidDocument:
        fits_other = False
    shadow = assessment.model_copy()  # a new object: nothing remembered of it
    try:
        check_assessment(other, shadow)
    except InvalidDocument:
        assert not fits_other
    else:
        assert fits_other
