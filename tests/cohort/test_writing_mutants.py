"""`cohort.writing`, what `benchmark`'s tests did not hold (round 42's sampled pass): the
JSON and CSV written school by school are exactly the whole cohort's, whatever the number of
pieces the CSV takes (a cohort of more than 1,000 schools is written in several)."""

from __future__ import annotations

import pytest

from selfreview_core import Framework
from selfreview_core.cohort import writing
from selfreview_core.cohort.views import cohort_csv
from selfreview_core.escaping import shown_json

from .test_views import cohort_of


@pytest.mark.parametrize("batch", [1, 2, 3, 1000])
def test_the_csv_in_pieces_is_the_whole_cohorts(
    small_framework: Framework, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    """Seven schools a piece of `batch` at a time: the header once, every row once."""
    cohort = cohort_of(small_framework, [0, 1, 2, 3, None, 2, 1])
    monkeypatch.setattr(writing, "_CSV_BATCH", batch)
    written = "".join(writing.csv_parts(cohort, cohort.schools))
    assert written == cohort_csv(cohort, list(cohort.schools))
    assert "".join(writing.csv_parts(cohort, [])) == cohort_csv(cohort, [])


@pytest.mark.parametrize("schools", [0, 1, 3])
def test_the_json_school_by_school_is_the_whole_cohorts(
    small_framework: Framework, schools: int
) -> None:
    cohort = cohort_of(small_framework, [2, 0, 3][:schools])
    written = "".join(writing.json_parts(cohort, iter(cohort.schools)))
    assert written == shown_json(cohort.model_dump_json(indent=2)) + "\n"
