"""A wide framework's latest reviews, read unpacked (`sql_queries.entry_reviews_sql`, not
`packed`): the scores a column a strand (`s{i}`) of `cohort_scored`, and no score words,
which that view leaves out. Found by round 74's mutation pass over round 73's lines, where
`wide and packed` as `or` in the choice of columns survived twice: the score words asked of
`cohort_scored` (a binder error), or the strands' scores left out (none to read)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cohort.test_wide_reviews_packed import _cohort
from selfreview_core.cohort import sql_queries
from selfreview_core.cohort.sql_queries import entry_reviews_sql, is_wide
from selfreview_core.cohort.sql_reviews import score_words


def test_a_wide_cohorts_latest_reviews_read_unpacked_hold_a_score_a_strand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sql_queries, "WIDE_IDS", 0)  # 8 strands counted as 1,000 are
    made, _ = _cohort(tmp_path, (2, 2, 2))
    try:
        layout, rows = made.layout, replace(made.rows, unique_reviews=True)
        assert is_wide(layout)
        made._prepare()  # the reviews stored, and the view that unpacks their scores
        latest = entry_reviews_sql(layout, rows, latest_only=True)
        described = made.con.execute(f"SELECT * FROM ({latest}) LIMIT 0").description
        columns = [column[0] for column in described]
        strands = [f"s{i}" for i in range(len(layout.strands))]
        assert [c for c in columns if c.startswith("s") and c[1:].isdigit()] == strands
        assert not {f"v{w}" for w in range(score_words(layout))} & set(columns)
        scores = ", ".join(strands)
        query = f"SELECT school_id, {scores} FROM ({latest}) ORDER BY 1"
        taken = made.con.execute(query).fetchall()
        # The same as each school's latest review found by its window (reviews not known
        # unique a school and date):
        windowed = entry_reviews_sql(layout, made.rows, latest_only=True)
        assert "QUALIFY" in windowed
        query = f"SELECT school_id, {scores} FROM ({windowed}) ORDER BY 1"
        expected = made.con.execute(query).fetchall()
        assert len(taken) == 3
        assert taken == expected
    finally:
        made.con.close()
