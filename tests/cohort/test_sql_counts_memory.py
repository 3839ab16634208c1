"""The grouped count's memory (`cohort.sql_counts`): bounded by the grouping sets one query
counts, not by the cohort's size.

Round 60: a cohort of two schools of a framework of 2 elements of 2 aspects of 13 strands ran
past DuckDB's limit of 256 MB (`rows.MEMORY_LIMIT`) in CI, once. Its 59 grouping sets were
counted in one query, and DuckDB gives each set a hash table of about 3 MiB on each thread
that sees rows, however few groups it holds: about 190 MB on one thread, twice that when
both of two threads saw rows (which depends on timing). The sets are now counted a batch a
query (`SET_THREADS` over the threads), so the peak is some 50 MB whatever the timing; these
tests hold it under a limit of 100 MB, which the one query passed on no thread count.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from selfreview_core import Framework
from selfreview_core.cohort import rows, sql_counts
from selfreview_core.cohort.benchmarking import benchmark
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_queries import read_figures
from selfreview_core.cohort.staged_lines import staged_text

from .test_wide_evidence import _levels_only, _reviews

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework  # noqa: E402


def _staged_widest(folder: Path, schools: int) -> tuple[Framework, list[Any], Path]:
    """CI's framework of round 60 (2 elements of 2 aspects of 13 strands, the scale
    reversed), `schools` reviews of it, and their staging file in `folder`."""
    document = _levels_only(wide_framework(2, 2, 13), reversed_scale=True)
    framework = Framework.model_validate(document)
    reviews = _reviews(document, schools, questions=False)
    staged = folder / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            out.write(staged_text(framework, review, f"#{n + 1}", n, evidence=False))
    return framework, reviews, staged


@pytest.mark.parametrize("threads", [1, 2])
def test_the_widest_grouped_count_of_two_schools_fits_in_100_mb_on_any_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    """CI's case (the scale reversed, the mean, each school's latest review) under a limit of
    100 MB: counted by groups, in batches of sets, the defined figures; before round 60 the
    one query of 59 sets needed about 190 MB on one thread and ran out of memory."""
    framework, reviews, staged = _staged_widest(tmp_path, 2)
    monkeypatch.setattr(rows, "MEMORY_LIMIT", "100MB")
    batches: list[int] = []
    counted = sql_counts._counted

    def counting(*args: object) -> tuple[int, list[dict[int, int]]]:
        batches.append(len(args[3]))  # type: ignore[arg-type]
        return counted(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sql_counts, "_counted", counting)
    con = connect(tmp_path)
    try:
        con.execute(f"SET threads = {threads}")
        assert con.execute("SELECT current_setting('memory_limit')").fetchone() == ("95.3 MiB",)
        made = SqlCohort(con, staged_rows(str(staged)), framework, "mean", latest_only=True)
        found = made.cohort()
    finally:
        con.close()
    assert found == benchmark(framework, reviews, policy="mean", latest_only=True)
    step = sql_counts.SET_THREADS // threads
    assert sum(batches) == 59  # every set counted, by groups
    assert batches == [step] * (59 // step) + [59 % step]


def test_the_counts_run_on_at_most_set_threads_and_the_setting_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 61: on a connection of 64 threads (a machine of 64 cores, or DuckDB's setting
    raised) every grouped count, every batch of histograms (`entry_figures`, a framework
    counted entry by entry) and every count by year ran on 64 threads, and the peak grew
    with them (`few_threads`). Now each runs on `SET_THREADS`, the connection's setting put
    back after; the figures are the definitions' whatever the threads."""
    framework, reviews, staged = _staged_widest(tmp_path, 3)
    seen: dict[str, set[int]] = {"grouped": set(), "histograms": set(), "years": set()}

    def threads(con: duckdb.DuckDBPyConnection) -> int:
        found = con.execute("SELECT current_setting('threads')").fetchone()
        assert found is not None
        return int(found[0])

    def noting(name: str, count: Any) -> Any:
        def noted(con: duckdb.DuckDBPyConnection, *args: Any) -> Any:
            seen[name].add(threads(con))
            return count(con, *args)

        return noted

    monkeypatch.setattr(sql_counts, "_counted", noting("grouped", sql_counts._counted))
    monkeypatch.setattr(sql_counts, "read_figures", noting("histograms", read_figures))
    monkeypatch.setattr(sql_counts, "_year_counts", noting("years", sql_counts._year_counts))
    con = connect(tmp_path)
    try:
        con.execute("SET threads = 64")
        grouped = SqlCohort(con, staged_rows(str(staged)), framework, "mean", latest_only=True)
        found = grouped.cohort()
        assert threads(con) == 64
        by_entry = SqlCohort(con, staged_rows(str(staged)), framework, "mean", latest_only=True)
        monkeypatch.setattr(sql_counts, "grouped_figures", lambda *args: None)
        assert by_entry.cohort() == found
        assert threads(con) == 64
        layout, entries = by_entry.layout, by_entry._entries(by_year=True)
        years = sql_counts.year_counts(con, entries, len(layout.ids), layout.size)
        assert threads(con) == 64
        con.execute("SET threads = 1")
        assert sql_counts.year_counts(con, entries, len(layout.ids), layout.size) == years
    finally:
        con.close()
    assert found == benchmark(framework, reviews, policy="mean", latest_only=True)
    assert seen == {"grouped": {16}, "histograms": {16}, "years": {16, 1}}
    assert years  # some year counted


