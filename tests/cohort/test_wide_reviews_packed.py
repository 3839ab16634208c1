"""A wide framework's step 1 (`sql_queries.make_reviews`, round 70): its reviews are stored
with their scores packed (`cohort_packed`, a few words), and the view `cohort_reviews`
unpacks a column a strand as each query reads it. Stored a column a strand, a thousand,
the table took 18 KB a school, grew with the schools up to DuckDB's limit, and making it
took 2,000 wide schools' step 1 to 218 MB (122 packed): 10,000 schools' `benchmark` with
evidence peaked at 436 MB, past SPEC section 8's 400. The figures are the defined ones."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from cohort.test_wide_questions import _schools, _staged
from selfreview_core import Cohort, load_assessment, load_framework
from selfreview_core.cohort.benchmarking import benchmark
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_queries import is_wide


def _cohort(
    folder: Path, shape: tuple[int, int, int], con: duckdb.DuckDBPyConnection | None = None
) -> tuple[SqlCohort, Cohort]:
    """A cohort of three schools of the wide framework of `shape`, in DuckDB (on `con`, or
    a connection of its own), and the defined cohort of the same reviews."""
    framework_path, paths = _schools(folder, shape, 3)
    framework = load_framework(framework_path)
    staged = _staged(folder, framework, paths)
    made = SqlCohort(
        con or connect(folder),
        staged_rows(os.fspath(staged), scores=True),
        framework,
        "mean",
    )
    reviews = [load_assessment(path, framework) for path in paths]
    return made, benchmark(framework, reviews, policy="mean")


def _stored(made: SqlCohort) -> dict[str, int]:
    """Each table DuckDB holds for the cohort, and its columns."""
    found = made.con.execute(
        "SELECT table_name, column_count FROM duckdb_tables() WHERE temporary"
    ).fetchall()
    return {str(name): int(columns) for name, columns in found}


def test_a_wide_cohorts_reviews_are_stored_packed_not_a_column_a_strand(tmp_path: Path) -> None:
    made, expected = _cohort(tmp_path, (10, 10, 10))
    try:
        assert is_wide(made.layout)
        strands = len(made.layout.strands)
        assert strands == 1000
        assert made.cohort() == expected  # the figures and positions, read through the view
        stored = _stored(made)
        assert "cohort_packed" in stored
        assert "cohort_reviews" not in stored  # a view
        assert max(stored.values()) < 200 < strands  # was 1,090 columns: 1,000 scores
        read = made.con.execute("SELECT * FROM cohort_scored").description  # round 71
        names = [column[0] for column in read]
        assert names[-strands:] == [f"s{i}" for i in range(strands)]  # each score, as before
    finally:
        made.con.close()


def test_a_cohort_after_a_wide_one_on_one_connection_drops_its_view(tmp_path: Path) -> None:
    """Step 1 drops the reviews a former cohort made on the connection: a wide one's view,
    which `DROP TABLE` refuses, then a narrow one's table, which `DROP VIEW` refuses."""
    con = connect(tmp_path)
    try:
        for n, shape in enumerate([(10, 10, 10), (1, 2, 3), (10, 10, 10)]):
            folder = tmp_path / str(n)
            folder.mkdir()
            made, expected = _cohort(folder, shape, con)
            assert is_wide(made.layout) == (shape == (10, 10, 10))
            assert made.cohort() == expected
            assert ("cohort_reviews" in _stored(made)) != is_wide(made.layout)
    finally:
        con.close()
