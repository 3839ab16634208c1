"""`benchmark --format html` (the dashboard) of a framework of many strands, from the long form.

Round 55: the dashboard's matrix rows (`dashboard._rows_from_sql`) and one school's scores
(`writing.school_scores`) read `SqlCohort.entry_rows`, a column an id (1,111 over the 1,000
strands of `bench.wide`), and the trend counted every id year by year even when the reviews
fall in one year and no trend is drawn: one school took 16 s of CPU and 314 MB. A wide
cohort (`sql_queries.is_wide`) now gives them from the long form (`SqlCohort.each_entry`),
and the trend is counted only over two years or more. These tests hold the page so made to
the page made a column an id, byte for byte, and check that the wide path asks for no
column-an-id entry.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from selfreview_core import Assessment, Framework, Policy
from selfreview_core.cohort import sql, sql_queries
from selfreview_core.cohort.benchmarking import benchmark
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_long import long_figures, long_judging
from selfreview_core.cohort.sql_support import SupportEntries
from selfreview_core.cohort.staged_lines import staged_text
from selfreview_core.cohort.writing import school_scores, write_cohort

from .test_wide_evidence import _reviews

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework  # noqa: E402


def _staged(
    tmp_path: Path, schools: int, keep: int | None = None
) -> tuple[Framework, list[Assessment], Path]:
    """A 10-strand question framework, `schools` schools' reviews (with `keep`, only those
    of that year) and the staging file of them."""
    framework = Framework.model_validate(document := wide_framework(1, 2, 5))
    reviews = _reviews(document, schools, questions=True)
    reviews = [r for r in reviews if keep is None or r.assessed_on.year == keep]
    staged = tmp_path / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as lines:
        for n, review in enumerate(reviews):
            lines.write(staged_text(framework, review, f"#{n + 1}", n, evidence=False))
    return framework, reviews, staged


def _pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_year: bool, latest_only: bool
) -> tuple[dict[object, str], dict[object, str]]:
    """The dashboard (whole, and of one school, with its scores) counted a column an id,
    then from the long form with `entry_rows` (and for `one_year`, `counts_by_year`) failing."""
    framework, reviews, staged = _staged(tmp_path, 4, 2026 if one_year else None)
    policy: Policy = "mean" if one_year else "median" if latest_only else "weakest"
    assert len({r.assessed_on.year for r in reviews}) == (1 if one_year else 2)
    before = staged.read_bytes()
    school = reviews[1].school.id
    found: list[dict[object, str]] = []
    for wide in (False, True):
        if wide:
            monkeypatch.setattr(sql_queries, "WIDE_IDS", 0)

            def refused(*_: object, **__: object) -> None:
                raise AssertionError("a column an id asked of a wide cohort")

            monkeypatch.setattr(SqlCohort, "entry_rows", refused)
            monkeypatch.setattr(sql, "year_counts", refused)
            if one_year:
                monkeypatch.setattr(SqlCohort, "counts_by_year", refused)
        pages: dict[object, str] = {}
        con = connect(tmp_path)
        try:
            rows = staged_rows(str(staged), evidence=False, scores=True)
            made = SqlCohort(con, rows, framework, policy, latest_only)
            assert sql_queries.is_wide(made.layout) == wide
            for asked in (None, school):
                out = io.StringIO()
                write_cohort(made, out, "html", asked)
                pages[asked] = out.getvalue()
            pages["scores"] = repr(school_scores(made, school))
            pages["none"] = repr(school_scores(made, "NO-SUCH"))
        finally:
            con.close()
        found.append(pages)
    assert staged.read_bytes() == before
    return found[0], found[1]


@pytest.mark.parametrize("latest_only", [True, False])
@pytest.mark.parametrize("one_year", [True, False])
def test_the_wide_dashboard_is_the_page_counted_a_column_an_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_year: bool, latest_only: bool
) -> None:
    """Matrix, trend (over two years), one school's view and its scores: the same bytes."""
    plain, wide = _pages(tmp_path, monkeypatch, one_year, latest_only)
    assert wide == plain
    assert ("Medians year by year" in plain[None]) == (not one_year)
    assert "<table" in plain[None]
    assert plain["scores"] != "None"
    assert plain["none"] == "None"


def test_the_long_form_and_supports_entries_keep_their_own_tables(tmp_path: Path) -> None:
    """`SqlCohort.long_form` (every aggregate) and `support`'s own `SupportEntries` made on
    one connection, in either order: each reads its own tables (round 55: both were named
    `support_*`, and the second made replaced the first's, so the figures counted from the
    long form lost the elements and overall, or support read them as aspects)."""
    framework, _, staged = _staged(tmp_path, 4)
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, staged_rows(str(staged), scores=True), framework, "mean")
        indexes = list(range(len(made.layout.ids)))
        support = SupportEntries(made)
        below, listed = support.below(2, indexes), list(support.reviews(2))
        figures = long_figures(made.long_form)
        assert support.below(2, indexes) == below
        assert list(support.reviews(2)) == listed
        SupportEntries(made)  # made again, after the long form
        assert long_figures(made.long_form) == figures
        assert long_judging(made.long_form)[-1] == 4  # overall: every school
        tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    finally:
        con.close()
    assert {"support_aspects", "long_aspects"} <= tables
    assert (below[-1][0], list(below[-1][1])) == (0, [])  # support's own: no element, overall
    assert any(judged for judged, _ in below)


@pytest.mark.parametrize("wide", [True, False])
def test_a_wide_cohort_is_planned_without_the_common_subexpression_optimizer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wide: bool
) -> None:
    """DuckDB's common-subexpression optimizer spent seconds planning a wide cohort's
    queries (half of `benchmark`'s CPU for one school of 1,000 strands), with no check for
    Ctrl-C; a wide cohort is planned without it, a narrow one (Becta's) as before. The
    cohort is the same either way."""
    framework, reviews, staged = _staged(tmp_path, 3)
    monkeypatch.setattr(sql_queries, "WIDE_IDS", 0 if wide else sql_queries.WIDE_IDS)
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, staged_rows(str(staged), scores=True), framework, "mean")
        cohort = made.cohort()
        (disabled,) = con.execute("SELECT current_setting('disabled_optimizers')").fetchall()[0]
    finally:
        con.close()
    assert ("common_subexpressions" in disabled) == wide
    assert cohort == benchmark(framework, reviews, policy="mean")
