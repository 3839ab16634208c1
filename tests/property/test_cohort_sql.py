"""The DuckDB cohort equals the definition: `benchmark_sql(...) == benchmark(...)`.

Issue 17: "Property tests that the DuckDB results equal the pure-Python definitions in
`selfreview_core.cohort` on generated cohorts of both scale directions, partial reviews,
several years and duplicate reviews (which SPEC.md section 7 says are reported, not
dropped)." Equality of the two `Cohort` models covers every figure at once: the counts,
quartiles and medians of every strand, aspect, element and overall, each school's levels
(the aggregates worked out in SQL from the strand ranks, under every policy), percentiles
and evidence flags, the order of the schools, and the duplicates and which of them count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import POLICIES, Assessment, Framework, Policy, benchmark
from selfreview_core.cohort import rows as cohort_rows
from selfreview_core.cohort.parquet import write_parquet
from selfreview_core.cohort.sql import SqlCohort, benchmark_sql, connect, parquet_rows
from selfreview_core.cohort.staging import record
from selfreview_core.testing import assessments, frameworks

Draw = Callable[[st.SearchStrategy[Any]], Any]
Case = tuple[Framework, list[Assessment], Policy]
examples = settings(max_examples=scaled(40))

#: Few schools and dates spread over several years, so reviews of one school collide on a
#: date now and then (duplicates) and a school has reviews in several years.
SCHOOLS = ("a", "b", "c", "d")
DAYS = (dt.date(2023, 9, 1), dt.date(2024, 9, 1), dt.date(2025, 9, 1), dt.date(2025, 9, 2))


@st.composite
def cohorts(draw: Draw, *, max_reviews: int = 8) -> Case:
    """A framework (either scale direction), partial or complete reviews of a few schools
    over several years, some on the same date (duplicates), and a policy."""
    framework = draw(frameworks(max_elements=2, max_aspects=2, max_strands=3))
    drawn = draw(st.lists(assessments(framework), max_size=max_reviews))
    reviews = [
        review.model_copy(
            update={
                "school": review.school.model_copy(update={"id": draw(st.sampled_from(SCHOOLS))}),
                "assessed_on": draw(st.sampled_from(DAYS)),
            }
        )
        for review in drawn
    ]
    return framework, reviews, draw(st.sampled_from(cast(tuple[Policy, ...], POLICIES)))


@examples
@given(cohorts(), st.booleans(), st.booleans())
def test_the_duckdb_cohort_is_the_defined_cohort(
    case: Case, latest_only: bool, with_evidence: bool
) -> None:
    """Every figure of `benchmark`, computed in SQL: distributions, quartiles, medians,
    percentiles, each school's positions and aggregates under the policy, duplicates."""
    framework, reviews, policy = case
    expected = benchmark(
        framework, reviews, policy=policy, latest_only=latest_only, with_evidence=with_evidence
    )
    found = benchmark_sql(
        framework, reviews, policy=policy, latest_only=latest_only, with_evidence=with_evidence
    )
    assert found == expected


@settings(max_examples=scaled(15))
@given(cohorts(max_reviews=5))
def test_medians_by_sorting_equal_medians_by_counting(case: Case) -> None:
    """Large frameworks take the median by sorting a list (the counting form would be a
    query of strands times levels terms): both forms give the defined median."""
    framework, reviews, _ = case
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cohort_rows, "COUNTING_TERMS", 0)
        assert benchmark_sql(framework, reviews) == benchmark(framework, reviews)


def _latest_only(reviews: list[Assessment]) -> list[Assessment]:
    """The reviews a cohort file keeps: the last read of each school and date."""
    kept: dict[tuple[str, dt.date], Assessment] = {}
    for review in reviews:
        kept.pop((review.school.id, review.assessed_on), None)
        kept[(review.school.id, review.assessed_on)] = review
    return list(kept.values())


@settings(max_examples=scaled(25))
@given(cohorts(), st.booleans())
def test_a_cohort_file_benchmarks_as_its_reviews(
    tmp_path_factory: pytest.TempPathFactory, case: Case, latest_only: bool
) -> None:
    """Reviews written to Parquet (one row per judgement) and benchmarked from there give
    the cohort of those reviews: the file loses nothing `benchmark` uses."""
    framework, reviews, policy = case
    kept = _latest_only(reviews)
    work = tmp_path_factory.mktemp("parquet")
    staged = work / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, review in enumerate(kept):
            line = record(framework, review, f"#{n + 1}", evidence=True)
            out.write(f'{{"q":{n},{line[1:]}\n')
    target = work / "cohort.parquet"
    write_parquet(str(staged), str(target), evidence=True, work_dir=str(work))
    expected = benchmark(
        framework, kept, policy=policy, latest_only=latest_only, with_evidence=True
    )
    con = connect(work)
    try:
        made = SqlCohort(
            con,
            parquet_rows(str(target), framework, evidence=True),
            framework,
            policy,
            latest_only,
            with_evidence=True,
        )
        found = made.cohort()
    finally:
        con.close()
    assert found == expected.model_copy(update={"duplicates": ()})
    assert not _parquet_files_left(work, target)


def _parquet_files_left(work: Path, target: Path) -> list[Path]:
    return [p for p in work.iterdir() if p.suffix == ".parquet" and p != target]
