"""The library's `benchmark_sql` past DuckDB's memory limit (`cohort.rows.MEMORY_LIMIT`)
raises `errors.CohortMemoryError` in our words, as the commands tell it
(tests/cli/test_cohort_memory.py), never DuckDB's own `OutOfMemoryException` (round 52
left it so), and leaves no work folder behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pytest

from selfreview_core import Engine, load_assessment
from selfreview_core.cohort import rows
from selfreview_core.cohort.benchmarking import benchmark
from selfreview_core.cohort.sql import benchmark_sql
from selfreview_core.errors import CohortMemoryError, SelfReviewError

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_sql_out_of_memory_is_a_cohort_memory_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    framework = Engine(entry_points=False).framework("becta-srf")
    paths = sorted((ROOT / "examples" / "cohort").glob("*.yaml"))
    reviews = [load_assessment(path, framework) for path in paths]
    assert benchmark_sql(framework, reviews) == benchmark(framework, reviews)
    monkeypatch.setattr(rows, "MEMORY_LIMIT", "1KB")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(CohortMemoryError) as raised:
        benchmark_sql(framework, reviews)
    error = raised.value
    assert isinstance(error, SelfReviewError)
    assert not isinstance(error, duckdb.Error)
    assert error.__cause__ is None
    assert error.__suppress_context__
    assert str(error) == (
        "the cohort's counting ran out of memory: DuckDB reached its limit of 1KB"
        " (try fewer schools at a time)"
    )
    assert error.first.code == "out-of-memory"
    assert list(tmp_path.iterdir()) == []  # the work folder and its staging file removed
