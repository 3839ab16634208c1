"""The long form stored in order of entry, its evidence texts in a table of their own
(`SupportEntries._texts`), so that each batch of a few entries reads only its own rows.

A batch of `support`'s reviews (`SupportEntries.reviews`) or of a wide cohort's rows
(`entry_rows`) finds its rows by their place (`e BETWEEN ? AND ?`), which DuckDB answers
from the row groups (122,880 rows) whose least and greatest `e` allow them: a table not
stored in that order is read again, most of it, by every batch. `support_strands` carried
the texts in the order of their hash join, and `support_aspects` came in a hash table's
order: at a million schools from JSON Lines, 183 batches each read some 60 of 90 row
groups, 433 s of CPU (round 68); sorting the strands with their texts ran out of the 160 MB
(round 68). The texts are now a table of their own, sorted alone on one thread, and a wide
cohort's rows with evidence (`benchmark --with-evidence`) read their batch's texts from it,
where each batch grouped every review's texts again (`sql_queries.texts_join`): work
growing with the square of the cohort. The order is held at a size that fits one row group,
with the file read in the reverse of the cohort's order, and the queries are counted.
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

from .test_sql_support_names import _Counting
from .test_wide_evidence import _reviews

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework  # noqa: E402

#: Schools in the cohort (one in three with an older review too).
SCHOOLS = 30


def _cohort(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> SqlCohort:
    """A 10-strand question framework's cohort with evidence, staged with the last school
    read first: the order of the file is the reverse of the cohort's."""
    framework = Framework.model_validate(document := wide_framework(1, 2, 5))
    reviews = _reviews(document, SCHOOLS, questions=True)
    staged = tmp_path / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as lines:
        for n, review in enumerate(reversed(reviews)):
            lines.write(staged_text(framework, review, f"#{n + 1}", n, evidence=True))
    rows = staged_rows(str(staged), evidence=True, scores=True)
    return SqlCohort(con, rows, framework, "median", with_evidence=True)


def _stored(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[Any, ...]]:
    """The table's (`e`, `i`) as stored (by row id)."""
    return con.execute(f"SELECT e, i FROM {table} ORDER BY rowid").fetchall()


@pytest.mark.parametrize("every", [False, True], ids=["support", "long_form"])
def test_the_long_form_and_its_texts_are_stored_in_cohort_order(
    tmp_path: Path, every: bool
) -> None:
    con = connect(tmp_path)
    try:
        entries = SupportEntries(_cohort(tmp_path, con), every=every)
        p, size = entries.prefix, entries.size
        assert size == SCHOOLS
        for table in ("strands", "aspects"):
            places = [e for e, _ in _stored(con, f"{p}_{table}")]
            assert places == sorted(places), table
            assert set(places) == set(range(size)), table  # every entry judged somewhere
        texts = _stored(con, f"{p}_texts")
        written = con.execute(f"SELECT count(*) FROM {p}_texts WHERE text <> ''").fetchone()
    finally:
        con.close()
    assert texts == sorted(texts)  # by entry, then by strand
    assert len(texts) == len(set(texts)) > SCHOOLS  # a text a strand, and many of them
    assert written == (len(texts),)


@pytest.mark.parametrize("wide", [False, True], ids=["reviews", "entry_rows"])
def test_each_batch_reads_the_texts_of_its_own_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wide: bool
) -> None:
    """Read one entry a query, the rows are those read in one query, each with its own
    texts, and no batch groups the cohort's whole texts table (`cohort_texts`)."""
    if wide:
        monkeypatch.setattr(sql_queries, "WIDE_IDS", 0)
    read: dict[int, list[Any]] = {}
    ids = 0
    for batch_rows in (10, 10 * 2 * SCHOOLS):
        con = connect(tmp_path / str(batch_rows))
        try:
            made = _cohort(tmp_path, con)
            ids = len(made.layout.ids)
            entries = made.long_form if wide else SupportEntries(made)
            counting = _Counting(con)
            made.con = cast(duckdb.DuckDBPyConnection, counting)
            monkeypatch.setattr(sql_support, "REVIEW_ROWS", batch_rows)
            read[batch_rows] = list(entries.entry_rows(None, True) if wide else entries.reviews())
            made.con = con
        finally:
            con.close()
        batches = [query for query in counting.asked if "BETWEEN" in query]
        assert len(batches) == (SCHOOLS if batch_rows == 10 else 1)
        assert "cohort_texts" not in " ".join(counting.asked)
    one_a_batch, at_once = read.values()
    assert one_a_batch == at_once
    assert len(at_once) == SCHOOLS
    at = -(ids + 2) if wide else 8  # the texts: before the aggregates' values and `na`
    texts = [text for row in at_once for text in row[at] or () if text]
    assert len(texts) > SCHOOLS
