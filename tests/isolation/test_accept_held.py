"""Advice `with_reasons` made for one school is taken quickly and always copied as it is
credited: a plugin that keeps the advice, its dict or its answer in any way (a global, a
closure, a second list, a weak reference) finds that what it does to its object afterwards
(behind its frozen fields) never shows in a report. Reports are the same however the plugin
keeps it."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import pytest

from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core.model.recommendation import REASONED
from test_engine import plugin_module

#: What each test's advice is made from, made afresh for each test (`_fresh`): one made at
#: import would, after a suite's worth of validations, no longer be remembered as
#: validation built it, and its advice would be validated whole (and copied).
TEMPLATE: list[Recommendation] = []


@pytest.fixture(autouse=True)
def _fresh(small_framework: Framework, assessment: Assessment) -> None:
    # Advice other tests made and never gave stays in `REASONED` until it fills: emptied, so
    # that what a test finds there is its own.
    REASONED.clear()
    TEMPLATE[:] = [Recommendation(id="advice", title="T", action="A", priority="high")]
    # Known writable by the engine: its first advice accepted (in full, so copied).
    first = _engine(lambda _: [TEMPLATE[0].with_reasons((), "first")])
    first.report(assessment, framework=small_framework)


#: Where the kinds of keeper below keep what they are given.
KEPT: list[Any] = []
#: The id of each piece of advice made: an int, which keeps nothing alive.
MADE: list[int] = []


def _advice(number: int) -> Recommendation:
    made = TEMPLATE[0].with_reasons(("A1",), f"school {number}")
    MADE.append(id(made))
    return made


def _closure() -> Callable[[Recommendation], None]:
    cell: list[Recommendation] = []

    def keep(made: Recommendation) -> None:
        cell[:] = [made]
        KEPT.append(lambda: cell[0])  # reachable only through the closure

    return keep


def _keeping(
    keep: Callable[[Recommendation, list[Recommendation]], object],
) -> Callable[[int], list[Recommendation]]:
    """A plugin's answer, one piece of advice, once `keep` has kept what it keeps."""

    def answer(number: int) -> list[Recommendation]:
        made = _advice(number)
        given = [made]
        keep(made, given)
        return given

    return answer


#: A plugin's answer, by how it keeps (or not) what it gives.
KEEPERS: dict[str, Callable[[int], list[Recommendation]]] = {
    "nothing": _keeping(lambda made, given: None),
    "in a global": _keeping(lambda made, given: KEPT.append(made)),
    "in a closure": _keeping(lambda made, given: _closure()(made)),
    "in a second list": _keeping(lambda made, given: KEPT.append(list(given))),
    "its answer": _keeping(lambda made, given: KEPT.append(given)),
    "its dict": _keeping(lambda made, given: KEPT.append(vars(made))),
    "weakly": _keeping(lambda made, given: KEPT.append(weakref.ref(made))),
    "twice in its answer": _keeping(lambda made, given: given.append(made)),
}


def _engine(keeper: Callable[[int], list[Recommendation]]) -> Engine:
    counter = iter(range(10**6))
    return Engine(
        entry_points=False,
        plugins=[plugin_module("giver", selfreview_recommend=lambda: keeper(next(counter)))],
        disable=["next-steps"],
    )


def _values(engine: Engine, framework: Framework, assessment: Assessment) -> list[Any]:
    report = engine.report(assessment, framework=framework)
    assert not report.problems
    return [(vars(r), r.__pydantic_fields_set__) for r in report.recommendations]


@pytest.mark.parametrize("keeper", sorted(KEEPERS))
def test_advice_kept_by_its_plugin_is_copied_and_reports_are_the_same(
    keeper: str, small_framework: Framework, assessment: Assessment
) -> None:
    """Whatever the plugin keeps, the report holds the same values, credit and fields set
    as when it keeps nothing, and never the plugin's own object."""
    KEPT.clear()
    expected = _values(_engine(KEEPERS["nothing"]), small_framework, assessment)
    MADE.clear()
    engine = _engine(KEEPERS[keeper])
    report = engine.report(assessment, framework=small_framework)
    assert [(vars(r), r.__pydantic_fields_set__) for r in report.recommendations] == expected
    assert not REASONED
    ids = [id(r) for r in report.recommendations]
    assert ids
    assert not set(ids) & set(MADE)  # a copy
    KEPT.clear()


