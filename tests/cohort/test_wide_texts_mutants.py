"""A wide cohort's positions with their evidence texts, read from the long form
(`SupportEntries.entry_rows` with `texts`), round 56's sweep of round 55's code: every
school's position, text for text, is the definition's (`cohort.benchmark`), in every policy
and with every review or each school's latest (round 55's surviving mutant: the aggregates'
lists read as `row[11:15]`, taking in the texts' indexes, raised for every wide cohort with
texts; only the hypothesis test drew one, one example in eight, and the slow tests)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from selfreview_core import Framework, Policy
from selfreview_core.cohort import sql_queries
from selfreview_core.cohort.benchmarking import benchmark
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.staged_lines import staged_text

from .test_wide_evidence import _reviews

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework  # noqa: E402


@pytest.mark.parametrize(
    ("policy", "latest_only"), [("mean", True), ("median", False), ("weakest", True)]
)
def test_a_wide_cohorts_positions_carry_their_texts_as_defined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, policy: Policy, latest_only: bool
) -> None:
    document = wide_framework(1, 2, 5)
    framework = Framework.model_validate(document)
    reviews = _reviews(document, 4, questions=True)
    staged = tmp_path / "staged.jsonl"
    lines = (
        staged_text(framework, r, f"#{n + 1}", n, evidence=True) for n, r in enumerate(reviews)
    )
    staged.write_text("".join(lines), encoding="utf-8")
    before = staged.read_bytes()
    monkeypatch.setattr(sql_queries, "WIDE_IDS", 0)
    con = connect(tmp_path)
    try:
        rows = staged_rows(str(staged), evidence=True, scores=True)
        made = SqlCohort(con, rows, framework, policy, latest_only, with_evidence=True)
        assert sql_queries.is_wide(made.layout)
        found = made.cohort()
    finally:
        con.close()
    expected = benchmark(
        framework, reviews, policy=policy, latest_only=latest_only, with_evidence=True
    )
    assert found == expected
    texts = [p.evidence for s in found.schools for p in s.strands.values() if p.evidence]
    assert texts  # the texts are there to be compared
    assert staged.read_bytes() == before
