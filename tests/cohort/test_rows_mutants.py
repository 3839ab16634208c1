"""`cohort.rows`: behaviours mutation passes (rounds 38 and 41) found no test pinning."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from cohort.test_sql_counts_mutants import wide_framework, wide_reviews
from selfreview_core import (
    Assessment,
    Framework,
    Judgement,
    School,
    benchmark,
)
from selfreview_core.cohort.file_reading import parquet_rows
from selfreview_core.cohort.parquet import write_parquet
from selfreview_core.cohort.rows import connect, policy_sql, quoted, staged_rows
from selfreview_core.cohort.sql import SqlCohort, benchmark_sql
from selfreview_core.cohort.staged_lines import record
from selfreview_core.testing.mirror import mirror_framework


def test_duckdb_spills_to_the_work_directory_it_is_given(tmp_path: Path) -> None:
    """`benchmark` and `collect` give DuckDB their own temporary directory to spill to,
    never its default (`.tmp` under the directory the user runs the command in)."""
    work = tmp_path / "it's work"  # a quote, which the SET statement must escape
    work.mkdir()
    con = connect(work)
    try:
        found = con.execute("SELECT current_setting('temp_directory')").fetchone()
    finally:
        con.close()
    assert found == (str(work),)


def test_a_nul_character_never_enters_a_sql_literal() -> None:
    """The literals name files (COPY's target, the spill directory), and no file name holds
    a NUL: text with one is refused before it reaches DuckDB, not quoted into a statement."""
    assert quoted("it's") == "'it''s'"
    with pytest.raises(ValueError, match="NUL"):
        quoted("a\x00b")


def _with_questions(framework: Framework) -> Framework:
    """`framework` with a question on each strand's levels above the worst: aggregates
    then follow scores (SPEC section 10), here of strands judged by level."""
    data = framework.model_dump(by_alias=True)
    upwards = [framework.scale.from_rank(rank) for rank in range(1, framework.scale.size)]
    for element in data["elements"]:
        for aspect in element["aspects"]:
            for strand in aspect["strands"]:
                strand["questions"] = [
                    {
                        "id": f"{strand['id']}?{level}",
                        "level": level,
                        "text": "Is it so?",
                        "answers": "scale",
                    }
                    for level in upwards
                ]
    data["answer_sets"] = {
        "scale": [
            {"id": "yes", "text": "Yes", "value": 1},
            {"id": "no", "text": "No", "value": 0},
            {"id": "partly", "text": "Partly", "value": 0.5},
        ]
    }
    return Framework.model_validate(data)


def _one_apart(framework: Framework, first: int, rest: int) -> Assessment:
    """School a's review with its first strand at level `first` and the others at `rest`."""
    return Assessment(
        framework=framework.ref,
        school=School(id="a", name="School a"),
        assessed_on=dt.date(2025, 9, 1),
        judgements={
            s: Judgement(level=first if i == 0 else rest)
            for i, s in enumerate(framework.strand_ids)
        },
    )


@pytest.mark.parametrize("mirrored", [False, True])
def test_the_weakest_policy_takes_the_weakest_score_in_a_framework_with_questions(
    small_framework: Framework, mirrored: bool
) -> None:
    """Under `weakest`, a school with one strand at the worst level and three at the best
    is at the worst level overall in DuckDB as in `benchmark` (the median would put it at
    the best), whichever way the scale runs."""
    framework = _with_questions(mirror_framework(small_framework) if mirrored else small_framework)
    scale = framework.scale
    review = _one_apart(framework, scale.worst, scale.best)
    found = benchmark_sql(framework, [review], policy="weakest")
    assert found == benchmark(framework, [review], policy="weakest")
    assert found.schools[0].overall.level == scale.worst


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
def test_the_mean_policy_rounds_the_mean_of_the_ranks_not_their_median(
    small_framework: Framework, mirrored: bool
) -> None:
    """Under `mean`, three strands at the worst level and one at the best put a school at
    the level one above the worst overall (3/4 rounds to 1) in DuckDB as in `benchmark`,
    not at the worst (their median and their weakest), whichever way the scale runs."""
    framework = mirror_framework(small_framework) if mirrored else small_framework
    scale = framework.scale
    review = _one_apart(framework, scale.best, scale.worst)
    found = benchmark_sql(framework, [review], policy="mean")
    assert found == benchmark(framework, [review], policy="mean")
    assert found.schools[0].overall.level == scale.from_rank(1)


def test_a_median_over_plain_rank_columns_is_the_lower_middle_judged_rank() -> None:
    """`policy_sql` without a packed layout (an embedder's own rank columns) counts the
    median on the columns themselves: the lower middle of the judged ranks, NULL when none
    is judged."""
    first, expression = policy_sql("median", ["a", "b", "c", "d"], 4, "g")
    con = duckdb.connect()
    try:
        found = con.execute(
            f"SELECT {expression} FROM (SELECT *, {', '.join(first)} FROM (VALUES "
            "(1, 0, 3, 3, NULL), (2, 0, 1, 2, 3), (3, NULL, NULL, NULL, NULL), "
            "(4, 2, NULL, NULL, NULL), (5, 3, 3, 0, 0)) t(i, a, b, c, d)) ORDER BY i"
        ).fetchall()
    finally:
        con.close()
    assert [row[0] for row in found] == [3, 1, None, 2, 0]


@pytest.mark.parametrize("mirrored", [False, True])
def test_a_cohort_file_gives_each_strands_own_score_by_default(
    tmp_path: Path, small_framework: Framework, mirrored: bool
) -> None:
    """`parquet_rows` reads the file's scores unless told the file has none: two schools at
    one level with answers worth different scores have different percentiles there, as in
    `benchmark` (not the same one, as their ranks alone would give)."""
    framework = _with_questions(mirror_framework(small_framework) if mirrored else small_framework)
    strand = framework.strand(framework.strand_ids[0])
    first, second = (q.id for q in (strand.questions or ())[:2])
    reviews = [
        Assessment(
            framework=framework.ref,
            school=School(id=school, name=f"School {school}"),
            assessed_on=dt.date(2025, 9, 1),
            judgements={strand.id: Judgement(answers={first: "yes", second: answer})},
        )
        for school, answer in (("a", "no"), ("b", "partly"))
    ]
    staged = tmp_path / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            out.write(f'{{"q":{n},{record(framework, review, f"#{n + 1}", evidence=False)[1:]}\n')
    target = tmp_path / "cohort.parquet"
    write_parquet(str(staged), str(target), work_dir=str(tmp_path))
    con = connect(tmp_path)
    try:
        found = SqlCohort(con, parquet_rows(str(target), framework), framework).cohort()
    finally:
        con.close()
    assert found == benchmark(framework, reviews)
    a, b = (entry.get(strand.id).percentile for entry in found.schools)
    assert a is not None
    assert b is not None
    assert a < b


def test_the_rows_a_cohort_reads_cannot_be_changed_once_made() -> None:
    """A `Rows` is a value: a `SqlCohort` keeps the one it was given, and no caller can
    change its SQL, parameters or name under it afterwards."""
    rows = staged_rows("staged.jsonl")
    for field, value in (("sql", "SELECT 1"), ("params", ()), ("name", "other")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(rows, field, value)
    assert rows.params == ("staged.jsonl",)


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
def test_a_level_of_more_than_63_strands_is_counted_as_benchmark_counts_it(mirrored: bool) -> None:
    """`bit_count` gives a TINYINT: the overall level of 130 one-strand elements, most of
    them judged, overflowed it ("internal error: Overflow in multiplication of INT8") before
    round 43."""
    wide = wide_framework(130)
    framework = mirror_framework(wide) if mirrored else wide
    reviews = wide_reviews(framework, 10)
    assert benchmark_sql(framework, reviews) == benchmark(framework, reviews)
