"""Step 3 of `cohort.sql` by grouping, not by unpacking every entry: the counts of every id.

Counting each id's ranks entry by entry means unpacking each strand of a million entries
and working out every aggregate's rank for each (about three quarters of the time of step 3
over a million schools). But an aspect's rank depends only on its own strands, whose packed
fields take far fewer distinct values than there are schools (six strands on a five-level
scale: at most 6 ** 6 = 46,656). So the entries are grouped once, in one pass with
`GROUPING SETS`, by each aspect's packed fields (its strands' bits of the packed words,
masked), and every strand's and aspect's rank is worked out on those few groups and counted
with each group's size. What a group of packed fields cannot settle cheaply (an element or
the overall level, whose strands are many, or an aspect with too many strands for its fields
to repeat) is worked out entry by entry, as before, and grouped by its rank.

The counts are the same as counting entry by entry (the property tests hold `cohort.sql` to
the definitions in `cohort.benchmarking`); the quartiles and percentiles are then worked out
from the counts (`from_counts`) as `read_figures` works them out in SQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

import duckdb

from .interrupting import set_for, threads_of
from .positions import marked_ids
from .rows import Layout, Rows, policy_sql
from .sql_queries import Figures, entry_reviews_sql, read_figures, unpacked

__all__ = [
    "GROUPED_VALUES",
    "SET_THREADS",
    "count_figures",
    "entry_figures",
    "few_threads",
    "from_counts",
    "grouped_figures",
    "judged_counts",
    "not_applicable_ids",
    "schools_judging",
    "set_batches",
    "year_counts",
]

#: An aspect is counted by the groups of its packed fields when they can take at most this
#: many values (its strands' ranks, or not judged); otherwise entry by entry.
GROUPED_VALUES: Final = 1 << 16
#: Sets of a `GROUPING SETS` query told apart by one `grouping_id` (a BIGINT of flags).
_MOST_SETS: Final = 62
#: Grouping sets times DuckDB's threads that one query may count. Each thread that sees rows
#: gives each set a hash table of a size fixed by DuckDB (from its caches' sizes), 3 to 5 MiB
#: whether it holds two groups or two thousand: 59 sets took 190 MB on one thread and ran
#: past the memory limit (`rows.MEMORY_LIMIT`) over a cohort of two schools when both of two
#: threads happened to see rows (round 60). So the sets are counted a batch a query, at most
#: this many over the threads, themselves this many at most (`few_threads`): 50 to 80 MiB.
SET_THREADS: Final = 16
#: Histograms that one query of `read_figures` makes, counting entry by entry: some seventy
#: in one query passed DuckDB's memory limit (`rows.MEMORY_LIMIT`) over a cohort of forty.
_HISTOGRAMS: Final = 32

_Sets = list[tuple[list[str], list[int]]]


def count_figures(
    con: duckdb.DuckDBPyConnection,
    layout: Layout,
    rows: Rows,
    entries: str,
    latest_only: bool,
    counted: Figures | None = None,
) -> Figures:
    """Step 3: the figures of the cohort's entries (`entries`, their SQL, made after
    `cohort_reviews`), counted by grouping where it fits, else entry by entry, or as
    `counted` (from the long form: `sql_long.long_figures`); with the entries not
    applicable at each id. The reviews are read `packed`: a wide framework's figures come
    from the long form and its `na` alone is read here, and its view of a column a score
    (`cohort_scored`) had DuckDB plan 1,000 unpackings (and sort them for the latest
    review) to read it; for any other framework the SQL is the same (round 74)."""
    reviews = entry_reviews_sql(layout, rows, latest_only, packed=True)
    with few_threads(con):
        figures = (
            counted
            or grouped_figures(con, layout, reviews)
            or entry_figures(con, entries, len(layout.ids), layout.by_scores)
        )
        figures.not_applicable = _not_applicable_counts(con, layout, reviews)
    return figures


@contextmanager
def few_threads(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The block run on at most `SET_THREADS` of DuckDB's threads, then put back. Each
    thread that sees rows gives each grouping set and `GROUP BY` a hash table: past 16
    threads a query counted one set (`set_batches`) and its peak still grew with them, as
    `entry_figures`' and `year_counts`' did (round 61, DuckDB 2.0.1: 16 sets over 20,000-row
    parts took under 16 MB on one thread, over 64 MB on 16, over 256 MB on 64)."""
    threads = threads_of(con)
    if threads <= SET_THREADS:
        yield
        return
    with set_for(con, "threads", str(SET_THREADS), str(threads)):
        yield


