"""DuckDB's memory limit while `support` reads its cohort in long form, `benchmark` and
`report --cohort` read their entries and the dashboard's years, a wide framework's long
form is made and counted, and `collect` writes its cohort file.

DuckDB keeps what it may up to its memory limit (`rows.MEMORY_LIMIT`, 256 MB, every cohort
command's). `support` of `bench.cohort`'s million schools in JSON peaked at 405 MB with it,
past SPEC section 8's "well under 400 MB", and at 304 MB with 160 MB, the same bytes and
processor time (round 61): its long-form tables and their sorts spill. `collect`'s copy of
the staged reviews into Parquet, in the order read, held up to the limit too: 335 MB at
100,000 schools, 244 MB within 160 MB, the same file; `benchmark` in JSON 370 MB at a
million schools, 269 MB within it (`SqlCohort.each_entry`, round 62). The connection's own
limit stays for every other query: the counts' grouping sets keep a hash table a thread,
which does not spill, and small cohorts of many sets ran out of 160 MB.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

import duckdb

from .interrupting import set_for
from .work import memory_error, out_of_memory

__all__ = ["LOWERED_MEMORY_LIMIT", "READING_MB", "lowered_memory"]

#: `support`'s limit, where the connection's is higher (DuckDB's MB: a million bytes).
LOWERED_MEMORY_LIMIT: Final = "160MB"
_LOWERED_BYTES: Final = 160 * 1000**2
#: DuckDB's memory, in MB, while a long form's tables, once made, are read a few entries or
#: an index a query (`support`'s `ids`, `below` and `reviews`; a wide framework's entries
#: and figures, `sql_long.long_figures`).
#: Within the 160 MB they are made in, DuckDB filled it with their blocks again: at a
#: million schools, in-process, 321 MB as `support`'s schools below were read, 252 MB
#: within 96 MB (round 70).
READING_MB: Final = 96
#: The units DuckDB shows a limit in (`current_setting('memory_limit')`: `244.1 MiB`; no
#: limit, `-1`: `16383.9 PiB`).
_UNITS: Final = {
    "bytes": 1,
    "KiB": 2**10,
    "MiB": 2**20,
    "GiB": 2**30,
    "TiB": 2**40,
    "PiB": 2**50,
}


def _limit(con: duckdb.DuckDBPyConnection) -> tuple[str, float] | None:
    """The connection's memory limit as SQL sets it again, and in bytes; None where DuckDB
    shows it in a unit not known here.

    DuckDB shows a limit cut short to a tenth of its unit, and reads no unit past TiB: so
    it is set again in bytes, halfway through that tenth, which DuckDB shows as it was
    (round 62: `-1`, no limit, was left at 160 MB for good, and a limit lost a tenth of
    its unit at each `support`)."""
    found = con.execute("SELECT current_setting('memory_limit')").fetchone()
    number, _, unit = (str(found[0]) if found else "").partition(" ")
    try:
        size = float(number) * _UNITS[unit]
        return f"'{round(size + _UNITS[unit] / 20)}B'", size
    except (ValueError, KeyError, OverflowError):  # `nan`, `inf`: none DuckDB shows
        return None


@contextmanager
def lowered_memory(con: duckdb.DuckDBPyConnection, megabytes: int | None = None) -> Iterator[None]:
    """The block run within `LOWERED_MEMORY_LIMIT` (or `megabytes`) where the connection
    allows more (a lower limit, a caller's or a test's, is kept), the connection's put back
    after (as DuckDB shows it). A limit in a unit not known here is left alone: lowered, it
    could not be put back. Running out of it is told here, naming it: past the block, only
    the connection's is known (`work.WorkFolder`)."""
    limit, lowered = _limit(con), f"{megabytes}MB" if megabytes else LOWERED_MEMORY_LIMIT
    if limit is None or limit[1] <= (megabytes * 1000**2 if megabytes else _LOWERED_BYTES):
        yield
        return
    try:
        with set_for(con, "memory_limit", f"'{lowered}'", limit[0]):
            yield
    except duckdb.OutOfMemoryException as error:
        if out_of_memory(error, lowered) is None:  # no room to spill: not memory (`work`)
            raise
        raise memory_error(lowered) from None
