"""The cohort's figures from its long form (`sql_support.SupportEntries`, `every`
aggregate), where a wide framework's 1,111 columns a review would cost too much: the
entries at each rank and score of every id, the schools judging each, and the counts of
each year's entries (round 55). `sql_support` makes the tables and reads them for
`support`; these read them for `cohort.sql`'s figures (apart since round 69, when the texts'
own table took that module past 400 lines).
"""

from __future__ import annotations

from .lowered_memory import READING_MB, lowered_memory
from .positions import score_percentiles
from .sql_counts import from_counts
from .sql_queries import Figures
from .sql_support import SqlCohort, SupportEntries

__all__ = ["long_figures", "long_judging", "long_year_counts"]


def long_figures(entries: SupportEntries) -> Figures:
    """Step 3 of `cohort.sql` from the long form (`every` aggregate): the entries at each
    rank, and in a framework with questions at each score, of every id, counted by grouping
    a row per strand and aggregate, not a histogram a column (`sql_counts.entry_figures`
    asked 70 batches of them of 1,111 columns); the same figures. Read within `READING_MB`,
    as the entries are: the tables, made within 160 MB and spilled, were read back into
    the connection's 256 MB (round 72)."""
    with lowered_memory(entries.cohort.con, READING_MB):
        return _long_figures(entries)


def _long_figures(entries: SupportEntries) -> Figures:
    cohort = entries.cohort
    layout, con = cohort.layout, cohort.con
    ids = len(layout.ids)
    value, p = f"score::DOUBLE / {layout.denominator}", entries.prefix
    every = f"SELECT i, rank, {value} AS value FROM {p}_strands UNION ALL SELECT i, rank, "
    every += f"value FROM {p}_aspects"
    counts: list[dict[int, int]] = [{} for _ in range(ids)]
    ranked = f"SELECT i, rank, count(*) FROM ({every}) WHERE rank IS NOT NULL GROUP BY ALL"
    for i, rank, n in con.execute(f"{ranked} ORDER BY ALL").fetchall():
        counts[i][int(rank)] = int(n)
    figures = from_counts((entries.size, counts), ids)
    if layout.by_scores:
        valued = f"SELECT i, value, count(*) FROM ({every}) WHERE value IS NOT NULL GROUP BY ALL"
        score_counts: list[dict[float, int]] = [{} for _ in range(ids)]
        for i, value, n in con.execute(f"{valued} ORDER BY ALL").fetchall():
            score_counts[i][float(value)] = int(n)
        figures.score_counts = score_counts
        figures.by_score = [score_percentiles(counted) for counted in score_counts]
    return figures


def long_judging(entries: SupportEntries) -> list[int]:
    """`sql_counts.schools_judging` from the long form (`every` aggregate): per id, the
    schools with a level there in some entry, each once."""
    p = entries.prefix
    found = entries.cohort.con.execute(
        f"SELECT i, count(DISTINCT school_id) FROM (SELECT e, i FROM {p}_strands UNION ALL "
        f"SELECT e, i FROM {p}_aspects WHERE rank IS NOT NULL) JOIN {p}_entries "
        "USING (e) GROUP BY i"
    ).fetchall()
    judging = [0] * len(entries.cohort.layout.ids)
    for i, n in found:
        judging[int(i)] = int(n)
    return judging


def long_year_counts(cohort: SqlCohort) -> dict[int, tuple[int, list[list[int]]]]:
    """`sql_counts.year_counts` from the long form of each school's latest review of each
    year (`every` aggregate, `by_year`): per year, its entries and, for every id, the entries
    at each rank, worst first; counted by grouping, not 1,111 columns of histograms. The
    long form's tables are dropped once counted (they are read for nothing else; a count
    cut short leaves them to the connection's close, where a query interrupted would not)."""
    entries = SupportEntries(cohort, every=True, by_year=True)
    counted = _year_counts(entries)
    entries.drop()
    return counted


def _year_counts(entries: SupportEntries) -> dict[int, tuple[int, list[list[int]]]]:
    con, layout, p = entries.cohort.con, entries.cohort.layout, entries.prefix
    years = con.execute(
        f"SELECT year(assessed_on), count(*) FROM {p}_entries GROUP BY 1 ORDER BY 1"
    ).fetchall()
    ids, size = len(layout.ids), layout.size
    out = {int(y): (int(n), [[0] * size for _ in range(ids)]) for y, n in years}
    found = con.execute(
        f"SELECT year(x.assessed_on), s.i, s.rank, count(*) FROM (SELECT e, i, rank FROM "
        f"{p}_strands UNION ALL SELECT e, i, rank FROM {p}_aspects WHERE rank IS NOT NULL) s "
        f"JOIN {p}_entries x USING (e) GROUP BY ALL"
    ).fetchall()
    for year, i, rank, n in found:
        out[int(year)][1][int(i)][int(rank)] = int(n)
    return out
