"""`cohort.sql_counts`, what the property tests of `cohort.sql` did not hold (round 42's
second pass, a sample): how many grouping sets a framework takes, and so when counting by
groups is kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from selfreview_core import Assessment, Framework, Judgement, School
from selfreview_core.cohort import sql_counts
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_counts import grouped_figures
from selfreview_core.cohort.sql_queries import entries_sql, entry_reviews_sql, read_figures
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
def test_the_small_framework_is_counted_by_groups_in_five_grouping_sets(
    tmp_path: Path, small_framework: Framework, mirrored: bool
) -> None:
    """Aspects A1, A2 and B1 each by the groups of their packed fields (element B, of one
    aspect, with B1's), element A and the overall level each by its rank: five grouping
    sets. At a limit of five, the figures are still counted by groups, and are those
    counted entry by entry; at four, counting by groups gives way (None). A1's fields take
    25 values (two strands, each at one of four levels or not judged): at a limit of 25
    values it is still counted by its groups, not entry by entry (which takes more sets)."""
    framework = mirror_framework(small_framework) if mirrored else small_framework
    rows = staged_rows(_staged(tmp_path, framework))
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, rows, framework)
        made.figures()  # the reviews' table, `cohort_reviews`, is made
        layout = made.layout
        reviews = entry_reviews_sql(layout, rows, True, with_evidence=False)
        entries = entries_sql(layout, rows, "median", True, False)
        expected = read_figures(con, entries, len(layout.ids))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sql_counts, "_MOST_SETS", 5)
            patch.setattr(sql_counts, "GROUPED_VALUES", 25)
            assert grouped_figures(con, layout, reviews) == expected
            patch.setattr(sql_counts, "_MOST_SETS", 4)
            assert grouped_figures(con, layout, reviews) is None
    finally:
        con.close()
