"""Benchmarking a cohort on DuckDB: the definitions of `cohort.benchmark`, in SQL.

`cohort.benchmark` is the definition (read its notes: ranks, the median and quartiles with
ties to the worse, the mid-rank percentile); this module computes the same `Cohort` in an
embedded DuckDB, so a cohort of a million schools needs neither a million Python objects nor
the memory they take. The property tests hold the two equal, figure for figure.

How, in four steps, each one query:

1. **Reviews.** The judgement rows (a cohort Parquet file as `collect` writes it, or the rows of
   assessments staged by `staging`) are grouped into one row per review: a school's review of one
   date (from Parquet) or one staged review. Each strand's rank is packed into a few bits of a
   BIGINT (rank + 1, 0 for not judged or not applicable, listed apart as `na`; `Layout`), so a
   review is a handful of integers rather than a row per strand, and grouping stays cheap. Rows
   that do not fit the framework (an unknown strand, a rank outside the scale, a level that is not
   its rank's, a strand twice in one review) are counted and refused.
2. **Entries.** Each school's latest review (the later one read on a tie), or every review
   (`latest_only=False`). The strand ranks are unpacked, and each aspect's, element's and overall
   rank is worked out from them in SQL under the policy: `weakest` the least rank, `mean` the
   rounded mean (half-way to the worse), `median` the lower middle rank, found as the least rank r
   at which at least half of the judged strands are at r or worse.
3. **Counts.** Schools at each rank of every id (grouping the entries on each aspect's packed
   fields, `sql_counts`; else a `histogram` of each), then the quartiles (the first rank whose
   running count reaches a quarter, a half, three quarters of the judged schools:
   `4 * running >= q * judged`) and each rank's percentile, `100 * (2 * below + same) / (2 *
   judged)`. In a wide framework (`sql_queries.is_wide`), from the long form (`sql_support`).
4. **Positions.** Only when they are asked for: one school's, or every school's streamed in
   cohort order (by id, date, order read) for JSON and CSV, built one at a time
   (`sql_positions`).

Duplicates (two staged reviews of one school on one date) are listed as `benchmark` lists
them. A cohort Parquet file holds each school's review of one date once (`collect` settles
duplicates when it writes): there a strand twice in one review is an error, not a duplicate.
The rows are `rows`'s, each step's SQL `sql_queries`'s; DuckDB is imported only by these
modules (and those that write Parquet): never at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import Any

import duckdb

from .._names import POLICIES, Policy, Where
from ..model.assessment import Assessment
from ..model.framework import Framework
from .file_reading import parquet_rows, reading
from .identities import check_names, names_sql
from .interrupting import set_for, threads_of
from .lowered_memory import READING_MB, lowered_memory
from .positions import Cohort, Distribution, Duplicate, Kind, SchoolPosition
from .row_checks import check_reviews
from .rows import CohortRowsError, Layout, Rows, connect, staged_rows
from .sql_counts import count_figures, judged_counts, schools_judging, year_counts
from .sql_long import long_figures, long_judging, long_year_counts
from .sql_positions import entry_positions
from .sql_queries import (
    DUPLICATES_SQL,
    Figures,
    entries_sql,
    entry_rows_sql,
    is_wide,
    level_of,
    make_reviews,
    settle_if_wide,
    texts_join,
    texts_sql,
)
from .sql_support import SupportEntries

__all__ = ["CohortRowsError", "SqlCohort", "benchmark_sql", "connect", "parquet_rows"]


@dataclass
class SqlCohort:
    """A cohort of `framework` computed in DuckDB from `rows` (see the module's notes).

    Nothing is computed until asked for; `distributions`, `summary` and `duplicates` never
    build a school's position, `positions` streams them, and `cohort` builds the whole
    `Cohort` (equal to `cohort.benchmark` of the same reviews)."""

    con: duckdb.DuckDBPyConnection
    rows: Rows
    framework: Framework
    policy: Policy = "median"
    latest_only: bool = True
    with_evidence: bool = False
    _ready: bool = field(default=False, init=False)
    _named: bool = field(default=False, init=False)
    _figures: Figures | None = field(default=None, init=False)
    _by_year: dict[int, tuple[int, list[list[int]]]] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.policy not in POLICIES:
            raise ValueError(f"unknown policy {self.policy!r}: choose one of {', '.join(POLICIES)}")
        if self.with_evidence and not self.rows.evidence:
            raise ValueError("evidence text asked for, but the rows carry none")

    @cached_property
    def layout(self) -> Layout:
        return Layout(self.framework, self.policy)

    # -- step 1: reviews -------------------------------------------------------------------

    def _prepare(self) -> None:
        if self._ready:
            return
        layout, rows, con = self.layout, self.rows, self.con
        settle_if_wide(con, layout)
        with reading(rows.files):
            make_reviews(con, layout, rows)
            if rows.unique_reviews:  # rows from a file: checked before anything is made of them
                every = range(len(layout.strands))
                check_reviews(con, rows, self.framework, layout.at_least(every, 1))
        self._ready = True

    def _names(self) -> str:
        """Each review's school name and authority, made on first use: figures need none.
        Where `Rows.names` reads them apart, on one thread: DuckDB's JSON reader holds
        32 MiB buffers a thread, and 2 took `support`'s 160 MB, at a million (round 67)."""
        if not self._named:
            rows, con = self.rows, self.con
            query = rows.names or names_sql(rows)  # an authority that says nothing: null
            con.execute("DROP TABLE IF EXISTS cohort_names")
            threads = str(threads_of(con))
            one = set_for(con, "threads", "1" if rows.names else threads, threads)
            with one, reading(rows.files):
                con.execute(f"CREATE TEMP TABLE cohort_names AS {query}", list(rows.params))
            check_names(self.con, rows.name if rows.unique_reviews else None, "cohort_names")
            self._named = True
        return "cohort_names"

    @cached_property
    def texts(self) -> str:
        """The table of every review's evidence texts, a row per strand (`texts_sql`),
        made on first use: read from the rows, which must carry them (`Rows.evidence`)."""
        with reading(self.rows.files):
            self.con.execute(texts_sql(self.rows), [list(self.layout.strands), *self.rows.params])
        return "cohort_texts"

    # -- step 2: entries -------------------------------------------------------------------

    def _entries(self, by_year: bool = False) -> str:
        """The SQL of the cohort's entries, in no order (`sql_queries.entries_sql`)."""
        self._prepare()
        return entries_sql(self.layout, self.rows, self.policy, self.latest_only, by_year)

    # -- step 3: counts --------------------------------------------------------------------

    def figures(self) -> Figures:
        """Counts, quartiles and percentiles of every id (step 3), computed once."""
        if self._figures is None:
            counted = long_figures(self.long_form) if is_wide(self.layout) else None
            self._figures = count_figures(
                self.con, self.layout, self.rows, self._entries(), self.latest_only, counted
            )
        return self._figures

    @cached_property
    def long_form(self) -> SupportEntries:
        """The entries in long form, every aggregate (`sql_support`), a wide framework's figures'
        source (`is_wide`); made once within 160 MB: at 256, 10,000 wide schools took 395 MB."""
        with lowered_memory(self.con):
            return SupportEntries(self, every=True)

    @property
    def size(self) -> int:
        return self.figures().size

    def distributions(self) -> list[Distribution]:
        """Every strand, aspect and element, then overall (as `Cohort.distributions`)."""
        layout, scale = self.layout, self.framework.scale
        figures = self.figures()
        out = []
        for idx, (node_id, kind) in enumerate(zip(layout.ids, layout.kinds, strict=True)):
            counts = figures.counts[idx]
            low, median, high = figures.quartiles[idx]
            out.append(
                Distribution(
                    id=node_id,
                    title="Overall" if kind == "overall" else self.framework.get(node_id).title,
                    kind=kind,
                    counts={lv: counts.get(scale.rank(lv), 0) for lv in scale.levels},
                    **judged_counts(figures, idx),
                    lower_quartile=level_of(scale, low),
                    median=level_of(scale, median),
                    upper_quartile=level_of(scale, high),
                )
            )
        return out

    def _tables(self) -> dict[str, Any]:
        found = self.distributions()
        tables: dict[Kind, dict[str, Distribution]] = {"strand": {}, "aspect": {}, "element": {}}
        for stats in found[:-1]:
            tables[stats.kind][stats.id] = stats
        return {
            "framework": self.framework.ref,
            "policy": self.policy,
            "scale": self.framework.scale,
            "latest_only": self.latest_only,
            "evidence": self.with_evidence,
            "size": self.size,
            "strands": tables["strand"],
            "aspects": tables["aspect"],
            "elements": tables["element"],
            "overall": found[-1],
        }

    def summary(self) -> Cohort:
        """The cohort's figures with no school's position: a `Cohort` whose `schools` is
        left empty (its `size` still counts them), for the table of distributions. Built
        unchecked (`model_construct`): it breaks `size == len(schools)` on purpose, so
        keep it to rendering."""
        return Cohort.model_construct(**self._tables(), schools=(), duplicates=self.duplicates())

    # -- step 4: positions -----------------------------------------------------------------

    def positions(self, school_id: str | None = None) -> Iterator[SchoolPosition]:
        """Every entry's position in cohort order (by school id, date, order read), built
        one at a time; or only `school_id`'s entries, oldest first (`sql_positions`)."""
        return entry_positions(self, school_id)

    def each_entry(self, school_id: str | None, scores: bool, texts: bool) -> Iterator[Any]:
        """`entry_rows` with `texts`, `scores` and `na`, of `school_id` or every school; in a
        wide framework (`sql_queries.is_wide`) from the long form (always with scores)."""
        if is_wide(self.layout):
            return self._wide_entries(school_id, texts)
        return self._each_entry(school_id, scores, texts)

    def _wide_entries(self, school_id: str | None, texts: bool) -> Iterator[Any]:
        """A wide framework's entries from its long form, read within `READING_MB` (round 70)."""
        entries = self.long_form
        with lowered_memory(self.con, READING_MB):
            yield from entries.entry_rows(school_id, texts)

    def _each_entry(self, school_id: str | None, scores: bool, texts: bool) -> Iterator[Any]:
        """`each_entry` in a framework that is not wide, within the lowered memory limit
        (`lowered_memory`), the connection's put back once the rows are read: the names and
        the entries' sort spill. A million schools in JSON peaked at 361 MB with DuckDB's
        256 MB, 270 MB within 160 MB, the same bytes and processor time (round 62)."""
        one = school_id is not None
        where, params = ("WHERE e.school_id = ?", [school_id]) if one else ("", [])
        with lowered_memory(self.con):
            cursor = self.entry_rows(where, params, texts=texts, scores=scores, na=True)
            yield from chain.from_iterable(iter(lambda: cursor.fetchmany(1024), []))

    def entry_rows(
        self,
        where: str = "",
        params: Sequence[object] = (),
        *,
        texts: bool = False,
        scores: bool = False,
        na: bool = False,
    ) -> duckdb.DuckDBPyConnection:
        """A cursor over the entries (those `where` selects), in cohort order: school id, name,
        authority, date, the rank of every id (`Layout.ids`), each strand's evidence flag, with
        `texts` its strands' texts (`texts_join`'s two lists), with `scores` (questions only)
        each id's score, with `na` the indexes of the strands not applicable."""
        self._prepare()
        joined = texts_join(self.rows, self.texts, "e") if texts else ""
        layout, rows, names = self.layout, self.rows, self._names()
        made = entry_rows_sql(
            layout, rows, self.policy, self.latest_only, names, where, joined, scores, na
        )
        return self.con.execute(made, list(params))

    def counts_by_year(self) -> dict[int, tuple[int, list[list[int]]]]:
        """Per year: the schools reviewed that year and, for every id, the schools at each
        rank (worst first), each school counted with its latest review of the year; once.
        Within the lowered memory limit (`lowered_memory`), as the entries are read: each
        school's latest review of a year is found by a window over every review, which
        spills; a million schools' dashboard peaked at 341 MB past it, 273 MB within it."""
        if self._by_year is None:
            layout = self.layout
            if is_wide(layout):  # from the long form of each year (`sql_support`)
                self._by_year = long_year_counts(self)
            else:
                entries = self._entries(by_year=True)
                with lowered_memory(self.con):
                    self._by_year = year_counts(self.con, entries, len(layout.ids), layout.size)
        return self._by_year

    def duplicates(self) -> tuple[Duplicate, ...]:
        """Every (school, date) with more than one review, by school id then date: where
        each came from, in the order read, and which of them count."""
        self._prepare()
        if self.rows.unique_reviews:
            return ()
        with lowered_memory(self.con):  # the keys that repeat first: a million took 465 MB
            found = self.con.execute(DUPLICATES_SQL).fetchall()
        return tuple(
            Duplicate.read(school_id, day, sources, latest, self.latest_only)
            for school_id, day, sources, latest in found
        )

    def dated_after(
        self, day: dt.date, first: int
    ) -> tuple[list[tuple[str, dt.date, Where | None]], int]:
        """(school id, date, where it was read: `staged_lines.read_where`) of the `first`
        reviews dated after `day` (a slip for 2025, say, which the cohort takes as the
        school's latest), by school id and date, and how many there are: a cohort typed a
        year ahead has a million, whose rows held in Python would take more memory than the
        rest of the command."""
        from .staged_lines import read_where

        self._prepare()
        found = self.con.execute(
            "SELECT school_id, assessed_on, origin, seq FROM cohort_reviews WHERE assessed_on > ? "
            "ORDER BY school_id, assessed_on, seq LIMIT ?",
            [day, first],
        ).fetchall()
        total = len(found)
        if total == first:
            query = "SELECT count(*) FROM cohort_reviews WHERE assessed_on > ?"
            total = self.con.execute(query, [day]).fetchall()[0][0]
        return [
            (school_id, on, None if origin is None else read_where(origin, seq))
            for school_id, on, origin, seq in found
        ], total

    def look_alike(self) -> list[list[str]]:
        """The school ids that look like another and differ (`look_alike_schools`)."""
        from .look_alike_schools import look_alike_schools

        self._prepare()
        return look_alike_schools(self.con)

    def cohort(self) -> Cohort:
        """The whole cohort, every position built: for a cohort that fits in memory."""
        schools = tuple(self.positions())
        return Cohort(**self._tables(), schools=schools, duplicates=self.duplicates())

    def judging(self) -> list[int]:
        """Per id (`Layout.ids`): the schools with a level there, each once. A school has
        one entry when `latest_only`: the entries judged there, as counted. Else within
        the lowered memory limit (`lowered_memory`): each school's entries are grouped,
        and the grouping spills; `report --cohort` of a million schools peaked at 366 MB
        past it (round 62)."""
        if is_wide(self.layout):
            return long_judging(self.long_form)
        if self.latest_only:
            return [sum(found.values()) for found in self.figures().counts]
        entries = self._entries()
        with lowered_memory(self.con):
            return schools_judging(self.con, entries, len(self.layout.ids))

    def school_ids(self) -> tuple[int, Generator[list[str], None, None]]:
        """How many schools, and each one's id once, by id, in batches read as they are
        taken within the lowered memory limit: a hint for an id not in a cohort of a
        million schools goes through them all (382 MB held at once, round 62; 50 MB more
        than a known id's `benchmark` in batches of a list, round 63)."""
        self._prepare()
        with lowered_memory(self.con):
            query = "SELECT count(DISTINCT school_id) FROM cohort_reviews"
            return self.con.execute(query).fetchall()[0][0], self._school_ids()

    def _school_ids(self) -> Generator[list[str], None, None]:
        with lowered_memory(self.con):
            found = self.con.execute("SELECT DISTINCT school_id FROM cohort_reviews ORDER BY 1")
            while batch := found.fetchmany(10_000):
                yield [row[0] for row in batch]


def benchmark_sql(
    framework: Framework,
    assessments: Iterable[Assessment],
    *,
    policy: Policy = "median",
    latest_only: bool = True,
    with_evidence: bool = False,
) -> Cohort:
    """`cohort.benchmark` in DuckDB, the assessments staged (`staging`) in a temporary
    directory: equal to `benchmark` of the same arguments (the property tests hold it so),
    `InvalidDocument` likewise, and `errors.CohortMemoryError` (as the commands tell it)
    when DuckDB reaches its memory limit (`rows.MEMORY_LIMIT`)."""
    from ..model.assessment_checks import check_assessment
    from .staged_lines import staged_text
    from .work import WorkFolder

    with WorkFolder() as work:
        path = work.path("staged.jsonl")
        with open(path, "w", encoding="utf-8") as staging:
            for n, assessment in enumerate(assessments):
                check_assessment(framework, assessment)
                staging.write(
                    staged_text(framework, assessment, f"#{n + 1}", n, evidence=with_evidence)
                )
        rows = staged_rows(path, evidence=with_evidence, scores=framework.has_questions)
        made = SqlCohort(work.connection(), rows, framework, policy, latest_only, with_evidence)
        return made.cohort()
