"""An assessment built without validation (`Assessment.model_construct`) that lacks a
required field, or holds one of the wrong type, is refused by the library as bad input
(SPEC section 6: `SelfReviewError` is the base of every error on bad input, and carries the
path it is about). Before round 51 `Engine.report_many`, a `previous` to `Engine.report`,
`compare` and `Engine.awards` stopped with `AttributeError: 'Assessment' object has no
attribute 'school'` (or `'framework'`, `'assessed_on'`), and a framework id that is not
text with `'int' object has no attribute 'partition'`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import (
    Assessment,
    Engine,
    SelfReviewError,
    compare,
    load_assessment,
    score,
)

_REVIEW = Path(__file__).resolve().parents[1] / "examples" / "example-primary-2026.yaml"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(entry_points=False)


@pytest.fixture(scope="module")
def good() -> Assessment:
    return load_assessment(_REVIEW)


def _built(good: Assessment, **changes: Any) -> Assessment:
    """`good`'s fields, changed (a value of None: left out), built without validation."""
    fields: dict[str, Any] = {
        "framework": good.framework,
        "school": good.school,
        "assessed_on": good.assessed_on,
        "judgements": dict(good.judgements),
    }
    fields.update(changes)
    return Assessment.model_construct(**{k: v for k, v in fields.items() if v is not None})


_BROKEN = [
    ({"school": None}, "school", "missing required key `school` (built without validation?)"),
    (
        {"framework": None},
        "framework",
        "missing required key `framework` (built without validation?)",
    ),
    (
        {"assessed_on": None},
        "assessed_on",
        "missing required key `assessed_on` (built without validation?)",
    ),
    ({"school": "S-1"}, "school", "not a school (built without validation?)"),
    ({"framework": 5}, "framework", "not a framework id (built without validation?)"),
    ({"assessed_on": "2026-01-01"}, "assessed_on", "not a date (built without validation?)"),
]

_USES: list[tuple[str, Callable[[Engine, Assessment, Assessment], object]]] = [
    ("report", lambda engine, good, broken: engine.report(broken)),
    ("previous", lambda engine, good, broken: engine.report(good, previous=broken)),
    ("report_many", lambda engine, good, broken: list(engine.report_many([broken]))),
    ("awards", lambda engine, good, broken: engine.awards(broken)),
    (
        "compare",
        lambda engine, good, broken: compare(engine.framework("becta-srf"), broken, good),
    ),
]


@pytest.mark.parametrize(("changes", "path", "said"), _BROKEN)
@pytest.mark.parametrize(("use", "call"), _USES, ids=[name for name, _ in _USES])
def test_an_assessment_built_without_a_required_field_is_refused_by_name(
    engine: Engine,
    good: Assessment,
    changes: dict[str, Any],
    path: str,
    said: str,
    use: str,
    call: Callable[[Engine, Assessment, Assessment], object],
) -> None:
    broken = _built(good, **changes)
    with pytest.raises(SelfReviewError) as raised:
        call(engine, good, broken)
    (problem,) = raised.value.diagnostics
    assert (problem.path, problem.message) == (path, said)


def test_report_many_skips_a_broken_assessment_and_goes_on(
    engine: Engine, good: Assessment
) -> None:
    skipped: list[tuple[str, str]] = []
    reports = list(
        engine.report_many(
            [_built(good, school=None), good],
            on_error=lambda name, error: skipped.append((name, str(error))),
        )
    )
    assert [report.assessment.school.id for report in reports] == [good.school.id]
    assert skipped == [
        ("<assessment>", "school: missing required key `school` (built without validation?)")
    ]


def test_an_assessment_built_whole_without_validation_is_still_reported(
    engine: Engine, good: Assessment
) -> None:
    """Only what is missing or mistyped is refused: `model_construct` given every field,
    as a fast caller builds one, reports as the validated assessment does."""
    built = _built(good, assessed_on=dt.date(2026, 10, 5))
    assert engine.report(built).profile == engine.report(good).profile


def _judged(good: Assessment, judgements: Any) -> Assessment:
    return _built(good, assessed_on=dt.date(2026, 10, 6), judgements=judgements)


_MALFORMED = [
    ({"1a1": 3}, "judgements.1a1", "not a judgement with a whole-number level"),
    ([1], "", "judgements or review is not a mapping"),
    ("1a1", "", "judgements or review is not a mapping"),
]


@pytest.mark.parametrize(("judgements", "path", "said"), _MALFORMED)
def test_score_and_compare_refuse_judgements_validation_would_refuse(
    engine: Engine, good: Assessment, judgements: Any, path: str, said: str
) -> None:
    """Before round 51: `AttributeError: 'int' object has no attribute 'level'`."""
    framework = engine.framework("becta-srf")
    broken = _judged(good, judgements)
    for call in (lambda: score(framework, broken), lambda: compare(framework, good, broken)):
        with pytest.raises(SelfReviewError) as raised:
            call()
        (problem,) = raised.value.diagnostics
        assert (problem.path, problem.message) == (path, f"{said} (built without validation?)")


def test_a_level_of_the_wrong_type_is_refused_by_score(engine: Engine, good: Assessment) -> None:
    """`"3"` for 3: before round 51 `TypeError: unsupported operand type(s) for -`."""
    judgement = good.judgements["1a1"].model_copy(update={"level": "3"})
    with pytest.raises(SelfReviewError) as raised:
        score(engine.framework("becta-srf"), _judged(good, {"1a1": judgement}))
    assert raised.value.diagnostics[0].path == "judgements.1a1"


def test_compare_refuses_a_level_off_the_scale(engine: Engine, good: Assessment) -> None:
    """`compare` checks both assessments against the framework, as `Engine.report` checks
    its `previous`: before round 51 it compared level 3 with level 9 of a 1..5 scale."""
    judgement = good.judgements["1a1"].model_copy(update={"level": 9})
    with pytest.raises(SelfReviewError) as raised:
        compare(engine.framework("becta-srf"), good, _judged(good, {"1a1": judgement}))
    (problem,) = raised.value.diagnostics
    assert (problem.path, problem.message) == (
        "judgements.1a1",
        "level 9 is outside the scale 1 (best) .. 5 (worst)",
    )
