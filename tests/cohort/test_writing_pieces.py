"""`cohort.writing.csv_parts` holds a bounded number of rows at a time, however wide the
framework (round 69).

The CSV has a row per school and id, and a piece's rows are held as Python lists until its
text is made. Until round 69 a piece was a thousand schools whatever the framework: in the
1,000 strands of `bench.wide` (1,111 ids) that is 1.1 million rows, and `benchmark
--with-evidence --format csv` of 2,000 such schools peaked at 1.4 GB (300 schools: 441 MB,
the same with 260 MB since). A piece is now at most 32,768 rows: as many schools as fit,
never fewer than one, and still a thousand in a framework of few ids. The pieces join to
the text of the whole cohort's CSV."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import pytest

from selfreview_core import Assessment, Framework, benchmark
from selfreview_core.cohort import writing
from selfreview_core.cohort.positions import Cohort, SchoolPosition
from selfreview_core.cohort.views import cohort_csv

from .test_views import cohort_of

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework, wide_school  # noqa: E402

#: The most rows a piece may hold: a few hundred bytes of Python objects each, about 10 MB.
MOST_ROWS: Final = 32_768


def _pieces(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The schools of each piece `csv_parts` makes, as `views.cohort_csv` is called."""
    seen: list[int] = []

    def recorded(cohort: Cohort, entries: Iterable[SchoolPosition] | None = None) -> str:
        held = list(cohort.schools if entries is None else entries)
        seen.append(len(held))
        return cohort_csv(cohort, held)

    monkeypatch.setattr(writing, "cohort_csv", recorded)
    return seen


def _ids(cohort: Cohort) -> int:
    return len(cohort.strands) + len(cohort.aspects) + len(cohort.elements) + 1


def test_a_wide_frameworks_csv_is_written_a_bounded_number_of_rows_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = wide_framework()
    framework = Framework.model_validate(document)
    reviews = [Assessment.model_validate(wide_school(document, i)) for i in range(40)]
    cohort = benchmark(framework, reviews, with_evidence=True)
    ids = _ids(cohort)
    assert ids == 1_111  # bench.wide: 1,000 strands, 100 aspects, 10 elements, overall
    pieces = _pieces(monkeypatch)
    written = "".join(writing.csv_parts(cohort, iter(cohort.schools)))
    assert written == cohort_csv(cohort, list(cohort.schools))  # the same text
    assert max(pieces) * ids <= MOST_ROWS  # a thousand schools held 1.1 million rows
    assert pieces == [29, 11]  # as many schools as fit: 29 * 1,111 = 32,219 rows
    assert written.count("\ufeff") == 1  # one header
    assert written.count("school_id,") == 1


def test_a_narrow_frameworks_csv_is_still_a_thousand_schools_a_piece(
    small_framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort = cohort_of(small_framework, [0, 1, 2, 3, None, 2, 1])
    schools = [cohort.schools[i % 7] for i in range(2_001)]
    pieces = _pieces(monkeypatch)
    written = "".join(writing.csv_parts(cohort, schools))
    assert pieces == [1_000, 1_000, 1]
    assert written == cohort_csv(cohort, schools)


def test_a_school_with_more_ids_than_a_piece_holds_is_written_one_a_piece(
    small_framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never fewer than one school a piece, or nothing would be written."""
    cohort = cohort_of(small_framework, [0, 1, 2])
    monkeypatch.setattr(writing, "_CSV_ROWS", 1)
    pieces = _pieces(monkeypatch)
    written = "".join(writing.csv_parts(cohort, cohort.schools))
    assert pieces == [1, 1, 1]
    assert written == cohort_csv(cohort, list(cohort.schools))