def _not_applicable_counts(
    con: duckdb.DuckDBPyConnection, layout: Layout, reviews: str
) -> list[int]:
    """For each id (`Layout.ids` order): the entries of `reviews` (`entry_reviews_sql`) not
    applicable there: a strand in their `na`, an aggregate all of whose strands are. One
    look at `cohort_reviews` when no review has any (a cohort without them counts as before)."""
    ids, count = len(layout.ids), len(layout.strands)
    found = [0] * ids
    if con.execute("SELECT 1 FROM cohort_reviews WHERE na IS NOT NULL LIMIT 1").fetchone() is None:
        return found
    marked = f"SELECT na FROM ({reviews}) WHERE na IS NOT NULL"
    for i, n in con.execute(f"SELECT unnest(na), count(*) FROM ({marked}) GROUP BY 1").fetchall():
        found[int(i)] = int(n)
    groups = list(enumerate(layout.groups))
    for start in range(0, len(groups), _HISTOGRAMS):
        batch = groups[start : start + _HISTOGRAMS]
        every = ", ".join(f"count_if(list_has_all(na, {list(group)}))" for _, group in batch)
        counted = con.execute(f"SELECT {every} FROM ({marked})").fetchone()
        assert counted is not None
        for (n, _), number in zip(batch, counted, strict=True):
            found[count + n] = int(number or 0)  # count_if of no rows: NULL
    return found


def judged_counts(figures: Figures, idx: int) -> dict[str, int]:
    """The `judged`, `unjudged` and `not_applicable` of id `idx`'s `Distribution`: together
    the cohort's size."""
    judged = sum(figures.counts[idx].values())
    assert figures.not_applicable is not None, "counted by count_figures"
    na = figures.not_applicable[idx]
    return {"judged": judged, "unjudged": figures.size - judged - na, "not_applicable": na}


def not_applicable_ids(layout: Layout, na: list[int] | None) -> tuple[str, ...]:
    """The ids (`Layout.ids`) an entry is not applicable at, from its `na` (the indexes of
    its strands not applicable): `positions.marked_ids`."""
    return marked_ids(layout.ids, len(layout.strands), layout.groups, na)


def entry_figures(
    con: duckdb.DuckDBPyConnection, entries: str, ids: int, scores: bool = False
) -> Figures:
    """`read_figures` of the `ids` ids of `entries`, a few ids at a time (`_HISTOGRAMS`):
    a framework of many aspects, or one with questions (a histogram of the ranks and one of
    the scores of each id), made DuckDB run out of memory in one query."""
    step = _HISTOGRAMS // 2 if scores else _HISTOGRAMS
    if ids > step:  # worked out once, not once a batch (seventy times over 1,000 strands)
        kept = [f"c{i}" for i in range(ids)] + ([f"x{i}" for i in range(ids)] if scores else [])
        con.execute("DROP TABLE IF EXISTS cohort_entry_counts")
        con.execute(
            f"CREATE TEMP TABLE cohort_entry_counts AS SELECT {', '.join(kept)} FROM ({entries})"
        )
        entries = "SELECT * FROM cohort_entry_counts"
    parts: list[Figures] = []
    for start in range(0, ids, step):
        batch = range(start, min(start + step, ids))
        named = [f"c{i} AS c{n}" for n, i in enumerate(batch)]
        if scores:
            named += [f"x{i} AS x{n}" for n, i in enumerate(batch)]
        batch_entries = f"SELECT {', '.join(named)} FROM ({entries})"
        parts.append(read_figures(con, batch_entries, len(batch), scores))
    return Figures(
        parts[0].size,
        [found for part in parts for found in part.counts],
        [found for part in parts for found in part.quartiles],
        [found for part in parts for found in part.percentiles],
        [found for part in parts for found in part.by_score or []] if scores else None,
        [found for part in parts for found in part.score_counts or []] if scores else None,
    )


