"""A built-in's whole answer is taken at once when every item is one of its own objects
accepted as it is before (`accepting.Known`): the report is what accepting each item
gives, over frameworks of both scale directions, and what is kept stays bounded."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core.isolation import accepting
from selfreview_core.isolation.calls import PluginCall
from selfreview_core.testing.strategies import assessments, frameworks
from test_engine import plugin_module


def each_accepted(engine: Engine) -> Engine:
    """`engine` with no built-in's answer taken whole: each item accepted in turn."""
    plans = engine._recommenders

    def recommenders(framework: Framework, generation: int) -> tuple[tuple[object, ...], object]:
        found, kept = plans(framework, generation)
        stripped = tuple((*plan[:4], None) for plan in found), kept
        # Kept as the last framework's plan too, which the engine takes without this call.
        last = engine._plan
        engine._plan = (last[0], last[1], (last[2][0], stripped))
        return stripped

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
    [(name, *_, known)], kept = engine._recommenders(small_framework, engine._host.pm.generation)
    assert kept is accepting.tables(small_framework)  # shared with `accepted`, not a copy
    assert name == "next-steps"
    assert known is not None
    assert len(known.keys) == len(known.held) == len(first)
    assert all(known.keys[id(rec)] >= 0 for rec in first)


def test_known_starts_again_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bounded: full, it starts again, and every key it holds is of an object it holds."""
    monkeypatch.setattr(accepting, "MAX_ACCEPTED", 2)
    known = accepting.Known()
    items = [object() for _ in range(5)]
    for key, item in enumerate(items):
        known.add(item, key)
        known.add(item, key)  # noted once
    assert len(known.keys) == len(known.held) == 1
    assert known.keys == {id(items[4]): 4}
    assert known.held == [items[4]]


def test_an_item_noted_twice_is_held_once() -> None:
    known = accepting.Known()
    item = object()
    known.add(item, 7)
    known.add(item, 7)
    assert known.held == [item]
    assert known.keys == {id(item): 7}


def test_a_built_in_item_copied_to_credit_it_is_not_noted(
    small_framework: Framework,
) -> None:
    """Only an item accepted as it is (its own object, credited already) is noted: one that
    had to be copied to credit the built-in is taken through `accepted` every time, so that
    the report holds the credited copy, never the object given."""
    uncredited = Recommendation(id="uncredited", title="T", action="A", targets=("A1",))
    own = Recommendation(id="own", title="T", action="A", source="built-in", sources=("built-in",))
    known = accepting.Known()
    call = PluginCall("built-in", "raised {}", [], trusted=True)
    for _ in range(2):  # the second time each is found accepted before
        recs, _keys = accepting.accepted(call, [own, uncredited], small_framework, known=known)
        assert recs[0] is own
        assert recs[1] is not uncredited
        assert recs[1].source == "built-in"
    assert known.held == [own]


@pytest.mark.parametrize("argument", ["framework", "assessment", "profile", "previous"])
def test_a_hook_taking_one_argument_is_given_it(
    argument: str, small_framework: Framework, assessment: Assessment
) -> None:
    """A plugin's `selfreview_recommend` may take any one of its arguments, as pluggy
    passes them: it gets that one, not its parts."""
    seen: list[object] = []
    namespace: dict[str, object] = {"seen": seen}
    exec(f"def hook({argument}):\n    seen.append({argument})\n    return []", namespace)
    plugin = plugin_module("one", selfreview_recommend=namespace["hook"])
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    report = engine.report(assessment, framework=small_framework)
    assert report.problems == ()
    expected = {
        "framework": small_framework,
        "assessment": assessment,
        "profile": report.profile,
        "previous": None,
    }[argument]
    assert seen == [expected]