@pytest.mark.slow
def test_sixteen_grouping_sets_over_eight_million_entries_fit_in_100_mb_on_64_threads(
    tmp_path: Path,
) -> None:
    """What `few_threads` bounds, measured (DuckDB 2.0.1): a query of 16 grouping sets takes
    some 5 MB for each of DuckDB's tasks that sees rows, one a thread, as many as the
    threads and the source's row groups allow. Over 8 million entries (66 row groups) it
    fits from 79 MB on 16 threads and from 295 MB on 64. On a connection of 64 threads,
    within `few_threads`, it runs on 16 and fits in 100 MB; outside, it runs out of them.

    Round 65: over 4 million entries (33 row groups, so 33 tasks; 155 MB on 64 threads) it
    ran out of 128 MB only where some 27 of the tasks saw rows, and once, with two
    `collect`s of a million schools beside it on two cores, it did not: a task whose
    thread starts after the others took every row group sees none. Here it fits only
    where some 20 of the 64 tasks see rows, and a revert of `few_threads` fails on the
    threads whatever the memory."""
    database = tmp_path / "entries.duckdb"
    made = duckdb.connect(os.fspath(database))
    made.execute(
        "CREATE TABLE t AS SELECT (i % 7)::BIGINT AS a, (i % 5)::BIGINT AS b "
        "FROM range(8000000) r(i)"
    )
    made.close()
    keys = ", ".join(f"(a * {n + 1} + b) % 13 AS k{n}" for n in range(16))
    sets = ", ".join(f"(k{n})" for n in range(16))
    grouped = f"SELECT count(*) AS n FROM (SELECT {keys} FROM t) GROUP BY GROUPING SETS ({sets})"
    query = f"SELECT sum(n) FROM ({grouped})"  # each set counts every entry once
    con = duckdb.connect(os.fspath(database))
    try:
        con.execute("SET threads = 64; SET memory_limit = '100MB'; SET temp_directory = ''")
        with sql_counts.few_threads(con):
            assert con.execute("SELECT current_setting('threads')").fetchone() == (16,)
            assert con.execute(query).fetchall() == [(16 * 8000000,)]
        with pytest.raises(duckdb.OutOfMemoryException):  # what it bounds: 64 threads
            con.execute(query).fetchall()
    finally:
        con.close()
