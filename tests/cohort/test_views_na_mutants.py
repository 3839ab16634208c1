"""`cohort/views.py` after round 53 (not applicable apart from not judged, SPEC section 10):
what the mutation pass of round 54 found no test holding. Both scale directions where
levels matter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

from selfreview_core import Assessment, Cohort, Framework, Judgement, School, benchmark
from selfreview_core.cohort.views import school_table

from .test_views_mutants import own_cell

#: A strand marked not applicable in `cohort_with`'s ranks.
NA = "n/a"


def cohort_with(framework: Framework, schools: Mapping[str, Mapping[str, int | str]]) -> Cohort:
    """Each school's strands at a rank (0: the worst) or not applicable (`NA`); a strand not
    named is not judged."""
    scale = framework.scale
    return benchmark(
        framework,
        [
            Assessment(
                framework=framework.ref,
                school=School(id=school, name=f"Name {school}"),
                assessed_on=dt.date(2025, 6, 1),
                judgements={
                    strand: Judgement(applicable=False, evidence="Not here.")
                    if rank == NA
                    else Judgement(level=scale.from_rank(int(rank)))
                    for strand, rank in ranks.items()
                },
            )
            for school, ranks in schools.items()
        ],
    )


@pytest.mark.parametrize("name", ["becta", "small_framework"])
def test_a_school_that_marked_every_strand_not_applicable_is_not_applicable_overall(
    name: str, request: pytest.FixtureRequest
) -> None:
    """Its own column says n/a on every strand and overall (overall is not applicable where
    every strand is), not `-` (not judged) overall; a school with one strand not applicable
    still has its overall level. Both scale directions: Becta's best level is 1, the small
    framework's 3."""
    framework: Framework = request.getfixturevalue(name)
    strands = framework.strand_ids
    cohort = cohort_with(
        framework,
        {
            "all": dict.fromkeys(strands, NA),
            "one": {strands[0]: NA, **dict.fromkeys(strands[1:], 1)},
            **{f"s{n}": dict.fromkeys(strands, 2) for n in range(3)},
        },
    )
    table = school_table(cohort, cohort.position("all"), width=200)
    assert [own_cell(table, s) for s in (*strands, "overall")] == ["n/a"] * (len(strands) + 1)
    assert "- means not judged; n/a: not applicable." in " ".join(table.split())
    table = school_table(cohort, cohort.position("one"), width=200)
    level = str(framework.scale.from_rank(1))
    assert [own_cell(table, s) for s in (strands[0], strands[1], "overall")] == [
        "n/a",
        level,
        level,
    ]
