"""lea-support takes the levels of the profile the plan scored last as the plan read them
(`scoring.plan.LAST_SCORED`), not from its strands' table again, when the profile's table is
that very one and the framework's strands are the ones scored, in that order; and keeps the
Becta rules' answers together by the fields of a school's code that decide them. Its answer
is the rules' whether it takes the levels or not: for Becta's framework, its mirror and
generated frameworks of both scale directions (some called Becta's, some not about
schools), profiles scored by `score` and by the engine's one-pass scorer, asked right after
scoring (taken) and after others (not), with the kept tables made small so that they roll
over; and for a framework whose strands are in another order than the one that scored the
profile (not taken)."""

from __future__ import annotations

from typing import Any

import pytest
import selfreview_lea_support as lea_support
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selfreview_lea_support import _hook as lea_hook
from selfreview_lea_support import _quick as lea_quick

from property.test_next_steps_scored import _scored_by_both, first_aspect_reversed
from scaled import scaled
from selfreview_core import Assessment, Engine, Framework, Profile, score
from selfreview_core.model.assessment import Judgement
from selfreview_core.scoring import plan as plan_module
from selfreview_core.testing import assessments, frameworks, mirror_framework, scales

BECTA = Engine(entry_points=False).framework(lea_support.BECTA)


def _none(*_: Any) -> None:
    return None


def outcome(framework: Framework, profile: Profile, *, rules: bool = False) -> object:
    """The hook's answer with no previous review: its quick path's, or (`rules`) every rule
    run in full, as the plain definition gives it; or the error either raises."""
    with pytest.MonkeyPatch.context() as patch:
        if rules:
            patch.setattr(lea_hook, "by_levels", _none)
        try:
            found = lea_support.selfreview_recommend(framework, profile, None)
        except Exception as error:  # compared: the same error either way
            return type(error), str(error)
    return [(r, r.rationale, r.targets) for r in found]


@st.composite
def any_framework(draw: st.DrawFn) -> Framework:
    """Becta's, or a generated one (numbered ids), with Becta's id or not, about schools
    or not (then it gets no advice)."""
    if draw(st.integers(0, 2)) == 0:
        return BECTA
    framework = draw(frameworks(scale=draw(scales(max_levels=9)), max_strands=6))
    if draw(st.booleans()):
        framework = framework.model_copy(update={"id": lea_support.BECTA})
    elif draw(st.integers(0, 3)) == 0:
        terms = framework.terms.model_copy(update={"subject": "organisation"})
        framework = framework.model_copy(update={"declared_terms": terms})
    return framework


