"""A cohort's judgement rows as DuckDB sees them, and the SQL that shapes them.

Where the rows come from (`Rows`: a cohort Parquet file, or a staging file of reviews read
by `staging`), how a framework's strands are packed into a review's few integers and
its ids named as columns (`Layout`), and the SQL of each aggregation policy over strand rank
columns (`policy_sql`). `sql` builds the queries of a benchmark from these.

A review's ranks are packed, strand i's rank + 1 (0: not judged) in `Layout.bits` bits of
one BIGINT column among `k0`, `k1`, ...: one row of a few integers per review, cheap to
group and to carry, however many strands there are. Each strand's evidence flag is a bit of
its field too (above its guard bit), so one aggregate packs a review's rows.

Each packed field has one spare bit above its value (a guard bit), so the median of a group
of strands is counted on the packed words themselves, every field of a word at once
(`at_least`: `bit_count(((k | H) - T) & H)` counts the fields whose value is at least
the threshold in T), rather than unpacking each strand and comparing it with each rank:
a million reviews' aggregates in tens of milliseconds instead of a second.

Ids and file names never enter SQL as text but as parameters; where DuckDB takes none (COPY,
SET), `quoted` makes the literal.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final

import duckdb

from .._names import Policy
from ..errors import CohortRowsError
from ..model.framework import Framework
from ..model.questions import answer_value
from .interrupting import threads_of, watch
from .positions import OVERALL, Kind

#: What SQL's sums of scores, in units of `Layout.denominator`, may reach: BIGINT's 2^63 - 1
#: with a bit to spare.
_SCORE_ROOM: Final = 2**62

__all__ = [
    "COUNTING_TERMS",
    "MEMORY_LIMIT",
    "THREADS",
    "WORD_BITS",
    "CohortRowsError",
    "Layout",
    "Rows",
    "connect",
    "policy_sql",
    "quoted",
    "score_policy_sql",
    "staged_rows",
    "staged_source",
    "unfit_sql",
]

#: DuckDB's memory limit: beyond it, it spills to its temporary directory.
MEMORY_LIMIT: Final = "256MB"
#: DuckDB's threads at most (its default is the machine's cores). What a query holds grows
#: with the threads that run it, each with buffers and hash tables of its own, and not all
#: of it spills: on eight threads (a machine of eight cores) `support` of 100,000 schools in
#: JSON Lines ran out of 256 MB, `collect` of them with a tenth reviewed twice out of its
#: 160 MB, and its look-alike search of a million schools out of 256 MB; on two, all three
#: fit, and the figures of docs/performance.md were measured on two (round 66).
THREADS: Final = 2
#: Bits a packed column holds (a BIGINT, leaving the sign bit alone).
WORD_BITS: Final = 62
#: Above this many terms, a median is taken by sorting a list instead of by counting.
COUNTING_TERMS: Final = 400


def connect(work_dir: str | os.PathLike[str] | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a memory limit, on at most `THREADS` threads, spilling to
    `work_dir` when given, its queries stopped at once by Ctrl-C or `kill`
    (`interrupting.watch`), and no progress bar: DuckDB draws one on standard output (a
    file or a pipe too) for a query of over two seconds."""
    con = duckdb.connect(":memory:")
    con.execute(f"SET enable_progress_bar = false; SET memory_limit = '{MEMORY_LIMIT}'")
    if threads_of(con) > THREADS:  # fewer (one core) stay: no more memory than they take
        con.execute(f"SET threads = {THREADS}")
    if work_dir is not None:
        con.execute(f"SET temp_directory = {quoted(os.fspath(work_dir))}")
    return watch(con)


