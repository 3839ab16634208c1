"""`support`'s peak phases at a million schools from JSON Lines, lowered (round 70).

SPEC section 8: a cohort of 1,000,000 schools in well under 400 MB (our aim: 320 MB).
`support` of `bench.cohort`'s million schools from JSON Lines peaked at 342 MB (round 69).
Run in-process, phase by phase, two phases stood at 321 to 323 MB:

- the schools' names (`SqlCohort._names`), read from the staged lines last, as the reviews
  were rebuilt, while the long-form tables (`sql_support`) held all of DuckDB's 160 MB,
  the JSON reader's buffers on top: now read once the entries are numbered, beside the
  reviews alone (323 MB to 269 MB in that phase);
- the tables read once made (ids, the schools below, the reviews), a few entries or an
  index a query, with DuckDB filling its 160 MB with their blocks again: now within
  `READING_MB` (the schools below 321 MB to 252 MB, the reviews 301 MB to 244 MB).

These tests hold each (no timing): the order, the limits and that a caller's
lower limit is kept; the names still those of the schools, and the forms that list no
school (the figures' long form, the years') still reading none."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from selfreview_core import Assessment, Framework
from selfreview_core.cohort import rows
from selfreview_core.cohort.lowered_memory import READING_MB
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_support import SupportEntries
from selfreview_core.cohort.support import Reported, support
from selfreview_core.errors import CohortMemoryError

from .test_support_mutants import advice, sql_cohort


def _setting(con: duckdb.DuckDBPyConnection, name: str) -> str:
    found = con.execute(f"SELECT current_setting('{name}')").fetchone()
    assert found is not None
    return str(found[0])


def _tables_at_names(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The tables DuckDB holds each time the cohort's names are read from its rows."""
    seen: list[list[str]] = []
    made = SqlCohort._names

    def names(self: SqlCohort) -> str:
        if not self._named:
            found = self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
            seen.append(sorted(name for (name,) in found))
        return made(self)

    monkeypatch.setattr(SqlCohort, "_names", names)
    return seen


def test_support_reads_the_names_before_the_long_form_tables_are_made(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _tables_at_names(monkeypatch)
    named: list[tuple[str, str]] = []

    def report(reviews: Iterable[Assessment]) -> Iterator[Reported]:
        for review in reviews:
            named.append((review.school.id, review.school.name))
            yield review.school.id, (advice(),), ()

    with sql_cohort(tmp_path, becta, [0, 1, 4]) as cohort:
        found = support(cohort, report, 2)
        left = cohort.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    # Once, beside the reviews and the entries' numbering alone: not beside the strands,
    # texts and aspects that took DuckDB's memory at a million.
    assert seen == [["cohort_reviews", "support_entries"]]
    assert named == [("s0", "School 0"), ("s1", "School 1")]  # those below level 2
    assert found.needing == 2
    assert found.size == 3
    assert not [name for (name,) in left if name.startswith("support_")]  # dropped after


@pytest.mark.parametrize("form", ["every", "by_year"])
def test_the_forms_that_list_no_school_read_no_names(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    seen = _tables_at_names(monkeypatch)
    with sql_cohort(tmp_path, becta, [0, 1, 4]) as cohort:
        entries = SupportEntries(cohort, **{form: True})
        assert entries.size == 3
        entries.drop()
    assert seen == []  # the figures' long form and the years' are counted, never named


def test_the_long_form_is_read_within_96_mb_once_made(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made within 160 MB, `support`'s tables are read (ids, the schools below, the
    reviews) within `READING_MB`: a few entries or an index a query, DuckDB need not keep
    160 MB of their blocks, as it did at a million (320 MB in-process, round 70). The
    connection's limit is put back after."""
    seen: dict[str, str] = {}
    for name in ("ids", "below"):
        made = getattr(SupportEntries, name)

        def read(self: SupportEntries, *args: object, _made: Any = made, _name: str = name) -> Any:
            seen[_name] = _setting(self.cohort.con, "memory_limit")
            return _made(self, *args)

        monkeypatch.setattr(SupportEntries, name, read)

    def report(reviews: Iterable[Assessment]) -> Iterator[Reported]:
        for review in reviews:
            seen["reviews"] = _setting(cohort.con, "memory_limit")
            yield review.school.id, (advice(),), ()

    with sql_cohort(tmp_path, becta, [0, 1, 4]) as cohort:
        own = _setting(cohort.con, "memory_limit")
        found = support(cohort, report, 2)
        after = _setting(cohort.con, "memory_limit")
    assert READING_MB == 96
    assert seen == dict.fromkeys(("ids", "below", "reviews"), "91.5 MiB")  # 96 MB, as shown
    assert own.startswith("244.")  # 256 MB
    assert after == own
    assert found.needing == 2


def test_a_lower_limit_of_the_callers_is_kept_as_the_long_form_is_read(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rows, "MEMORY_LIMIT", "50MB")
    seen: list[str] = []

    def report(reviews: Iterable[Assessment]) -> Iterator[Reported]:
        for review in reviews:
            seen.append(_setting(cohort.con, "memory_limit"))
            yield review.school.id, (), ()

    with sql_cohort(tmp_path, becta, [0, 4]) as cohort:
        support(cohort, report, 2)
        after = _setting(cohort.con, "memory_limit")
    assert seen == ["47.6 MiB"]  # 50 MB, as DuckDB shows it: not raised to 96
    assert after == "47.6 MiB"


def test_running_out_of_the_reading_limit_names_it(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ids(self: SupportEntries) -> None:
        raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate")

    monkeypatch.setattr(SupportEntries, "ids", ids)
    with sql_cohort(tmp_path, becta, [0, 4]) as cohort:
        with pytest.raises(CohortMemoryError) as raised:
            support(cohort, lambda reviews: iter(()), 2)
        after = _setting(cohort.con, "memory_limit")
    assert "DuckDB reached its limit of 96MB" in str(raised.value)
    assert after.startswith("244.")  # the connection's put back
