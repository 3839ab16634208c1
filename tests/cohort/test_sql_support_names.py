"""Each entry's school name and authority joined to the long form once (`SupportEntries.names`).

`support` rebuilds its reviews a few entries a query (`SupportEntries.reviews`, 5,461 of
Becta's a query), and a wide cohort's rows are put together likewise (`entry_rows`). Each of
those queries joined the cohort's whole names table (`SqlCohort._names`) to its few
entries: at a million schools from JSON Lines, 183 batches each read a million names again
(round 67 took it for the last 200 s of `support`'s CPU; round 68 measured the same CPU
without it: the batches' scans of `support_strands` are what grows). The names are now
joined to the entries' places once, and each batch reads only its own. These tests count
the queries that read the cohort's names table while the reviews are read in many batches,
and hold the rows to those read in one batch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import duckdb
import pytest

from selfreview_core.cohort import sql_queries, sql_support
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_support import SupportEntries

from .test_wide_dashboard import _staged

#: Schools in the cohort: at 10 strands' rows a query (`REVIEW_ROWS`), one entry a batch.
SCHOOLS = 6


class _Counting:
    """A connection that keeps each query it is asked, and otherwise is the connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.asked: list[str] = []

    def execute(self, query: str, *args: Any) -> duckdb.DuckDBPyConnection:
        self.asked.append(query)
        return self.con.execute(query, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.con, name)


def _read(tmp_path: Path, wide: bool, batch_rows: int) -> tuple[list[Any], list[str]]:
    """The reviews (`wide`: the entry rows) read `batch_rows` strands' rows a query, and the
    queries asked while they were read; the cohort's names table made before."""
    tmp_path.mkdir()
    framework, _, staged = _staged(tmp_path, SCHOOLS)
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, staged_rows(str(staged), scores=True), framework, "median")
        entries = made.long_form if wide else SupportEntries(made)
        made._names()
        counting = _Counting(con)
        made.con = cast(duckdb.DuckDBPyConnection, counting)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sql_support, "REVIEW_ROWS", batch_rows)
            read = list(entries.entry_rows(None, False) if wide else entries.reviews())
        made.con = con
        return read, counting.asked
    finally:
        con.close()


@pytest.mark.parametrize("wide", [False, True], ids=["reviews", "entry_rows"])
def test_the_names_table_is_read_once_however_many_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wide: bool
) -> None:
    if wide:
        monkeypatch.setattr(sql_queries, "WIDE_IDS", 0)
    in_batches, asked = _read(tmp_path / "batches", wide, 10)
    at_once, _ = _read(tmp_path / "once", wide, 10 * SCHOOLS)
    batches = [query for query in asked if "BETWEEN" in query]
    assert len(batches) == SCHOOLS  # one entry a query: the batches are there to be counted
    # Joined once: `support`'s entries when made (round 70), the long form's on first use.
    named = [query for query in asked if "cohort_names" in query]
    assert named == ([asked[0]] if wide else [])
    assert "cohort_names" not in " ".join(batches)
    assert len(in_batches) == SCHOOLS
    assert in_batches == at_once
    names = {(row[0], row[1], row[2]) for row in in_batches}
    assert len(names) == SCHOOLS  # each entry with its own school's name and authority
