"""A staged review that is one line is packed from its lists, not grouped (round 72).

SPEC section 8: a cohort of 1,000,000 schools in well under 400 MB (our aim: 320 MB).
`support` of a million schools from JSON Lines peaked at the first read of the reviews
(step 1, `sql_queries.reviews_sql`), with DuckDB's 256 MB full: 94 MB of it the hash table
that grouped each review's judgement rows by its place (round 71). A staged review of a
framework of no more than `staged_lines.LINE_JUDGEMENTS` strands is one line already: it is
now packed from the line's lists (`sql_reviews`), and the first read took 233 MB in place of
293 MB, the same reviews, at a million.

These tests hold the plan (no grouping, no row a judgement, for a review of one line; still
grouped when a review takes several lines) and the packed reviews the same either way, for
reviews with scores, strands not applicable, a judgement that does not fit the framework and
a review that judges nothing. (No timing.)"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Framework, load_assessment, load_framework
from selfreview_core.cohort import staged_lines
from selfreview_core.cohort.rows import Layout, Rows, connect, staged_rows
from selfreview_core.cohort.sql_queries import make_reviews, reviews_sql
from selfreview_core.cohort.staged_lines import record, staged_text

#: `bench` lives beside `tests` (as tests/cohort/test_wide_questions.py finds it).
ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework, wide_school  # noqa: E402

#: The operators of a grouping: a row a judgement (`UNNEST`), grouped by review.
GROUPING = {"HASH_GROUP_BY", "PERFECT_HASH_GROUP_BY", "UNNEST"}


def _scored(folder: Path, schools: int, split: bool = False) -> tuple[Framework, Path]:
    """A framework of 12 strands scored by questions and `schools` reviews of it, staged a
    line a review (or as `staged_text` splits them, `split`)."""
    document = wide_framework(2, 2, 3)
    path = folder / "scored.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    framework = load_framework(path)
    staged = folder / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n in range(schools):
            school = folder / f"{n}.json"
            school.write_text(json.dumps(wide_school(document, n)), encoding="utf-8")
            review = load_assessment(school, framework)
            if split:
                out.write(staged_text(framework, review, f"#{n}", n, evidence=False))
            else:
                line = record(framework, review, f"#{n}", evidence=False)
                out.write(f'{{"q":{n},{line[1:]}\n')
    return framework, staged


def _operators(framework: Framework, rows: Rows) -> set[str]:
    """The operators of step 1's SELECT over `rows`, as DuckDB plans it."""
    layout = Layout(framework, "median")
    select = reviews_sql(layout, rows).split(" AS ", 1)[1]
    con = connect()
    try:
        plan = con.execute(f"EXPLAIN (FORMAT json) {select}", [list(layout.strands), *rows.params])
        found = plan.fetchall()
    finally:
        con.close()
    names: set[str] = set()

    def walk(node: dict[str, Any]) -> None:
        names.add(node["name"])
        for child in node.get("children", []):
            walk(child)

    for node in json.loads(found[0][1]):
        walk(node)
    return names


def _reviews(framework: Framework, rows: Rows) -> list[tuple[Any, ...]]:
    """Step 1's packed reviews of `rows`, by place."""
    con = connect()
    try:
        make_reviews(con, Layout(framework, "median"), rows)
        return con.execute("SELECT * FROM cohort_reviews ORDER BY seq").fetchall()
    finally:
        con.close()


def test_a_staged_review_of_one_line_is_packed_without_grouping(tmp_path: Path) -> None:
    framework, staged = _scored(tmp_path, 3)
    operators = _operators(framework, staged_rows(str(staged), scores=True))
    assert not operators & GROUPING, operators  # was UNNEST, then HASH_GROUP_BY by `q`
    assert "READ_JSON" in operators


def test_becta_staged_a_line_a_review_is_not_grouped(tmp_path: Path, becta: Framework) -> None:
    """Becta's 12 strands: what a million schools' cohort commands read."""
    assert len(becta.strand_ids) <= staged_lines.LINE_JUDGEMENTS
    staged = tmp_path / "staged.jsonl"
    staged.write_text("", encoding="utf-8")
    operators = _operators(becta, staged_rows(str(staged), evidence=True))
    assert not operators & GROUPING, operators


def test_a_review_staged_as_several_lines_is_grouped_and_packed_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = tmp_path / "whole"
    whole.mkdir()
    framework, one_line = _scored(whole, 4)
    expected = _reviews(framework, staged_rows(str(one_line), scores=True))
    monkeypatch.setattr(staged_lines, "LINE_JUDGEMENTS", 5)  # 12 strands: 3 lines a review
    framework, lines = _scored(tmp_path, 4, split=True)
    assert len(lines.read_text(encoding="utf-8").splitlines()) == 12
    rows = staged_rows(str(lines), scores=True)
    assert "HASH_GROUP_BY" in _operators(framework, rows)  # a review's lines grouped by `q`
    assert _reviews(framework, rows) == expected
    assert len(expected) == 4


def _odd_lines(staged: Path) -> None:
    """Add to `staged` (made by `_scored`) the lines grouping and packing must agree on: a
    strand not applicable, a strand of no framework and a rank off the scale (not packed,
    not counted), a review judging nothing, and a respondent's review (not the school's)."""
    first: dict[str, Any] = json.loads(staged.read_text(encoding="utf-8").splitlines()[0])
    lists = ("s", "x", "y", "l", "r", "e", "c")
    na = {**first, "q": 100, "p": [True, False, *[True] * (len(first["s"]) - 2)]}
    for key in ("l", "r", "c"):
        na[key] = [first[key][0], None, *first[key][2:]]
    unfit = {**first, "q": 101, "s": ["zz", *first["s"][1:]], "r": [0, 99, *first["r"][2:]]}
    nothing = {**first, "q": 102, **{key: [None] for key in lists}}
    group = {**first, "q": 103, "g": "staff"}
    with staged.open("a", encoding="utf-8") as out:
        for line in (na, unfit, nothing, group):
            out.write(json.dumps(line) + "\n")


def test_packed_from_the_lines_equals_grouped_from_the_rows(tmp_path: Path) -> None:
    framework, staged = _scored(tmp_path, 3)
    _odd_lines(staged)
    rows = staged_rows(str(staged), scores=True)
    assert rows.lines  # packed from the lines
    packed = _reviews(framework, rows)
    grouped = _reviews(framework, replace(rows, lines=""))  # as before: a row a judgement
    assert packed == grouped
    by_place = {row[0]: row for row in packed}
    assert sorted(by_place) == [0, 1, 2, 100, 101, 102]  # no respondent's review
    columns = [name for name, *_ in _described(framework, rows)]
    judged, na = columns.index("judged"), columns.index("na")
    assert by_place[100][na] == [1]
    assert by_place[100][judged] == 11
    assert by_place[101][judged] == 12  # counted, as grouped: `check_reviews` tells them
    assert by_place[102][judged] == 0
    assert by_place[102][na] is None
    assert all(by_place[n][na] is None for n in (0, 1, 2))


def _described(framework: Framework, rows: Rows) -> list[tuple[Any, ...]]:
    con = connect()
    try:
        make_reviews(con, Layout(framework, "median"), rows)
        return con.execute("DESCRIBE cohort_reviews").fetchall()
    finally:
        con.close()
