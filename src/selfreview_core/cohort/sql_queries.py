"""The SQL of `cohort.sql`'s steps: reviews packed from judgement rows (step 1), the
cohort's entries with every aggregate worked out under the policy (step 2), and the counts,
quartiles and percentiles read from their histograms (step 3); `support` reads the
entries in long form instead (`sql_support`).

Plain functions of a `rows.Layout` and `rows.Rows`, apart from `SqlCohort`'s state, so each
query can be read on its own (the module notes of `cohort.sql` say what each step means).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import duckdb

from .._names import Policy
from ..model.scale import Scale
from .positions import score_percentiles
from .rows import Layout, Rows, policy_sql, score_policy_sql
from .sql_reviews import packed_reviews_sql, score_fields, score_words

__all__ = [
    *("DUPLICATES_SQL", "Figures", "entries_sql", "entry_reviews_sql", "entry_rows_sql"),
    *("is_wide", "level_of", "make_reviews", "read_figures", "reviews_sql", "settle_if_wide"),
    *("texts_join", "texts_sql", "unpacked"),
]


@dataclass(slots=True)
class Figures:
    """The counts, quartiles and percentiles of every id, from step 3."""

    size: int
    counts: list[dict[int, int]]
    quartiles: list[tuple[int | None, int | None, int | None]]
    percentiles: list[dict[int, float]]
    #: Percentiles by score (a framework with questions), else None.
    by_score: list[dict[float, float]] | None = None
    #: Schools at each score (a framework with questions), else None.
    score_counts: list[dict[float, int]] | None = None
    #: Entries not applicable at each id (`sql_counts`), once counted.
    not_applicable: list[int] | None = None


#: Every (school, date) with more than one review (`SqlCohort.duplicates`): where each came
#: from, in the order read, and the school's latest date. The keys that repeat are found first
#: and only their reviews listed: a million schools, a tenth twice, took 465 MB (round 63).
DUPLICATES_SQL: Final = (
    "WITH repeated AS (SELECT school_id, assessed_on FROM cohort_reviews GROUP BY ALL "
    "HAVING count(*) > 1), latest AS (SELECT school_id, max(assessed_on) AS latest FROM "
    "cohort_reviews SEMI JOIN repeated USING (school_id) GROUP BY school_id) "
    "SELECT school_id, assessed_on, list(origin ORDER BY seq), any_value(latest) FROM "
    "cohort_reviews SEMI JOIN repeated USING (school_id, assessed_on) JOIN latest "
    "USING (school_id) GROUP BY school_id, assessed_on ORDER BY school_id, assessed_on"
)

#: Ids (strands and aggregates) past which a framework with questions is counted on one
#: thread: each thread works out every id's score and rank in expressions of its own, and
#: two threads over 1,111 ids ran past the memory limit at a hundred schools (round 52).
WIDE_IDS: Final = 512


def is_wide(layout: Layout) -> bool:
    """Whether `layout` is of a framework with questions of more than `WIDE_IDS` ids: counted
    on one thread, and from the entries in long form (`sql_support.long_figures`)."""
    return layout.by_scores and len(layout.ids) > WIDE_IDS


def settle_if_wide(con: duckdb.DuckDBPyConnection, layout: Layout) -> None:
    """Count a wide framework (`is_wide`) on one thread, planned without DuckDB's common-
    subexpression optimizer: over 1,111 ids it took seconds, no check for Ctrl-C (round 55)."""
    if is_wide(layout):
        con.execute("SET threads = 1; SET disabled_optimizers = 'common_subexpressions'")


def level_of(scale: Scale, rank: int | None) -> int | None:
    """The level at `rank` on `scale` (None: not judged)."""
    return None if rank is None else scale.from_rank(rank)


def reviews_sql(layout: Layout, rows: Rows) -> str:
    """Step 1: `CREATE TEMP TABLE cohort_reviews` (a wide framework's `cohort_packed`:
    `make_reviews`), a row per review (its key, strand ranks and evidence flags packed into
    BIGINTs with `bit_or`, how many rows judged a strand), in one pass; no evidence text
    (`texts_sql`: a column a strand, a thousand filtered aggregates, ran to 2.3 GB, round
    55). A row not fitting the framework (`rows.unfit_sql`) is not packed: a review with one
    has fewer packed fields than strands judged, as one with a strand twice has
    (`row_checks.check_reviews`). Its first parameter is the list of strand ids (a strand's
    position is its place in it), then `rows.params`. A staged review that is one line
    (`Rows.lines`) is packed from its lists, not grouped: grouping a million such lines held
    a hash table of 94 MB at `support`'s first read, its peak (round 71)."""
    grouped = packed_reviews_sql(layout, rows)
    if is_wide(layout):  # stored packed, unpacked by the view (`make_reviews`)
        return f"CREATE OR REPLACE TEMP TABLE cohort_packed AS {grouped}"
    if layout.by_scores:  # the scores unpacked once, a column a strand (`s{i}`)
        grouped = _scored(layout, f"({grouped})")
    return f"CREATE TEMP TABLE cohort_reviews AS {grouped}"


