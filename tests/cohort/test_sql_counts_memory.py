"""The grouped count's memory (`cohort.sql_counts`): bounded by the grouping sets one query
counts, not by the cohort's size.

Round 60: a cohort of two schools of a framework of 2 elements of 2 aspects of 13 strands ran
past DuckDB's limit of 256 MB (`rows.MEMORY_LIMIT`) in CI, once. Its 59 grouping sets were
counted in one query, and DuckDB gives each set a hash table of about 3 MiB on each thread
that sees rows, however few groups it holds: about 190 MB on one thread, twice that when
both of two threads saw rows (which depends on timing). The sets are now counted a batch a
query (`SET_THREADS` over the threads), so the peak is some 50 MB whatever the timing; these
tests hold it under a limit of 100 MB, which the one query passed on no thread count.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from selfreview_core import Framework
from selfreview_core.cohort import rows, sql_counts
from selfreview_core.cohort.benchmarking import benchmark
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.staged_lines import staged_text

from .test_wide_evidence import _levels_only, _reviews

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework  # noqa: E402


@pytest.mark.parametrize("threads", [1, 2])
def test_the_widest_grouped_count_of_two_schools_fits_in_100_mb_on_any_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    """CI's case (the scale reversed, the mean, each school's latest review) under a limit of
    100 MB: counted by groups, in batches of sets, the defined figures; before round 60 the
    one query of 59 sets needed about 190 MB on one thread and ran out of memory."""
    document = _levels_only(wide_framework(2, 2, 13), reversed_scale=True)
    framework = Framework.model_validate(document)
    reviews = _reviews(document, 2, questions=False)
    monkeypatch.setattr(rows, "MEMORY_LIMIT", "100MB")
    staged = tmp_path / "staged.jsonl"
    lines = (
        staged_text(framework, r, f"#{n + 1}", n, evidence=False) for n, r in enumerate(reviews)
    )
    staged.write_text("".join(lines), encoding="utf-8")
    batches: list[int] = []
    counted = sql_counts._counted

    def counting(*args: object) -> tuple[int, list[dict[int, int]]]:
        batches.append(len(args[3]))  # type: ignore[arg-type]
        return counted(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sql_counts, "_counted", counting)
    con = connect(tmp_path)
    try:
        con.execute(f"SET threads = {threads}")
        assert con.execute("SELECT current_setting('memory_limit')").fetchone() == ("95.3 MiB",)
        made = SqlCohort(con, staged_rows(str(staged)), framework, "mean", latest_only=True)
        found = made.cohort()
    finally:
        con.close()
    assert found == benchmark(framework, reviews, policy="mean", latest_only=True)
    step = sql_counts.SET_THREADS // threads
    assert sum(batches) == 59  # every set counted, by groups
    assert batches == [step] * (59 // step) + [59 % step]
