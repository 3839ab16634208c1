"""`cohort.sql_counts`, what the property tests of `cohort.sql` did not hold (round 42's
second pass, a sample): how many grouping sets a framework takes, and so when counting by
groups is kept; and (round 43) a framework of too many aspects to count by groups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from selfreview_core import (
    Aspect,
    Assessment,
    Element,
    Framework,
    Judgement,
    Scale,
    School,
    Strand,
    benchmark,
    load_assessment,
    load_framework,
)
from selfreview_core.cohort import sql_counts
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort, benchmark_sql
from selfreview_core.cohort.sql_counts import grouped_figures
from selfreview_core.cohort.sql_queries import (
    Figures,
    entries_sql,
    entry_reviews_sql,
    read_figures,
)
from selfreview_core.cohort.staged_lines import record
from selfreview_core.testing import mirror_framework

#: Each school's levels by rank, strands A1.1, A1.2, A2.1, B1.1 (None: not judged).
RANKS = [(0, 3, 1, 2), (3, 3, None, 0), (1, 1, 2, 2), (None, None, None, None), (2, 0, 3, 3)]


def _staged(work: Path, framework: Framework) -> str:
    scale = framework.scale
    path = work / "staged.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, ranks in enumerate(RANKS):
            review = Assessment(
                framework=framework.ref,
                school=School(id=f"s{n}", name=f"School {n}"),
                assessed_on=dt.date(2025, 9, 1),
                judgements={
                    strand: Judgement(level=scale.from_rank(rank))
                    for strand, rank in zip(framework.strand_ids, ranks, strict=True)
                    if rank is not None
                },
            )
            out.write(f'{{"q":{n},{record(framework, review, f"#{n + 1}", evidence=False)[1:]}\n')
    return str(path)


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
@pytest.mark.parametrize(
    ("values", "sets"),
    [(25, 5), (24, 7)],
    ids=["by-groups-in-five-sets", "a1-entry-by-entry-in-seven"],
)
def test_the_small_framework_is_counted_by_groups_up_to_its_limit_of_sets(
    tmp_path: Path, small_framework: Framework, mirrored: bool, values: int, sets: int
) -> None:
    """Aspects A1, A2 and B1 each by the groups of their packed fields (element B, of one
    aspect, with B1's), element A and the overall level each by its rank: five grouping
    sets. A1's fields take 25 values (two strands, each at one of four levels or not
    judged): at a limit of 25 values it is counted by its groups; at 24, entry by entry, its
    own rank and each of its two strands' ranks a grouping set of its own (seven sets in
    all). At a limit of that many sets the figures are still counted by groups, and are
    those counted entry by entry; at one fewer, counting by groups gives way (None)."""
    framework = mirror_framework(small_framework) if mirrored else small_framework
    rows = staged_rows(_staged(tmp_path, framework))
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, rows, framework)
        made.figures()  # the reviews' table, `cohort_reviews`, is made
        layout = made.layout
        reviews = entry_reviews_sql(layout, rows, True)
        entries = entries_sql(layout, rows, "median", True)
        expected = read_figures(con, entries, len(layout.ids))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sql_counts, "GROUPED_VALUES", values)
            patch.setattr(sql_counts, "_MOST_SETS", sets)
            assert grouped_figures(con, layout, reviews) == expected
            patch.setattr(sql_counts, "_MOST_SETS", sets - 1)
            assert grouped_figures(con, layout, reviews) is None
    finally:
        con.close()


def wide_reviews(framework: Framework, schools: int) -> list[Assessment]:
    """`schools` reviews of `framework` on one date, their levels spread over its four
    ranks, four strands in five judged."""
    scale = framework.scale
    return [
        Assessment(
            framework=framework.ref,
            school=School(id=f"s{n}", name=f"School {n}"),
            assessed_on=dt.date(2025, 9, 1),
            judgements={
                strand: Judgement(level=scale.from_rank((n * 7 + k * 3) % 4))
                for k, strand in enumerate(framework.strand_ids)
                if (n + k) % 5
            },
        )
        for n in range(schools)
    ]


def wide_framework(elements: int) -> Framework:
    """`elements` elements of one aspect of one strand each, on a 0 (worst) .. 3 scale."""
    return Framework(
        id="wide",
        version="1",
        title="A framework of many aspects",
        scale=Scale(best=3, worst=0),
        elements=tuple(
            Element(
                id=f"E{n}",
                title=f"Element {n}",
                aspects=(
                    Aspect(
                        id=f"A{n}",
                        title=f"Aspect {n}",
                        strands=(
                            Strand(
                                id=f"S{n}",
                                title=f"Strand {n}",
                                levels={level: f"Level {level}." for level in range(4)},
                            ),
                        ),
                    ),
                ),
            )
            for n in range(elements)
        ),
    )


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
def test_a_framework_of_many_aspects_is_benchmarked_within_the_memory_limit(
    mirrored: bool,
) -> None:
    """62 aspects (each its own element) and the overall level take 63 grouping sets, too
    many to count by groups: counted entry by entry, 187 ids (a histogram each) in one
    query ran DuckDB out of memory (`benchmark` of a cohort of forty: "internal error").
    The figures are the defined ones."""
    wide = wide_framework(62)
    framework = mirror_framework(wide) if mirrored else wide
    reviews = wide_reviews(framework, 40)
    assert benchmark_sql(framework, reviews) == benchmark(framework, reviews)


# -- round 44: the lines `entry_figures` changed ---------------------------------------------


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
def test_entry_figures_of_a_framework_without_questions_counts_levels_only(
    tmp_path: Path, small_framework: Framework, mirrored: bool
) -> None:
    """Called as a caller of a framework without questions calls it (no `scores`): the
    figures `read_figures` gives in one query, and no score histogram asked of columns the
    entries do not have."""
    framework = mirror_framework(small_framework) if mirrored else small_framework
    rows = staged_rows(_staged(tmp_path, framework))
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, rows, framework)
        made.figures()
        layout = made.layout
        entries = entries_sql(layout, rows, "median", True)
        expected = read_figures(con, entries, len(layout.ids))
        found = sql_counts.entry_figures(con, entries, len(layout.ids))
        assert found == expected
        assert found.by_score is None
        assert found.score_counts is None
    finally:
        con.close()


def test_a_framework_with_questions_is_counted_within_the_histograms_a_query_may_make(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each id of a framework with questions takes two histograms (its ranks and its
    scores): a query of `read_figures` is given half as many ids as the limit of histograms
    (some seventy in one query ran DuckDB out of memory), and every id is counted once."""
    framework = load_framework(root / "examples" / "questions" / "technology-standards.yaml")
    review = load_assessment(root / "examples" / "questions" / "example-setting.yaml", framework)
    path = tmp_path / "staged.jsonl"
    path.write_text(
        f'{{"q":0,{record(framework, review, "x", evidence=False)[1:]}\n', encoding="utf-8"
    )
    asked: list[tuple[int, bool]] = []

    def counted(
        con: duckdb.DuckDBPyConnection, entries: str, ids: int, scores: bool = False
    ) -> Figures:
        asked.append((ids, scores))
        return read_figures(con, entries, ids, scores)

    monkeypatch.setattr(sql_counts, "_HISTOGRAMS", 4)
    monkeypatch.setattr(sql_counts, "read_figures", counted)
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, staged_rows(str(path), scores=True), framework)
        figures = made.figures()
    finally:
        con.close()
    ids = len(made.layout.ids)
    assert ids > 2
    assert all(scores for _, scores in asked)
    assert all(2 * n <= 4 for n, _ in asked)
    assert sum(n for n, _ in asked) == ids
    assert figures.score_counts is not None
    assert len(figures.score_counts) == len(figures.counts) == ids
