"""`SqlCohort.counts_by_year`, counted once, its long form dropped when counted (round 56).

Round 55 left: a wide cohort's counts by year (`sql_long.long_year_counts`) made the long
form of each school's latest review of each year (`year_*` tables) on every call, and the
tables stayed in the connection, holding memory, until it closed. Now the counts are made
once a cohort, the year tables dropped as soon as they are counted, the counts the same as
the column-an-id path's; a narrow cohort's are counted once too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from selfreview_core.cohort import sql, sql_counts, sql_queries, sql_support
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort

from .test_wide_dashboard import _staged


def _tables(made: SqlCohort, prefix: str) -> list[str]:
    found = made.con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, ?) ORDER BY 1",
        [prefix],
    ).fetchall()
    return [name for (name,) in found]


def _counted(tmp_path: Path, wide: bool) -> tuple[Any, ...]:
    """The counts by year, asked twice, and how many times each way of counting them ran;
    with the `year_*` and `long_*` tables left after."""
    tmp_path.mkdir()
    framework, reviews, staged = _staged(tmp_path, 4)
    assert len({r.assessed_on.year for r in reviews}) == 2
    before = staged.read_bytes()
    made_long: list[bool] = []
    plain: list[int] = []
    make, count = sql_support.SupportEntries.__post_init__, sql_counts.year_counts

    def noted(self: sql_support.SupportEntries) -> None:
        made_long.append(self.by_year)
        make(self)

    def counted(*args: Any) -> Any:
        plain.append(1)
        return count(*args)

    con = connect(tmp_path)
    try:
        with pytest.MonkeyPatch.context() as monkeypatch:
            if wide:
                monkeypatch.setattr(sql_queries, "WIDE_IDS", 0)
            monkeypatch.setattr(sql_support.SupportEntries, "__post_init__", noted)
            monkeypatch.setattr(sql, "year_counts", counted)
            made = SqlCohort(con, staged_rows(str(staged), scores=True), framework, "median")
            assert sql_queries.is_wide(made.layout) == wide
            made.figures()  # a wide cohort's long form (`long_*`), which stays: it is read again
            first = made.counts_by_year()
            second = made.counts_by_year()
            left = (_tables(made, "year_"), _tables(made, "long_"))
    finally:
        con.close()
    assert staged.read_bytes() == before
    return first, second, made_long, len(plain), left


def test_a_wide_cohorts_counts_by_year_are_made_once_and_their_tables_dropped(
    tmp_path: Path,
) -> None:
    plain = _counted(tmp_path / "plain", wide=False)
    wide = _counted(tmp_path / "wide", wide=True)
    assert wide[0] == wide[1] == plain[0] == plain[1]
    assert len(wide[0]) == 2
    assert wide[2:4] == ([False, True], 0)  # the long form, then the year form once
    assert wide[4] == ([], ["long_aspects", "long_entries", "long_strands"])
    assert plain[2:] == ([], 1, ([], []))  # counted once, a column an id


def test_the_year_form_is_dropped_though_the_long_form_was_never_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Support's own tables and the long form are untouched by the year form's drop."""
    framework, _, staged = _staged(tmp_path, 4)
    monkeypatch.setattr(sql_queries, "WIDE_IDS", 0)
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, staged_rows(str(staged), scores=True), framework, "mean")
        support = sql_support.SupportEntries(made)
        shown = list(support.reviews())
        counts = made.counts_by_year()
        assert _tables(made, "year_") == _tables(made, "long_") == []
        assert _tables(made, "support_") == [
            "support_aspects",
            "support_entries",
            "support_names",
            "support_strands",
        ]
        assert list(support.reviews()) == shown
        assert made.counts_by_year() is counts
    finally:
        con.close()
