"""What `selfreview_core.testing`'s respondent strategies draw (SPEC section 9): groups
conventional and not, respondents of a school given, and sets of responses on both sides
of a minimum group size, in any order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment
from selfreview_core.model.assessment import RESPONDENT_GROUPS
from selfreview_core.testing import (
    frameworks,
    groups,
    mirror_assessment,
    mirror_responses,
    response_sets,
    responses,
    schools,
)
from testing.test_strategies import SCALES, first

ALWAYS = settings(max_examples=scaled(30))
FRAMEWORK = first(frameworks(scale=SCALES[1]), lambda f: len(f.strand_ids) >= 2)


def groups_of(found: Sequence[Assessment]) -> Counter[str]:
    """How many respond in each group."""
    return Counter(r.respondent.group for r in found if r.respondent is not None)


def sizes(found: Sequence[Assessment]) -> set[int]:
    return set(groups_of(found).values())


def interleaved(found: Sequence[Assessment]) -> bool:
    """Whether a group's responses come apart, another group's between them."""
    order = [r.respondent.group if r.respondent else "" for r in found]
    return any(
        order[i] != order[i - 1] and order[i] in order[: i - 1] for i in range(1, len(order))
    )


def test_conventional_groups_and_others_are_drawn() -> None:
    for group in RESPONDENT_GROUPS:
        assert first(groups(), group.__eq__) == group
    assert first(groups(), lambda g: g not in RESPONDENT_GROUPS) not in RESPONDENT_GROUPS


@ALWAYS
@given(st.data())
def test_a_response_is_of_the_school_and_group_given(data: st.DataObject) -> None:
    school = data.draw(schools())
    found = data.draw(responses(FRAMEWORK, school=school, group="pupils", complete=True))
    assert found.school == school
    assert found.respondent is not None
    assert found.respondent.group == "pupils"
    assert set(found.judgements) == set(FRAMEWORK.strand_ids)


def test_responses_with_an_assessor_as_a_careless_respondent_writes_are_drawn() -> None:
    assert first(responses(FRAMEWORK), lambda r: r.assessor is not None).assessor
    assert first(responses(FRAMEWORK), lambda r: r.assessor is None).assessor is None


@ALWAYS
@given(response_sets(FRAMEWORK, max_groups=3, max_group_size=4))
def test_a_response_set_is_one_schools_in_one_to_max_groups(found: list[Assessment]) -> None:
    counts = groups_of(found)
    assert sum(counts.values()) == len(found)  # every response has a group
    assert 1 <= len(counts) <= 3
    assert all(1 <= n <= 4 for n in counts.values())
    assert len({r.school for r in found}) == 1


def test_response_sets_on_both_sides_of_a_group_size_and_in_any_order_are_drawn() -> None:
    drawn = response_sets(FRAMEWORK, max_groups=3, max_group_size=4)
    assert 1 in sizes(first(drawn, lambda f: 1 in sizes(f)))
    assert 4 in sizes(first(drawn, lambda f: 4 in sizes(f)))
    assert len(groups_of(first(drawn, lambda f: len(groups_of(f)) == 3))) == 3
    assert interleaved(first(drawn, interleaved))


@ALWAYS
@given(response_sets(FRAMEWORK, max_groups=2, max_group_size=2))
def test_mirrored_responses_are_each_mirrored_in_order(found: list[Assessment]) -> None:
    assert mirror_responses(FRAMEWORK, found) == [mirror_assessment(FRAMEWORK, r) for r in found]


@ALWAYS
@given(response_sets(FRAMEWORK))
def test_by_default_a_response_set_has_up_to_four_groups_of_up_to_eight(
    found: list[Assessment],
) -> None:
    counts = groups_of(found)
    assert 1 <= len(counts) <= 4
    assert max(counts.values()) <= 8


def test_a_response_set_of_one_group_is_drawn() -> None:
    assert len(groups_of(first(response_sets(FRAMEWORK), lambda f: len(groups_of(f)) == 1))) == 1