@settings(
    max_examples=scaled(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_the_answer_is_the_rules_whether_the_scored_levels_are_taken_or_not(
    data: st.DataObject,
) -> None:
    drawn = data.draw(any_framework())
    kept, named = data.draw(st.sampled_from([(lea_quick.MAX_KEPT, lea_quick.MAX_NAMED), (2, 3)]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lea_quick, "MAX_KEPT", kept)
        patch.setattr(lea_quick, "MAX_NAMED", named)
        for framework in (drawn, mirror_framework(drawn)):
            schools = data.draw(st.lists(assessments(framework), min_size=2, max_size=4))
            profiles: list[Profile] = []
            for assessment in schools:
                for profile in _scored_by_both(framework, assessment):
                    profiles.append(profile)
                    # Right after scoring: its levels are the ones kept, when the plan scored it.
                    expected = outcome(framework, profile, rules=True)
                    assert outcome(framework, profile) == expected
            for profile in profiles:  # after others: read from the table
                assert outcome(framework, profile) == outcome(framework, profile, rules=True)


def test_the_levels_scored_last_are_taken_without_reading_the_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Scored last, a profile's levels are taken as the plan read them: with the table's
    type check made to fail (the rules would then answer instead), the quick answer is still
    given, and is the rules'. A profile scored before another is read from its table."""
    judged = {"1a1": 1, "1b1": 5, "1b2": 4, "1b3": 4, "1b6": 5, "1c1": 1, "1c2": 3}
    assessment = Assessment.model_validate(
        {
            "framework": BECTA.ref,
            "school": {"id": "S1", "name": "A school"},
            "assessed_on": "2026-01-01",
            "judgements": {strand: {"level": level} for strand, level in judged.items()},
        }
    )
    for profile in _scored_by_both(BECTA, assessment):
        expected = outcome(BECTA, profile, rules=True)
        assert plan_module.LAST_SCORED[0][0] is profile.strands
        with monkeypatch.context() as patch:
            patch.setattr(lea_quick, "_PLAIN", frozenset())
            made = lea_quick.by_levels(BECTA, profile)
            assert made is not None
            assert [(r, r.rationale, r.targets) for r in made] == expected
            assert len(made) == 6  # training needs, good practice, the four Becta rules
            score(BECTA, assessment.model_copy())  # another profile scored since
            assert lea_quick.by_levels(BECTA, profile) is None


def test_the_levels_are_not_taken_for_a_framework_of_its_strands_in_another_order(
    small_framework: Framework, assessment: Assessment
) -> None:
    """A profile scored last by one framework, asked about with another whose strands are
    the same in another order: their levels are read by id, not taken in the order scored
    (which would give A1.2 the words of A1.1's level)."""
    reordered = first_aspect_reversed(small_framework)
    levels = {"A1.1": 0, "A1.2": 3, "A2.1": 0, "B1.1": 0}  # three weak, one at the best
    judgements = {strand: Judgement(level=level) for strand, level in levels.items()}
    school = assessment.model_copy(update={"judgements": judgements})
    for profile in _scored_by_both(small_framework, school):
        assert plan_module.LAST_SCORED[0][0] is profile.strands
        expected = outcome(reordered, profile, rules=True)
        assert [r.targets for r, _, _ in expected] == [  # type: ignore[attr-defined]
            ("A1.1", "A2.1", "B1.1"),
            ("A1.2",),
        ]
        assert outcome(reordered, profile) == expected
        assert outcome(small_framework, profile) == outcome(small_framework, profile, rules=True)


def _becta_on(best: int, worst: int) -> Framework:
    """Becta's strands (so the four Becta rules apply) on another scale: a revision of fewer
    or more levels, or numbered the other way. The codes' field widths follow the scale."""
    data = BECTA.model_dump(by_alias=True, exclude_none=True)
    data["scale"] = {"best": best, "worst": worst}
    step = 1 if worst >= best else -1
    levels = range(best, worst + step, step)
    for element in data["elements"]:
        for aspect in element["aspects"]:
            for strand in aspect["strands"]:
                texts = list(strand["levels"].values())
                strand["levels"] = {n: texts[i % len(texts)] for i, n in enumerate(levels)}
    return Framework.model_validate(data)


@settings(max_examples=scaled(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_becta_rules_answer_as_the_rules_on_a_scale_of_any_length(data: st.DataObject) -> None:
    """The Becta rules' answers kept together by the fields of the code that decide them,
    whose widths follow the scale's length (a mutant giving the vision's and the strategy's
    fields one bit too few went unseen on Becta's five levels): equal to the rules', on
    scales of 2 to 9 levels either way round."""
    size = data.draw(st.integers(2, 9))
    best, worst = data.draw(st.sampled_from([(1, size), (size, 1), (0, size - 1)]))
    framework = _becta_on(best, worst)
    for _ in range(data.draw(st.integers(1, 4))):
        school = data.draw(assessments(framework))
        profile = score(framework, school)
        assert outcome(framework, profile) == outcome(framework, profile, rules=True)


@pytest.mark.parametrize(("best", "worst"), [(1, 2), (1, 4), (4, 1), (0, 7), (9, 1)])
def test_every_pair_of_the_vision_and_the_strategy_keeps_its_own_answer(
    best: int, worst: int
) -> None:
    """One framework, every pair of the vision's and the strategy's levels (and none) in
    turn, each other named strand at every level: each school's answer is the rules' own,
    never one kept for another pair (the fields that hold the pair must not overlap, on any
    scale's length)."""
    framework = _becta_on(best, worst)
    step = 1 if worst >= best else -1
    levels: list[int | None] = [None, *range(best, worst + step, step)]
    others = [s for s in framework.strand_ids if s not in lea_quick._NAMED]
    base = {s: {"level": best} for s in others}

    def school(**named: int | None) -> Profile:
        judged = {s: {"level": n} for s, n in named.items() if n is not None}
        review = Assessment.model_validate(
            {
                "framework": framework.ref,
                "school": {"id": "1", "name": "A school"},
                "assessed_on": "2010-09-01",
                "judgements": {**base, **judged},
            }
        )
        return score(framework, review)

    vision, leadership, strategy, budget, evaluation = lea_quick._NAMED
    for v in levels:
        for s in levels:
            profile = school(**{vision: v, strategy: s, leadership: worst})
            assert outcome(framework, profile) == outcome(framework, profile, rules=True)
    for strand in (leadership, budget, evaluation):
        for n in levels:
            profile = school(**{strand: n})
            assert outcome(framework, profile) == outcome(framework, profile, rules=True)
