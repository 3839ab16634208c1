"""What a cohort file holds, read from its footer when the statistics settle it.

SPEC section 8: rows of another framework or version are left out and counted, and a
respondent's review is not a school's own. `inventory` reads the row groups' statistics
instead of the rows when each row group holds one framework version and no respondent's
review; whatever the file, it must give what reading the rows gives.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from selfreview_core.cohort.parquet import _inventory_from_footer, inventory

Row = tuple[str, str, str | None]
NEW: Row = ("becta-srf", "2010", None)
OLD: Row = ("becta-srf", "2008", None)
OTHER: Row = ("q-model", "1", None)
PARENTS: Row = ("becta-srf", "2010", "parents")

#: Rows of (framework, version, respondent group), each written `REPEAT` times over: 8 to a
#: row group (DuckDB's smallest row group is 2,048 rows).
LAYOUTS: dict[str, list[Row]] = {
    "one-version": [NEW] * 24,
    "versions-by-row-group": [NEW] * 8 + [OLD] * 8 + [OTHER] * 8,
    "versions-mixed-in-a-group": [NEW, OLD] * 12,
    "respondents": [NEW] * 12 + [PARENTS] * 12,
    "respondents-only": [PARENTS] * 8,
}
REPEAT = 256


def _file(path: Path, rows: list[Row]) -> Path:
    con = duckdb.connect()
    try:
        con.execute(
            "CREATE TABLE t (framework VARCHAR, version VARCHAR, respondent_group VARCHAR, n INT)"
        )
        con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", [(*r, i) for i, r in enumerate(rows)])
        con.execute(
            f"COPY (SELECT t.* EXCLUDE (n) FROM t, range({REPEAT}) ORDER BY n, range) TO "
            f"'{path}' (FORMAT parquet, ROW_GROUP_SIZE 2048)"
        )
    finally:
        con.close()
    return path


def _by_reading(con: duckdb.DuckDBPyConnection, path: Path) -> list[tuple[str, str, int]]:
    found = con.execute(
        "SELECT framework, version, count(*), min(file_row_number) AS first "
        "FROM read_parquet(?, file_row_number = true) WHERE respondent_group IS NULL "
        "GROUP BY ALL ORDER BY first",
        [str(path)],
    ).fetchall()
    return [(str(f), str(v), int(n)) for f, v, n, _ in found]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_footer_gives_what_the_rows_give(tmp_path: Path, layout: str) -> None:
    """Each framework version counted once, its schools' own rows only, in the order met."""
    path = _file(tmp_path / "cohort.parquet", LAYOUTS[layout])
    con = duckdb.connect()
    try:
        assert inventory(con, str(path)) == _by_reading(con, path)
    finally:
        con.close()


@pytest.mark.parametrize(
    ("layout", "settled"),
    [
        ("one-version", True),
        ("versions-by-row-group", True),
        ("versions-mixed-in-a-group", False),
        ("respondents", False),
        ("respondents-only", False),
    ],
)
def test_the_footer_is_used_only_where_it_settles_it(
    tmp_path: Path, layout: str, settled: bool
) -> None:
    """A row group of two versions, or one with a respondent's rows, is read row by row."""
    path = _file(tmp_path / "cohort.parquet", LAYOUTS[layout])
    con = duckdb.connect()
    try:
        found = _inventory_from_footer(con, str(path))
    finally:
        con.close()
    assert (found is not None) is settled
    if settled:
        assert found == [(f, v, n) for f, v, n in _by_reading(duckdb.connect(), path)]
