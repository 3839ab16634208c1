"""`cohort.sql_queries`, what `cohort.sql`'s tests did not hold (round 42's second pass):
the dashboard's counts by year from a cohort file, and what its functions give by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core import Assessment, Framework
from selfreview_core.cohort.file_reading import parquet_rows
from selfreview_core.cohort.parquet import write_parquet
from selfreview_core.cohort.rows import Layout, connect
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_queries import entries_sql, read_figures
from selfreview_core.cohort.staged_lines import record

from .test_sql_mutants import _reviews, each_year_s_own_cohort


@pytest.fixture(params=["becta", "small_framework"])
def framework(request: pytest.FixtureRequest) -> Framework:
    """Both scale directions: Becta's best level is 1, the small framework's is 3."""
    found: Framework = request.getfixturevalue(request.param)
    return found


def _cohort_file(work: Path, framework: Framework, reviews: list[Assessment]) -> str:
    """The reviews as `collect` writes them: a cohort file, one review per school and date."""
    staged = work / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            out.write(f'{{"q":{n},{record(framework, review, f"#{n + 1}", evidence=False)[1:]}\n')
    target = work / "cohort.parquet"
    write_parquet(str(staged), str(target), work_dir=str(work))
    return str(target)


def test_counts_by_year_from_a_cohort_file_are_each_years_own_cohort(
    tmp_path: Path, framework: Framework
) -> None:
    """The dashboard's year-by-year medians from a cohort file: a school reviewed in two
    years counts in each of them, with that year's review (not only in the year of its
    latest), as `benchmark` of that year's reviews counts it."""
    reviews = _reviews(framework)
    target = _cohort_file(tmp_path, framework, reviews)
    con = connect(tmp_path)
    try:
        found = SqlCohort(con, parquet_rows(target, framework), framework).counts_by_year()
    finally:
        con.close()
    each_year_s_own_cohort(found, framework, reviews)


def test_the_entries_are_each_schools_latest_review_unless_asked_by_year(
    tmp_path: Path, framework: Framework
) -> None:
    """`entries_sql` without `by_year` gives each school once, with its latest review
    (school `b`'s of 2025); with `by_year`, its latest of each year."""
    reviews = _reviews(framework)
    target = _cohort_file(tmp_path, framework, reviews)
    rows = parquet_rows(target, framework)
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, rows, framework)
        made.figures()  # the reviews' table, `cohort_reviews`, is made
        layout = Layout(framework, "median")
        for by_year, expected in [
            ((), [("a", 2024), ("b", 2025), ("c", 2025)]),
            ((True,), [("a", 2024), ("b", 2024), ("b", 2025), ("c", 2025)]),
        ]:
            sql = entries_sql(layout, rows, "median", True, *by_year)
            found = con.execute(
                f"SELECT school_id, year(assessed_on) FROM ({sql}) ORDER BY ALL"
            ).fetchall()
            assert found == expected
    finally:
        con.close()


def test_figures_read_from_the_entries_are_by_level_unless_asked_by_score(
    tmp_path: Path, framework: Framework
) -> None:
    """`read_figures` without `scores` counts levels only (no score columns are asked of
    entries of a framework without questions), and gives the figures counting by groups
    gives."""
    reviews = _reviews(framework)
    rows = parquet_rows(_cohort_file(tmp_path, framework, reviews), framework)
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, rows, framework)
        expected = made.figures()
        layout = Layout(framework, "median")
        found = read_figures(con, entries_sql(layout, rows, "median", True), len(layout.ids))
    finally:
        con.close()
    assert found.by_score is None
    assert found.score_counts is None
    assert (found.size, found.counts, found.quartiles, found.percentiles) == (
        expected.size,
        expected.counts,
        expected.quartiles,
        expected.percentiles,
    )
