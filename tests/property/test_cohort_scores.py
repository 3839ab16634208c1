"""Cohorts of frameworks with questions: the DuckDB cohort equals the defined one, on scores.

SPEC section 10: "in a framework with questions, an aggregate's level is the level at rank
⌊aggregate score⌋", the aggregate score being "the policy applied to the scores of the
judged strands under them, without rounding"; issue 19 asks for cohorts "that count score
changes". `cohort.benchmark` is the definition (each school's aggregates as `score` gives
them, its percentile taken by score); `benchmark_sql` and a cohort file must give the same
`Cohort`, figure for figure, on question frameworks of either scale direction.
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
from selfreview_core import POLICIES, Assessment, Framework, Policy, benchmark, score
from selfreview_core.cohort.parquet import write_parquet
from selfreview_core.cohort.sql import SqlCohort, benchmark_sql, connect, parquet_rows
from selfreview_core.cohort.staging import record
from selfreview_core.testing import answered_assessments, question_frameworks

Draw = Callable[[st.SearchStrategy[Any]], Any]
Case = tuple[Framework, list[Assessment], Policy]

SCHOOLS = ("a", "b", "c", "d")
DAYS = (dt.date(2024, 9, 1), dt.date(2025, 9, 1), dt.date(2025, 9, 2))


@st.composite
def question_cohorts(draw: Draw, *, max_reviews: int = 8) -> Case:
    """A question framework (either scale direction; answers valued in quarters and
    hundredths), reviews by answers, by level and not applicable, some partial, of a few
    schools on a few dates (so duplicates and several years occur), and a policy."""
    framework = draw(question_frameworks(max_elements=2, max_aspects=2, max_strands=3))
    drawn = draw(st.lists(answered_assessments(framework), max_size=max_reviews))
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


@settings(max_examples=scaled(40))
@given(question_cohorts(), st.booleans(), st.booleans())
def test_the_duckdb_cohort_of_a_question_framework_is_the_defined_cohort(
    case: Case, latest_only: bool, with_evidence: bool
) -> None:
    """Counts, quartiles, each school's aggregate levels (from scores, under the policy)
    and percentiles (by score), duplicates: all equal to the definition's."""
    framework, reviews, policy = case
    expected = benchmark(
        framework, reviews, policy=policy, latest_only=latest_only, with_evidence=with_evidence
    )
    found = benchmark_sql(
        framework, reviews, policy=policy, latest_only=latest_only, with_evidence=with_evidence
    )
    assert found == expected


@settings(max_examples=scaled(40))
@given(question_cohorts())
def test_aggregate_levels_follow_each_schools_own_scores(case: Case) -> None:
    """Each school's aspect, element and overall level in the cohort is its profile's: the
    level at ⌊aggregate score⌋, not the policy over its strand levels."""
    framework, reviews, policy = case
    found = benchmark_sql(framework, reviews, policy=policy, latest_only=False)
    for review, entry in zip(_in_cohort_order(reviews), found.schools, strict=True):
        profile = score(framework, review, policy)
        assert {a: p.level for a, p in entry.aspects.items()} == dict(profile.aspects)
        assert {e: p.level for e, p in entry.elements.items()} == dict(profile.elements)
        assert entry.overall.level == profile.overall


@settings(max_examples=scaled(40))
@given(question_cohorts())
def test_a_higher_score_has_a_higher_percentile(case: Case) -> None:
    """Percentiles by score: a school with a higher score at an id has a higher
    percentile there, one with the same score the same, whatever their levels."""
    framework, reviews, policy = case
    found = benchmark_sql(framework, reviews, policy=policy, latest_only=False)
    ordered = _in_cohort_order(reviews)
    profiles = [score(framework, review, policy) for review in ordered]
    ids = [*framework.strand_ids, *(a.id for a in framework.aspects)]
    for node_id in ids:
        placed: list[tuple[float, float | None]] = []
        for profile, entry in zip(profiles, found.schools, strict=True):
            value = profile.score(node_id)
            if value is not None:
                placed.append((value, entry.get(node_id).percentile))
        for first, one in placed:
            for second, other in placed:
                assert one is not None
                assert other is not None
                if first < second:
                    assert one < other
                elif first == second:
                    assert one == other


def _in_cohort_order(reviews: list[Assessment]) -> list[Assessment]:
    """The reviews as a cohort of every review lists them: by school id, date, order read."""
    numbered = sorted(enumerate(reviews), key=lambda p: (p[1].school.id, p[1].assessed_on, p[0]))
    return [review for _, review in numbered]


@settings(max_examples=scaled(25))
@given(question_cohorts(), st.booleans())
def test_a_question_cohort_file_benchmarks_as_its_reviews(
    tmp_path_factory: pytest.TempPathFactory, case: Case, latest_only: bool
) -> None:
    """Reviews written to Parquet (with each strand's score) and benchmarked from there
    give the cohort of those reviews."""
    framework, reviews, policy = case
    kept: dict[tuple[str, dt.date], Assessment] = {}
    for review in reviews:  # a cohort file keeps the last read of each school and date
        kept.pop((review.school.id, review.assessed_on), None)
        kept[(review.school.id, review.assessed_on)] = review
    work = tmp_path_factory.mktemp("parquet")
    staged = work / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, review in enumerate(kept.values()):
            line = record(framework, review, f"#{n + 1}", evidence=False)
            out.write(f'{{"q":{n},{line[1:]}\n')
    target = work / "cohort.parquet"
    write_parquet(str(staged), str(target), work_dir=str(work))
    expected = benchmark(framework, list(kept.values()), policy=policy, latest_only=latest_only)
    con = connect(work)
    try:
        found = SqlCohort(
            con, parquet_rows(str(target), framework), framework, policy, latest_only
        ).cohort()
    finally:
        con.close()
    assert found == expected.model_copy(update={"duplicates": ()})
    assert not [p for p in Path(work).iterdir() if p.suffix == ".parquet" and p != target]