def year_counts(
    con: duckdb.DuckDBPyConnection, entries: str, ids: int, size: int
) -> dict[int, tuple[int, list[list[int]]]]:
    """Per year of `entries` (their SQL, with `assessed_on`): the entries of that year and,
    for each of the `ids` ids, the entries at each of the scale's `size` ranks, worst first.
    A few ids a query (`_HISTOGRAMS`), as `entry_figures` counts: seventy histograms in one
    query ran DuckDB out of memory for a single school of an aspect of seventy strands. On
    few threads, as the figures are counted (`few_threads`)."""
    with few_threads(con):
        return _year_counts(con, entries, ids, size)


def _year_counts(
    con: duckdb.DuckDBPyConnection, entries: str, ids: int, size: int
) -> dict[int, tuple[int, list[list[int]]]]:
    source = f"SELECT year(assessed_on) AS y, {', '.join(f'c{i}' for i in range(ids))} "
    source += f"FROM ({entries})"
    if ids > _HISTOGRAMS:  # the entries worked out once, not once a batch
        con.execute("DROP TABLE IF EXISTS cohort_year_counts")
        con.execute(f"CREATE TEMP TABLE cohort_year_counts AS {source}")
        source = "SELECT * FROM cohort_year_counts"
    out: dict[int, tuple[int, list[list[int]]]] = {}
    for start in range(0, ids, _HISTOGRAMS):
        histograms = ", ".join(
            f"histogram(c{i})" for i in range(start, min(start + _HISTOGRAMS, ids))
        )
        found = con.execute(
            f"SELECT y, count(*), [{histograms}] FROM ({source}) GROUP BY 1 ORDER BY 1"
        ).fetchall()
        for year, schools, maps in found:
            counts = out.setdefault(int(year), (int(schools), []))[1]
            for hist in maps:
                ranks = [0] * size
                for rank, n in (hist or {}).items():
                    ranks[int(rank)] = int(n)
                counts.append(ranks)
    return out


