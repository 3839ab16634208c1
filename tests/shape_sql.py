"""The cohort's SQL asked how it draws ids, on one DuckDB connection for the whole test
process: the tests that compare `SHAPE` with Python's `shape` ask it once an example, and a
fresh connection cost some 18 ms of processor time each, about a fifth of an example
(round 81). A query leaves nothing on the connection (no table, no setting), so sharing it
changes no answer."""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb

from selfreview_core.cohort.look_alike_schools import SHAPE

__all__ = ["rows", "sql_shapes"]


@cache
def _connection() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def rows(columns: str, ids: list[str]) -> list[tuple[Any, ...]]:
    """`columns` (SQL over `i`, each of `ids` in turn), one row an id, in their order."""
    query = f"SELECT {columns} FROM (SELECT unnest(?::VARCHAR[]) AS i)"
    return _connection().execute(query, [ids]).fetchall()


def sql_shapes(ids: list[str]) -> list[str]:
    """Each of `ids` as `SHAPE` draws it."""
    return [shape for (shape,) in rows(SHAPE.replace("ID", "i"), ids)]
