"""What `selfreview_core.testing`'s condition strategy draws: every test a rule or an award
may make, score tests included, since a plugin author's property over `conditions()` (or
`rule_packs()`) is only as wide as what it draws; and nothing of scores when asked not to."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache, partial
from typing import TypeVar

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Framework, Scale
from selfreview_core.model.conditions import (
    ALL_OPERATORS,
    SCORE_OPERATORS,
    AllOf,
    AnyOf,
    Condition,
    Test,
    uses_scores,
)
from selfreview_core.testing import conditions, frameworks, rule_packs

T = TypeVar("T")
SCALES = [Scale(best=1, worst=5), Scale(best=3, worst=0)]


@cache
def two_strands(scale: Scale) -> Framework:
    """A framework of one aspect of two strands (whose median may be a half) on `scale`."""
    return first(
        frameworks(scale=scale, max_elements=1, max_aspects=1), lambda f: len(f.strand_ids) == 2
    )


def each_test(condition: Condition) -> Iterator[Test]:
    if isinstance(condition, Test):
        yield condition
    elif isinstance(condition, AllOf | AnyOf):
        for child in condition.all if isinstance(condition, AllOf) else condition.any:
            yield from each_test(child)
    else:
        yield from each_test(condition.not_)


def thresholds(condition: Condition) -> list[float]:
    """The thresholds of the condition's score tests."""
    return [t.operator[1] for t in each_test(condition) if t.operator[0] in SCORE_OPERATORS]


def first(strategy: st.SearchStrategy[T], wanted: Callable[[T], bool]) -> T:
    """An example that is `wanted`, as drawn: not shrunk (shrinking a rule pack takes
    longer than finding it), none kept between runs."""
    return find(
        strategy,
        wanted,
        settings=settings(phases=[Phase.generate], database=None, max_examples=scaled(2000)),
    )


def meets(wanted: Callable[[float], bool], condition: Condition) -> bool:
    return any(map(wanted, thresholds(condition)))


def operators(condition: Condition) -> set[str]:
    return {test.operator[0] for test in each_test(condition)}


@pytest.mark.parametrize("scale", SCALES, ids=["5..1", "0..3"])
@pytest.mark.parametrize("operator", ALL_OPERATORS)
def test_every_kind_of_test_is_drawn(scale: Scale, operator: str) -> None:
    """Score tests among them: before, none was, and a `not` over a score test that fired
    wrongly was caught only by a test written by hand."""
    found = first(conditions(two_strands(scale)), lambda c: operator in operators(c))
    assert operator in operators(found)


@pytest.mark.parametrize("scale", SCALES, ids=["5..1", "0..3"])
def test_score_thresholds_reach_past_both_ends_of_the_rank_axis(scale: Scale) -> None:
    """Thresholds that never or always hold (below 0, above the best rank) are drawn too,
    as a careless rule writes them: what the rule checks must warn of."""
    framework = two_strands(scale)
    top = scale.size - 1

    assert (
        min(thresholds(first(conditions(framework), lambda c: any(v < 0 for v in thresholds(c)))))
        < 0
    )
    assert (
        max(thresholds(first(conditions(framework), lambda c: any(v > top for v in thresholds(c)))))
        > top
    )


@pytest.mark.parametrize("scale", SCALES, ids=["5..1", "0..3"])
def test_thresholds_a_score_can_meet_exactly_are_drawn(scale: Scale) -> None:
    """The best rank itself (a strand at the best level meets it), and a fraction inside
    the axis (what answers' values add up to in a framework with questions): the edges
    where `score_below` and `score_reached` part."""
    framework, top = two_strands(scale), scale.size - 1

    def the_best(value: float) -> bool:
        return value == top

    def a_fraction_inside(value: float) -> bool:
        return 0 < value < top and not float(value).is_integer()

    for wanted in (the_best, a_fraction_inside):
        hit = first(conditions(framework), partial(meets, wanted))
        assert any(map(wanted, thresholds(hit)))


@pytest.mark.parametrize("scale", SCALES, ids=["5..1", "0..3"])
def test_fractional_thresholds_near_and_just_past_the_best_rank_are_drawn(scale: Scale) -> None:
    """Halves, thirds and quarters run the whole axis, not its lower part alone: a school
    whose answers average just short of the best level, and a threshold a fraction past
    the best rank that no score reaches, are where a rule near the top goes wrong."""
    framework, top = two_strands(scale), scale.size - 1

    def short_of_the_best(value: float) -> bool:
        return top - 1 < value < top and not float(value).is_integer()

    def a_fraction_past_the_best(value: float) -> bool:
        return top < value < top + 1

    for wanted in (short_of_the_best, a_fraction_past_the_best):
        hit = first(conditions(framework), partial(meets, wanted))
        assert any(map(wanted, thresholds(hit)))


@settings(max_examples=scaled(20))
@given(frameworks(), st.data())
def test_with_scores_off_no_test_reads_a_score(framework: Framework, data: st.DataObject) -> None:
    assert not uses_scores(data.draw(conditions(framework, scores=False)))


def test_rule_packs_draw_a_rule_reading_scores() -> None:
    """Drawn within `find`'s own 2,000 examples, as `first` draws them: a rule pack found
    by `find` was then shrunk, nearly all of the test's 19 s of processor time."""
    pack = first(
        rule_packs(two_strands(SCALES[0])), lambda p: any(uses_scores(r.when) for r in p.rules)
    )
    assert any(uses_scores(rule.when) for rule in pack.rules)