def grouped_figures(con: duckdb.DuckDBPyConnection, layout: Layout, reviews: str) -> Figures | None:
    """The counts, quartiles and percentiles of every id of `layout` over `reviews` (the
    SQL of the entries' packed reviews: `sql_queries.entry_reviews_sql`), counted by
    grouping (see the module's notes). None when this does not fit (a framework with
    questions, whose aggregates follow scores, or too many grouping sets): count entry by
    entry (`read_figures`)."""
    if layout.by_scores:
        return None
    count, ids = len(layout.strands), len(layout.ids)
    strands = [f"{unpacked(layout, i)} AS c{i}" for i in range(count)]
    words = [f"k{w}" for w in range(layout.words())]
    #: Each grouping set: its columns (the first tells it apart) and the ids it settles.
    sets: _Sets = []
    made: dict[tuple[int, ...], int] = {}
    columns: list[str] = []  # of the grouped query, over the entries
    steps: list[str] = []  # worked out first, entry by entry (`policy_sql`)
    aspects = len(layout.framework.aspects)
    for n, group in enumerate(layout.groups):
        if group in made:  # an element of one aspect is that aspect
            sets[made[group]][1].append(count + n)
            continue
        made[group] = len(sets)
        if n < aspects and (layout.size + 1) ** len(group) <= GROUPED_VALUES:
            masks: dict[int, int] = {}
            for i in group:
                word, slot = divmod(i, layout.per_word)
                field = ((1 << layout.bits) - 1) << (layout.width * slot)
                masks[word] = masks.get(word, 0) | field
            names = [f"m{n}_{w}" for w in sorted(masks)]
            columns += [f"k{w} & {masks[w]} AS m{n}_{w}" for w in sorted(masks)]
            sets.append((names, [*group, count + n]))
            continue
        first, expression = policy_sql(
            layout.policy, [f"c{i}" for i in group], layout.size, f"g{n}", layout, group
        )
        steps += first
        columns.append(f"{expression} AS p{n}")
        sets.append(([f"p{n}"], [count + n]))
        if n < aspects:  # its strands, each by its own rank
            for i in group:
                columns.append(f"c{i} AS s{i}")
                sets.append(([f"s{i}"], [i]))
    if len(sets) > _MOST_SETS:
        return None
    batches = set_batches(con, sets)
    if len(batches) > 1:  # the entries' packed words taken once, not once a batch
        con.execute("DROP TABLE IF EXISTS cohort_grouped_words")
        con.execute(
            f"CREATE TEMP TABLE cohort_grouped_words AS SELECT {', '.join(words)} FROM ({reviews})"
        )
        reviews = "SELECT * FROM cohort_grouped_words"
    inner = f"SELECT {', '.join([*words, *strands])} FROM ({reviews})"
    if steps:
        inner = f"SELECT *, {', '.join(steps)} FROM ({inner})"
    source = f"SELECT {', '.join(columns)} FROM ({inner})"
    size = 0
    counts: list[dict[int, int]] = [{} for _ in range(ids)]
    for batch in batches:
        every = [name for names, _ in batch for name in names]
        grouping = ", ".join("(" + ", ".join(names) + ")" for names, _ in batch)
        grouped = (
            f"SELECT grouping_id({', '.join(names[0] for names, _ in batch)}) AS g, "
            f"{', '.join(every)}, count(*) AS n FROM ({source}) GROUP BY GROUPING SETS ({grouping})"
        )
        size, found = _counted(con, layout, grouped, batch)
        for idx in (idx for _, settled in batch for idx in settled):
            counts[idx] = found[idx]
    con.execute("DROP TABLE IF EXISTS cohort_grouped_words")
    return from_counts((size, counts), ids)


