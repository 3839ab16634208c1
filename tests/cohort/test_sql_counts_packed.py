"""Step 3 counts the entries not applicable from the packed reviews (round 74).

`sql_counts.count_figures` read each entry's `na` through `entry_reviews_sql(...)` without
`packed`: for a wide framework, the view `cohort_scored`, which unpacks each of 1,000
scores a column, so DuckDB planned (and, for each school's latest review, sorted) those
1,000 unpackings to read one list. A wide framework's figures come from the long form, so
`na` is all step 3 reads from those reviews: now it reads `cohort_packed`. For any other
framework (Becta) `packed` changes no SQL. Either way every count is the defined one."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cohort.test_wide_questions import _schools, _staged
from property.test_cohort_sql import _some_not_applicable
from scaled import scaled
from selfreview_core import Engine, Framework, benchmark, load_framework
from selfreview_core.cohort import sql_counts
from selfreview_core.cohort.rows import Rows, connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_queries import Figures, entry_reviews_sql, is_wide
from selfreview_core.cohort.staged_lines import record
from selfreview_core.testing import assessments

_NOT_APPLICABLE = {"applicable": False, "evidence": "Does not apply"}


def _defined(framework: Framework, reviews: list[Any], latest_only: bool) -> list[int]:
    """Each id's entries not applicable, as `cohort.benchmark` counts them."""
    cohort = benchmark(framework, reviews, policy="mean", latest_only=latest_only)
    every = [*cohort.strands.values(), *cohort.aspects.values(), *cohort.elements.values()]
    return [d.not_applicable or 0 for d in [*every, cohort.overall]]


def _both_ways(made: SqlCohort, rows: Rows, latest_only: bool) -> tuple[list[int], list[int]]:
    """`_not_applicable_counts` over the entries' reviews read packed, and read as before."""
    layout, con = made.layout, made.con
    return (
        sql_counts._not_applicable_counts(
            con, layout, entry_reviews_sql(layout, rows, latest_only, packed=True)
        ),
        sql_counts._not_applicable_counts(
            con, layout, entry_reviews_sql(layout, rows, latest_only)
        ),
    )


def _marked_counts(framework: Framework, entries: list[set[str]]) -> list[int]:
    """Each id's entries (each the set of its strands not applicable) not applicable
    there, in `Layout.ids`' order: a strand marked, an aggregate all of whose strands are."""
    groups = [
        *([s.id] for s in framework.strands),
        *([s.id for s in a.strands] for a in framework.aspects),
        *([s.id for a in e.aspects for s in a.strands] for e in framework.elements),
        framework.strand_ids,
    ]
    return [sum(set(group) <= marked for marked in entries) for group in groups]


def test_a_wide_cohorts_entries_not_applicable_are_counted_from_the_packed_reviews(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    framework_path, paths = _schools(tmp_path, (8, 8, 8), 3)  # 512 strands, 585 ids
    framework = load_framework(framework_path)
    aspect = [s.id for s in framework.aspects[1].strands]  # a whole aspect: it counts too
    marked = [{*aspect, "E7-A7-S7"}, {"E0-A0-S0", "E3-A2-S5"}, set()]
    for path, strands in zip(paths, marked, strict=True):
        document = json.loads(path.read_text(encoding="utf-8"))
        document["judgements"].update(dict.fromkeys(strands, _NOT_APPLICABLE))
        path.write_text(json.dumps(document), encoding="utf-8")
    earlier = json.loads(paths[1].read_text(encoding="utf-8"))  # school 1 a year before,
    earlier["assessed_on"] = "2025-01-01"  # with more strands not applicable
    earlier["judgements"].update(dict.fromkeys(["E5-A5-S5", *aspect], _NOT_APPLICABLE))
    paths.append(paths[0].with_name("earlier.json"))
    paths[-1].write_text(json.dumps(earlier), encoding="utf-8")
    latest = _marked_counts(framework, marked)
    every = _marked_counts(framework, [*marked, {*marked[1], "E5-A5-S5", *aspect}])
    aspect_at = len(framework.strands) + 1
    assert (latest[aspect_at], every[aspect_at], sum(latest)) == (1, 2, 12)
    read: list[str] = []
    counted = sql_counts._not_applicable_counts

    def recorded(con: Any, layout: Any, source: str) -> list[int]:
        read.append(source)
        return counted(con, layout, source)

    monkeypatch.setattr(sql_counts, "_not_applicable_counts", recorded)
    staged = staged_rows(os.fspath(_staged(tmp_path, framework, paths)), scores=True)
    made = SqlCohort(connect(tmp_path), staged, framework, "mean")
    try:
        assert is_wide(made.layout)
        # Step 3 as `SqlCohort.figures` runs it for a wide framework: its figures counted
        # from the long form (here none, to keep the test small), `na` read here.
        long_form = Figures(0, [], [], [])
        found = sql_counts.count_figures(
            made.con, made.layout, staged, made._entries(), True, long_form
        ).not_applicable
        assert read == [entry_reviews_sql(made.layout, staged, True, packed=True)]
        assert "cohort_packed" in read[0]
        assert "cohort_scored" not in read[0]
        assert found == latest
        # Every entry (the earlier review too), and each school's latest taken in one
        # grouping (reviews unique a school and date), read packed: the same counts.
        for rows, latest_only, expected in [
            (staged, False, every),
            (replace(staged, unique_reviews=True), True, latest),
        ]:
            packed = entry_reviews_sql(made.layout, rows, latest_only, packed=True)
            assert counted(made.con, made.layout, packed) == expected
    finally:
        made.con.close()


BECTA = Engine(entry_points=False).framework("becta-srf")


@settings(max_examples=scaled(5), deadline=None)
@given(reviews=st.lists(assessments(BECTA), min_size=1, max_size=4), data=st.data())
def test_a_becta_cohorts_counts_are_the_same_read_packed(
    tmp_path_factory: pytest.TempPathFactory, reviews: list[Any], data: st.DataObject
) -> None:
    """Not wide: `packed` reads the same SQL, and the counts are the defined ones."""
    reviews = [
        review.model_copy(
            update={
                "school": review.school.model_copy(update={"id": f"S{n % 3}"}),
                "assessed_on": dt.date(2024, 9, 1) + dt.timedelta(days=n),
                "judgements": _some_not_applicable(data.draw, BECTA, review),
            }
        )
        for n, review in enumerate(reviews)
    ]
    folder = tmp_path_factory.mktemp("becta")
    staged = folder / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            out.write(f'{{"q":{n},{record(BECTA, review, f"#{n}", evidence=False)[1:]}\n')
    rows = staged_rows(os.fspath(staged))
    made = SqlCohort(connect(folder), rows, BECTA, "mean")
    try:
        assert not is_wide(made.layout)
        for latest_only in (True, False):
            for kept in (rows, replace(rows, unique_reviews=True)):
                assert entry_reviews_sql(made.layout, kept, latest_only, packed=True) == (
                    entry_reviews_sql(made.layout, kept, latest_only)
                )
            made._prepare()
            packed, unpacked = _both_ways(made, rows, latest_only)
            assert packed == unpacked == _defined(BECTA, reviews, latest_only)
        assert made.figures().not_applicable == _defined(BECTA, reviews, latest_only=True)
    finally:
        made.con.close()
