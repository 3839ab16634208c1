"""`support` of a framework of many ids: the schools below a level are listed a few ids a
query (`sql_queries.schools_below`, `BELOW_IDS`), from the entries put in a table once.
All 1,100 ids of a 1,000-strand framework in one query (two aggregates each) ran DuckDB out
of memory for a single school, so `support` of such a framework failed at any size
(round 53)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from selfreview_core import Assessment, Framework
from selfreview_core.cohort import sql_queries
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.staged_lines import staged_text
from selfreview_core.cohort.support import Reported, support

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework, wide_school  # noqa: E402


def _below_each_id_alone(cohort: SqlCohort, rank: int, indexes: list[int]) -> list[object]:
    """What `below` gave before round 53, one id a query."""
    out: list[object] = []
    for i in indexes:
        found = cohort.con.execute(
            f"SELECT count(c{i}), coalesce(list(school_id ORDER BY school_id) "
            f"FILTER (WHERE c{i} < {rank}), []) FROM ({cohort._entries()})"
        ).fetchone()
        assert found is not None
        out.append((int(found[0]), list(found[1])))
    return out


def _staged(folder: Path, shape: tuple[int, int, int], schools: int) -> tuple[Framework, Path]:
    """The wide framework of `shape`, and `schools` schools of it staged in `folder`."""
    document = wide_framework(*shape)
    framework = Framework.model_validate(document)
    staged = folder / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n in range(schools):
            review = Assessment.model_validate(wide_school(document, n))
            out.write(staged_text(framework, review, f"#{n}", n, evidence=False))
    return framework, staged


@pytest.mark.parametrize("batch", [1, 5, 64])
def test_schools_below_a_few_ids_a_query_are_those_of_each_id_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    framework, staged = _staged(tmp_path, (1, 2, 35), 7)  # 70 strands, 2 aspects: 74 ids
    monkeypatch.setattr(sql_queries, "BELOW_IDS", batch)
    con = connect(tmp_path)
    try:
        cohort = SqlCohort(con, staged_rows(str(staged), scores=True), framework, "mean")
        indexes = list(range(len(cohort.layout.ids)))[::-1]  # any order, as asked
        found = cohort.below(2, indexes)
        assert found == _below_each_id_alone(cohort, 2, indexes)
        assert any(schools for _, schools in found)
        assert {judged for judged, _ in found} <= set(range(8))
        tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
    finally:
        con.close()
    assert ("cohort_below" in tables) == (len(indexes) > batch)


def test_support_of_a_wide_framework_lists_the_schools_below(tmp_path: Path) -> None:
    framework, staged = _staged(tmp_path, (1, 2, 40), 3)  # 80 strands: more than BELOW_IDS ids

    def report(reviews: Iterable[Assessment]) -> Iterator[Reported]:
        for review in reviews:
            yield review.school.id, (), ()

    con = connect(tmp_path)
    try:
        cohort = SqlCohort(con, staged_rows(str(staged), scores=True), framework, "mean")
        found = support(cohort, report, 2)
        alone = _below_each_id_alone(cohort, 2, list(range(len(cohort.layout.ids) - 1)))
    finally:
        con.close()
    assert len(found.shortfalls) == 82 > sql_queries.BELOW_IDS
    by_id = {s.id: (s.judged, list(s.schools)) for s in found.shortfalls}
    ids = framework.strand_ids + tuple(a.id for a in framework.aspects)
    assert [by_id[i] for i in ids] == alone[: len(ids)]
    assert found.needing == 3
