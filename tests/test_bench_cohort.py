"""bench/cohort.py runs at tiny sizes, so that it keeps working. Nothing is timed here: its
figures mean something only at full size (`python -m bench.cohort`, docs/performance.md)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench import cohort  # noqa: E402

from program import decoded, selfreview  # noqa: E402
from selfreview_core.cohort.parquet import COLUMNS  # noqa: E402


def test_the_generated_cohort_is_a_cohort_file(tmp_path: Path) -> None:
    path = tmp_path / "cohort.parquet"
    rows = cohort.generate(path, 200)
    found = duckdb.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    assert [(str(n), str(t)) for n, t, *_ in found] == list(COLUMNS)
    levels = duckdb.execute(
        f"SELECT count(DISTINCT level), count(DISTINCT school_id), count(*) FROM '{path}'"
    ).fetchall()
    assert levels[0][0] == 5  # every level of the scale is used
    assert levels[0][1] == 200
    assert levels[0][2] == rows
    assert cohort.generate(tmp_path / "again.parquet", 200) == rows


def test_the_benchmarks_run_at_a_tiny_size() -> None:
    million = cohort.million(schools=100, repeat=1)
    assert million["peak_mb"] > 0
    assert million["ratio"] > 0
    assert million["benchmark_cpu_s"] > 0
    assert million["plain_cpu_s"] > 0
    speed = cohort.collect_speed(reviews=10, repeat=1)
    assert speed["collect_1_per_s"] > 0
    assert speed["jobs_2_over_1"] > 0


def test_the_generated_lines_are_the_cohort_files_reviews(tmp_path: Path) -> None:
    """`generate_lines` writes `generate`'s reviews as JSON Lines (`support` and the
    dashboard of a million schools from JSON Lines, round 68): `collect` of them gives the
    same levels of the same schools on the same dates, and every other strand's evidence."""
    lines, made = tmp_path / "cohort.jsonl", tmp_path / "cohort.parquet"
    written = cohort.generate_lines(lines, 60)
    cohort.generate(made, 60)
    collected = tmp_path / "collected.parquet"
    run = decoded(selfreview(["collect", str(lines), "-o", str(collected)]))
    assert run.returncode == 0, run.stderr
    query = (
        "SELECT school_id, school_name, authority, assessed_on, strand, level, has_evidence "
        "FROM read_parquet(?) ORDER BY ALL"
    )
    ours = duckdb.execute(query, [str(collected)]).fetchall()
    assert ours == duckdb.execute(query, [str(made)]).fetchall()
    # Fetched to the end (`fetchall`, not `fetchone`): a result left open on DuckDB's shared
    # default connection refuses a later `duckdb.sql` in this process (docs/authorities.md's
    # example, tests/test_docs_authorities.py: "connection has an unfinished result").
    ((reviews,),) = duckdb.execute(
        "SELECT count(*) FROM (SELECT DISTINCT school_id, assessed_on FROM read_parquet(?))",
        [str(made)],
    ).fetchall()
    assert written == reviews == len(lines.read_text(encoding="utf-8").splitlines()) > 60
