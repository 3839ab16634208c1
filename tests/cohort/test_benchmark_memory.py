"""`benchmark` puts its entries in cohort order within little of DuckDB's memory (round 62).

SPEC section 8: a cohort of 1,000,000 schools in well under 400 MB. JSON, CSV and the
dashboard read every entry in cohort order (`SqlCohort.each_entry`). Round 61's query sorted
the entries unpacked, a BIGINT for every id's rank beside each strand's flag: a million
schools in JSON peaked at 361 to 370 MB (245 MB as a table, which reads no entry). Since round 62
the packed reviews are sorted with their names and unpacked as they stream out, within
the lowered 160 MB of DuckDB's memory (`cohort.lowered_memory`), the connection's limit put
back after: 269 MB, the same bytes and processor time. The dashboard's counts by year and
`report --cohort`'s schools judging each id over every review are made within it too, and
over each school's latest review they are the entries counted: a million schools'
dashboard 368 MB, now 273 MB; `report --cohort` 366 MB, now 265 MB.

Python's part holds no school: `tracemalloc`'s peak of the command over 2,400 and 9,600
schools is the same in JSON and HTML (CSV holds a thousand schools' rows at a time,
`writing._CSV_BATCH`, or fewer, at most `_CSV_ROWS`: test_writing_pieces.py), so no test of
bytes a school can fail here. What grew was
DuckDB's, measured here as the least memory limit the entries stream in without a folder
to spill to: 16 MB for 20,000 schools on one thread with round 61's query, 8 MB since."""

from __future__ import annotations

import os
import sys
from collections.abc import Generator
from pathlib import Path
from typing import Any, Final

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Framework, benchmark
from selfreview_core.cohort import lowered_memory, rows, sql, sql_counts
from selfreview_core.cohort.file_reading import parquet_rows
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.staged_lines import record
from selfreview_core.errors import CohortMemoryError
from selfreview_core.testing import assessments, frameworks

from .test_support_mutants import sql_cohort

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.cohort import generate  # noqa: E402

#: Schools in the cohort whose entries are put in order.
SCHOOLS: Final = 20_000
#: DuckDB's memory while they are: between round 62's 8 MB and round 61's 16 MB.
LIMIT: Final = "12MB"


def _setting(con: duckdb.DuckDBPyConnection) -> str:
    found = con.execute("SELECT current_setting('memory_limit')").fetchone()
    assert found is not None
    return str(found[0])


@pytest.fixture(scope="module")
def cohort_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cohort") / "cohort.parquet"
    generate(path, SCHOOLS)
    return path


def test_twenty_thousand_schools_entries_are_put_in_order_within_12_mb(
    cohort_file: Path, becta: Framework
) -> None:
    con = duckdb.connect()  # no folder to spill to: what the sort holds must fit
    try:
        con.execute(f"SET threads = 1; SET memory_limit = '{rows.MEMORY_LIMIT}'")
        cohort = SqlCohort(con, parquet_rows(os.fspath(cohort_file), becta), becta)
        assert cohort.size == SCHOOLS  # the figures, counted within the connection's limit
        con.execute(f"SET memory_limit = '{LIMIT}'")
        found = [row[0] for row in cohort.each_entry(None, scores=False, texts=False)]
    finally:
        con.close()
    assert len(found) == SCHOOLS
    assert found == sorted(found)  # in cohort order, by school id


def test_entries_are_read_within_160_mb_and_the_connections_limit_put_back(
    tmp_path: Path, becta: Framework
) -> None:
    with sql_cohort(tmp_path, becta, [0, 1, 4]) as cohort:
        own = _setting(cohort.con)
        other = cohort.con.cursor()  # the limit is the database's: seen from any cursor
        seen = {position.school.id: _setting(other) for position in cohort.positions()}
        after = _setting(cohort.con)
    assert seen == dict.fromkeys(["s0", "s1", "s2"], "152.5 MiB")  # 160 MB, as DuckDB shows it
    assert own.startswith("244.")  # 256 MB, as DuckDB shows it, to a tenth
    assert after.startswith("244.")


def test_a_lower_limit_of_the_callers_is_kept_while_entries_are_read(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rows, "MEMORY_LIMIT", "100MB")
    with sql_cohort(tmp_path, becta, [0, 4]) as cohort:
        other = cohort.con.cursor()
        seen = [(row[0], _setting(other)) for row in cohort.each_entry("s1", False, False)]
        after = _setting(cohort.con)
    assert seen == [("s1", "95.3 MiB")]  # 100 MB, as DuckDB shows it
    assert after == "95.3 MiB"


def test_the_limit_is_put_back_when_reading_stops_early(tmp_path: Path, becta: Framework) -> None:
    with sql_cohort(tmp_path, becta, [0, 1, 2, 3]) as cohort:
        own = _setting(cohort.con)
        entries = cohort.each_entry(None, scores=False, texts=False)
        assert isinstance(entries, Generator)
        next(entries)
        during = _setting(cohort.con.cursor())
        entries.close()  # as when the writer fails, or Ctrl-C stops it
        after = _setting(cohort.con)
    assert during == "152.5 MiB"
    assert own.startswith("244.")
    assert after.startswith("244.")


