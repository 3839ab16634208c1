"""What `response_sets` promises that round 60's mutation pass of
`testing/respondent_strategies.py` found no test pinning: each group of a set is drawn once,
so no group holds more than `max_group_size` respondents, however often a conventional
group's name comes up."""

from __future__ import annotations

from hypothesis import given, settings

from scaled import scaled
from selfreview_core import Assessment
from selfreview_core.testing import response_sets
from testing.test_respondent_strategies import FRAMEWORK, groups_of


@settings(max_examples=scaled(100))
@given(response_sets(FRAMEWORK, max_groups=12, max_group_size=1))
def test_each_group_of_a_response_set_is_drawn_once(found: list[Assessment]) -> None:
    """With one respondent a group at most, every group has exactly one: a group's name
    drawn twice would give it two, past the size a plugin's minimum is tested on. Up to 12
    groups, twice the conventional names, so that a name drawn twice would show at once."""
    counts = groups_of(found)
    assert set(counts.values()) == {1}
    assert len(found) == len(counts) <= 12
