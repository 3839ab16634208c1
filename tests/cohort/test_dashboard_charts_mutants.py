"""`cohort/dashboard_charts.py`: what the mutation pass of round 42 found no test holding.

The dashboard's charts say what the cohort's figures say, in either scale direction: every
number written beside a bar is the figure it stands for, and every bar is as long as its
count (or level) makes it.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from selfreview_core import Assessment, Framework, Scale, School, benchmark, testing
from selfreview_core.cohort.dashboard_charts import school_section
from selfreview_core.cohort.positions import Cohort

#: What is written beside each of the school's bars: `level 2, median 3, percentile 75`.
SAID = re.compile(r'<text x="\d+" y="\d+">level ([^,<]+), median ([^,<]+), percentile ([^<]+)<')

#: The scales whose worst or best level is 0.
ZERO_ENDED = (Scale(best=3, worst=0), Scale(best=0, worst=3))


@st.composite
def cohorts(draw: st.DrawFn, reviews: int = 6) -> Cohort:
    """A cohort of 1 .. `reviews` schools (each reviewed once) of a framework drawn on a
    scale of either direction: 0 .. 3, 3 .. 0, or any from -10 to 10."""
    scale = draw(st.sampled_from(ZERO_ENDED) | testing.scales())
    framework: Framework = draw(
        testing.frameworks(scale=scale, max_elements=2, max_aspects=2, max_strands=2)
    )
    count = draw(st.integers(1, reviews))
    assessments: list[Assessment] = [
        draw(testing.assessments(framework, school=School(id=f"s{n}", name=f"School {n}")))
        for n in range(count)
    ]
    return benchmark(framework, assessments)


def _figure(value: int | None) -> str:
    return "–" if value is None else str(value)


@settings(max_examples=40, deadline=None)
@given(cohorts(), st.data())
def test_beside_each_bar_the_school_s_own_level_the_median_and_its_percentile(
    cohort: Cohort, data: st.DataObject
) -> None:
    """A level of 0 is a level: it is written `level 0`, never as a dash (a school at
    level 0, the worst of a 0 .. 3 scale or the best of a 3 .. 0 one, read as not judged)."""
    entry = data.draw(st.sampled_from(cohort.schools))
    html = "\n".join(school_section(cohort, entry))
    ids = [*cohort.aspects, "overall"]
    said = SAID.findall(html)
    assert len(said) == len(ids)
    for node_id, (level, median, percentile) in zip(ids, said, strict=True):
        place = entry.get(node_id)
        assert level == _figure(place.level)
        assert median == _figure(cohort.stats(node_id).median)
        assert percentile == ("–" if place.percentile is None else f"{place.percentile:.0f}")
