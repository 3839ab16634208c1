"""A wide framework's reviews unpacked only where its entries are read (round 71).

Round 70 kept a wide framework's reviews packed (`cohort_packed`) behind a view,
`cohort_reviews`, that unpacked each of its 1,000 scores as a query read it. DuckDB plans
every column of a view a query names, used or not: each query that named it for its keys
alone (`duplicates`, `look_alike`, `dated_after`, the counts' `na`) planned the 1,000
unpackings, 20 to 50 MB and most of a second each (three schools as much as 10,000), held
beside the long form's 256 MB: 10,000 schools' `benchmark --with-evidence` peaked at
400 MB. `cohort_reviews` is now the packed rows as stored; only the entries
(`entry_reviews_sql`) read the view that unpacks them, `cohort_scored`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cohort.test_wide_reviews_packed import _cohort
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_queries import entry_reviews_sql


def _view(made: SqlCohort, name: str) -> str:
    found = made.con.execute(
        "SELECT sql FROM duckdb_views() WHERE view_name = ?", [name]
    ).fetchone()
    assert found is not None, name
    return str(found[0])


def _columns(made: SqlCohort, name: str) -> list[str]:
    return [column[0] for column in made.con.execute(f"SELECT * FROM {name} LIMIT 0").description]


def test_the_reviews_a_wide_cohorts_keys_are_read_from_unpack_no_score(tmp_path: Path) -> None:
    made, expected = _cohort(tmp_path, (10, 10, 10))
    try:
        assert made.cohort() == expected  # figures and positions, the scores unpacked
        strands = len(made.layout.strands)
        read = _columns(made, "cohort_reviews")
        assert not {f"s{i}" for i in range(strands)} & set(read)  # packed: no score a column
        assert len(read) < 200 < strands
        assert len(_view(made, "cohort_reviews")) < 200  # was 1,000 unpackings: 90 KB of SQL
        assert _columns(made, "cohort_scored")[-strands:] == [f"s{i}" for i in range(strands)]
        entries = entry_reviews_sql(made.layout, made.rows, latest_only=True)
        assert "cohort_scored" in entries
        assert "cohort_reviews" not in entries
    finally:
        made.con.close()


def test_a_wide_cohorts_keys_are_read_as_before_from_the_packed_rows(tmp_path: Path) -> None:
    """What reads the keys alone reads them from the packed rows: the same answers."""
    made, _ = _cohort(tmp_path, (10, 10, 10))
    try:
        assert not made.rows.unique_reviews  # `duplicates` queries the rows
        assert made.duplicates() == ()
        assert made.look_alike() == []
        found, total = made.dated_after(dt.date(2000, 1, 1), 2)
        assert [(school, str(day)) for school, day, _ in found] == [
            ("W000000", "2026-11-01"),
            ("W000001", "2026-11-01"),
        ]
        assert total == 3
        assert made.school_ids()[0] == 3
    finally:
        made.con.close()
