"""Behaviours of the identity checks written out in `isolation.accepting` (round 77's
`UNROLLED`) that the round-78 mutation pass found no test pinned: advice given an attribute
behind its frozen fields (its values one more than a recommendation's fields, so the checks
cannot unpack them) is never taken the quick way, whether `with_reasons` made it or it was
accepted before. The quick way would copy its values whole, the odd attribute with them,
into the school's report; the full way refuses it as a malformed recommendation, a problem
of its plugin, and the report holds no advice of it."""

from __future__ import annotations

from typing import Any

import pytest

from isolation.test_accept_unrolled import FIELDS
from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core.isolation import accepting
from selfreview_core.model.recommendation import REASONED
from test_engine import plugin_module

#: The plugin's problem, as the full way words it.
REFUSED = "malformed recommendation: extra: Extra inputs are not permitted"


def _engine(answer: Any) -> Engine:
    plugin = plugin_module("giver", selfreview_recommend=answer)
    return Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each call of `accepting._accept` (the full way) noted, the function still called."""
    calls: list[object] = []
    function = accepting._accept

    def noted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return function(*args, **kwargs)

    monkeypatch.setattr(accepting, "_accept", noted)
    return calls


def test_advice_made_for_a_school_and_given_an_attribute_takes_the_full_way(
    small_framework: Framework, assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Advice `with_reasons` made, then given an attribute behind its back before it is
    answered: checked the full way, and refused there with its plugin named."""
    REASONED.clear()
    template = Recommendation.model_validate(FIELDS)
    # Its first advice accepted in full: the template known writable from then on.
    _engine(lambda: [template.with_reasons(("A1",), "first")]).report(
        assessment, framework=small_framework
    )

    def answer() -> list[Recommendation]:
        made = template.with_reasons(("A1",), "for this school")
        object.__setattr__(made, "extra", "added")
        return [made]

    calls = _counting(monkeypatch)
    report = _engine(answer).report(assessment, framework=small_framework)
    assert len(calls) == 1
    assert report.recommendations == ()
    assert [(p.source, p.message, p.severity) for p in report.problems] == [
        ("giver", REFUSED, "error")
    ]


def test_advice_given_again_with_an_attribute_added_is_checked_again(
    small_framework: Framework, assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Advice accepted once, then given an attribute behind its back and answered again:
    not taken as the copy accepted (a lookup) but checked the full way, and refused there
    with its plugin named, where the report before held it."""
    given = Recommendation.model_validate(FIELDS)
    engine = _engine(lambda: [given])
    [first] = engine.report(assessment, framework=small_framework).recommendations
    object.__setattr__(given, "extra", "added")
    calls = _counting(monkeypatch)
    report = engine.report(assessment, framework=small_framework)
    assert len(calls) == 1
    assert vars(first) == FIELDS
    assert report.recommendations == ()
    assert [(p.source, p.message, p.severity) for p in report.problems] == [
        ("giver", REFUSED, "error")
    ]