@pytest.mark.parametrize("keeper", sorted(set(KEEPERS) - {"nothing", "twice in its answer"}))
def test_what_a_plugin_does_to_advice_it_kept_never_shows_in_the_report(
    keeper: str, small_framework: Framework, assessment: Assessment
) -> None:
    """A plugin that kept its advice (or its dict, or its answer) and changes it behind its
    frozen fields once the report is made changes nothing in the report."""
    KEPT.clear()
    report = _engine(KEEPERS[keeper]).report(assessment, framework=small_framework)
    before = [dict(vars(r)) for r in report.recommendations]
    for kept in KEPT:
        found = kept() if callable(kept) else kept  # a weak reference: None once freed
        for made in found if isinstance(found, list) else [found] if found else []:
            values: dict[str, Any] = made if isinstance(made, dict) else made.__dict__
            values["title"] = "changed behind its back"
            values["rationale"] = "lone \udc80"
    assert [dict(vars(r)) for r in report.recommendations] == before
    assert before
    assert before[0]["title"] == "T"
    KEPT.clear()


def _one(
    answer: Callable[[], list[Recommendation]], framework: Framework, assessment: Assessment
) -> Recommendation:
    """The one recommendation of a report whose one plugin gives `answer()`."""
    MADE.clear()
    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("giver", selfreview_recommend=answer)],
        disable=["next-steps"],
    )
    [rec] = engine.report(assessment, framework=framework).recommendations
    return rec


class _Values(dict[str, Any]):
    """A dict of another class: what a plugin could put behind an advice's frozen fields."""


def test_advice_whose_dict_was_replaced_by_another_class_is_copied(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Advice whose dict a plugin replaced (behind its frozen fields) with one of another
    class holding the very same values, and then let go, is still taken quickly but
    copied: the report holds a plain dict of its own."""

    def answer() -> list[Recommendation]:
        made = TEMPLATE[0].with_reasons(("A1",), "why")
        object.__setattr__(made, "__dict__", _Values(vars(made)))
        MADE.append(id(made))
        return [made]

    rec = _one(answer, small_framework, assessment)
    assert type(vars(rec)) is dict
    assert id(rec) not in MADE
    assert (rec.title, rec.rationale, rec.source) == ("T", "why", "giver")


def test_advice_given_extra_or_private_values_behind_its_back_has_none_in_the_report(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Advice whose extra and private attributes a plugin set behind its frozen fields
    before letting it go is credited with neither: the copy is made without them."""

    def answer() -> list[Recommendation]:
        made = TEMPLATE[0].with_reasons(("A1",), "why")
        object.__setattr__(made, "__pydantic_extra__", {"odd": "value"})
        object.__setattr__(made, "__pydantic_private__", {"_odd": "value"})
        MADE.append(id(made))
        return [made]

    rec = _one(answer, small_framework, assessment)
    assert (rec.__pydantic_extra__, rec.__pydantic_private__) == (None, None)
    assert MADE
    assert id(rec) not in MADE


def test_advice_given_an_attribute_behind_its_back_is_checked_in_full(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Advice given one attribute more behind its frozen fields (each value it held still
    the same object) is not taken quickly: checked in full, and refused as any
    recommendation with such an attribute is; no report holds the attribute."""

    def answer() -> list[Recommendation]:
        made = TEMPLATE[0].with_reasons(("A1",), "why")
        object.__setattr__(made, "odd", "value")
        return [made]

    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("giver", selfreview_recommend=answer)],
        disable=["next-steps"],
    )
    report = engine.report(assessment, framework=small_framework)
    assert all("odd" not in vars(rec) for rec in report.recommendations)
    assert [p.source for p in report.problems] == ["giver"]
