"""The support list (`cohort.support`): who is below the level, and the advice counted across
them; behaviours the mutation pass of round 41 found no test pinning, in both scale
directions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from selfreview_core import Assessment, Framework, Judgement, School
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.staged_lines import record
from selfreview_core.cohort.support import Reported, support
from selfreview_core.model.recommendation import Recommendation


@pytest.fixture(params=["becta", "small_framework"])
def framework(request: pytest.FixtureRequest) -> Framework:
    """Both scale directions: Becta's best level is 1, the small framework's is 3."""
    found: Framework = request.getfixturevalue(request.param)
    return found


@contextmanager
def sql_cohort(work: Path, framework: Framework, ranks: Sequence[int]) -> Iterator[SqlCohort]:
    """School `s<i>` judges every strand at the level of rank `ranks[i]`."""
    scale = framework.scale
    path = work / "staged.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, rank in enumerate(ranks):
            review = Assessment(
                framework=framework.ref,
                school=School(id=f"s{n}", name=f"School {n}"),
                assessed_on=dt.date(2025, 9, 1),
                judgements={
                    s: Judgement(level=scale.from_rank(rank)) for s in framework.strand_ids
                },
            )
            out.write(f'{{"q":{n},{record(framework, review, f"#{n + 1}", evidence=False)[1:]}\n')
    con = connect(str(work))
    try:
        yield SqlCohort(con, staged_rows(str(path)), framework)
    finally:
        con.close()


def advice(id: str = "r1", priority: str = "high") -> Recommendation:
    return Recommendation(id=id, title=f"Do {id}", action="Do it.", priority=priority)


class Counted(str):
    """A school id that counts how often it is compared for equality."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        Counted.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_a_recommendation_made_twice_for_one_school_counts_the_school_once(
    tmp_path: Path, framework: Framework
) -> None:
    def report(reviews: Iterable[Assessment]) -> Iterator[Reported]:
        for review in reviews:
            yield review.school.id, (advice(), advice()), ()

    with sql_cohort(tmp_path, framework, [0, 0, 2]) as cohort:
        found = support(cohort, report, framework.scale.from_rank(1))
    (made,) = found.recommendations
    assert (made.schools, made.count, found.needing) == (("s0", "s1"), 2, 2)


def test_counting_a_recommendation_takes_a_bounded_number_of_comparisons_per_school(
    tmp_path: Path, small_framework: Framework
) -> None:
    """Advice made for every school of a large cohort is counted in linear time: each
    school's id is compared a bounded number of times, not with every school before it
    (a list's `in`, which took seconds for 20,000 schools and days for SPEC's 10^6; since
    round 61 each is found at its place in the cohort, walking on from the last)."""
    schools = 2000

    def report(reviews: Iterable[Assessment]) -> Iterator[Reported]:
        for review in reviews:
            yield Counted(review.school.id), (advice(),), ()

    with sql_cohort(tmp_path, small_framework, [0] * schools) as cohort:
        Counted.compared = 0
        found = support(cohort, report, 1)
    assert found.recommendations[0].count == schools
    assert schools <= Counted.compared < 4 * schools


def test_a_school_reported_on_out_of_the_cohort_s_order_is_refused_by_name(
    tmp_path: Path, small_framework: Framework
) -> None:
    """`report` answers for the reviews it is given, in their order (`Engine.report` for
    each): one that answers for a school out of that order, or for one not in the cohort,
    is refused naming it, never counted at another school's place."""

    def report(reviews: Iterable[Assessment]) -> Iterator[Reported]:
        for review in reversed(list(reviews)):
            yield review.school.id, (advice(),), ()

    refused = pytest.raises(
        ValueError,
        match=r"^school s0 was reported on out of the cohort's order, or is not in it$",
    )
    with sql_cohort(tmp_path, small_framework, [0, 0]) as cohort, refused:
        support(cohort, report, 1)


def test_a_level_off_the_scale_is_refused_by_name(tmp_path: Path, framework: Framework) -> None:
    """For a library caller too (the command line refuses it first, as a usage error)."""
    scale = framework.scale
    off = max(scale.levels) + 1

    def report(reviews: Iterable[Assessment]) -> Iterator[Reported]:
        raise AssertionError("nothing is reported for a level off the scale")

    refused = pytest.raises(ValueError, match=rf"^level {off} is not on the scale ")
    with sql_cohort(tmp_path, framework, [0]) as cohort, refused:
        support(cohort, report, off)


def test_an_empty_cohort_has_an_empty_list(tmp_path: Path, framework: Framework) -> None:
    def report(reviews: Iterable[Assessment]) -> Iterator[Reported]:
        assert list(reviews) == []
        return iter(())

    with sql_cohort(tmp_path, framework, []) as cohort:
        found = support(cohort, report)
    assert (found.size, found.needing, found.recommendations) == (0, 0, ())
    assert {s.count for s in found.shortfalls} == {0}
    assert {s.judged for s in found.shortfalls} == {0}