def _limits_seen(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """The limit in effect each time `sql` calls `sql_counts`' function `name`."""
    seen: list[str] = []
    made = getattr(sql_counts, name)

    def recorded(con: duckdb.DuckDBPyConnection, *args: Any) -> Any:
        seen.append(_setting(con))
        return made(con, *args)

    monkeypatch.setattr(sql, name, recorded)
    return seen


@pytest.mark.parametrize(
    ("counted", "overall"),
    [
        # the dashboard's: schools of 2025 at each rank overall, one at ranks 0, 1 and 4
        ("year_counts", {2025: (3, [1, 1, 0, 0, 1])}),
        # `report --cohort`'s over every review: the schools with a level overall
        ("schools_judging", 3),
    ],
)
def test_counts_of_every_school_are_made_within_160_mb(
    tmp_path: Path,
    becta: Framework,
    monkeypatch: pytest.MonkeyPatch,
    counted: str,
    overall: object,
) -> None:
    seen = _limits_seen(monkeypatch, counted)
    with sql_cohort(tmp_path, becta, [0, 1, 4]) as cohort:
        cohort.latest_only = False  # each school's every review: grouped by school
        if counted == "year_counts":
            found: object = {y: (n, ranks[-1]) for y, (n, ranks) in cohort.counts_by_year().items()}
        else:
            found = cohort.judging()[-1]
        after = _setting(cohort.con)
    assert seen == ["152.5 MiB"]  # 160 MB, as DuckDB shows it
    assert after.startswith("244.")  # the connection's 256 MB again
    assert found == overall


@settings(max_examples=scaled(25), deadline=None)
@given(
    frameworks(max_elements=2, max_aspects=2, max_strands=3).flatmap(
        lambda f: st.tuples(
            st.just(f),
            st.lists(st.tuples(assessments(f), st.sampled_from(["a", "b", "c"])), max_size=8),
        )
    )
)
def test_the_schools_judging_each_id_are_those_of_its_latest_reviews_counted(
    tmp_path_factory: pytest.TempPathFactory,
    case: tuple[Framework, list[tuple[Assessment, str]]],
) -> None:
    """Each school has one entry of its latest review: the schools judging an id are the
    entries judged there, as `benchmark` counts them (not applicable, not judged, a school
    of several reviews, dates tied, either way up a scale), with no grouping by school."""
    framework, drawn = case
    reviews = [
        review.model_copy(update={"school": review.school.model_copy(update={"id": school})})
        for review, school in drawn
    ]
    path = tmp_path_factory.mktemp("judging") / "staged.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            out.write(f'{{"q":{n},{record(framework, review, "x", evidence=False)[1:]}\n')
    rows_ = staged_rows(str(path), scores=framework.has_questions)
    cohort = SqlCohort(connect(path.parent), rows_, framework)
    try:
        found = cohort.judging()
        grouped = sql_counts.schools_judging(cohort.con, cohort._entries(), len(cohort.layout.ids))
    finally:
        cohort.con.close()
    expected = benchmark(framework, reviews)
    assert found == grouped == [stats.judged for stats in expected.distributions()]


def test_the_ids_for_a_hint_are_read_within_the_lowered_limit(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`benchmark --school` with an id the cohort does not hold reads every id for its
    "did you mean": within the lowered limit, in batches taken as the hint goes through
    them (a million schools 375 MB at once, 315 MB in one list, round 62), counted first
    for the hints' budget. Lowered to 1 KB here, the read runs out of it and names it; the
    connection's own limit is put back after a read that fits, and after one stopped early
    (a case-only match ends the search)."""
    with sql_cohort(tmp_path, becta, [0, 1, 4]) as cohort:
        count, batches = cohort.school_ids()
        first = next(batches)
        during = _setting(cohort.con.cursor())
        ids = first + [school for batch in batches for school in batch]
        assert during == "152.5 MiB"
        assert ids == ["s0", "s1", "s2"]
        assert count == 3
        assert _setting(cohort.con).startswith("244.")  # the connection's 256 MB again
        _, batches = cohort.school_ids()
        next(batches)
        batches.close()
        assert _setting(cohort.con).startswith("244.")
        monkeypatch.setattr(lowered_memory, "LOWERED_MEMORY_LIMIT", "1KB")
        with pytest.raises(CohortMemoryError, match="limit of 1KB"):
            cohort.school_ids()


def test_the_reviews_of_one_school_on_one_date_are_found_within_the_lowered_limit(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`benchmark` and `support` of JSON Lines name two reviews of one school on one date
    (`SqlCohort.duplicates`): found within the lowered limit, the keys that repeat first (a
    million schools, a tenth of them twice, peaked at 465 MB at the connection's 256 MB,
    round 63). Lowered to 1 KB here, the search runs out of it and names it; the
    connection's own limit is put back after one that fits."""
    with sql_cohort(tmp_path, becta, [0, 1]) as cohort:
        assert cohort.duplicates() == ()
        assert _setting(cohort.con).startswith("244.")
        monkeypatch.setattr(lowered_memory, "LOWERED_MEMORY_LIMIT", "1KB")
        with pytest.raises(CohortMemoryError, match="limit of 1KB"):
            cohort.duplicates()
