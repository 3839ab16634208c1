"""DuckDB's memory limit while `support` reads its cohort in long form.

DuckDB keeps what it may up to its memory limit (`rows.MEMORY_LIMIT`, 256 MB, every cohort
command's). `support` of `bench.cohort`'s million schools in JSON peaked at 405 MB with it,
past SPEC section 8's "well under 400 MB", and at 304 MB with 160 MB, the same bytes and
processor time (round 61): its long-form tables and their sorts spill. `benchmark` reads
its entries in cohort order within it too (`SqlCohort.each_entry`: 361 MB at a million
schools in JSON, 270 MB within it, round 62). The connection's own limit stays for every
other query: the counts' grouping sets keep a hash table a thread,
which does not spill, and small cohorts of many sets ran out of 160 MB.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

import duckdb

from .interrupting import set_for

__all__ = ["SUPPORT_MEMORY_LIMIT", "support_memory"]

#: `support`'s limit, where the connection's is higher (DuckDB's MB: a million bytes).
SUPPORT_MEMORY_LIMIT: Final = "160MB"
_SUPPORT_BYTES: Final = 160 * 1000**2
#: The units DuckDB shows a limit in (`current_setting('memory_limit')`: `244.1 MiB`).
_UNITS: Final = {"bytes": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40}


def _limit(con: duckdb.DuckDBPyConnection) -> tuple[str, float]:
    """The connection's memory limit as DuckDB shows it, and in bytes (infinite where it
    shows it otherwise)."""
    found = con.execute("SELECT current_setting('memory_limit')").fetchone()
    text = str(found[0]) if found else ""
    number, _, unit = text.partition(" ")
    try:
        return text, float(number) * _UNITS[unit]
    except (ValueError, KeyError):
        return text, float("inf")


@contextmanager
def support_memory(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The block run within `SUPPORT_MEMORY_LIMIT` where the connection allows more (a
    lower limit, a caller's or a test's, is kept), the connection's put back after (as
    DuckDB shows it, to a tenth of its unit)."""
    before, size = _limit(con)
    if size <= _SUPPORT_BYTES:
        yield
        return
    with set_for(con, "memory_limit", f"'{SUPPORT_MEMORY_LIMIT}'", f"'{before}'"):
        yield
