"""A framework of many question-scored strands (round 52: 1,000 strands, `bench.wide`):
`entry_figures` works the entries out once, not once a batch of histograms (seventy times
over 1,000 strands: a minute for one school), step 1 packs the strands' scores into words
as it packs their ranks (a thousand filtered aggregates took 2.5 GB for one school), and
`benchmark` gives the defined figures."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from model.test_questions_score_text import _many_strands
from scaled import scaled
from selfreview_core import Assessment, Cohort, Framework, Policy, load_assessment, load_framework
from selfreview_core.cli import cli
from selfreview_core.cohort import sql_counts, sql_queries
from selfreview_core.cohort.benchmarking import benchmark
from selfreview_core.cohort.rows import Layout, connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort, benchmark_sql
from selfreview_core.cohort.sql_queries import (
    WIDE_IDS,
    Figures,
    read_figures,
    reviews_sql,
)
from selfreview_core.cohort.sql_reviews import score_words
from selfreview_core.cohort.staged_lines import record

#: `bench` lives beside `tests`, at the repository's root, which `pytest` (unlike `python -m
#: pytest`) does not put on the path; as tests/test_bench_smoke.py does.
ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework, wide_school, write_wide  # noqa: E402


def _schools(folder: Path, shape: tuple[int, int, int], schools: int) -> tuple[Path, list[Path]]:
    """The wide framework of `shape` and each of `schools` schools in a file of its own."""
    document = wide_framework(*shape)
    framework_path = folder / "wide.yaml"
    framework_path.write_text(json.dumps(document), encoding="utf-8")
    paths = []
    for n in range(schools):
        path = folder / "schools" / f"{n}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(wide_school(document, n)), encoding="utf-8")
        paths.append(path)
    return framework_path, paths


def _staged(folder: Path, framework: Framework, paths: list[Path]) -> Path:
    """The schools at `paths` staged (`staged_lines.record`), a line each."""
    staged = folder / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, path in enumerate(paths):
            line = record(framework, load_assessment(path, framework), f"#{n}", evidence=False)
            out.write(f'{{"q":{n},{line[1:]}\n')
    return staged


@settings(max_examples=scaled(10), deadline=None)
@given(
    shape=st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 4)),
    schools=st.integers(1, 4),
    histograms=st.sampled_from([2, 4, 32]),
)
def test_entry_figures_read_the_entries_once_and_equal_one_query(
    tmp_path_factory: pytest.TempPathFactory,
    shape: tuple[int, int, int],
    schools: int,
    histograms: int,
) -> None:
    folder = tmp_path_factory.mktemp("wide")
    framework_path, paths = _schools(folder, shape, schools)
    framework = load_framework(framework_path)
    staged = _staged(folder, framework, paths)
    asked: list[str] = []

    def counted(
        con: duckdb.DuckDBPyConnection, entries: str, ids: int, scores: bool = False
    ) -> Figures:
        asked.append(entries)
        return read_figures(con, entries, ids, scores)

    con = connect(folder)
    try:
        made = SqlCohort(con, staged_rows(str(staged), scores=True), framework, "mean")
        entries = made._entries()
        ids = len(made.layout.ids)
        each = [  # one id a query, from the entries' SQL (all in one ran out of memory)
            read_figures(con, f"SELECT c{i} AS c0, x{i} AS x0 FROM ({entries})", 1, True)
            for i in range(ids)
        ]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sql_counts, "_HISTOGRAMS", histograms)
            patch.setattr(sql_counts, "read_figures", counted)
            found = sql_counts.entry_figures(con, entries, ids, True)
    finally:
        con.close()
    assert found.size == each[0].size == schools
    assert found.counts == [part.counts[0] for part in each]
    assert found.quartiles == [part.quartiles[0] for part in each]
    assert found.percentiles == [part.percentiles[0] for part in each]
    assert found.by_score == [(part.by_score or [])[0] for part in each]
    if ids > histograms // 2:  # in batches: each reads the table the entries were put in once
        assert len(asked) > 1
        assert all(entries not in batch for batch in asked)
    else:
        assert len(asked) == 1


def test_step_one_packs_a_thousand_scores_into_words_not_a_column_each(tmp_path: Path) -> None:
    framework_path, _ = _schools(tmp_path, (10, 10, 10), 0)
    framework = load_framework(framework_path)
    made = SqlCohort(connect(), staged_rows("?", scores=True), framework, "mean")
    text = reviews_sql(made.layout, made.rows)
    made.con.close()
    assert "FILTER (WHERE r.pos = " not in text  # was one filtered aggregate a strand
    words = made.layout.words() + score_words(made.layout)
    assert text.count("bit_or(") == words < 200
    assert "cohort_packed" in text  # stored packed, unpacked by a view (round 70)
    assert " AS s0," not in text  # was stored a column a strand


@settings(max_examples=scaled(10), deadline=None)
@given(
    shape=st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 9)),
    schools=st.integers(1, 4),
    policy=st.sampled_from(["mean", "median", "weakest"]),
)
def test_the_duckdb_cohort_of_a_wide_question_framework_is_the_defined_cohort(
    tmp_path_factory: pytest.TempPathFactory,
    shape: tuple[int, int, int],
    schools: int,
    policy: Policy,
) -> None:
    framework_path, paths = _schools(tmp_path_factory.mktemp("wide"), shape, schools)
    framework = load_framework(framework_path)
    reviews = [load_assessment(path, framework) for path in paths]
    found = benchmark_sql(framework, reviews, policy=policy)
    assert found == benchmark(framework, reviews, policy=policy)


@pytest.mark.slow
def test_benchmark_of_a_thousand_question_strands_gives_the_defined_figures(
    tmp_path: Path,
) -> None:
    framework_path, paths = _schools(tmp_path, (10, 10, 10), 3)
    framework = load_framework(framework_path)
    assert len(framework.strand_ids) == 1000
    out = tmp_path / "cohort.json"
    result = CliRunner().invoke(
        cli,
        [
            *("benchmark", str(tmp_path / "schools"), "--framework", str(framework_path)),
            *("--format", "json", "-o", str(out)),
        ],
    )
    assert result.exit_code == 0, result.output
    found = Cohort.model_validate_json(out.read_text(encoding="utf-8"))
    reviews = [load_assessment(path, framework) for path in paths]
    assert found == benchmark(framework, reviews, policy="mean")
    assert found.size == 3


def test_write_wide_writes_a_framework_and_its_schools(tmp_path: Path) -> None:
    framework_path, schools = write_wide(tmp_path, 2, elements=2, aspects=1, strands=3)
    framework = load_framework(framework_path)
    assert len(framework.strand_ids) == 6
    lines = schools.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["school"]["id"] for line in lines] == ["W000000", "W000001"]


@pytest.mark.parametrize(
    ("count", "top", "value", "denominator"),
    [(1, 1, 2.5e-19, 4 * 10**18), (10, 3, 0.3333333333333333, 10**16), (70, 3, 0.25, 4)],
)
def test_packed_scores_of_any_unit_give_the_defined_cohort(
    count: int, top: int, value: float, denominator: int
) -> None:
    """A score field as wide as a word (a unit of 2.5e-19: 62 bits) and many a word (70
    strands in quarters) unpack to the scores `benchmark` has."""
    framework = Framework.model_validate(_many_strands(count, top, value))
    assert Layout(framework, "mean").denominator == denominator
    reviews = [
        Assessment.model_validate(
            {
                "kind": "assessment",
                "framework": "many@1",
                "school": {"id": f"S{n}", "name": f"School {n}"},
                "assessed_on": "2026-01-01",
                "judgements": {
                    f"S{i}": {"answers": {f"S{i}-1": "third" if (i + n) % 3 else "no"}}
                    for i in range(count)
                    if (i * n) % 5 != 1  # some strands not judged
                },
            }
        )
        for n in range(4)
    ]
    for policy in ("mean", "median", "weakest"):
        found = benchmark_sql(framework, reviews, policy=policy)
        assert found == benchmark(framework, reviews, policy=policy)


@pytest.mark.parametrize(("wide_ids", "one"), [(10, True), (WIDE_IDS, False)])
def test_a_wide_question_framework_is_counted_on_one_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wide_ids: int, one: bool
) -> None:
    """Two threads over 1,111 ids ran past DuckDB's memory limit at a hundred schools (each
    thread works out every id in expressions of its own); a narrow framework keeps them.
    (Pinned on 19 ids with the bound lowered to 10: 1,111 ids take half a minute.)"""
    framework_path, paths = _schools(tmp_path, (2, 2, 3), 2)
    framework = load_framework(framework_path)
    staged = _staged(tmp_path, framework, paths)
    monkeypatch.setattr(sql_queries, "WIDE_IDS", wide_ids)
    con = connect(tmp_path)
    try:
        con.execute("SET threads = 2")
        made = SqlCohort(con, staged_rows(str(staged), scores=True), framework, "mean")
        assert made.size == 2
        threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    finally:
        con.close()
    assert threads == (1 if one else 2)
    (tmp_path / "wide").mkdir()
    wide = load_framework(_schools(tmp_path / "wide", (10, 10, 10), 0)[0])
    assert len(Layout(wide, "mean").ids) == 1111 > WIDE_IDS > 19
