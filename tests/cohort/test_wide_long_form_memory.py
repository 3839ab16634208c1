"""A wide framework's long form made within 160 MB and counted within 96 (round 72).

`benchmark` of a wide framework (`sql_queries.is_wide`) counts its figures and reads its
entries from the long form (`sql_support`, `SqlCohort.long_form`). Made at the connection's
256 MB, DuckDB kept its tables' blocks up to that limit as they were made: 10,000 schools
of a 1,000-strand framework with evidence peaked at 395 MB (round 71), at SPEC section 8's
400. It is now made within `LOWERED_MEMORY_LIMIT` (its tables spill), and its figures are
counted within `READING_MB`, as its entries are read: counted at 256 MB, DuckDB read the
spilled blocks back up to that. The connection's limit is put back after each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from cohort.test_wide_reviews_packed import _cohort
from selfreview_core.cohort.lowered_memory import LOWERED_MEMORY_LIMIT, READING_MB
from selfreview_core.cohort.sql_counts import from_counts
from selfreview_core.cohort.sql_support import SupportEntries


def _setting(con: duckdb.DuckDBPyConnection) -> str:
    found = con.execute("SELECT current_setting('memory_limit')").fetchone()
    assert found is not None
    return str(found[0])


def test_a_wide_cohorts_long_form_is_made_within_160_mb_and_counted_within_96(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made_at: list[str] = []
    counted_at: list[str] = []
    make = SupportEntries.__post_init__
    cohort, expected = _cohort(tmp_path, (10, 10, 10))

    def making(self: SupportEntries) -> None:
        made_at.append(_setting(self.cohort.con))
        make(self)
        made_at.append(_setting(self.cohort.con))  # still within it as its last table is made

    def counting(*args: Any) -> Any:
        counted_at.append(_setting(cohort.con))  # the ranks' counts read, the scores' next
        return from_counts(*args)

    monkeypatch.setattr(SupportEntries, "__post_init__", making)
    monkeypatch.setattr("selfreview_core.cohort.sql_long.from_counts", counting)
    try:
        own = _setting(cohort.con)
        size = cohort.size  # every figure: the long form made, then counted
        after_counts = _setting(cohort.con)
        assert cohort.cohort() == expected  # the figures counted this way are the defined ones
        after = _setting(cohort.con)
    finally:
        cohort.con.close()
    assert (LOWERED_MEMORY_LIMIT, READING_MB) == ("160MB", 96)
    assert own.startswith("244.")  # 256 MB, as DuckDB shows it
    assert size == 3
    assert made_at == ["152.5 MiB", "152.5 MiB"]  # 160 MB, as DuckDB shows it; made once
    assert counted_at == ["91.5 MiB"]  # 96 MB; counted once
    assert after_counts == own == after  # put back
