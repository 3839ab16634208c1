"""A built-in's whole answer is taken at once when every item is one of its own objects
accepted as it is before (`accepting.Known`): the report is what accepting each item
gives, over frameworks of both scale directions, and what is kept stays bounded."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Engine, Framework
from selfreview_core.isolation import accepting
from selfreview_core.testing.strategies import assessments, frameworks


def each_accepted(engine: Engine) -> Engine:
    """`engine` with no built-in's answer taken whole: each item accepted in turn."""
    plans = engine._recommenders

    def recommenders(framework: Framework) -> tuple[object, ...]:
        return tuple((*plan[:4], None) for plan in plans(framework))

    engine._recommenders = recommenders  # type: ignore[method-assign,assignment]
    return engine


@settings(max_examples=scaled(40), deadline=None)
@given(
    case=frameworks().flatmap(
        lambda f: st.tuples(st.just(f), st.lists(assessments(f), min_size=1, max_size=4))
    )
)
def test_a_built_in_answer_taken_whole_is_what_accepting_each_item_gives(
    case: tuple[Framework, list[Assessment]],
) -> None:
    framework, schools = case
    quick = Engine(entry_points=False)
    slow = each_accepted(Engine(entry_points=False))
    for assessment in [*schools, *schools]:  # the second time, next-steps' steps are known
        report = quick.report(assessment, framework=framework)
        assert report == slow.report(assessment, framework=framework)
        assert report.problems == ()


def test_known_steps_are_the_built_in_objects_themselves(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Taken whole, a built-in's recommendations are its own objects, as accepting each
    gives them (credited already: shared, not copied), with their keys noted once."""
    engine = Engine(entry_points=False)
    first = engine.report(assessment, framework=small_framework).recommendations
    second = engine.report(assessment, framework=small_framework).recommendations
    assert first
    assert all(a is b for a, b in zip(first, second, strict=True))
    [(name, *_, known)] = engine._recommenders(small_framework)
    assert name == "next-steps"
    assert known is not None
    assert len(known) == len(known.held) == len(first)
    assert all(known[id(rec)] >= 0 for rec in first)


def test_known_starts_again_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bounded: full, it starts again, and every key it holds is of an object it holds."""
    monkeypatch.setattr(accepting, "MAX_ACCEPTED", 2)
    known = accepting.Known()
    items = [object() for _ in range(5)]
    for key, item in enumerate(items):
        known.add(item, key)
        known.add(item, key)  # noted once
    assert len(known) == len(known.held) == 1
    assert known == {id(items[4]): 4}
    assert known.held == [items[4]]
