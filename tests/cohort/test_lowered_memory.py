"""`support` reads its cohort within 160 MB of DuckDB's memory (round 61), and `collect`
writes its cohort file so (round 62: tests/cli/test_cohort_memory.py).

SPEC section 8: a cohort of 1,000,000 schools in well under 400 MB. DuckDB keeps what it
may up to its limit: at the connection's 256 MB (`rows.MEMORY_LIMIT`), `support` of
`bench.cohort`'s million schools in JSON peaked at 405 MB; within 160 MB while it reads the
cohort in long form, 304 MB, the same bytes (docs/performance.md). The connection's own
limit is put back after, and a lower one (a caller's) is kept."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

import duckdb
import pytest

from selfreview_core import Assessment, Framework
from selfreview_core.cohort import rows, sql_support
from selfreview_core.cohort.lowered_memory import lowered_memory
from selfreview_core.cohort.support import Reported, support

from .test_support_mutants import advice, sql_cohort


def _setting(con: duckdb.DuckDBPyConnection) -> str:
    found = con.execute("SELECT current_setting('memory_limit')").fetchone()
    assert found is not None
    return str(found[0])


def _report(reviews: Iterable[Assessment]) -> Iterator[Reported]:
    for review in reviews:
        yield review.school.id, (advice(),), ()


def _limits_seen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The limit in effect each time `support` builds its long-form tables."""
    seen: list[str] = []
    made = sql_support.SupportEntries.__post_init__

    def post_init(self: sql_support.SupportEntries) -> None:
        seen.append(_setting(self.cohort.con))
        made(self)

    monkeypatch.setattr(sql_support.SupportEntries, "__post_init__", post_init)
    return seen


def test_support_reads_within_160_mb_and_puts_the_connections_limit_back(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _limits_seen(monkeypatch)
    with sql_cohort(tmp_path, becta, [0, 1, 4]) as cohort:
        own = _setting(cohort.con)
        found = support(cohort, _report, 2)
        after = _setting(cohort.con)
    assert seen == ["152.5 MiB"]
    assert own.startswith("244.")  # 256 MB, as DuckDB shows it
    assert after.startswith("244.")
    assert found.needing == 2


def test_a_lower_limit_of_the_callers_is_kept(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rows, "MEMORY_LIMIT", "100MB")
    seen = _limits_seen(monkeypatch)
    with sql_cohort(tmp_path, becta, [0, 4]) as cohort:
        support(cohort, _report, 2)
        after = _setting(cohort.con)
    assert seen == ["95.3 MiB"]  # 100 MB, as DuckDB shows it
    assert after == "95.3 MiB"


def test_the_limit_is_put_back_when_the_block_fails() -> None:
    con = duckdb.connect()
    con.execute("SET memory_limit = '1GB'")
    seen: list[str] = []

    def failing() -> None:
        with lowered_memory(con):
            seen.append(_setting(con))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing()
    assert seen == ["152.5 MiB"]
    assert _setting(con).startswith("953.")  # 1 GB, as DuckDB shows it, to a tenth


@pytest.mark.parametrize(
    ("limit", "shown"),
    [
        ("-1", "16383.9 PiB"),
        ("1000000TB", "888.1 PiB"),
        ("1GB", "953.6 MiB"),
        ("2GB", "1.8 GiB"),  # each unit read at its size (a mutation pass, round 62)
        ("2TB", "1.8 TiB"),
    ],
)
def test_a_callers_limit_is_put_back_as_it_was(limit: str, shown: str) -> None:
    """No limit at all (`-1`), which DuckDB shows in PiB, a unit it does not read, was
    left at 160 MB for good (round 62); and each `support` put a limit back a tenth of its
    unit lower (953.6 MiB, then 953.5), DuckDB showing it cut short, not rounded."""
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{limit}'")
    seen: list[str] = []
    for _ in range(3):
        with lowered_memory(con):
            seen.append(_setting(con))
        assert _setting(con) == shown
    assert seen == ["152.5 MiB"] * 3


class _Unreadable:
    """A connection whose limit is shown in a unit this module does not know (a later
    DuckDB's), each statement it is given noted."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def execute(self, statement: str) -> _Unreadable:
        self.statements.append(statement)
        return self

    def fetchone(self) -> tuple[str]:
        return ("1.0 EiB",)


def test_a_limit_in_a_unit_not_known_is_left_alone() -> None:
    """Lowered, it could not be put back (DuckDB does not read the units it shows past
    TiB): the caller's limit would be lost for good, not only while support reads."""
    con = _Unreadable()
    with lowered_memory(cast(duckdb.DuckDBPyConnection, con)):
        pass
    assert con.statements == ["SELECT current_setting('memory_limit')"]


def test_a_limit_just_over_160_mb_is_lowered_and_put_back() -> None:
    """160 MB is a million bytes squared, not a MiB: a caller's limit a tenth of a MB over
    it is lowered to it, and put back (a mutation pass, round 62)."""
    con = duckdb.connect()
    con.execute("SET memory_limit = '160.1MB'")
    with lowered_memory(con):
        inside = _setting(con)
    assert (inside, _setting(con)) == ("152.5 MiB", "152.6 MiB")
