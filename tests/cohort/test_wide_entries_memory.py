"""A wide framework's entries read within `READING_MB` (round 70).

`benchmark` of a wide framework (`sql_queries.is_wide`) reads its entries from the long
form (`sql_support`), a few entries a query. Made at the connection's 256 MB, its tables
were read at that limit too, and DuckDB kept their blocks up to it: 10,000 schools of a
1,000-strand framework with evidence peaked at 434 MB, past SPEC section 8's 400. The
long form is now made first (within 160 MB since round 72,
`test_wide_long_form_memory`), and read within `READING_MB`, the connection's put back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from cohort.test_wide_reviews_packed import _cohort
from selfreview_core.cohort.lowered_memory import READING_MB
from selfreview_core.cohort.sql_support import SupportEntries


def _setting(con: duckdb.DuckDBPyConnection) -> str:
    found = con.execute("SELECT current_setting('memory_limit')").fetchone()
    assert found is not None
    return str(found[0])


@pytest.mark.parametrize("school", [None, "W000001"], ids=["every-school", "one-school"])
def test_a_wide_cohorts_entries_are_read_within_96_mb_once_the_long_form_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, school: str | None
) -> None:
    made_at: list[str] = []
    read_at: list[str] = []
    make, read_rows = SupportEntries.__post_init__, SupportEntries.entry_rows

    def making(self: SupportEntries) -> None:
        made_at.append(_setting(self.cohort.con))
        make(self)

    def reading(self: SupportEntries, *args: Any) -> Iterator[tuple[Any, ...]]:
        for row in read_rows(self, *args):
            read_at.append(_setting(self.cohort.con))
            yield row

    monkeypatch.setattr(SupportEntries, "__post_init__", making)
    monkeypatch.setattr(SupportEntries, "entry_rows", reading)
    cohort, expected = _cohort(tmp_path, (10, 10, 10))
    try:
        own = _setting(cohort.con)
        rows = list(cohort.each_entry(school, scores=True, texts=False))
        after, read = _setting(cohort.con), list(read_at)
        assert cohort.cohort() == expected  # the positions read this way are the defined ones
    finally:
        cohort.con.close()
    assert READING_MB == 96
    assert own.startswith("244.")  # 256 MB, as DuckDB shows it
    assert made_at == ["152.5 MiB"]  # the long form made within 160 MB, once, then read
    assert [row[0] for row in rows] == ([school] if school else ["W000000", "W000001", "W000002"])
    assert read == ["91.5 MiB"] * len(rows)  # 96 MB, as DuckDB shows it
    assert after == own  # put back
