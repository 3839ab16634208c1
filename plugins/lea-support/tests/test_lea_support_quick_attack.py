"""`lea-support`'s quick answer (`_quick.by_levels`, with what it keeps per framework) against its
rules run in full, for profiles built by hand as a caller may give them: levels of other
types (`True`, 5.0, an int subclass that words itself otherwise), None, levels off the
scale, strands missing or extra or in another order; on generated frameworks of scales of 2
to 9 levels either way, some called `becta-srf` with or without the strands its rules read,
Becta's own and its mirror; schools one after another, with the kept tables made small so
that they roll over (`MAX_KEPT`, `MAX_NAMED`). The quick answer is the full one, exactly
(or the same error)."""

from __future__ import annotations

from typing import Any

import pytest
import selfreview_lea_support as plugin
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selfreview_lea_support import _quick as lea_quick
from test_lea_support import BECTA, school

from selfreview_core import Framework, Profile, Recommendation, score
from selfreview_core.testing import assessments, frameworks, mirror_framework, scales


class Worded(int):
    """A level of the right value that words itself otherwise, as `True` does."""

    def __str__(self) -> str:
        return f"level-{int(self)}"


def in_full(framework: Framework, profile: Profile) -> list[Recommendation]:
    """The hook's answer with no previous review, every rule run (`_quick.by_levels` unused)."""
    if framework.id != plugin.BECTA and framework.terms.subject != "school":
        return []
    found = [
        *plugin.training_needs(framework, profile),
        *plugin.good_practice(framework, profile, None),
    ]
    if framework.id == plugin.BECTA:
        found += [
            *plugin.contingency_plan(framework, profile),
            *plugin.vision_ahead_of_strategy(framework, profile),
            *plugin.procurement(framework, profile),
            *plugin.monitoring(framework, profile),
        ]
    return found


def outcome(framework: Framework, profile: Profile, answer: Any) -> object:
    try:
        found = answer(framework, profile)
    except Exception as error:  # compared: the same error either way
        return type(error), str(error)
    return [(r, r.rationale, r.targets) for r in found]


def quick(framework: Framework, profile: Profile) -> list[Recommendation]:
    found: list[Recommendation] = plugin.selfreview_recommend(framework, profile, None)
    return found


@st.composite
def hand_built(draw: st.DrawFn, framework: Framework, profile: Profile) -> Profile:
    levels = framework.scale.levels
    strands: dict[str, Any] = dict(profile.strands)
    for strand_id, level in strands.items():
        if draw(st.integers(0, 3)) == 0:
            options: list[Any] = [None, max(levels) + 5, min(levels) - 1]
            if level is not None:
                options += [float(level), Worded(level)]
                if level in (0, 1):
                    options.append(bool(level))
            strands[strand_id] = draw(st.sampled_from(options))
    if strands and draw(st.integers(0, 4)) == 0:
        del strands[draw(st.sampled_from(sorted(strands)))]
    if draw(st.integers(0, 4)) == 0:
        strands["extra"] = draw(st.sampled_from(levels))
    if draw(st.booleans()):
        strands = dict(reversed(strands.items()))
    return profile.model_copy(update={"strands": strands})


@st.composite
def any_framework(draw: st.DrawFn) -> Framework:
    """Becta's, its mirror, or a generated one (numbered ids: some of Becta's own), with
    Becta's id or not, about schools or not."""
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return BECTA
    if choice == 1:
        return mirror_framework(BECTA)
    framework = draw(frameworks(scale=draw(scales(max_levels=9)), max_strands=6))
    if draw(st.booleans()):
        framework = framework.model_copy(update={"id": plugin.BECTA})
    if draw(st.integers(0, 5)) == 0:
        terms = framework.terms.model_copy(update={"subject": "organisation"})
        framework = framework.model_copy(update={"declared_terms": terms})
    return framework


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_the_quick_answer_is_the_rules_answer_for_hand_built_profiles(
    data: st.DataObject,
) -> None:
    kept, named = data.draw(st.sampled_from([(lea_quick.MAX_KEPT, lea_quick.MAX_NAMED), (2, 3)]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lea_quick, "MAX_KEPT", kept)
        patch.setattr(lea_quick, "MAX_NAMED", named)
        for _ in range(data.draw(st.integers(1, 2))):  # a second framework in between
            framework = data.draw(any_framework())
            schools = data.draw(st.lists(assessments(framework), min_size=1, max_size=5))
            for assessment in schools:
                profile = score(framework, assessment)
                made = data.draw(hand_built(framework, profile))
                for each in data.draw(st.permutations([profile, made, profile])):
                    expected = outcome(framework, each, in_full)
                    assert outcome(framework, each, quick) == expected


@pytest.mark.parametrize("odd", [True, 5.0, Worded(5)], ids=["bool", "float", "int-subclass"])
def test_a_becta_strand_at_a_level_of_another_type_is_worded_as_it_is(odd: object) -> None:
    """Leadership (1b1) at 5.0 or an int subclass equal to 5 (or `True`, equal to the best
    level): left to the rules, which word it as it is, before and after a school at 5."""
    profile = score(BECTA, school(BECTA, {"1b1": 5, "1b3": 5, "1b6": 5}))
    made = profile.model_copy(update={"strands": {**profile.strands, "1b1": odd}})
    for each in (made, profile, made):
        assert outcome(BECTA, each, quick) == outcome(BECTA, each, in_full)