def set_batches(con: duckdb.DuckDBPyConnection, sets: _Sets) -> list[_Sets]:
    """`sets` in batches of at most `SET_THREADS` over the connection's threads (at least
    one set a batch): the grouping sets one query counts, so that its hash tables (one a set
    a thread) stay within a bound, however many sets and threads."""
    step = max(1, SET_THREADS // threads_of(con))
    return [sets[start : start + step] for start in range(0, len(sets), step)]


def _counted(
    con: duckdb.DuckDBPyConnection, layout: Layout, grouped: str, sets: _Sets
) -> tuple[int, list[dict[int, int]]]:
    """The entries, and the entries at each rank of every id, from the grouped rows: each
    group's packed words put together again (the other sets' columns are NULL in it), its
    strands' and aspects' ranks worked out on them, and each id's ranks counted with the
    sizes of the groups of the set that settles it."""
    count, ids = len(layout.strands), len(layout.ids)
    masked: dict[int, list[str]] = {}
    for names, _ in sets:
        for name in names:
            if name.startswith("m"):
                masked.setdefault(int(name.rsplit("_", 1)[1]), []).append(name)
    words = [
        f"{' | '.join(f'coalesce({m}, 0)' for m in masked.get(w, [])) or '0'} AS k{w}"
        for w in range(layout.words())
    ]
    own = {i for names, _ in sets for i in range(count) if names == [f"s{i}"]}
    strands = [
        f"s{i} AS c{i}" if i in own else f"{unpacked(layout, i)} AS c{i}" for i in range(count)
    ]
    rank: dict[int, str] = {i: f"c{i}" for i in range(count)}
    steps: list[str] = []
    for names, settled in sets:
        n = settled[-1] - count
        if names[0].startswith("m"):
            group = layout.groups[n]
            first, expression = policy_sql(
                layout.policy, [f"c{i}" for i in group], layout.size, f"g{n}", layout, group
            )
            steps += first
            for idx in settled[len(group) :]:
                rank[idx] = expression
        elif names[0].startswith("p"):
            for idx in settled:
                rank[idx] = names[0]
    full = (1 << len(sets)) - 1
    cases_ids, cases_ranks = [], []
    for j, (_, settled) in enumerate(sets):
        gid = full ^ (1 << (len(sets) - 1 - j))
        cases_ids.append(f"WHEN {gid} THEN {list(settled)}")
        cases_ranks.append(f"WHEN {gid} THEN [{', '.join(rank[i] for i in settled)}]")
    passed = ", ".join(name for names, _ in sets for name in names if not name.startswith("m"))
    inner = f"SELECT g, n, {', '.join([*words, passed] if passed else words)} FROM ({grouped})"
    inner = f"SELECT *, {', '.join(strands)} FROM ({inner})"
    if steps:
        inner = f"SELECT *, {', '.join(steps)} FROM ({inner})"
    found = con.execute(
        f"SELECT idx, rank, sum(n)::BIGINT FROM (SELECT n, "
        f"unnest(CASE g {' '.join(cases_ids)} END) AS idx, "
        f"unnest(CASE g {' '.join(cases_ranks)} END) AS rank FROM ({inner})) GROUP BY ALL"
    ).fetchall()
    size = 0
    counts: list[dict[int, int]] = [{} for _ in range(ids)]
    head = sets[0][1][0]
    for idx, rank_, n in found:
        if idx == head:
            size += n
        if rank_ is not None:
            counts[idx][int(rank_)] = int(n)
    return size, counts


def from_counts(counted: tuple[int, list[dict[int, int]]], ids: int) -> Figures:
    """Figures from the entries and each id's counts by rank: the quartiles (the first rank
    whose running count reaches a quarter, a half, three quarters of the judged) and each
    rank's mid-rank percentile, as `read_figures` works them out in SQL."""
    size, counts = counted
    ordered = [dict(sorted(found.items())) for found in counts]
    percentiles: list[dict[int, float]] = [{} for _ in range(ids)]
    quartiles: list[tuple[int | None, int | None, int | None]] = [(None, None, None)] * ids
    for idx, found in enumerate(ordered):
        judged = sum(found.values())
        running = 0
        low: int | None = None
        median: int | None = None
        high: int | None = None
        for rank, n in found.items():
            running += n
            percentiles[idx][rank] = 100 * float(2 * (running - n) + n) / float(2 * judged)
            if low is None and 4 * running >= judged:
                low = rank
            if median is None and 2 * running >= judged:
                median = rank
            if high is None and 4 * running >= 3 * judged:
                high = rank
        quartiles[idx] = (low, median, high)
    return Figures(size, ordered, quartiles, percentiles)


def schools_judging(con: duckdb.DuckDBPyConnection, entries: str, ids: int) -> list[int]:
    """For each of the `ids` ids of `entries` (`Layout.ids` order): how many schools have a
    level there in some entry, each school once however many of its reviews count. What
    `report --cohort` withholds a figure by (`standing.withhold`): the cohort's own count,
    the same whichever school the report is for."""
    judged = ", ".join(f"bool_or(c{i} IS NOT NULL) AS j{i}" for i in range(ids))
    counts = ", ".join(f"coalesce(count_if(j{i}), 0)" for i in range(ids))
    found = con.execute(
        f"SELECT {counts} FROM (SELECT {judged} FROM ({entries}) GROUP BY school_id)"
    ).fetchone()
    assert found is not None
    return [int(n) for n in found]