def _scored(layout: Layout, source: str) -> str:
    """The packed reviews of `source` with each strand's score a column (`s{i}`)."""
    words = ", ".join(f"v{w}" for w in range(score_words(layout)))
    scores = ", ".join(f"{unpacked_score(layout, i)} AS s{i}" for i in range(len(layout.strands)))
    return f"SELECT * EXCLUDE ({words}), {scores} FROM {source}"


def make_reviews(con: duckdb.DuckDBPyConnection, layout: Layout, rows: Rows) -> None:
    """Step 1 on `con`, a former cohort's reviews dropped. A wide framework's stay packed
    (`cohort_packed`, the view `cohort_reviews`; a column a strand, 2,000 schools' step 1
    took 218 MB, round 70), unpacked (`cohort_scored`) for its entries alone: planned, its
    1,000 scores cost any query naming them 20-50 MB (`duplicates`, `look_alike`; 71)."""
    try:
        con.execute("DROP TABLE IF EXISTS cohort_reviews")
    except duckdb.CatalogException:  # a wide cohort's view, made on this connection before
        con.execute("DROP VIEW cohort_reviews")
    con.execute(reviews_sql(layout, rows), [list(layout.strands), *rows.params])
    if is_wide(layout):
        con.execute("CREATE TEMP VIEW cohort_reviews AS SELECT * FROM cohort_packed")
        con.execute(
            "CREATE OR REPLACE TEMP VIEW cohort_scored AS " + _scored(layout, "cohort_packed")
        )


def texts_sql(rows: Rows) -> str:
    """`CREATE TEMP TABLE cohort_texts`: each review's evidence texts, a row a strand with
    one (its key, `i` the strand's position, `text`; `any_value` of the strand's rows, not
    applicable ones left out), parameters as `reviews_sql`'s. A staging file's rows (each
    strand once, `Rows.strands_once`) are not grouped: 100,000 ran out of 160 MB (66)."""
    keys = ", ".join(f"r.{c}" for c in rows.key)
    text, grouped = "r.evidence", ""
    if not rows.strands_once:
        text, grouped = "any_value(r.evidence)", f" GROUP BY {keys}, r.pos"
    return (
        f"CREATE OR REPLACE TEMP TABLE cohort_texts AS SELECT {keys}, r.pos::INTEGER AS i, "
        f"{text} AS text FROM (SELECT *, list_position(?::VARCHAR[], strand) "
        f"- 1 AS pos FROM ({rows.sql})) r WHERE r.applicable IS NOT false AND r.evidence IS "
        f"NOT NULL AND r.pos IS NOT NULL{grouped}"
    )


def texts_join(rows: Rows, table: str, entry: str) -> str:
    """A join of each review's texts in `table` (`texts_sql`) as `t`: `ti` the indexes of
    its strands with a text and `tt` those texts (NULL: none), on the key of `entry`."""
    on = " AND ".join(f"{entry}.{c} = t.{c}" for c in rows.key)
    keys = ", ".join(rows.key)
    return (
        f"LEFT JOIN (SELECT {keys}, list(i ORDER BY i) AS ti, list(text ORDER BY i) AS tt "
        f"FROM {table} GROUP BY {keys}) t ON {on} "
    )


def entry_rows_sql(
    layout: Layout,
    rows: Rows,
    policy: Policy,
    latest_only: bool,
    names: str,
    where: str,
    texts: str,
    scores: bool,
    na: bool,
) -> str:
    """`SqlCohort.entry_rows`'s query: the entries (`entries_sql`) `where` selects, with the
    schools' `names` (a table), `texts` (`texts_join`, or "") and the columns asked for.

    The entries' packed reviews are put in cohort order first, with their names and texts,
    and unpacked after, as they stream out: DuckDB holds every column it sorts, and a sort
    of the unpacked ranks, flags and aggregates (a BIGINT an id) took 300,000 schools'
    `benchmark` in JSON 72 MB past the figures' peak, the packed reviews' 20 MB (round 62)."""
    count, ids = len(layout.strands), len(layout.ids)
    keys = " AND ".join(f"e.{c} = n.{c}" for c in rows.key)
    carried = ["school_name", "authority", *(["ti", "tt"] if texts else [])]
    picked = "n.school_name, n.authority" + (", t.ti, t.tt" if texts else "")
    reviews = entry_reviews_sql(layout, rows, latest_only)
    ordered = (
        f"SELECT e.*, {picked} FROM ({reviews}) e JOIN {names} n ON {keys} {texts}{where} "
        "ORDER BY e.school_id, e.assessed_on, e.seq"
    )
    entries = entries_sql(layout, rows, policy, latest_only, source=ordered, carried=carried)
    columns = [f"c{i}" for i in range(ids)] + [f"h{i}" for i in range(count)]
    columns += ["ti", "tt"] if texts else []
    columns += [f"x{i}" for i in range(ids)] if scores else []
    columns += ["na"] if na else []
    return (
        f"SELECT school_id, school_name, authority, assessed_on, {', '.join(columns)} "
        f"FROM ({entries})"
    )


