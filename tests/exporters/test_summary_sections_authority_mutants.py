"""The governors' page's header names the school's authority: found by round 74's mutation
pass over round 73's lines of `exporters/summary_sections.py`, where `header_part`'s
`if says_something(school.authority)` as False survived (the one test of that line gives an
authority of nothing to see, and its twin none: the same page either way)."""

from __future__ import annotations

from pathlib import Path

from selfreview_core import Engine, load_assessment
from selfreview_core.exporters.summary import render
from selfreview_core.exporters.summary_sections import header_part

REVIEW = Path(__file__).resolve().parents[2] / "examples" / "example-primary-2026.yaml"


def test_the_summary_s_header_names_the_authority_between_the_school_and_the_framework() -> None:
    engine = Engine(entry_points=False)
    report = engine.report(load_assessment(REVIEW))
    assert report.assessment.school.authority == "Example LEA"
    header = "\n".join(header_part(report))
    school, authority, framework = (
        header.index(f" {report.assessment.school.id}"),
        header.index("Example LEA"),
        header.index(report.framework.title),
    )
    assert school < authority < framework
    assert "Example LEA" in render(report)
    without = report.model_copy(
        update={
            "assessment": report.assessment.model_copy(
                update={"school": report.assessment.school.model_copy(update={"authority": None})}
            )
        }
    )
    assert "Example LEA" not in render(without)
