"""`Engine.report` builds its `Report` as `Report.trusted_maker` of the fields it gives
builds one (`base.built`, written out in the engine): the same values in the model's order,
`voices` its default, the same fields set, no extra or private values; so a report
compares, copies and dumps as one made by the model's own maker."""

from __future__ import annotations

from pathlib import Path

from selfreview_core import Engine, load_assessment
from selfreview_core.report import Report

ROOT = Path(__file__).resolve().parents[1]
OLD = ROOT / "examples" / "example-primary-2025.yaml"
NEW = ROOT / "examples" / "example-primary-2026.yaml"
GIVEN = (
    *("framework", "assessment", "profile", "recommendations", "previous"),
    *("comparison", "awards", "problems"),
)


def test_a_report_is_built_as_the_models_trusted_maker_builds_it() -> None:
    engine = Engine()
    framework = engine.framework("becta-srf")
    before = load_assessment(OLD, framework)
    for previous in (None, before):
        report = engine.report(load_assessment(NEW, framework), previous)
        values = {name: getattr(report, name) for name in GIVEN}
        expected = Report.trusted_maker(GIVEN)(dict(values))
        assert list(vars(report)) == list(Report.model_fields)
        assert vars(report) == vars(expected)
        assert all(vars(report)[name] is vars(expected)[name] for name in Report.model_fields)
        assert report.voices is None
        assert report.__pydantic_fields_set__ == expected.__pydantic_fields_set__ == set(GIVEN)
        assert type(report.__pydantic_fields_set__) is set
        assert report.__pydantic_extra__ is None
        assert report.__pydantic_private__ is None
        assert report == expected
        assert report.model_dump_json() == expected.model_dump_json()
        # Its own fields set: one report's changed in place leaves the next report's alone.
        report.__pydantic_fields_set__.add("voices")
        assert engine.report(report.assessment).__pydantic_fields_set__ == set(GIVEN)
