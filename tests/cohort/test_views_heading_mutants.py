"""`benchmark --school`'s heading keeps a school's name and authority on its one line, a
tab or a line break in either shown escaped (`cohort.views.school_table`): pinned by
round 76's sweep over round 75's lines, which escape the name apart from the rest of the
heading so that a right-to-left name can be isolated. Written as they are, a line break in
a name or an authority read from a review was folded by the heading's wrapping into a
space: the name printed was not the one in the review."""

from __future__ import annotations

import datetime as dt

from selfreview_core import Assessment, Cohort, Framework, Judgement, School, benchmark
from selfreview_core.cohort.views import school_table


def _cohort(framework: Framework, name: str, authority: str) -> Cohort:
    level = framework.scale.from_rank(1)
    return benchmark(
        framework,
        [
            Assessment(
                framework=framework.ref,
                school=School(id=f"s{n}", name=name, authority=authority),
                assessed_on=dt.date(2025, 6, 1),
                judgements={s: Judgement(level=level) for s in framework.strand_ids},
            )
            for n in range(2)
        ],
    )


def test_a_tab_or_line_break_in_the_name_is_shown_escaped_on_the_heading(
    small_framework: Framework,
) -> None:
    cohort = _cohort(small_framework, "Oak\tHill\nAcademy", "North County")
    heading = school_table(cohort, cohort.position("s1"), width=120).splitlines()[0]
    assert heading == "Oak\\tHill\\nAcademy (s1, North County), reviewed 2025-06-01"


def test_a_line_break_in_the_authority_is_shown_escaped_on_the_heading(
    small_framework: Framework,
) -> None:
    cohort = _cohort(small_framework, "Oak Hill", "North\nCounty")
    heading = school_table(cohort, cohort.position("s1"), width=120).splitlines()[0]
    assert heading == "Oak Hill (s1, North\\nCounty), reviewed 2025-06-01"
