"""The chart of the governors' page (`summary`): a radar of the aspects (`radar`), with the
previous review, the cohort's median and the first two awards' thresholds beside this one.

A radar's spokes stop being readable long before a framework runs out of aspects: at 100
aspects, spokes 3.6 degrees apart in a chart 82 mm wide, the lines run into one grey disc
and no level can be read off. The chart draws the first `RADAR_SPOKES` aspects, in
framework order, and its caption says how many it leaves out; the table beside it and the
full report have every aspect.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from ..escaping import shown_name
from ..report import Report
from ..scoring.profiles import score
from .chart_parts import Series
from .radar import radar_chart
from .summary_levels import aspect_thresholds, cut_text
from .summary_sections import MANY_ASPECTS

__all__ = ["RADAR_SPOKES", "chart_part"]

#: The most aspects the chart draws: spokes 12 degrees apart, each labelled by its id.
RADAR_SPOKES: Final = 30


def chart_part(report: Report, cohort: Mapping[str, int | None] | None) -> list[str]:
    """The radar of the first `RADAR_SPOKES` aspects, and a caption saying what it shows."""
    framework, profile = report.framework, report.profile
    aspects = framework.aspects[:RADAR_SPOKES]
    left_out = len(framework.aspects) - len(aspects)
    scale = framework.scale
    series = [
        Series(
            f"This review ({report.assessment.assessed_on.isoformat()})",
            tuple(profile.aspects.get(a.id) for a in aspects),
            scores=tuple(profile.score(a.id) for a in aspects) if profile.by_scores else None,
        )
    ]
    if report.previous is not None:
        earlier = score(framework, report.previous, profile.policy)
        before = earlier.aspects
        series.append(
            Series(
                f"Previous review ({report.previous.assessed_on.isoformat()})",
                tuple(before.get(a.id) for a in aspects),
                "previous",
                tuple(earlier.score(a.id) for a in aspects) if earlier.by_scores else None,
            )
        )
    if cohort is not None:
        values = tuple(cohort.get(a.id) for a in aspects)
        series.append(
            Series("Cohort median", tuple(v if v in scale else None for v in values), "cohort")
        )
    for title, needs in aspect_thresholds(framework)[:2]:
        name = f"{cut_text(title, 120)}: threshold"
        series.append(Series(name, tuple(needs.get(a.id) for a in aspects), "threshold"))
    many = len(aspects) > MANY_ASPECTS
    svg = radar_chart(
        scale,
        [shown_name(a.id) if many else f"{shown_name(a.id)} {a.title}" for a in aspects],
        series,
        title=f"Aspects of {report.assessment.school.name}",
        css_class="radar",
    )
    return [
        '<section id="chart">',
        "<h2>The aspects at a glance</h2>",
        "<figure>",
        svg,
        "<figcaption>Each aspect's level: further from the centre is better."
        + (" Axes are named by aspect id (see the table)." if many else "")
        + (
            f" It shows the first {len(aspects)} of the {len(framework.aspects)} aspects: more "
            "spokes could not be read apart. The full report has every aspect."
            if left_out
            else ""
        )
        + "</figcaption>",
        "</figure>",
        "</section>",
    ]
