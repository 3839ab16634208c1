"""Advice whose values a plugin renamed behind its frozen fields: its instance dict
replaced, or rewritten in place, by one holding the same objects in the same order under
other field names (each field then holding another's value). The identity checks of
`with_reasons`, `validation` and `isolation.accepting` compare values in order, so such
an item held "the same values" and was copied into the report as it was, an id holding a
title (round 78, found by reading). Now it is checked the full way, and accepted or
refused there with its plugin named, as any other recommendation is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from isolation.test_accept_unrolled import FIELDS
from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core.isolation import accepting
from selfreview_core.model.recommendation import FIELD_ORDER, REASONED
from test_engine import plugin_module

#: The plugin's problem when its id holds the title.
REFUSED_ID = "malformed recommendation: id: the text `"


def _engine(answer: Any) -> Engine:
    plugin = plugin_module("giver", selfreview_recommend=answer)
    return Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])


def _renamed(item: Recommendation, names: dict[str, str], *, in_place: bool) -> None:
    """`item`'s values, in the same order, under its names each as `names` gives it (the
    rest as they were): its dict replaced, or the very dict rewritten."""
    renamed = {names.get(name, name): value for name, value in vars(item).items()}
    if in_place:
        vars(item).clear()
        vars(item).update(renamed)
    else:
        object.__setattr__(item, "__dict__", renamed)


def _swapped(first: str, second: str) -> dict[str, str]:
    return {first: second, second: first}


def _advice_renamed(
    template: Recommendation, names: dict[str, str], *, in_place: bool
) -> Callable[[], list[Recommendation]]:
    """A plugin's answer: advice made from `template` for this school, then renamed."""

    def answer() -> list[Recommendation]:
        made = template.with_reasons(("A1",), "for this school")
        _renamed(made, names, in_place=in_place)
        return [made]

    return answer


def _full_way(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each item `accepting` checks the full way (`_accept`), noted."""
    calls: list[object] = []
    function = accepting._accept

    def noted(call: Any, item: object, framework: Any) -> Any:
        calls.append(item)
        return function(call, item, framework)

    monkeypatch.setattr(accepting, "_accept", noted)
    return calls


def _given_once(template: Recommendation) -> Callable[[], list[Recommendation]]:
    return lambda: [template.with_reasons(("A1",), "first")]


@pytest.mark.parametrize("in_place", [False, True], ids=["replaced", "rewritten"])
def test_advice_made_for_a_school_then_renamed_is_refused_with_its_plugin_named(
    small_framework: Framework,
    assessment: Assessment,
    monkeypatch: pytest.MonkeyPatch,
    in_place: bool,
) -> None:
    REASONED.clear()
    template = Recommendation.model_validate(FIELDS)
    _engine(_given_once(template)).report(assessment, framework=small_framework)

    answer = _advice_renamed(template, _swapped("id", "title"), in_place=in_place)
    calls = _full_way(monkeypatch)
    report = _engine(answer).report(assessment, framework=small_framework)
    assert report.recommendations == ()
    [problem] = report.problems
    assert (problem.source, problem.severity) == ("giver", "error")
    assert problem.message.startswith(REFUSED_ID)
    assert len(calls) == 1


@pytest.mark.parametrize("in_place", [False, True], ids=["replaced", "rewritten"])
def test_advice_renamed_into_other_valid_advice_is_taken_as_it_now_reads(
    small_framework: Framework,
    assessment: Assessment,
    in_place: bool,
) -> None:
    """Title and action swapped, both free text: valid advice, taken as its fields now
    read (what validating them gives), each field under its own name in the report."""
    REASONED.clear()
    template = Recommendation.model_validate(FIELDS)
    _engine(_given_once(template)).report(assessment, framework=small_framework)

    answer = _advice_renamed(template, _swapped("title", "action"), in_place=in_place)
    [made] = _engine(answer).report(assessment, framework=small_framework).recommendations
    assert (made.title, made.action) == (FIELDS["action"], FIELDS["title"])
    assert tuple(vars(made)) == FIELD_ORDER
    assert made.rationale == "for this school"


@pytest.mark.parametrize("in_place", [False, True], ids=["replaced", "rewritten"])
def test_a_template_renamed_before_its_advice_is_made_is_validated_whole(
    small_framework: Framework, assessment: Assessment, in_place: bool
) -> None:
    """The template renamed, then asked for advice: `with_reasons` validates its fields
    whole, as it does for any template not as validation built it, and raises as that
    raises; the plugin's problem, no advice in the report."""
    REASONED.clear()
    template = Recommendation.model_validate(FIELDS)
    _engine(_given_once(template)).report(assessment, framework=small_framework)
    _renamed(template, _swapped("id", "title"), in_place=in_place)
    with pytest.raises(ValueError, match="String should match pattern"):
        template.with_reasons(("A1",), "for this school")
    report = _engine(_given_once(template)).report(assessment, framework=small_framework)
    assert report.recommendations == ()
    assert [p.source for p in report.problems] == ["giver"]


def test_advice_given_again_renamed_is_what_was_accepted_or_checked_again(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Advice accepted once, renamed, given again: never a report with an id holding a
    title."""
    given = Recommendation.model_validate(FIELDS)
    engine = _engine(lambda: [given])
    engine.report(assessment, framework=small_framework)
    _renamed(given, _swapped("id", "title"), in_place=False)
    report = engine.report(assessment, framework=small_framework)
    assert all(made.id == FIELDS["id"] for made in report.recommendations)
    assert all(tuple(vars(made)) == FIELD_ORDER for made in report.recommendations)


@pytest.mark.parametrize("in_place", [False, True], ids=["replaced", "rewritten"])
def test_advice_with_a_field_renamed_to_no_field_is_refused(
    small_framework: Framework, assessment: Assessment, in_place: bool
) -> None:
    """Its id put under a name of no field (the count of values as before): refused the
    full way, an extra input and a missing id, never a report's advice without an id."""
    REASONED.clear()
    template = Recommendation.model_validate(FIELDS)
    _engine(_given_once(template)).report(assessment, framework=small_framework)

    answer = _advice_renamed(template, {"id": "identifier"}, in_place=in_place)
    report = _engine(answer).report(assessment, framework=small_framework)
    assert report.recommendations == ()
    [problem] = report.problems
    assert (problem.source, problem.severity) == ("giver", "error")
    assert problem.message.startswith("malformed recommendation: ")
