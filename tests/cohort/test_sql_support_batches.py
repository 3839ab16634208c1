"""`support`'s reviews read a few entries a query, each query reading its own entries' rows.

`support` rebuilds its reviews a few entries a query (`SupportEntries.reviews`, 5,461 of
Becta's a query), and a wide cohort's rows are put together likewise (`entry_rows`). Each of
those queries joined the cohort's whole names table (`SqlCohort._names`) to its few
entries: at a million schools from JSON Lines, 183 batches each read a million names again,
the last 200 s of `support`'s 486 s of CPU (round 67). The names are now joined to the
entries' places once, and each batch reads only its own. These tests count the queries that
read the cohort's names table while the reviews are read in many batches, and hold the rows
to those read in one batch.

A batch finds its rows of the long form's tables by their place (`e BETWEEN ? AND ?`), which
DuckDB answers from the row groups (122,880 rows) whose least and greatest `e` allow them:
the tables must be stored in that order. `support_strands` of a cohort with evidence came in
the order of the texts' join, and `support_aspects` in a hash table's, so each batch read
most of them (6 of 9 row groups at 100,000 schools; a million: 183 batches of some 60 of 90).
They are written in order of `e` now, which the last test holds at a size that fits one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, cast

import duckdb
import pytest

from selfreview_core import Framework
from selfreview_core.cohort import sql_queries, sql_support
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_support import SupportEntries
from selfreview_core.cohort.staged_lines import staged_text

from .test_wide_dashboard import _staged
from .test_wide_evidence import _reviews

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework  # noqa: E402

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
    assert [query for query in asked if "cohort_names" in query] == [asked[0]]
    assert "cohort_names" not in " ".join(batches)
    assert len(in_batches) == SCHOOLS
    assert in_batches == at_once
    names = {(row[0], row[1], row[2]) for row in in_batches}
    assert len(names) == SCHOOLS  # each entry with its own school's name and authority


@pytest.mark.parametrize("every", [False, True], ids=["support", "long_form"])
def test_the_long_form_is_stored_in_cohort_order_whatever_the_order_read(
    tmp_path: Path, every: bool
) -> None:
    framework = Framework.model_validate(document := wide_framework(1, 2, 5))
    reviews = _reviews(document, 30, questions=True)
    staged = tmp_path / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as lines:  # the last school read first
        for n, review in enumerate(reversed(reviews)):
            lines.write(staged_text(framework, review, f"#{n + 1}", n, evidence=True))
    con = connect(tmp_path)
    try:
        rows = staged_rows(str(staged), evidence=True, scores=True)
        made = SqlCohort(con, rows, framework, "median", with_evidence=True)
        entries = SupportEntries(made, every=every)
        stored = {
            table: [e for (e,) in con.execute(f"SELECT e FROM {table} ORDER BY rowid").fetchall()]
            for table in (f"{entries.prefix}_strands", f"{entries.prefix}_aspects")
        }
        size = entries.size
        texts = con.execute(f"SELECT count(text) FROM {entries.prefix}_strands").fetchone()
    finally:
        con.close()
    for table, places in stored.items():
        assert places == sorted(places), table
        assert len(set(places)) == size == len({r.school.id for r in reviews})
    assert texts is not None
    assert texts[0] > 0  # the texts joined: the join that had lost the order
