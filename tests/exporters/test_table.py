"""The terminal table (`exporters/table.py`): recommendations' text is wrapped once per
distinct text and width, and what a school is shown never depends on what was shown
before it."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core import Engine, Report, load_assessment
from selfreview_core.exporters import table
from selfreview_core.exporters.table import report_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def reports() -> tuple[Report, Report]:
    engine = Engine(entry_points=False)
    before = load_assessment(ROOT / "examples" / "example-primary-2025.yaml")
    after = load_assessment(ROOT / "examples" / "example-primary-2026.yaml")
    return engine.report(before), engine.report(after, before)


def uncached(report: Report, width: int | None) -> str:
    table._details.cache_clear()
    table._wrapped_heading.cache_clear()
    return report_text(report, width=width)


@pytest.mark.parametrize("width", [None, 30, 60, 120])
def test_a_table_is_the_same_whatever_was_wrapped_before_it(
    reports: tuple[Report, Report], width: int | None
) -> None:
    first, second = reports
    fresh = uncached(second, width)
    for other in (30, 60, 120, None):  # other widths and the other school wrapped first
        report_text(first, width=other)
        report_text(second, width=other)
    assert report_text(second, width=width) == fresh


def test_each_width_gets_its_own_wrapping(reports: tuple[Report, Report]) -> None:
    _, report = reports
    narrow, wide = report_text(report, width=40), report_text(report, width=120)
    assert narrow != wide
    recommendations = narrow[narrow.index("Recommendations (") :]
    assert max(map(len, recommendations.splitlines())) <= 40
    assert any(len(line) > 40 for line in wide[wide.index("Recommendations (") :].splitlines())
    assert report_text(report, width=40) == narrow


def test_a_recommendation_changed_behind_its_back_is_shown_as_it_now_is(
    reports: tuple[Report, Report],
) -> None:
    """The wrapping is found by the text, never by the object: a frozen recommendation
    changed with `object.__setattr__` is not shown with its old words."""
    _, report = reports
    rec = report.recommendations[0]
    old = rec.rationale
    report_text(report, width=80)
    object.__setattr__(rec, "rationale", "a reason nobody gave before")
    try:
        shown = report_text(report, width=80)
    finally:
        object.__setattr__(rec, "rationale", old)
    assert "Why: a reason nobody gave before" in shown
    assert f"Why: {old}" not in shown
