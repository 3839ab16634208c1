"""The identity checks written out one value at a time (`model.recommendation.UNROLLED`):
advice taken again at the cost of a lookup (`isolation.accepting.accepted`), advice
`with_reasons` made taken in one check, and a template's values in `with_reasons` itself.
Each compares every value of a recommendation by identity, so a value swapped behind its
frozen fields for an equal one (another object) at any place sends it the full way, never
the quick one; the report is then what the full checks give."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core.isolation import accepting
from selfreview_core.model import recommendation
from selfreview_core.model.recommendation import REASONED, UNROLLED
from test_engine import plugin_module

#: Every field given a value of which an equal copy is another object (no empty tuple, no
#: text of one character: CPython shares those).
FIELDS: dict[str, Any] = {
    "id": "held-advice",
    "title": "Title of the advice",
    "action": "Act on it",
    "targets": ("A1",),
    "priority": "high",
    "audience": "staff members",
    "links": ("https://example.org/advice",),
    "reference": "A reference",
    "source": "giver",
    "sources": ("giver",),
    "rationale": "Because of this",
}
#: The fields in the order a recommendation holds them, which the checks follow.
NAMES = list(Recommendation.model_fields)


def _equal_copy(value: Any) -> Any:
    """`value` again, equal, of the same exact type, but another object."""
    copy = "".join(list(value)) if type(value) is str else (*value,)
    assert copy == value
    assert type(copy) is type(value)
    assert copy is not value
    return copy


def _swap(rec: Recommendation, name: str) -> None:
    """`rec`'s value of `name` swapped behind its frozen fields for an equal copy."""
    object.__setattr__(rec, name, _equal_copy(rec.__dict__[name]))


def _engine(answer: Callable[[], list[Recommendation]]) -> Engine:
    plugin = plugin_module("giver", selfreview_recommend=answer)
    return Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])


def test_the_checks_compare_every_field_of_a_recommendation() -> None:
    """As many values are compared as a recommendation has fields, in its order: a field
    added to the model without adding it to the checks would take every recommendation
    the full way (slower, never wrong)."""
    assert len(NAMES) == UNROLLED
    assert list(FIELDS) == NAMES
    assert list(vars(Recommendation.model_validate(FIELDS))) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_advice_given_again_with_any_value_swapped_is_checked_again(
    name: str, small_framework: Framework, assessment: Assessment
) -> None:
    """A plugin's advice accepted once is taken again as the very copy accepted (a lookup);
    with any one value swapped for an equal object it is checked in full and copied anew,
    holding the same values."""
    given = Recommendation.model_validate(FIELDS)
    engine = _engine(lambda: [given])
    [first] = engine.report(assessment, framework=small_framework).recommendations
    [again] = engine.report(assessment, framework=small_framework).recommendations
    assert again is first  # the quick way: what was accepted, found again
    _swap(given, name)
    report = engine.report(assessment, framework=small_framework)
    [checked] = report.recommendations
    assert checked is not first
    assert vars(checked) == vars(first)
    assert not report.problems


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[object]:
    """Each call of `module.name` noted, the function still called."""
    calls: list[object] = []
    function = getattr(module, name)

    def noted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return function(*args, **kwargs)

    monkeypatch.setattr(module, name, noted)
    return calls


@pytest.mark.parametrize("name", [None, *NAMES])
def test_advice_made_for_a_school_with_any_value_swapped_takes_the_full_way(
    name: str | None,
    small_framework: Framework,
    assessment: Assessment,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Advice `with_reasons` made, given as made, is taken in one check (`_accept` never
    called); with any one value swapped for an equal object, it is accepted the full way,
    and the report holds the same values."""
    REASONED.clear()
    template = Recommendation.model_validate(FIELDS)
    # Its first advice accepted in full: the template known writable from then on.
    _engine(lambda: [template.with_reasons(("A1",), "first")]).report(
        assessment, framework=small_framework
    )
    made: list[Recommendation] = []

    def answer() -> list[Recommendation]:
        made[:] = [template.with_reasons(("A1",), "for this school")]
        if name is not None:
            _swap(made[0], name)
        return made[:]

    calls = _counting(monkeypatch, accepting, "_accept")
    report = _engine(answer).report(assessment, framework=small_framework)
    [rec] = report.recommendations
    assert len(calls) == (0 if name is None else 1)
    assert rec is not made[0]
    expected = {**FIELDS, "rationale": "for this school"}
    assert vars(rec) == expected
    assert not report.problems
    if name is None:
        assert id(made[0]) not in REASONED  # taken, and gone with its report


@pytest.mark.parametrize("name", [None, *NAMES])
def test_a_template_with_any_value_swapped_is_not_written_out(
    name: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`with_reasons` of a template validation built, unchanged, takes the written-out
    path (`_checked_reasons` never called); with any one of its values swapped for an equal
    object it does not, and gives what validating its fields gives."""
    template = Recommendation.model_validate(FIELDS)
    template.with_reasons(("A1",), "why")  # its ids found valid
    if name is not None:
        _swap(template, name)
    calls = _counting(monkeypatch, recommendation, "_checked_reasons")
    made = template.with_reasons(("A1",), "because")
    assert len(calls) == (0 if name is None else 1)
    assert vars(made) == {**FIELDS, "rationale": "because"}
    recommendation.forget(made)


class _Sub(Recommendation):
    """A class a plugin could give its kept advice behind its back (`__class__`)."""


def test_advice_given_again_as_another_class_is_checked_again(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Advice accepted once whose class was swapped since (its values all the same
    objects) is not taken as the copy accepted: it is checked in full, and the report holds
    an exact `Recommendation` of the same values."""
    given = Recommendation.model_validate(FIELDS)
    engine = _engine(lambda: [given])
    [first] = engine.report(assessment, framework=small_framework).recommendations
    object.__setattr__(given, "__class__", _Sub)
    report = engine.report(assessment, framework=small_framework)
    [checked] = report.recommendations
    assert checked is not first
    assert type(checked) is Recommendation
    assert vars(checked) == vars(first)
    assert not report.problems
