"""`support` reads its schools' names before it builds its long-form tables (round 70).

SPEC section 8: a cohort of 1,000,000 schools in well under 400 MB (our aim: 320 MB).
`support` of `bench.cohort`'s million schools from JSON Lines peaked at 342 MB (round 69):
each review's school name and authority (`SqlCohort._names`) were read from the staged
lines last, as the reviews were rebuilt, while the long-form tables (`sql_support`) held all
of DuckDB's 160 MB; the JSON reader's buffers came on top. Read once the entries are
numbered, before their strands, texts and aspects are made, the read ran beside the reviews
alone: 323 MB to 269 MB in that phase, in-process at a million (docs/performance.md).
These tests hold the order (no timing), the names still those of the schools, and the
forms that need no names (the figures' long form, the years') still reading none."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from selfreview_core import Assessment, Framework
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_support import SupportEntries, has_entries
from selfreview_core.cohort.support import Reported, support

from .test_support_mutants import advice, sql_cohort


def _setting(cohort: SqlCohort, name: str) -> str:
    found = cohort.con.execute(f"SELECT current_setting('{name}')").fetchone()
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


def test_the_reviews_are_read_on_one_thread_when_support_asks_first(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`has_entries` reads the reviews (`SqlCohort._prepare`) on one thread, the
    connection's put back after: on two, DuckDB's JSON reader and the reviews' grouping
    held their buffers twice, 300 MB in-process at a million (round 70)."""
    threads: list[str] = []
    made = SqlCohort._prepare

    def prepare(self: SqlCohort) -> None:
        if not self._ready:
            threads.append(_setting(self, "threads"))
        made(self)

    monkeypatch.setattr(SqlCohort, "_prepare", prepare)
    with sql_cohort(tmp_path, becta, [0, 1, 4]) as cohort:
        own = _setting(cohort, "threads")
        assert has_entries(cohort)
        after = _setting(cohort, "threads")
        found = support(cohort, lambda reviews: ((r.school.id, (), ()) for r in reviews), 2)
    assert threads == ["1"]
    assert after == own
    assert found.needing == 2
