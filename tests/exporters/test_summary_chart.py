"""The chart of the governors' page (`exporters/summary_chart.py`): a radar of at most
`RADAR_SPOKES` aspects. Before round 47 it drew every aspect, 100 or 2,000 spokes that ran
into one grey disc, with nothing said of it."""

from __future__ import annotations

import pytest

from exporters.extreme_summaries import Extreme, extreme_report
from exporters.test_summary_budget import page_of
from exporters.test_summary_sections_mutants import section
from selfreview_core.exporters.summary_chart import RADAR_SPOKES, chart_part
from selfreview_core.exporters.summary_sections import MANY_ASPECTS


def chart_of(aspects: int) -> tuple[str, str]:
    """The chart's SVG and its caption for a framework of `aspects` aspects."""
    report, cohort = extreme_report(Extreme(aspects=aspects, strands=1, cohort=True))
    part = chart_part(report, cohort)
    [svg] = [line for line in part if line.startswith("<svg")]
    [caption] = [line for line in part if line.startswith("<figcaption>")]
    return svg, caption


def test_thirty_aspects_are_all_drawn_and_nothing_is_said_of_a_limit() -> None:
    svg, caption = chart_of(RADAR_SPOKES)
    assert RADAR_SPOKES == 30
    assert "A29x:" in svg
    assert "first" not in caption


@pytest.mark.parametrize("aspects", [31, 100, 2000])
def test_past_thirty_aspects_the_chart_draws_the_first_thirty_and_says_so(aspects: int) -> None:
    svg, caption = chart_of(aspects)
    assert "A29x:" in svg
    assert "A30x" not in svg
    assert caption == (
        "<figcaption>Each aspect's level: further from the centre is better. Axes are named "
        f"by aspect id (see the table). It shows the first 30 of the {aspects} aspects: more "
        "spokes could not be read apart. The full report has every aspect.</figcaption>"
    )


def test_the_page_of_a_hundred_aspects_has_the_chart_of_thirty_and_the_table_the_rest() -> None:
    page = page_of(Extreme(aspects=100))
    chart = section(page, "chart")
    assert "A29x:" in chart
    assert "A30x" not in chart
    assert "It shows the first 30 of the 100 aspects" in chart
    assert "more aspect(s) in the full report" in section(page, "aspects")


def test_the_cohorts_median_is_drawn_for_each_aspect() -> None:
    """The chart's description (read aloud by a screen reader) gives each aspect's median."""
    svg, _ = chart_of(12)
    described = "A0xx: This review (2026-01-02) 2, Previous review (2026-01-01) 1, Cohort median 2"
    assert described in svg


@pytest.mark.parametrize(("aspects", "by_id"), [(MANY_ASPECTS, False), (MANY_ASPECTS + 1, True)])
def test_past_the_aspects_the_table_names_in_full_the_axes_are_named_by_id(
    aspects: int, by_id: bool
) -> None:
    """Up to `MANY_ASPECTS` aspects an axis carries its aspect's title beside its id; past
    them (the page's table then gives the titles) the id alone, and the caption says so, at
    exactly the boundary the page's layout changes at."""
    _, caption = chart_of(aspects)
    assert ("Axes are named by aspect id (see the table)." in caption) is by_id
    assert caption.startswith("<figcaption>Each aspect's level: further from the centre")


def test_the_thresholds_of_the_first_two_awards_are_drawn_and_no_more() -> None:
    """Each award's threshold is an outline of its own: a third would make the lines hard to tell
    apart, so the first two awards (in the framework's order) are drawn and no more."""

    def thresholds(awards: int) -> int:
        report, cohort = extreme_report(Extreme(awards=awards, cohort=True))
        [svg] = [line for line in chart_part(report, cohort) if line.startswith("<svg")]
        return svg.count(": threshold")

    assert thresholds(1) > 0
    assert thresholds(3) == thresholds(2) == 2 * thresholds(1)
