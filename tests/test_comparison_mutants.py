"""Comparison behaviours the round-36 mutation pass over `comparison.py` found unpinned,
each asserted the way a caller relies on it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from selfreview_core import Assessment, ComparisonError, Framework, Judgement, School, compare
from selfreview_core.comparison import check_comparable
from test_scores import answered, samm_framework

NA = {"applicable": False, "evidence": "Nothing is built in house"}


def review(framework: Framework, levels: dict[str, int], *, school: str, on: dt.date) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=School(id=school, name=f"School {school}"),
        assessed_on=on,
        judgements={strand: Judgement(level=level) for strand, level in levels.items()},
    )


def test_check_comparable_refuses_two_schools_unless_asked(small_framework: Framework) -> None:
    """A caller checking a pair itself (as the engine does before `compare_profiles`) gets
    the same refusal as `compare`: another school only when it says `any_school=True`."""
    ours = review(small_framework, {"A1.1": 1}, school="T1", on=dt.date(2026, 1, 1))
    theirs = review(small_framework, {"A1.1": 2}, school="T2", on=dt.date(2026, 2, 1))
    with pytest.raises(ComparisonError) as raised:
        check_comparable(small_framework, ours, theirs)
    assert raised.value.first.code == "different-schools"
    check_comparable(small_framework, ours, theirs, any_school=True)


def _later(assessment: Assessment) -> Assessment:
    return assessment.model_copy(update={"assessed_on": assessment.assessed_on.replace(year=2027)})


def test_a_score_change_is_shown_to_ten_places() -> None:
    """Scores are floats of exact fractions; their changes are rounded to 10 places (so that
    a change never shows float noise), which is what the JSON carries: 1/3 lost overall is
    -0.3333333333."""
    framework = samm_framework(2)
    old = answered(framework, {"P0-A": ["most"], "P0-B": ["no"], "P1-A": ["no"]})
    new = _later(answered(framework, {"P0-A": ["no"], "P0-B": ["no"], "P1-A": ["no"]}))
    comparison = compare(framework, old, new)
    assert comparison.score_change() == -0.3333333333
    assert comparison.score_change("F") == -0.3333333333
    data = json.loads(comparison.model_dump_json())
    assert data["overall_score_change"] == -0.3333333333


def test_no_overall_score_change_when_one_review_scores_nothing() -> None:
    """A review of a framework with questions whose every judgement is "not applicable"
    has no overall score: compared with one that has, there is no overall change (not an
    error), in either order."""
    framework = samm_framework(1)
    nothing = answered(framework, {}, **{"P0-A": NA, "P0-B": NA})
    something = _later(answered(framework, {"P0-A": ["most"], "P0-B": ["half"]}))
    for old, new in ((nothing, something), (something, nothing)):
        comparison = compare(framework, old, new, any_order=True)
        assert comparison.score_change() is None
        assert comparison.overall_score_change is None
        assert comparison.overall is None
