"""`report_line_bytes` attacked where it keeps things by identity: each recommendation's
JSON by `id()` (`_SEEN`, `_LINES`), the framework's reference (`_REFERENCE`) and
the line an assessment was read from (`assessment_json._LAST`). An id is only an object's
while the object lives; CPython gives a dead object's id to the next object of its size at
once. So objects are made and dropped here in the thousands, and every line must still be
exactly `shown_json(report_json(report, indent=None))`: a table that kept an entry without
keeping its object alive would answer a new object with a dead one's JSON."""

from __future__ import annotations

import gc

import pytest

from selfreview_core import Engine, Framework
from selfreview_core.escaping import shown_json
from selfreview_core.files.limits import DEFAULT_LIMITS
from selfreview_core.model.assessment import Assessment, Judgement, School
from selfreview_core.model.recommendation import Recommendation
from selfreview_core.quick_assessment import quick_assessment
from selfreview_core.report import Report, report_json, report_line_bytes


def _expected(report: Report) -> bytes:
    return shown_json(report_json(report, indent=None)).encode("utf-8") + b"\n"


def _report(engine: Engine, framework: Framework, name: str) -> Report:
    strand = framework.strand_ids[0]
    assessment = Assessment(
        framework=framework.ref,
        school=School(id="1", name=name),
        assessed_on="2025-01-02",
        judgements={strand: Judgement(level=framework.scale.levels[0])},
    )
    return engine.report(assessment)


def test_a_recommendation_that_died_never_lends_its_json_to_one_with_its_id() -> None:
    """Made, written twice (so kept in `_LINES`), dropped: more of them than `_SEEN` holds
    (so it is started again) and than `_LINES` holds (so it is cleared), each new one
    likely at a dead one's address."""
    engine = Engine(entry_points=False)
    base = _report(engine, engine.framework("becta-srf"), "School")
    ids: set[int] = set()
    for number in range(9000):
        # Made as a plugin's own advice for one school is (no table of validation holds it).
        advice = Recommendation.trusted(id=f"advice-{number}", title=f"Ad {number}", action="A.")
        ids.add(id(advice))
        report = base.model_copy(update={"recommendations": (advice, *base.recommendations)})
        assert report_line_bytes(report, b"\n") == _expected(report)
        if number % 7 == 0:
            assert report_line_bytes(report, b"\n") == _expected(report)  # met again: kept
        del report, advice
    assert len(ids) < 9000  # ids were given again: the attack took place


def test_reports_of_two_frameworks_in_turn_name_each_its_own(small_framework: Framework) -> None:
    engine = Engine(entry_points=False, frameworks=[small_framework])
    frameworks = [engine.framework("becta-srf"), engine.framework(small_framework.ref)]
    for number in range(4):
        report = _report(engine, frameworks[number % 2], f"School {number}")
        assert report_line_bytes(report, b"\n") == _expected(report)


@pytest.mark.usefixtures("frozen_heap")
def test_a_line_read_then_dropped_never_writes_back_for_a_new_assessment() -> None:
    """The last line read quickly is kept with its assessment (`_LAST`): an assessment made
    after it, even at the same address once the first is gone, is written by pydantic."""
    engine = Engine(entry_points=False)
    framework = engine.framework("becta-srf")
    frameworks = engine.framework_names()
    for number in range(50):
        line = _report(engine, framework, f"Read {number}").assessment.model_dump_json()
        read = quick_assessment(line.encode() + b"\n", DEFAULT_LIMITS, frameworks.get)
        assert read is not None
        del read
        gc.collect()
        report = _report(engine, framework, f"Made {number}")
        assert report_line_bytes(report, b"\n") == _expected(report)
