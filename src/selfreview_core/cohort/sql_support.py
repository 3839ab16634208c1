"""The entries `support` reads, in long form: one row per judged strand of each entry.

`support` needs each entry's strand ranks, each aspect's rank under the policy, the schools
below a level on each, and the reviews of those schools rebuilt. Round 53 asked all of it
of `cohort.sql`'s entries (`sql_queries.entries_sql`), a query of a column per id: DuckDB
worked the 1,111 columns of a 1,000-strand framework out again for each consumer (the
counts, the schools below, the reviews), and held an intermediate vector for every node of
every column's expression, so one school took 28 s of CPU and 2.3 GB. Here the entries are
put in tables once, a row per strand (round 54):

- `support_entries`: each entry (each school's latest review, `entry_reviews_sql`), numbered
  `e` in cohort order (by school id, date, order read), with its packed rank words as one
  list, each strand's score (questions) as a list (a wide framework's: its packed score
  words, `v`, round 73), and `na`, the strands not applicable;
- `support_strands`: (`e`, strand index `i`, `rank`, evidence `flag`, `score`), a row per
  judged strand, unpacked as `sql_queries.unpacked` does;
- `support_texts`: (`e`, `i`, `text`), each evidence text of an entry (rows with evidence);
- `support_aspects`: (`e`, id index `i`, `rank`), each aspect's rank from its judged
  strands, grouped: under `rows.policy_sql`'s and `rows.score_policy_sql`'s definitions,
  written as aggregates (the mean rounded half-way to the worse, the lower middle, the
  least; in a framework with questions each over the scores, and the level at ⌊score⌋).

An aspect with no judged strand has no row (not judged), as a strand not judged has none.
Each is stored in order of `e`, so that a batch of a few entries reads only its own row
groups (round 69). `SqlCohort.long_form` (`every` aggregate: elements and overall too)
names its tables `long_entries`, `long_strands`, ..., so one connection can hold both.
`support`'s tables are dropped once its list is made, the year form's once counted
(`long_year_counts`); the long form's are the cohort's, read again by its figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

import duckdb

from ..model.framework import Framework
from .interrupting import set_for, threads_of
from .rows import Layout, Rows
from .sql_queries import entry_reviews_sql, is_wide
from .sql_reviews import score_fields, score_words
from .support_ids import Members, SchoolIds


class SqlCohort(Protocol):
    """What the long form reads of `sql.SqlCohort` (which imports this module)."""

    con: duckdb.DuckDBPyConnection
    rows: Rows
    latest_only: bool
    framework: Framework

    @property
    def layout(self) -> Layout: ...
    @property
    def texts(self) -> str: ...
    def _prepare(self) -> None: ...
    def _names(self) -> str: ...


__all__ = [
    "SupportEntries",
    "has_entries",
    "review_years",
]


def has_entries(cohort: SqlCohort) -> bool:
    """Whether the cohort has any entry, without working out a figure of it."""
    cohort._prepare()
    found = cohort.con.execute("SELECT count(*) > 0 FROM cohort_reviews").fetchone()
    return bool(found and found[0])


def review_years(cohort: SqlCohort) -> int:
    """How many years the cohort's reviews fall in: its trend's columns (`counts_by_year`:
    each school's latest review of each year), known without working a figure out."""
    cohort._prepare()
    found = cohort.con.execute(
        "SELECT count(DISTINCT year(assessed_on)) FROM cohort_reviews"
    ).fetchone()
    return int(found[0]) if found else 0


def _aggregate(layout: Layout) -> str:
    """An aggregate's rank and value (its score, a DOUBLE, NULL without questions) from its
    judged strands' rows (`rank`, `score`), under the policy."""
    policy = layout.policy
    if layout.by_scores:
        d, last = layout.denominator, layout.size - 1
        n = "count(score)"
        if policy == "mean":
            scaled = f"sum(score) // ({n} * {d})"
            value = f"sum(score)::DOUBLE / ({n} * {d})::DOUBLE"
        else:
            if policy == "weakest":
                chosen = "min(score)"
            else:  # the lower middle: ties go to the worse
                ordered = "list(score ORDER BY score) FILTER (WHERE score IS NOT NULL)"
                chosen = f"({ordered})[({n} + 1) // 2]"
            scaled, value = f"{chosen} // {d}", f"{chosen}::DOUBLE / {d}"
        return (
            f"CASE WHEN {n} > 0 THEN least({scaled}, {last}) END AS rank, "
            f"CASE WHEN {n} > 0 THEN {value} END AS value"
        )
    if policy == "weakest":
        rank = "min(rank)"
    elif policy == "mean":  # rounded half-way to the worse
        rank = "sum(rank) // count(rank) + (2 * (sum(rank) % count(rank)) > count(rank))::INTEGER"
    else:
        rank = "list(rank ORDER BY rank)[(count(rank) + 1) // 2]"
    return f"{rank} AS rank, NULL::DOUBLE AS value"


def _word_scores(layout: Layout) -> str:
    """A wide framework's strand `i`'s score from its entry's packed score words (`v`), as
    `sql_queries.unpacked_score` reads it from `v{w}`. Its entries are read packed: the
    scores unpacked a column a strand (`cohort_scored`), every one of 1,000 expressions
    held vectors of its own, and its list of 1,000 scores was numbered in one window: 10,000
    schools' long form took 360 MB (round 72)."""
    bits, per_word = score_fields(layout)
    word = f"v[i // {per_word} + 1] >> ({bits} * (i % {per_word}))"
    return f"nullif(({word}) & {(1 << bits) - 1}, 0) - 1 AS score"


@dataclass
class SupportEntries:
    """The long-form tables of `cohort`'s entries (see the module's notes), made once;
    `every`: `long_aspects` holds every aggregate (elements and overall too), as the
    cohort's figures need (`long_figures`)."""

    cohort: SqlCohort
    every: bool = False
    by_year: bool = False
    _named: bool = field(default=False, init=False)

    @property
    def prefix(self) -> str:
        """Its tables' names' start: `long` for `every` aggregate (`SqlCohort.long_form`),
        `year` for each school's latest review of each year (`long_year_counts`), else
        `support`, so that all made on one connection keep their own tables."""
        return "year" if self.by_year else "long" if self.every else "support"

    @property
    def texts(self) -> bool:
        """Whether each strand's evidence text is read: when the rows carry it."""
        return self.cohort.rows.evidence and not self.by_year

    def __post_init__(self) -> None:
        cohort, layout, p = self.cohort, self.cohort.layout, self.prefix
        con, count = cohort.con, len(layout.strands)
        cohort._prepare()
        wide = is_wide(layout)
        source = entry_reviews_sql(
            layout, cohort.rows, cohort.latest_only, self.by_year, packed=wide
        )
        lists = [f"[{', '.join(f'k{w}' for w in range(layout.words()))}] AS k"]
        unnested = ["unnest(range(?)) AS i"]
        score = "score" if layout.by_scores else "NULL::BIGINT AS score"
        if wide:  # the score words kept, each strand's unpacked on its row (`_word_scores`)
            lists.append(f"[{', '.join(f'v{w}' for w in range(score_words(layout)))}] AS v")
            unnested.insert(0, "v")
            score = _word_scores(layout)
        elif layout.by_scores:
            lists.append(f"[{', '.join(f's{i}' for i in range(count))}] AS s")
            unnested.append("unnest(s) AS score")
        self.drop()
        con.execute(
            f"CREATE TEMP TABLE {p}_entries AS SELECT (row_number() OVER "
            "(ORDER BY school_id, assessed_on, seq) - 1)::BIGINT AS e, school_id, assessed_on, "
            f"seq, na, {', '.join(lists)} FROM ({source})"
        )
        pw, width, bits = layout.per_word, layout.width, layout.bits
        word = f"k[i // {pw} + 1] >> ({width} * (i % {pw}))"
        strands = (
            f"SELECT e, i::INTEGER AS i, rank, CASE WHEN rank IS NOT NULL THEN "
            f"((({word}) >> {bits + 1}) & 1) = 1 END AS flag, {score} "
            f"FROM (SELECT *, nullif(({word}) & {(1 << bits) - 1}, 0) - 1 AS rank "
            f"FROM (SELECT e, k, {', '.join(unnested)} FROM {p}_entries)) "
            "WHERE rank IS NOT NULL"
        )
        if not (self.every or self.by_year):  # `support`'s reviews are rebuilt, named:
            self.names()  # read now, beside the reviews alone (`names`)
        con.execute(f"CREATE TEMP TABLE {p}_strands AS {strands}", [count])
        if self.texts:
            self._texts()
        members: list[int] = []
        aspects: list[int] = []
        groups = layout.groups if self.every else layout.groups[: len(layout.framework.aspects)]
        for n, group in enumerate(groups):
            members += group
            aspects += [count + n] * len(group)
        con.execute(
            f"CREATE TEMP TABLE {p}_aspects AS SELECT e, g AS i, {_aggregate(layout)} "
            f"FROM {p}_strands JOIN (SELECT unnest(?::INTEGER[]) AS i, "
            "unnest(?::INTEGER[]) AS g) USING (i) GROUP BY e, g ORDER BY e",
            [members, aspects],
        )

    def _texts(self) -> None:
        """`{prefix}_texts`: each entry's evidence texts (`e`, strand index `i`, `text`;
        `SqlCohort.texts`), stored in entry order, on one thread. A batch of `reviews` or
        `entry_rows` then reads only the row groups of its own entries (DuckDB skips the
        rest by their least and greatest `e`). Carried in `{prefix}_strands` as the hash
        join left them, every batch scanned most of the texts: `support` of a million
        schools from JSON Lines, 183 batches, 433 s of CPU (round 68); and sorted there,
        with the strands and on two threads, the texts ran out of the 160 MB (round 68)."""
        cohort, p, con = self.cohort, self.prefix, self.cohort.con
        keys = " AND ".join(f"x.{c} = r.{c}" for c in cohort.rows.key)
        texts, threads = cohort.texts, str(threads_of(con))
        with set_for(con, "threads", "1", threads):
            con.execute(
                f"CREATE TEMP TABLE {p}_texts AS SELECT x.e, r.i, r.text FROM {texts} r "
                f"JOIN {p}_entries x ON {keys} ORDER BY x.e, r.i"
            )

    def drop(self) -> None:
        """Its tables dropped (made again, or done with: `support`, `long_year_counts`)."""
        self._named = False
        for table in ("entries", "strands", "aspects", "names", "texts"):
            self.cohort.con.execute(f"DROP TABLE IF EXISTS {self.prefix}_{table}")

    @property
    def size(self) -> int:
        found = self.cohort.con.execute(f"SELECT count(*) FROM {self.prefix}_entries").fetchone()
        return int(found[0]) if found else 0

    def below(self, rank: int, indexes: Sequence[int]) -> list[tuple[int, Members]]:
        """For each id index (strands and aspects): how many entries have a level there, and
        those whose rank there is below `rank`, as `Members` of the cohort (`support_ids`:
        a list of ids a strand held 60 to 100 bytes a school, round 61). An index a query,
        read `PLACES_READ` rows at a time: DuckDB sorts one index's entries at once."""
        p, con, size = self.prefix, self.cohort.con, self.size
        ranked = f"SELECT e, i, rank FROM {p}_strands UNION ALL SELECT e, i, rank FROM {p}_aspects"
        judged = dict(con.execute(f"SELECT i, count(rank) FROM ({ranked}) GROUP BY i").fetchall())
        query = f"SELECT e FROM ({ranked}) WHERE i = ? AND rank < ? ORDER BY e"
        found = []
        for i in indexes:
            members = Members(size)
            cursor = con.execute(query, [i, rank])
            while batch := cursor.fetchmany(PLACES_READ):
                for (e,) in batch:
                    members.add(e)
            found.append((int(judged.get(i, 0)), members))
        return found

    def ids(self) -> SchoolIds:
        """Each entry's school id, at its place (`e`): `PLACES_READ` entries a query, so
        that DuckDB sorts no more at once (all at once, a million took 30 MB more)."""
        con, step = self.cohort.con, PLACES_READ
        query = f"SELECT school_id FROM {self.prefix}_entries WHERE e BETWEEN ? AND ? ORDER BY e"
        return SchoolIds(
            [school_id for (school_id,) in con.execute(query, [start, start + step - 1]).fetchall()]
            for start in range(0, self.size, step)
        )

    def names(self) -> str:
        """The table of each entry's school name and authority by its place (`e`), in that
        order: joined to `SqlCohort._names`'s table once, made on first use (figures need
        none). `reviews` and `entry_rows` join a few entries at a time to it, reading only
        theirs; joined to the names table itself, each batch read all of it again: at a
        million schools 183 batches of a million names, 200 s of CPU (round 68). `support`'s
        are made once its entries are numbered, before their strands, texts and aspects:
        read from JSON Lines last, beside those tables' 160 MB, the names were `support`'s
        peak at a million (323 MB in-process, 269 MB read first; round 70)."""
        if not self._named:
            cohort, p = self.cohort, self.prefix
            keys = " AND ".join(f"x.{c} = n.{c}" for c in cohort.rows.key)
            cohort.con.execute(
                f"CREATE OR REPLACE TEMP TABLE {p}_names AS SELECT x.e, n.school_name, "
                f"n.authority FROM {p}_entries x JOIN {cohort._names()} n ON {keys} ORDER BY x.e"
            )
            self._named = True
        return f"{self.prefix}_names"

    def reviews(self, below: int | None = None) -> Iterator[tuple[Any, ...]]:
        """Each entry (those below rank `below` on some strand or aspect, else every one) in
        cohort order: school id, name, authority, date, the strands not applicable (or
        None), and its judged strands' indexes, ranks, flags, texts and scores, as lists.
        A few entries a query (`REVIEW_ROWS` strands' rows): DuckDB holds no more at once."""
        cohort, p = self.cohort, self.prefix
        names, span = self.names(), "e BETWEEN ? AND ?"
        chosen = span
        if below is not None:
            chosen += (
                f" AND e IN (SELECT e FROM {p}_strands WHERE rank < {int(below)} AND "
                f"{span} UNION SELECT e FROM {p}_aspects WHERE rank < {int(below)} AND "
                f"{span})"
            )
        fields = ", ".join(
            f"list({c} ORDER BY i) AS {c}" for c in ("i", "rank", "flag", "text", "score")
        )
        strands = f"(SELECT * FROM {p}_strands WHERE {chosen})"
        if self.texts:  # each judged strand's text
            strands += f" LEFT JOIN (SELECT * FROM {p}_texts WHERE {span}) USING (e, i)"
        else:
            strands = f"(SELECT *, NULL::VARCHAR AS text FROM {strands})"
        query = (
            "SELECT x.school_id, n.school_name, n.authority, x.assessed_on, x.na, "
            f"l.i, l.rank, l.flag, l.text, l.score FROM (SELECT * FROM {p}_entries "
            f"WHERE {chosen}) x JOIN (SELECT * FROM {names} WHERE {span}) n ON n.e = x.e "
            f"LEFT JOIN (SELECT e, {fields} FROM {strands} GROUP BY e) l "
            "ON l.e = x.e ORDER BY x.e"
        )
        step = max(1, REVIEW_ROWS // max(1, len(cohort.layout.strands)))
        for start in range(0, self.size, step):
            bounds = [start, start + step - 1] * (3 if below is not None else 1)
            span_bounds = [start, start + step - 1]
            texts = span_bounds if self.texts else []
            asked = [*bounds, *span_bounds, *bounds, *texts]
            yield from cohort.con.execute(query, asked).fetchall()

    def entry_rows(self, school_id: str | None, texts: bool) -> Iterator[tuple[Any, ...]]:
        """The entries (`school_id`'s, else every one) in cohort order as
        `SqlCohort.entry_rows` gives them with `scores` and `na` (`texts`: with the texts),
        put together from the long form (`every` aggregate): a few entries a query, as
        `reviews` reads them, not 1,111 columns worked out for every entry."""
        cohort, layout, p = self.cohort, self.cohort.layout, self.prefix
        count, ids, d = len(layout.strands), len(layout.ids), layout.denominator
        names = self.names()
        chosen, step = "e BETWEEN ? AND ?", max(1, REVIEW_ROWS // max(1, count))
        if school_id is not None:  # its entries, in one query
            chosen, step = f"e IN (SELECT e FROM {p}_entries WHERE school_id = ?)", self.size
        value = f"score::DOUBLE / {d}" if layout.by_scores else "NULL"
        strands = ", ".join(f"list({c} ORDER BY i)" for c in ("i", "rank", "flag", value))
        groups = ", ".join(f"list({c} ORDER BY i)" for c in ("i", "rank", "value"))
        joined = (
            f"LEFT JOIN (SELECT e, list(i ORDER BY i) AS ti, list(text ORDER BY i) AS tt "
            f"FROM {p}_texts WHERE {chosen} GROUP BY e) t ON t.e = x.e "
            if texts
            else ""
        )
        query = (
            "SELECT x.school_id, n.school_name, n.authority, x.assessed_on, x.na, s.*, a.*"
            f"{', t.ti, t.tt' if texts else ''} FROM (SELECT * FROM {p}_entries WHERE "
            f"{chosen}) x JOIN (SELECT * FROM {names} WHERE {chosen}) n ON n.e = x.e LEFT JOIN "
            f"(SELECT e, {strands} FROM "
            f"{p}_strands WHERE {chosen} GROUP BY e) s ON s.e = x.e LEFT JOIN (SELECT e, "
            f"{groups} FROM {p}_aspects WHERE {chosen} GROUP BY e) a ON a.e = x.e "
            f"{joined}ORDER BY x.e"
        )
        for start in range(0, self.size, step):
            asked = [start, start + step - 1] if school_id is None else [school_id]
            for row in cohort.con.execute(query, asked * (5 if texts else 4)).fetchall():
                # row[5:10]: the strands' e, indexes, ranks, flags, values; row[10:14] the
                # aggregates' e, indexes, ranks, values (e NULL: none judged)
                ranks: list[Any] = [None] * ids
                flags: list[Any] = [None] * count
                values: list[Any] = [None] * ids
                for i, rank, flag, score in zip(
                    *(row[6:10] if row[5] is not None else ()), strict=True
                ):
                    ranks[i], flags[i], values[i] = rank, flag, score
                for i, rank, score in zip(
                    *(row[11:14] if row[10] is not None else ()), strict=True
                ):
                    ranks[i], values[i] = rank, score
                said = list(row[14:16]) if texts else []
                shown = values if layout.by_scores else []
                yield (*row[:4], *ranks, *flags, *said, *shown, row[4])


#: Rows `SupportEntries.below` and `ids` read at a time: about 5 MB of Python objects.
PLACES_READ: Final = 65_536


#: Strands' rows `SupportEntries.reviews` asks for in one query (a 1,000-strand framework:
#: 65 entries a query; Becta's 12: 5,461).
REVIEW_ROWS: Final = 65_536
