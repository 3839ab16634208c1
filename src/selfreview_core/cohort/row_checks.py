"""The checks of a cohort file's judgement rows before anything is made of them: rows that
do not fit the framework (`check_rows`), a strand judged twice in one review
(`check_reviews`), a review with no school id or date (`identities.refuse`).

Each refusal names the first few reviews by school id and date, so the one who made the
file finds them; and says, for `benchmark --anonymise` (`unnamed_notes.ids_unsaid`), what
is wrong without an id (`CohortRowsError.unnamed`): how many, and what, since the error is
printed beside an output that was to name no school (SPEC section 7).
"""

from __future__ import annotations

import duckdb

from .._words import plural
from ..errors import CohortRowsError, cut
from ..model.framework import Framework
from .identities import not_a_date, not_an_id, refuse, unseen_values
from .rows import Rows, unfit_sql

__all__ = ["check_reviews", "check_rows"]


def check_rows(con: duckdb.DuckDBPyConnection, rows: Rows, framework: Framework) -> None:
    """Refuse rows that do not fit the framework (`unfit_sql`), naming the first few."""
    scored = framework.has_questions
    examples = con.execute(  # with how many there are: said instead under --anonymise
        f"SELECT r.school_id, r.assessed_on, r.strand, r.applicable IS false, r.level, r.rank, "
        f"{'r.score' if scored else 'NULL'}, count(*) OVER () FROM (SELECT *, "
        f"list_position(?::VARCHAR[], strand) - 1 AS pos FROM ({rows.sql})) r "
        f"WHERE {unfit_sql(framework)} LIMIT 3",
        [list(framework.strand_ids), *rows.params],
    ).fetchall()
    if not examples:
        return
    scale = framework.scale
    problems = [
        f"school {cut(str(school))} on {day}: strand {cut(str(strand))}"
        f"{' not applicable' * na} with level {level}, "
        f"rank {rank}" + (f", score {score}" if scored else "")
        for school, day, strand, na, level, rank, score, _ in examples
    ]
    unfit = (
        f"judgement rows do not fit {framework.ref} (strands of another "
        f"framework, or a level and rank off its scale {scale.describe()}, "
        + ("or a score whose whole part is not the rank, " if scored else "")
        + "or no has_evidence, or a level for a strand marked not applicable): "
    )
    error = CohortRowsError(unfit + "; ".join(problems), file=rows.name, code="cohort-rows")
    error.unnamed = unfit + plural(examples[0][-1], "row")
    raise error


def check_reviews(
    con: duckdb.DuckDBPyConnection, rows: Rows, framework: Framework, nonzero: str
) -> None:
    """Refuse rows that do not fit the framework (`check_rows`) and a strand judged twice
    in one school's review of one date: its packed rank would be wrong. Each judged strand
    that fits fills one field, so a review with fewer fields than rows judged has one or
    the other; only then are the rows read again to name them. `nonzero` counts a
    review's filled fields."""
    unseen = unseen_values(con, "cohort_reviews", "school_id")  # by the loader's tables
    unnamed = f"{not_an_id('school_id', unseen)} OR {not_a_date('assessed_on')}"
    found = con.execute(
        f"SELECT count(*) FILTER (WHERE judged <> ({nonzero})), "
        f"count(*) FILTER (WHERE {unnamed}) FROM cohort_reviews"
    ).fetchone()
    if found and found[1]:
        refuse(con, rows.name, "cohort_reviews", unnamed, "no school id (or not an id) or date")
    if not found or not found[0]:
        return
    check_rows(con, rows, framework)
    examples = con.execute(
        f"SELECT school_id, assessed_on, strand, count(*), count(*) OVER () FROM ({rows.sql}) "
        "WHERE strand IS NOT NULL GROUP BY ALL HAVING count(*) > 1 "
        "ORDER BY school_id, assessed_on, strand LIMIT 3",
        list(rows.params),
    ).fetchall()
    problems = [
        f"school {cut(str(s))} on {d}: strand {cut(str(t))} {n} times" for s, d, t, n, _ in examples
    ]
    twice = "a school's review of one date judges a strand more than once: "
    error = CohortRowsError(
        twice + "; ".join(problems),
        file=rows.name,
        code="cohort-rows",
        hint=(
            "a cohort file holds one review per school and date; `selfreview collect` keeps the "
            "last of two reviews of one school on one date"
        ),
    )
    error.unnamed = twice + plural(examples[0][-1], "strand") + " judged twice or more"
    raise error
