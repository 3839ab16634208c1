"""`report_files.export_report`: the built-in governors' page with what the command line
asks of it (the evidence, a cohort's medians), any other exporter left to itself."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from selfreview_core import Engine, Report, load_assessment
from selfreview_core.batch.report_files import builtin_summary, export_report
from selfreview_core.cli._report_extras import export_with_extras
from selfreview_core.exporters.base import Exporter
from test_engine import plugin_module

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2026.yaml"
MEDIANS = {"1a": 3, "1b": 2, "1c": None}


def _plugins_summary(report: Report) -> str:
    return f"a plugin's summary of {report.assessment.school.id}"


def _engines() -> tuple[Engine, Engine]:
    """The built-in exporters, and a plugin's `summary` in place of the built-in one."""
    theirs = Exporter("summary", ".html", "text/html", _plugins_summary)
    plugin = plugin_module("pages", selfreview_exporters=lambda: [theirs])
    return Engine(entry_points=False), Engine(
        entry_points=False, disable=["standard-exporters"], plugins=[plugin]
    )


def test_the_built_in_summary_draws_a_cohorts_medians() -> None:
    ours, _ = _engines()
    assert builtin_summary(ours)
    report = ours.report(load_assessment(REVIEW))
    page = export_report(ours, report, "summary", with_evidence=False, cohort=MEDIANS)
    assert isinstance(page, str)
    assert 'class="series cohort"' in page
    assert "Cohort median 2" in page  # 1b, in the chart's words
    plain = export_report(ours, report, "summary", with_evidence=False)
    assert plain == ours.export(report, "summary")
    assert "Cohort median" not in str(plain)


def test_a_plugins_summary_is_left_to_itself() -> None:
    _, theirs = _engines()
    assert not builtin_summary(theirs)
    report = theirs.report(load_assessment(REVIEW))
    given = export_report(theirs, report, "summary", with_evidence=True)
    assert given == "a plugin's summary of 100000"
    with pytest.raises(ValueError, match="drawn by the built-in summary, not summary"):
        export_report(theirs, report, "summary", with_evidence=False, cohort=MEDIANS)


@pytest.mark.parametrize("name", ["html", "table", "json"])
def test_a_cohort_for_another_format_is_a_callers_mistake(name: str) -> None:
    ours, _ = _engines()
    report = ours.report(load_assessment(REVIEW))
    with pytest.raises(ValueError, match=f"not {name}"):
        export_report(ours, report, name, with_evidence=False, cohort=MEDIANS)


def test_report_cohort_refuses_a_plugins_summary_before_reading_the_cohort() -> None:
    """The cohort file is not even opened (it is not one): the format is refused first."""
    _, theirs = _engines()
    report = theirs.report(load_assessment(REVIEW))
    with pytest.raises(click.BadParameter, match="not a plugin's summary") as refused:
        export_with_extras(theirs, report, "summary", False, str(REVIEW), (), "median")
    assert refused.value.param_hint == "--cohort"
