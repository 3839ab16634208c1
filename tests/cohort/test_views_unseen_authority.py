"""`benchmark --school`'s heading names a school's authority only where it says something
(round 74). It joined the id and any authority that was not empty, so an authority of
U+200B (a zero-width space) printed `School 1 (s1, ​)`: a comma before nothing a reader can
see. The report's table has left such an authority out since round 73
(`model.unseen.says_something`); the cohort's heading now does the same."""

from __future__ import annotations

import datetime as dt

import pytest

from selfreview_core import Assessment, Framework, Judgement, School, benchmark
from selfreview_core.cohort.views import school_table


def _heading(framework: Framework, authority: str | None) -> str:
    """The first line of school s1's table, in a cohort of two schools of `authority`."""
    level = framework.scale.from_rank(1)
    reviews = [
        Assessment(
            framework=framework.ref,
            school=School(id=f"s{n}", name=f"School {n}", authority=authority),
            assessed_on=dt.date(2025, 6, 1),
            judgements={s: Judgement(level=level) for s in framework.strand_ids},
        )
        for n in range(2)
    ]
    cohort = benchmark(framework, reviews)
    return school_table(cohort, cohort.position("s1"), width=120).splitlines()[0]


@pytest.mark.parametrize(
    "authority",
    ["\u200b", "\u200b\u2060\ufeff", "\u00a0", "\u3000"],
    ids=["zero-width-space", "invisible-run", "no-break-space", "ideographic-space"],
)
def test_an_authority_that_prints_as_nothing_is_left_out_of_the_heading(
    small_framework: Framework, authority: str
) -> None:
    assert _heading(small_framework, authority) == "School 1 (s1), reviewed 2025-06-01"
    assert _heading(small_framework, None) == "School 1 (s1), reviewed 2025-06-01"


def test_an_authority_that_says_something_is_named_with_its_invisible_characters_kept(
    small_framework: Framework,
) -> None:
    """Text that holds more than invisible characters is shown as written (`escaping.shown`
    decides what it escapes), not cleaned: only an authority of nothing visible is left out."""
    assert _heading(small_framework, "Leeds") == "School 1 (s1, Leeds), reviewed 2025-06-01"
    heading = _heading(small_framework, "Leeds\u200b")
    assert heading.startswith("School 1 (s1, Leeds")
    assert heading.endswith("), reviewed 2025-06-01")
