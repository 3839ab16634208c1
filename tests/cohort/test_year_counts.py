"""`cohort.sql_counts.year_counts`: the dashboard's counts year by year, a few ids a query.

Seventy histograms in one query ran DuckDB out of its memory limit for a single school of a
framework with one aspect of seventy strands (round 54): the counts are now made 32 ids a
query from the entries worked out once, and must be what one query would have counted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from selfreview_core import Assessment, Framework, Judgement, School
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_counts import _HISTOGRAMS

from .test_sql_mutants import _staged, each_year_s_own_cohort


def wide_document(strands: int, best: int = 1, worst: int = 4) -> dict[str, object]:
    """A framework file's document: one element of one aspect of `strands` strands, `s0`
    onwards, on a scale from `best` to `worst`."""
    step = 1 if worst > best else -1
    levels = {str(level): f"level {level}" for level in range(best, worst + step, step)}
    strand_list = [{"id": f"s{n}", "title": f"S {n}", "levels": levels} for n in range(strands)]
    aspect = {"id": "A", "title": "A", "strands": strand_list}
    return {
        "kind": "framework",
        "id": "wide",
        "version": "1",
        "title": "Wide",
        "publisher": "tests",
        "scale": {"best": best, "worst": worst},
        "elements": [{"id": "E", "title": "E", "aspects": [aspect]}],
    }


def _wide(strands: int, best: int = 1, worst: int = 4) -> Framework:
    """`wide_document` as a framework: `strands + 3` ids (with the overall level), more than
    one query of `_HISTOGRAMS` counts."""
    return Framework.model_validate(wide_document(strands, best, worst))


def _reviews(framework: Framework) -> list[Assessment]:
    """Two schools a year over two years, each judging a different part of the strands at
    different levels (so that every batch of ids counts something of its own)."""
    levels = framework.scale.levels
    strands = framework.strand_ids
    made = [("a", 2024, 0), ("b", 2024, 1), ("a", 2025, 2), ("c", 2025, 3)]
    return [
        Assessment(
            framework=framework.ref,
            school=School(id=school, name=f"School {school}"),
            assessed_on=dt.date(year, 9, 1),
            judgements={
                strand: Judgement(level=levels[(n + shift) % len(levels)])
                for n, strand in enumerate(strands)
                if (n + shift) % 5
            },
        )
        for school, year, shift in made
    ]


def test_counts_by_year_of_more_ids_than_one_query_counts_are_each_years_own_cohort(
    tmp_path: Path,
) -> None:
    for strands, best, worst in [(70, 1, 4), (2 * _HISTOGRAMS + 3, 5, 1)]:
        framework = _wide(strands, best, worst)
        assert len(framework.strand_ids) + 3 > 2 * _HISTOGRAMS  # three queries at least
        reviews = _reviews(framework)
        work = tmp_path / str(strands)
        work.mkdir()
        con = connect(work)
        try:
            made = SqlCohort(con, staged_rows(_staged(work, framework, reviews)), framework)
            found = made.counts_by_year()
        finally:
            con.close()
        each_year_s_own_cohort(found, framework, reviews)
        assert [len(counts) for _, counts in found.values()] == [strands + 3] * 2  # and overall