def quoted(text: str) -> str:
    """A SQL string literal (for the few places DuckDB takes no parameter: COPY, SET)."""
    if "\x00" in text:
        raise ValueError("a NUL character cannot be in a SQL literal")
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Layout:
    """A framework's ids as SQL columns: `c{i}` for the i-th id (strands, aspects, elements,
    overall, the order of `cohort.benchmark`), `h{i}` for strand i's evidence flag, and how
    strand ranks are packed: strand i's rank + 1 sits in the low `bits` bits of a field of
    `width` bits of packed column `k{i // per_word}`, then a guard bit (always 0) and its
    evidence flag (`flag_shift`)."""

    framework: Framework
    policy: Policy

    @cached_property
    def strands(self) -> tuple[str, ...]:
        return self.framework.strand_ids

    @cached_property
    def ids(self) -> tuple[str, ...]:
        f = self.framework
        return (*f.strand_ids, *(a.id for a in f.aspects), *(e.id for e in f.elements), OVERALL)

    @cached_property
    def kinds(self) -> tuple[Kind, ...]:
        f = self.framework
        strand: tuple[Kind, ...] = ("strand",)
        aspect: tuple[Kind, ...] = ("aspect",)
        element: tuple[Kind, ...] = ("element",)
        return (
            *(strand * len(f.strand_ids)),
            *(aspect * len(f.aspects)),
            *(element * len(f.elements)),
            "overall",
        )

    @cached_property
    def groups(self) -> tuple[tuple[int, ...], ...]:
        """The strand indexes each aspect, element and overall aggregates, in `ids` order."""
        index = {s: i for i, s in enumerate(self.strands)}
        aspects = [tuple(index[s.id] for s in a.strands) for a in self.framework.aspects]
        elements = [
            tuple(index[s.id] for a in e.aspects for s in a.strands)
            for e in self.framework.elements
        ]
        return (*aspects, *elements, tuple(range(len(self.strands))))

    @property
    def size(self) -> int:
        return self.framework.scale.size

    @cached_property
    def by_scores(self) -> bool:
        """Whether aggregates follow scores (a framework with questions, SPEC section 10)."""
        return self.framework.has_questions

    @cached_property
    def denominator(self) -> int:
        """The least common denominator of the framework's answer values: every strand's
        score times it is a whole number, so SQL adds and compares scores exactly (as
        `score` does with fractions) and a mean's level is a whole-number division. Where
        the sum of every strand's best score in those units would not fit SQL's BIGINT
        (`value: 1e-300`; thirds as `0.3333333333333333` over a thousand strands), the
        largest power of ten that fits: scores to that many places (a strand's still within
        its level: a score below a whole number, as `score_float` writes it, times a power of
        ten of 10**15 or more never rounds up to that number times it)."""
        found = 1
        for answers in (self.framework.answer_sets or {}).values():
            for answer in answers:
                found = math.lcm(found, answer_value(answer.value).denominator)
        room = _SCORE_ROOM // max(1, (self.size - 1) * len(self.strands))
        return found if found <= room else 10 ** (len(str(room)) - 1)

    @cached_property
    def bits(self) -> int:
        return self.size.bit_length()  # values 0 (not judged) .. size (the best rank + 1)

    @cached_property
    def width(self) -> int:
        return self.bits + 2  # the value, its guard bit and the evidence flag

    def flag_shift(self, index: int) -> int:
        """Where strand `index`'s evidence flag is in its packed word."""
        return self.width * (index % self.per_word) + self.bits + 1

    @cached_property
    def per_word(self) -> int:
        return WORD_BITS // self.width

    def at_least(self, group: Sequence[int], threshold: int) -> str:
        """How many of the strands at indexes `group` have a packed value (rank + 1, 0 for
        not judged) of at least `threshold` (1 ..= size): per word, set each field's guard
        bit, subtract the threshold from each field (no field borrows from the next), and
        count the guard bits left standing."""
        fields: dict[int, list[int]] = {}
        for index in group:
            word, slot = divmod(index, self.per_word)
            fields.setdefault(word, []).append(slot)
        terms = []
        for word, slots in sorted(fields.items()):
            guards = sum(1 << (self.width * slot + self.bits) for slot in slots)
            subtract = sum(threshold << (self.width * slot) for slot in slots)
            # `bit_count` is a TINYINT: a group of 64 strands or more overflowed it
            terms.append(f"bit_count(((k{word} | {guards}) - {subtract}) & {guards})::INTEGER")
        return " + ".join(terms)

    def words_of(self, group: Sequence[int]) -> int:
        """The number of packed words the strands at indexes `group` lie in."""
        return len({index // self.per_word for index in group})

    def words(self) -> int:
        return -(-len(self.strands) // self.per_word)


@dataclass(frozen=True, slots=True)
class Rows:
    """Where a cohort's judgement rows come from: the SQL of a relation with the columns
    `seq`, `origin`, `school_id`, `school_name`, `authority`, `assessed_on`, `strand`,
    `level`, `rank`, `has_evidence`, `applicable` (false: not applicable, with no level)
    (and `evidence` when `evidence`), its parameters, and what identifies one review (`key`)."""

    sql: str
    params: tuple[object, ...]
    key: tuple[str, ...]
    evidence: bool = False
    #: The name it is known by in messages (a file).
    name: str = "the cohort"
    #: A strand twice in one review is an error here (a cohort file), not a duplicate.
    unique_reviews: bool = True
    #: Each review's strands one row each by construction (a staging file, whose lines
    #: hold a review's mapping of judgements): nothing to group a strand's rows by.
    strands_once: bool = False
    #: Whether the rows carry each strand's `score` (read for a framework with questions).
    scores: bool = False
    #: The cohort files they are read from, as given (none for a staging file).
    files: tuple[str, ...] = ()
    #: The SQL of each review's key, `school_name` and `authority` read apart from its
    #: judgements, on one thread (`SqlCohort._names`); "": grouped from the rows (`sql`).
    names: str = ""
    #: The SQL of a staging file's lines as read, a row a line with its lists (`s`, `l`, `r`,
    #: `e`, `p`, `c`) whole: a review of a framework of no more than `LINE_JUDGEMENTS`
    #: strands is one line, packed from its lists without grouping (`reviews_sql`).
    lines: str = ""


def staged_source(path: str = "?") -> str:
    """The table function reading a staging file (`staging`): `path` is a parameter
    (`?`) or a quoted literal."""
    from .staged_lines import STAGED_COLUMNS

    columns = ", ".join(f"{name}: {quoted(kind)}" for name, kind in STAGED_COLUMNS.items())
    return f"read_json({path}, format = 'newline_delimited', columns = {{{columns}}})"


def staged_rows(path: str, *, evidence: bool = False, scores: bool = False) -> Rows:
    """The school's own reviews in a staging file (`staging`), a review's lines by their
    place (`seq`) (with each strand's score when `scores`)."""
    text = ", unnest(p) AS applicable" + (", unnest(t) AS evidence" if evidence else "")
    if scores:
        text += ", unnest(c) AS score"
    return Rows(
        sql="SELECT q AS seq, o AS origin, i AS school_id, n AS school_name, a AS authority, "
        "d AS assessed_on, unnest(s) AS strand, unnest(l) AS level, unnest(r) AS rank, "
        f"unnest(e) AS has_evidence{text} FROM {staged_source()} WHERE g IS NULL",
        params=(path,),
        key=("seq",),
        evidence=evidence,
        name=path,
        unique_reviews=False,
        strands_once=True,
        scores=scores,
        # The lines' heads alone: every judgement's row read (texts too) and grouped, a
        # million schools' names ran out of `support`'s 160 MB (round 67).
        names="SELECT q AS seq, any_value(n) AS school_name, any_value(a) AS authority "
        f"FROM {staged_source()} WHERE g IS NULL GROUP BY q",
        lines="SELECT q AS seq, o AS origin, i AS school_id, d AS assessed_on, s, l, r, e, p"
        f"{', c' if scores else ''} FROM {staged_source()} WHERE g IS NULL",
    )


def policy_sql(
    policy: Policy,
    columns: Sequence[str],
    size: int,
    name: str,
    layout: Layout | None = None,
    group: Sequence[int] = (),
) -> tuple[list[str], str]:
    """The rank of a group of strand rank columns (NULL: not judged) under `policy`, in
    two steps: the columns to work out first (named `{name}_...`: how many are judged, and
    the counts the policy needs), then the expression over them. Worked out once each, not
    once for each branch of the expression that uses them. With `layout` and the strands'
    indexes (`group`), the median is counted on the packed words (`Layout.at_least`)."""
    if len(columns) == 1:
        return [], columns[0]
    if policy == "weakest":
        return [], f"least({', '.join(columns)})"
    judged = " + ".join(f"({c} IS NOT NULL)::INTEGER" for c in columns)
    n = f"{name}_n"
    if policy == "mean":
        total = " + ".join(f"coalesce({c}, 0)" for c in columns)
        t = f"{name}_t"
        return [f"{judged} AS {n}", f"{total} AS {t}"], (
            f"CASE WHEN {n} = 0 THEN NULL ELSE {t} // {n} + (2 * ({t} % {n}) > {n})::INTEGER END"
        )
    terms = (size - 1) * (len(columns) if layout is None else layout.words_of(group))
    if terms > COUNTING_TERMS:
        ranks = f"list_filter([{', '.join(columns)}], lambda x: x IS NOT NULL)"
        return [], f"list_sort({ranks})[(len({ranks}) + 1) // 2]"
    # The lower middle rank: the least rank r with at least half the judged at r or worse.
    whens = []
    if layout is None:
        first = [f"{judged} AS {n}"]
        for rank in range(size - 1):
            at_or_worse = " + ".join(f"(coalesce({c}, {size}) <= {rank})::INTEGER" for c in columns)
            first.append(f"{at_or_worse} AS {name}_{rank}")
            whens.append(f"WHEN 2 * {name}_{rank} >= {n} THEN {rank}")
    else:
        # Packed value v = rank + 1: judged is v >= 1, better than rank r is v >= r + 2.
        first = [f"{layout.at_least(group, 1)} AS {n}"]
        for rank in range(size - 1):
            first.append(f"{layout.at_least(group, rank + 2)} AS {name}_{rank}")
            whens.append(f"WHEN 2 * ({n} - {name}_{rank}) >= {n} THEN {rank}")
    return first, f"CASE WHEN {n} = 0 THEN NULL {' '.join(whens)} ELSE {size - 1} END"


def score_policy_sql(policy: Policy, columns: Sequence[str], layout: Layout) -> tuple[str, str]:
    """The rank and the score of a group of strands under `policy`, from their scores
    (`columns`: each a strand's score times `Layout.denominator`, a whole number; NULL
    when not judged), as `score` works them out in a framework with questions: the policy
    over the scores, unrounded, and the level at rank ⌊score⌋ (SPEC section 10)."""
    d, last = layout.denominator, layout.size - 1
    judged = f"list_filter([{', '.join(columns)}], lambda x: x IS NOT NULL)"
    if policy == "mean":
        total, n = f"list_sum({judged})", f"len({judged})"
        rank = f"least({total} // ({n} * {d}), {last})"
        value = f"{total}::DOUBLE / ({n} * {d})::DOUBLE"
        return f"CASE WHEN {n} > 0 THEN {rank} END", f"CASE WHEN {n} > 0 THEN {value} END"
    if policy == "weakest":
        scaled = f"least({', '.join(columns)})"
    else:  # the lower middle: ties go to the worse
        scaled = f"list_sort({judged})[(len({judged}) + 1) // 2]"
    # `least` passes over a NULL: nothing judged must stay NULL, not become the best rank.
    rank = f"CASE WHEN {scaled} IS NOT NULL THEN least({scaled} // {d}, {last}) END"
    return rank, f"{scaled}::DOUBLE / {d}"


def unfit_sql(framework: Framework, position: str = "r.pos") -> str:
    """Whether a judgement row `r` does not fit the framework: a strand of another (no
    `position` among its strands), a rank off the scale, a level that is not its rank's, no
    evidence flag, and in a framework with questions a score that is not its rank's (the
    rank is ⌊score⌋, SPEC section 10, and no score passes the best level's rank); one not
    applicable with a level, rank or score. (A row with no strand is a school that took part
    and judged nothing.)"""
    scale = framework.scale
    score, valued = "", "r.level IS NOT NULL OR r.rank IS NOT NULL"
    if framework.has_questions:
        score = (
            f" OR coalesce(NOT (r.score >= r.rank AND r.score < r.rank + 1 "
            f"AND r.score <= {scale.size - 1}), true)"
        )
        valued += " OR r.score IS NOT NULL"
    return (
        f"r.strand IS NOT NULL AND ({position} IS NULL OR r.has_evidence IS NULL OR CASE WHEN "
        f"r.applicable IS false THEN {valued} ELSE r.rank IS NULL OR r.rank < 0 OR r.rank >= "
        f"{scale.size} OR r.level IS DISTINCT FROM {scale.worst} + r.rank * {scale.step}"
        f"{score} END)"
    )
