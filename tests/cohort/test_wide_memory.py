"""A wide cohort's long form is made, counted and read within the lowered memory limit
(round 69).

`benchmark` of a framework with questions of more than `sql_queries.WIDE_IDS` ids works
from the entries in long form (`sql_support.SupportEntries`, `every` aggregate): a row per
entry and strand. Made and read at the connection's 256 MB, DuckDB kept those tables in
memory up to that limit: 157 MB of DuckDB's tables at 2,000 schools of `bench.wide` with
evidence, the peak growing with the schools. They are made, counted (`sql_long.long_figures`)
and read back (`SupportEntries.entry_rows`) within `lowered_memory`'s 160 MB, as `support`
reads its own, and the connection's limit is put back after, and after a read stopped
early."""

from __future__ import annotations

import os
import sys
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from selfreview_core import Assessment, Framework, benchmark
from selfreview_core.cohort import sql_long, sql_queries, sql_support
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.staged_lines import staged_text

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework  # noqa: E402

from .test_wide_evidence import _reviews  # noqa: E402

#: `memory_limit` as DuckDB shows the lowered 160 MB, and the connection's 256 MB (to a tenth).
LOWERED, OWN = "152.5 MiB", "244."


def _setting(con: duckdb.DuckDBPyConnection) -> str:
    found = con.execute("SELECT current_setting('memory_limit')").fetchone()
    assert found is not None
    return str(found[0])


@pytest.fixture
def wide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[SqlCohort, list[Assessment]]]:
    """Three schools (one with an older review) of a framework with questions, with
    evidence, counted as a wide one; and the reviews."""
    monkeypatch.setattr(sql_queries, "WIDE_IDS", 0)
    document = wide_framework(1, 2, 5)
    framework = Framework.model_validate(document)
    reviews = _reviews(document, 3, questions=True)
    staged = tmp_path / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            out.write(staged_text(framework, review, f"#{n}", n, evidence=True))
    con = connect(tmp_path)
    try:
        rows = staged_rows(str(staged), evidence=True, scores=True)
        yield SqlCohort(con, rows, framework, "mean", with_evidence=True), reviews
    finally:
        con.close()


def test_a_wide_cohorts_long_form_is_made_and_counted_within_160_mb(
    wide: tuple[SqlCohort, list[Assessment]], monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort, reviews = wide
    seen: list[tuple[str, str]] = []
    made = getattr(sql_support, "entry_reviews_sql")  # the module's own names  # noqa: B009
    counted = getattr(sql_long, "from_counts")  # noqa: B009

    def entry_reviews_sql(*args: Any) -> str:
        seen.append(("made", _setting(cohort.con)))
        return str(made(*args))

    def from_counts(*args: Any) -> Any:
        seen.append(("counted", _setting(cohort.con)))
        return counted(*args)

    monkeypatch.setattr(sql_support, "entry_reviews_sql", entry_reviews_sql)
    monkeypatch.setattr(sql_long, "from_counts", from_counts)
    figures = cohort.figures()
    after = _setting(cohort.con)
    assert seen == [("made", LOWERED), ("counted", LOWERED)]
    assert after.startswith(OWN)  # the connection's limit put back
    expected = benchmark(cohort.framework, reviews, policy="mean", with_evidence=True)
    assert figures.size == expected.size == 3
    assert cohort.summary().strands == expected.strands  # the same figures


def test_a_wide_cohorts_entries_are_read_within_160_mb_and_the_limit_put_back(
    wide: tuple[SqlCohort, list[Assessment]],
) -> None:
    cohort, reviews = wide
    cohort.figures()
    other = cohort.con.cursor()  # the limit is the database's: seen from any cursor
    seen = {position.school.id: _setting(other) for position in cohort.positions()}
    after = _setting(cohort.con)
    expected = benchmark(cohort.framework, reviews, policy="mean", with_evidence=True)
    assert seen == dict.fromkeys([school.school.id for school in expected.schools], LOWERED)
    assert len(seen) == 3
    assert after.startswith(OWN)
    assert tuple(cohort.positions()) == expected.schools  # texts and all


def test_the_limit_is_put_back_when_reading_a_wide_cohort_stops_early(
    wide: tuple[SqlCohort, list[Assessment]],
) -> None:
    cohort, _ = wide
    entries = cohort.each_entry(None, scores=True, texts=True)
    assert isinstance(entries, Generator)
    first = next(entries)
    during = _setting(cohort.con.cursor())
    entries.close()  # as when the writer fails, or Ctrl-C stops it
    assert first[0] == "W000000"  # the first school's row
    assert during == LOWERED
    assert _setting(cohort.con).startswith(OWN)
