"""`cohort.sql`: behaviours mutation passes (rounds 38 and 41) found no test pinning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

import pytest

from selfreview_core import Assessment, Framework, Judgement, Policy, School, benchmark
from selfreview_core.cohort.file_reading import parquet_rows
from selfreview_core.cohort.parquet import write_parquet
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.staged_lines import record


def _reviews(framework: Framework) -> list[Assessment]:
    """Three schools; school `b` reviewed twice, a year apart, at different levels; school
    `a` at the worst level (rank 0), `c` at the best (`levels` runs best first)."""
    strand = framework.strand_ids[0]
    levels = framework.scale.levels
    made = [("a", 2024, -1), ("b", 2024, 1), ("b", 2025, 2), ("c", 2025, 0)]
    return [
        Assessment(
            framework=framework.ref,
            school=School(id=school, name=f"School {school}"),
            assessed_on=dt.date(year, 9, 1),
            judgements={strand: Judgement(level=levels[level], evidence="Minutes")},
        )
        for school, year, level in made
    ]


def each_year_s_own_cohort(
    found: dict[int, tuple[int, list[list[int]]]], framework: Framework, reviews: list[Assessment]
) -> None:
    """`counts_by_year()` of `_reviews`: each year counts the schools reviewed in it, at
    that year's review, as `benchmark` of that year's reviews alone counts them."""
    scale = framework.scale
    assert sorted(found) == [2024, 2025]
    for year, (schools, counts) in found.items():
        expected = benchmark(framework, [r for r in reviews if r.assessed_on.year == year])
        assert schools == expected.size == 2
        for stats, ranks in zip(expected.distributions(), counts, strict=True):
            by_rank = [0] * scale.size
            for level, count in stats.counts.items():
                by_rank[scale.rank(level)] = count or 0
            assert ranks == by_rank


def _staged(work: Path, framework: Framework, reviews: list[Assessment]) -> str:
    path = work / "staged.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            out.write(f'{{"q":{n},{record(framework, review, f"#{n + 1}", evidence=False)[1:]}\n')
    return str(path)


@pytest.fixture(params=["becta", "small_framework"])
def framework(request: pytest.FixtureRequest) -> Framework:
    """Both scale directions: Becta's best level is 1, the small framework's is 3."""
    found: Framework = request.getfixturevalue(request.param)
    return found


def test_by_default_each_school_counts_once_without_evidence_text(
    tmp_path: Path, framework: Framework
) -> None:
    """`SqlCohort`'s defaults are `benchmark`'s: the median policy, each school with its
    latest review, no evidence text (rows without it are accepted)."""
    reviews = _reviews(framework)
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, staged_rows(_staged(tmp_path, framework, reviews)), framework)
        assert made.cohort() == benchmark(framework, reviews)
        assert made.size == 3
    finally:
        con.close()


def test_evidence_text_asked_of_rows_without_it_is_refused(
    tmp_path: Path, framework: Framework
) -> None:
    rows = staged_rows(_staged(tmp_path, framework, _reviews(framework)))
    con = connect(tmp_path)
    try:
        with pytest.raises(ValueError, match="rows carry none"):
            SqlCohort(con, rows, framework, with_evidence=True)
    finally:
        con.close()


def test_an_unknown_policy_is_refused_naming_the_policies(
    tmp_path: Path, framework: Framework
) -> None:
    """A misspelt policy is refused when the cohort is made, naming the ones there are,
    rather than taken silently as another (the median)."""
    rows = staged_rows(_staged(tmp_path, framework, _reviews(framework)))
    con = connect(tmp_path)
    try:
        with pytest.raises(ValueError, match="unknown policy 'strongest': choose one of "):
            SqlCohort(con, rows, framework, cast(Policy, "strongest"))
    finally:
        con.close()


def test_one_schools_positions_are_its_own_oldest_first(
    tmp_path: Path, framework: Framework
) -> None:
    """What `benchmark --school` and `report --cohort` read: only that school's entries,
    in the order `Cohort.positions` gives them; none for a school not in the cohort."""
    reviews = _reviews(framework)
    con = connect(tmp_path)
    try:
        rows = staged_rows(_staged(tmp_path, framework, reviews))
        for latest_only in (True, False):
            made = SqlCohort(con, rows, framework, latest_only=latest_only)
            expected = benchmark(framework, reviews, latest_only=latest_only)
            for school in ("a", "b", "c"):
                assert tuple(made.positions(school)) == expected.positions(school)
            assert list(made.positions("z")) == []
    finally:
        con.close()


def test_a_cohort_file_without_evidence_text_reads_with_the_defaults(
    tmp_path: Path, framework: Framework
) -> None:
    """A cohort file `collect` wrote without `--with-evidence` (no evidence column) is read
    by `parquet_rows` as it is given, and benchmarks as its reviews do: schools at the worst
    level (rank 0) included, each school's id once."""
    reviews = _reviews(framework)
    target = tmp_path / "cohort.parquet"
    write_parquet(_staged(tmp_path, framework, reviews), str(target), work_dir=str(tmp_path))
    con = connect(tmp_path)
    try:
        rows = parquet_rows(str(target), framework)
        assert rows.evidence is False
        made = SqlCohort(con, rows, framework)
        assert made.cohort() == benchmark(framework, reviews)
        assert made.duplicates() == ()
        count, batches = made.school_ids()
        assert (count, list(batches)) == (3, [["a", "b", "c"]])
    finally:
        con.close()


def test_counts_by_year_are_each_years_own_cohort(tmp_path: Path, framework: Framework) -> None:
    """What the dashboard draws year by year: per year, the schools reviewed and, for each
    id, how many stand at each rank (worst first), as `benchmark` of that year's reviews
    counts them; ranks nobody holds count 0."""
    reviews = _reviews(framework)
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, staged_rows(_staged(tmp_path, framework, reviews)), framework)
        found = made.counts_by_year()
    finally:
        con.close()
    each_year_s_own_cohort(found, framework, reviews)