def unpacked_score(layout: Layout, index: int) -> str:
    """Strand `index`'s score, in units of 1 / denominator, from its word (NULL: none)."""
    bits, per_word = score_fields(layout)
    return _field("v", index, per_word, bits, bits)


def unpacked(layout: Layout, index: int) -> str:
    """Strand `index`'s rank from its packed column (NULL: not judged)."""
    return _field("k", index, layout.per_word, layout.width, layout.bits)


def _field(column: str, index: int, per_word: int, width: int, bits: int) -> str:
    """Field `index` (its value + 1 in the low `bits` of `width`, 0: none) of the packed
    columns `{column}0`, `{column}1`, ..., as a value or NULL: ranks and scores alike."""
    word, slot = divmod(index, per_word)
    return f"nullif(({column}{word} >> {width * slot}) & {(1 << bits) - 1}, 0) - 1"


def entry_reviews_sql(
    layout: Layout, rows: Rows, latest_only: bool, by_year: bool = False, *, packed: bool = False
) -> str:
    """The reviews (`cohort_reviews`, packed; a wide framework's `cohort_scored`) that are
    the entries: every review, each school's latest, or (`by_year`) its latest a year.
    `packed`: a wide framework's as stored (`cohort_packed`), its scores left in their words
    (`v{w}`) for the long form to unpack a strand a row (`sql_support`)."""
    wide = is_wide(layout)
    table = "cohort_packed" if wide and packed else "cohort_scored" if wide else "cohort_reviews"
    if (latest_only or by_year) and rows.unique_reviews and not by_year:
        # One review per school and date: the latest is the one of the latest date, taken
        # in one grouping by school (no join, no window).
        count = len(layout.strands)
        taken = ", ".join(
            f"arg_max_null({c}, assessed_on) AS {c}"
            for c in [
                *(f"k{w}" for w in range(layout.words())),
                *(f"v{w}" for w in range(score_words(layout)) if wide and packed),
                *(f"s{i}" for i in range(count) if layout.by_scores and not (wide and packed)),
                "na",
            ]
        )
        return (
            "SELECT school_id, max(assessed_on) AS assessed_on, 0::BIGINT AS seq, "
            f"NULL::VARCHAR AS origin, {taken} FROM {table} GROUP BY school_id"
        )
    if latest_only or by_year:
        groups = "school_id, year(assessed_on)" if by_year else "school_id"
        return (
            f"SELECT * FROM {table} QUALIFY row_number() OVER "
            f"(PARTITION BY {groups} ORDER BY assessed_on DESC, seq DESC) = 1"
        )
    return f"SELECT * FROM {table}"


def entries_sql(
    layout: Layout,
    rows: Rows,
    policy: Policy,
    latest_only: bool,
    by_year: bool = False,
    *,
    source: str | None = None,
    carried: Sequence[str] = (),
) -> str:
    """Step 2: the SQL of the cohort's entries from `cohort_reviews`, in no particular
    order: `c{i}` the rank of each id of `layout`, `h{i}` each strand's evidence flag, `na`
    the indexes of the strands not applicable (NULL when none), and in a framework with
    questions `x{i}` each id's score, its aggregates' ranks following their scores
    (`rows.score_policy_sql`); `by_year`: each
    school's latest review of each year instead. `source`: the entries' packed reviews
    from this SQL instead (`entry_reviews_sql`'s columns, in its order, kept: each column
    is worked out row by row), with its `carried` columns passed through after `origin`."""
    count = len(layout.strands)
    strands = [f"{unpacked(layout, i)} AS c{i}" for i in range(count)]
    flags = [
        f"CASE WHEN c{i} IS NOT NULL THEN ((k{i // layout.per_word} >> "
        f"{layout.flag_shift(i)}) & 1) = 1 END AS h{i}"
        for i in range(count)
    ]
    meta = ", ".join(["school_id", "assessed_on", "seq", "origin", *carried])
    packed = [f"k{w}" for w in range(layout.words())]
    scored = [f"s{i}" for i in range(count)] if layout.by_scores else []
    if source is None:
        source = entry_reviews_sql(layout, rows, latest_only, by_year)
    inner = f"SELECT {meta}, {', '.join([*strands, *packed, *scored])}, na FROM ({source})"
    if layout.by_scores:
        return _scored_entries(layout, policy, meta, inner, [*flags, "na"])
    # Each distinct group of strands once: an element of one aspect is that aspect.
    steps: list[str] = []
    made: dict[tuple[int, ...], str] = {}
    for n, group in enumerate(layout.groups):
        if group not in made:
            columns = [f"c{i}" for i in group]
            first, expression = policy_sql(policy, columns, layout.size, f"g{n}", layout, group)
            steps += first
            made[group] = expression
    if steps:
        inner = f"SELECT *, {', '.join(steps)} FROM ({inner})"
    aggregates = [f"{made[group]} AS c{count + n}" for n, group in enumerate(layout.groups)]
    strand_columns = ", ".join(f"c{i}" for i in range(count))
    return (
        f"SELECT {meta}, {strand_columns}, {', '.join(aggregates)}, "
        f"{', '.join(flags)}, na FROM ({inner})"
    )


