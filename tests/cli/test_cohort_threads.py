"""The cohort commands' DuckDB on two threads at most, whatever the machine's cores.

DuckDB runs a query on as many threads as the machine has cores, and each holds buffers and
hash tables of its own, not all of which spill. Round 66, on eight threads (a machine of
eight cores): `support` of 100,000 schools in JSON Lines ran out of its 256 MB, `collect` of
them with a tenth reviewed twice ran out of 160 MB finding the duplicates, and its look-alike
search of a million schools out of 256 MB; on two threads, where the figures of
docs/performance.md were measured, all three fit. What ran out depends on how many threads
happened to see rows; how many threads DuckDB is given does not, so that is what is counted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.cohort import parquet, rows

#: The cores of the machine pretended: DuckDB's default threads.
CORES = 16


def _threads(con: duckdb.DuckDBPyConnection) -> int:
    found = con.execute("SELECT current_setting('threads')").fetchone()
    assert found is not None
    return int(found[0])


def _machine(monkeypatch: pytest.MonkeyPatch, cores: int) -> None:
    """DuckDB's connections made as on a machine of `cores` cores (its default threads)."""
    made = duckdb.connect

    def connect(database: str = ":memory:", **options: Any) -> duckdb.DuckDBPyConnection:
        return made(database, config={**options.pop("config", {}), "threads": cores}, **options)

    monkeypatch.setattr(duckdb, "connect", connect)


def test_a_connection_on_sixteen_cores_runs_on_two_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On sixteen cores a cohort command's connection runs on two threads (DuckDB's default,
    left before round 66, was sixteen); its memory limit is the one it always had."""
    _machine(monkeypatch, CORES)
    assert _threads(duckdb.connect()) == CORES  # the machine pretended
    con = rows.connect()
    assert _threads(con) == rows.THREADS == 2
    found = con.execute("SELECT current_setting('memory_limit')").fetchone()
    assert found is not None
    assert found[0] == "244.1 MiB"  # 256 MB


def test_a_connection_on_one_core_keeps_its_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """One core: one thread, as before (two would take more memory, never less)."""
    _machine(monkeypatch, 1)
    assert _threads(rows.connect()) == 1


def _review(school: int, level: int) -> str:
    return json.dumps(
        {
            "kind": "assessment",
            "framework": "becta-srf",
            "school": {"id": f"S{school:03}", "name": f"School {school}"},
            "assessed_on": "2025-06-01",
            "judgements": {"1a1": {"level": level}, "1b1": {"level": 2}},
        }
    )


def test_collect_on_sixteen_cores_finds_duplicates_and_writes_on_two_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`collect` on sixteen cores of 30 schools, three reviewed again on one date: the
    duplicates are searched for and the file written on two threads (sixteen before round
    66), the three named, the later reviews kept, every school's rows written (exit 1)."""
    _machine(monkeypatch, CORES)
    seen: list[tuple[str, int]] = []
    search, write = parquet.staged_duplicates, parquet.write_parquet

    def searching(*args: Any) -> list[parquet.StagedDuplicate]:
        seen.append(("search", _threads(args[2])))
        return search(*args)

    def writing(*args: Any, **options: Any) -> int:
        seen.append(("write", _threads(options["con"])))
        return write(*args, **options)

    monkeypatch.setattr(parquet, "staged_duplicates", searching)
    monkeypatch.setattr(parquet, "write_parquet", writing)
    source = tmp_path / "reviews.jsonl"
    again = (3, 7, 11)
    lines = [_review(n, 1) for n in range(30)] + [_review(n, 3) for n in again]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "cohort.parquet"
    result = CliRunner().invoke(
        cli, ["collect", str(source), "-o", str(out), "--jobs", "1"], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    assert seen == [("search", 2), ("write", 2)]
    assert result.stderr.count("has 2 reviews dated 2025-06-01") == len(again)
    assert "Collected 30 reviews (60 rows)" in result.stderr
    found = duckdb.execute(
        "SELECT school_id, level FROM read_parquet(?) WHERE strand = '1a1'", [str(out)]
    ).fetchall()
    kept = [n for n in range(30) if n not in again] + list(again)
    assert found == [(f"S{n:03}", 3 if n in again else 1) for n in kept]
