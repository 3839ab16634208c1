"""The governors' chart's behaviour that round 70's mutation pass found no test held."""

from __future__ import annotations

import pytest

from exporters.extreme_summaries import Extreme, extreme_report
from selfreview_core.exporters import summary_chart
from selfreview_core.exporters.summary_levels import aspect_thresholds


@pytest.mark.parametrize(("length", "shown"), [(120, "x" * 120), (121, "x" * 120 + " …")])
def test_an_awards_title_is_cut_to_120_characters_in_the_charts_legend(
    monkeypatch: pytest.MonkeyPatch, length: int, shown: str
) -> None:
    """An award's title names its threshold's outline in the legend, cut at 120 characters
    as the page's other long titles are (the school's name, the framework's), so a long
    title cannot push the legend off the printed page."""
    report, cohort = extreme_report(Extreme(awards=1, cohort=True))
    [(_, needs)] = aspect_thresholds(report.framework)
    monkeypatch.setattr(summary_chart, "aspect_thresholds", lambda _: [("x" * length, needs)])
    [svg] = [line for line in summary_chart.chart_part(report, cohort) if line.startswith("<svg")]
    assert f">{shown}: threshold<" in svg
    assert "x" * (len(shown.rstrip(" …")) + 1) not in svg