def _scored_entries(layout: Layout, policy: Policy, meta: str, inner: str, rest: list[str]) -> str:
    """`entries_sql` in a framework with questions: every aggregate's rank and score from
    the strands' scores, then each id's score (`x{i}`) after the other columns."""
    count, d = len(layout.strands), layout.denominator
    ranks = [f"c{i}" for i in range(count)]
    values = [f"s{i}::DOUBLE / {d} AS x{i}" for i in range(count)]
    for n, group in enumerate(layout.groups):
        rank, value = score_policy_sql(policy, [f"s{i}" for i in group], layout)
        ranks.append(f"{rank} AS c{count + n}")
        values.append(f"{value} AS x{count + n}")
    return f"SELECT {meta}, {', '.join([*ranks, *rest, *values])} FROM ({inner})"


def read_figures(
    con: duckdb.DuckDBPyConnection, entries: str, ids: int, scores: bool = False
) -> Figures:
    """Step 3: counts, quartiles and percentiles of each of `ids` ids, from the entries
    (`entries_sql`), through a temporary table of their histograms; with `scores`, the
    percentiles by score too, from histograms of the scores."""
    histograms = ", ".join(f"histogram(c{i})" for i in range(ids))
    by_value = ""
    if scores:
        by_value = f", [{', '.join(f'histogram(x{i})' for i in range(ids))}] AS xs"
    con.execute("DROP TABLE IF EXISTS cohort_counts")
    con.execute(
        f"CREATE TEMP TABLE cohort_counts AS SELECT count(*) AS size, [{histograms}] AS hs"
        f"{by_value} FROM ({entries})"
    )
    size_row = con.execute("SELECT size FROM cohort_counts").fetchone()
    size = int(size_row[0]) if size_row else 0
    counts: list[dict[int, int]] = [{} for _ in range(ids)]
    percentiles: list[dict[int, float]] = [{} for _ in range(ids)]
    quartiles: list[tuple[int | None, int | None, int | None]] = [(None, None, None)] * ids
    figures = con.execute(
        "WITH x AS (SELECT unnest(range(len(hs))) AS idx, unnest(hs) AS hist "
        "FROM cohort_counts), "
        "y AS (SELECT idx, unnest(map_keys(hist)) AS rank, "
        "unnest(map_values(hist))::BIGINT AS n FROM x), "
        "c AS (SELECT idx, rank, n, "
        "sum(n) OVER (PARTITION BY idx ORDER BY rank) AS running, "
        "sum(n) OVER (PARTITION BY idx) AS judged FROM y WHERE n > 0) "
        "SELECT idx, rank, n, "
        "100 * (2 * (running - n) + n)::DOUBLE / (2 * judged)::DOUBLE AS percentile, "
        "4 * running >= judged, 2 * running >= judged, 4 * running >= 3 * judged "
        "FROM c ORDER BY idx, rank"
    ).fetchall()
    for idx, rank, n, percentile, lower, middle, upper in figures:
        counts[idx][rank] = int(n)
        percentiles[idx][rank] = float(percentile)
        low, median, high = quartiles[idx]
        quartiles[idx] = (
            low if low is not None or not lower else rank,
            median if median is not None or not middle else rank,
            high if high is not None or not upper else rank,
        )
    by_score = score_counts = None
    if scores:
        found = con.execute("SELECT xs FROM cohort_counts").fetchone()
        maps = found[0] if found else [None] * ids
        score_counts = [{float(v): int(n) for v, n in (hist or {}).items()} for hist in maps]
        by_score = [score_percentiles(counted) for counted in score_counts]
    return Figures(size, counts, quartiles, percentiles, by_score, score_counts)
