"""Behaviours of `isolation.accepting` that a mutation pass (round 33) found no test pinned:
what `Known.keys_of` answers, and that the table of templates found writable stays bounded
however many templates a plugin makes advice from."""

from __future__ import annotations

import pytest

from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core.isolation import accepting
from selfreview_core.isolation.calls import PluginCall
from test_engine import plugin_module


def _giving(given: list[Recommendation]) -> Engine:
    """An engine whose one plugin, `giver`, answers with what `given` holds at the time."""
    return Engine(
        entry_points=False,
        plugins=[plugin_module("giver", selfreview_recommend=lambda: list(given))],
        disable=["next-steps"],
    )


def _general(*_: object) -> object:
    """`accepting._accept` made to fail: advice taken the general way shows as a problem."""
    raise AssertionError("the general path")


def test_keys_of_gives_every_key_when_every_item_is_known_else_none() -> None:
    """The engine takes a built-in's whole answer at once only through `keys_of`: the keys
    in the answer's order (an item given twice, its key twice), and None as soon as one
    item was never noted, so that the answer is accepted item by item instead."""
    known = accepting.Known()
    first, second, stranger = object(), object(), object()
    known.add(first, 5)
    known.add(second, 3)
    assert known.keys_of([second, first, second]) == [3, 5, 3]
    assert known.keys_of([]) == []
    assert known.keys_of([first, stranger]) is None


def test_templates_found_writable_are_kept_within_max_fixed(
    monkeypatch: pytest.MonkeyPatch, small_framework: Framework, assessment: Assessment
) -> None:
    """A plugin that makes advice from a new template for every school does not grow the
    table of templates found writable past `MAX_FIXED`: full, it starts again, and the
    advice of every template is still accepted, each with its own rationale."""
    monkeypatch.setattr(accepting, "MAX_FIXED", 2)
    monkeypatch.setattr(accepting, "_FIXED_WRITABLE", {})
    given: list[Recommendation] = []
    engine = _giving(given)
    for number in range(6):
        template = Recommendation(id=f"advice-{number}", title="T", action="A")
        for school in range(2):  # the first accepted in full, the second quickly
            given[:] = [template.with_reasons(("A1",), f"school {school}")]
            report = engine.report(assessment, framework=small_framework)
            assert report.problems == ()
            assert [(r.id, r.rationale) for r in report.recommendations] == [
                (f"advice-{number}", f"school {school}")
            ]
            assert len(accepting._FIXED_WRITABLE) <= 2


def test_advice_from_a_template_known_writable_never_takes_the_general_path(
    monkeypatch: pytest.MonkeyPatch, small_framework: Framework, assessment: Assessment
) -> None:
    """Advice made for each school from a template known writable, with ASCII reasons
    naming ids of the framework, is taken by the one quick check, whatever framework was
    placed last: never by the general path (`_accept`, which would cost a report its
    speed), here made to fail so that taking it would show as a problem."""
    template = Recommendation(id="advice", title="T", action="A")
    given: list[Recommendation] = [template.with_reasons((), "first")]
    engine = _giving(given)
    engine.report(assessment, framework=small_framework)  # known writable: in full
    monkeypatch.setattr(accepting, "_accept", _general)
    monkeypatch.setattr(accepting, "_LAST_POSITIONS", (None, {}))
    for school in range(2):
        given[:] = [template.with_reasons(("A1",), f"school {school}")]
        report = engine.report(assessment, framework=small_framework)
        assert report.problems == ()
        assert [(r.rationale, r.source) for r in report.recommendations] == [
            (f"school {school}", "giver")
        ]


def test_a_built_in_item_found_again_is_noted_as_known(small_framework: Framework) -> None:
    """An item of a built-in accepted before without a `Known` (in full) is noted when it
    is found again with one, so that the built-in's whole answer can be taken at once."""
    own = Recommendation(id="own", title="T", action="A", source="built-in", sources=("built-in",))
    call = PluginCall("built-in", "raised {}", [], trusted=True)
    accepting.accepted(call, [own], small_framework)
    known = accepting.Known()
    recs, keys = accepting.accepted(call, [own], small_framework, known=known)
    assert recs == [own]
    assert known.held == [own]
    assert known.keys_of([own]) == keys


def test_a_built_in_item_accepted_in_full_is_noted_at_once(small_framework: Framework) -> None:
    """A built-in's own item, credited already, is noted in `Known` the first time it is
    accepted (in full), so that the built-in's very next answer is taken whole; an item that
    had to be copied to credit it is not."""
    own = Recommendation(id="own", title="T", action="A", source="built-in", sources=("built-in",))
    uncredited = Recommendation(id="uncredited", title="T", action="A", targets=("A1",))
    call = PluginCall("built-in", "raised {}", [], trusted=True)
    known = accepting.Known()
    recs, keys = accepting.accepted(call, [own, uncredited], small_framework, known=known)
    assert recs[0] is own
    assert known.held == [own]
    assert known.keys_of([own]) == keys[:1]
    assert known.keys_of([own, uncredited]) is None


@pytest.mark.parametrize("targets", [("first",), ("A1", "first"), ()])
def test_advice_naming_the_frameworks_first_id_is_taken_the_quick_way_too(
    targets: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
    small_framework: Framework,
    assessment: Assessment,
) -> None:
    """The framework's first id is at position 0, a place like any other: advice naming it
    (alone or among others), or naming nothing, is taken by the quick check, not the
    general path, and placed as the general path would place it."""
    first = small_framework.ids[0]
    targets = tuple(first if t == "first" else t for t in targets)
    template = Recommendation(id="advice", title="T", action="A")
    given: list[Recommendation] = [template.with_reasons((), "first")]
    engine = _giving(given)
    engine.report(assessment, framework=small_framework)  # known writable: in full
    given[:] = [template.with_reasons(targets, "school")]
    expected = engine.report(assessment, framework=small_framework)  # also the quick way
    monkeypatch.setattr(accepting, "_accept", _general)
    given[:] = [template.with_reasons(targets, "school")]
    report = engine.report(assessment, framework=small_framework)
    assert report.problems == ()
    assert report.recommendations == expected.recommendations
    assert [(r.targets, r.source) for r in report.recommendations] == [(targets, "giver")]
