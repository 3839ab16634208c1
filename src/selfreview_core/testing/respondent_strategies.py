"""Hypothesis strategies for respondents (SPEC section 9): groups, one respondent's answers,
and the responses of one school, for properties of `voices` and `combine`.
"""

from __future__ import annotations

from functools import cache

from hypothesis import strategies as st

from ..model.assessment import RESPONDENT_GROUPS, Assessment, Respondent, School
from ..model.framework import Framework
from .mirror import mirror_assessment
from .strategies import ids, judgements, review_days, schools, texts

__all__ = ["groups", "mirror_responses", "response_sets", "responses"]


@cache
def groups() -> st.SearchStrategy[str]:
    """Respondent groups: the conventional ones (SPEC section 9) mostly, and any id."""
    return st.one_of(st.sampled_from(RESPONDENT_GROUPS), ids())


def responses(
    framework: Framework,
    *,
    school: School | None = None,
    group: str | None = None,
    complete: bool | None = None,
) -> st.SearchStrategy[Assessment]:
    """One respondent's answers to `framework`: an assessment with a `respondent`, and an
    assessor and evidence as a careless respondent might write them (outputs must show
    neither)."""
    return st.builds(
        Assessment,
        framework=st.sampled_from((framework.id, framework.ref)),
        school=st.just(school) if school is not None else schools(),
        respondent=st.builds(Respondent, group=st.just(group) if group else groups()),
        assessed_on=review_days(),
        assessor=st.none() | texts(30),
        judgements=judgements(framework, complete=complete),
    )


@st.composite
def response_sets(
    draw: st.DrawFn,
    /,
    framework: Framework,
    *,
    school: School | None = None,
    max_groups: int = 4,
    max_group_size: int = 8,
) -> list[Assessment]:
    """The responses of one school to `framework`: up to `max_groups` groups of 1 to
    `max_group_size` respondents each (so both sides of a minimum group size are drawn),
    in any order."""
    school = school if school is not None else draw(schools())
    names = draw(st.lists(groups(), min_size=1, max_size=max_groups, unique=True))
    drawn: list[Assessment] = []
    for name in names:
        size = draw(st.integers(1, max_group_size))
        drawn += [draw(responses(framework, school=school, group=name)) for _ in range(size)]
    return draw(st.permutations(drawn))


def mirror_responses(framework: Framework, items: list[Assessment]) -> list[Assessment]:
    """Each response rewritten for `mirror_framework(framework)` (`mirror_assessment`)."""
    return [mirror_assessment(framework, item) for item in items]
