"""`report_line_bytes` (each recommendation's JSON kept by identity, pydantic's bytes taken
as they are when nothing needs escaping, the assessment's line reused) against its plain
definition, `shown_json(report_json(report, indent=None))`, for reports holding every kind
of value: non-ASCII, DEL, C0 and C1 controls, bidirectional overrides, quotes and
backslashes, in the school, the evidence, the recommendations and the problems; a previous
review and its comparison; awards; recommendations shared between reports, made anew,
repeated, and dropped so that their ids are reused; two frameworks in turn; the tables
kept by identity made small (`_MAX_SEEN`, `_MAX_LINES`) so that they start again often."""

from __future__ import annotations

import datetime as dt
import gc
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Engine, Framework
from selfreview_core import report as report_module
from selfreview_core.escaping import shown_json
from selfreview_core.model.assessment import Assessment, Judgement, School
from selfreview_core.model.problem import Problem
from selfreview_core.model.recommendation import Recommendation
from selfreview_core.report import Report, report_json, report_line_bytes
from selfreview_core.testing import frameworks, hostile_texts, judgements, scales, texts

pytestmark = pytest.mark.slow

_TEXT = st.one_of(
    texts(),
    hostile_texts(),
    # An override with text after it: one alone prints as nothing, no `Text` (round 72).
    st.sampled_from(['say "x"', "a\\b", "é\x7f", "a\u2028b", "\x85\x9b", "\u202e!"]),
)
_BECTA = Engine(entry_points=False).framework("becta-srf")


def _plain(report: Report) -> bytes:
    return shown_json(report_json(report, indent=None)).encode("utf-8") + b"\n"


@st.composite
def _assessment(draw: st.DrawFn, framework: Framework, day: int) -> Assessment:
    chosen = draw(judgements(framework))
    made = {
        strand: Judgement(
            level=judgement.level,
            evidence=draw(st.none() | _TEXT),
            judged_on=draw(st.none() | st.just(dt.date(2020, 1, day))),
        )
        for strand, judgement in chosen.items()
    }
    return Assessment(
        framework=framework.ref,
        school=School(id="s1", name=draw(_TEXT), authority=draw(st.none() | _TEXT)),
        assessed_on=dt.date(2021, 1, day),
        assessor=draw(st.none() | _TEXT),
        judgements=made,
    )


@st.composite
def _recommendation(draw: st.DrawFn, framework: Framework) -> Recommendation:
    return Recommendation(
        id=draw(st.sampled_from(["a", "b", "c", "d"])),
        title=draw(_TEXT),
        action=draw(_TEXT),
        targets=(draw(st.sampled_from(framework.ids)),),
        rationale=draw(st.just("") | _TEXT),
    )


@pytest.mark.usefixtures("frozen_heap")
@settings(
    max_examples=scaled(40),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data(), st.sampled_from([(256, 8192), (1, 1), (2, 3)]))
def test_every_line_is_the_plain_json_of_its_report(
    data: st.DataObject, bounds: tuple[int, int]
) -> None:
    seen, lines = bounds
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(report_module, "_MAX_SEEN", seen)
        patch.setattr(report_module, "_MAX_LINES", lines)
        engine = Engine(entry_points=False)
        generated = data.draw(frameworks(scale=data.draw(scales(max_levels=9))))
        shared = [data.draw(_recommendation(generated)) for _ in range(3)]
        for _ in range(data.draw(st.integers(1, 6))):
            framework = data.draw(st.sampled_from([generated, _BECTA]))
            now = data.draw(_assessment(framework, 2))
            before = data.draw(st.none() | _assessment(framework, 1))
            report = engine.report(now, before, framework=framework)
            extra: list[Any] = [
                data.draw(_recommendation(framework)) for _ in range(data.draw(st.integers(0, 2)))
            ]
            if framework is generated:
                extra += data.draw(st.lists(st.sampled_from(shared), max_size=4))
            problems = tuple(
                Problem(source=data.draw(_TEXT), message=data.draw(_TEXT))
                for _ in range(data.draw(st.integers(0, 2)))
            )
            changed = report.model_copy(
                update={
                    "recommendations": (*report.recommendations, *extra),
                    "problems": problems,
                }
            )
            for each in (report, changed, changed):
                assert report_line_bytes(each, b"\n") == _plain(each)
            del extra, changed, report
            gc.collect()  # dropped: their ids are free for the next objects
