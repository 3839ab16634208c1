"""Step 1's SELECT (`sql_queries.reviews_sql`): a cohort's judgement rows packed into a row a
review, its strand ranks, evidence flags and scores packed into BIGINTs (`rows.Layout`).

Two ways to the same rows. Judgement rows (a cohort Parquet file, or a staged review of a
framework of more strands than a staging line holds) are grouped by their review's key. A
staged review of a framework of no more than `staged_lines.LINE_JUDGEMENTS` strands is one
line (`Rows.lines`), packed from its lists alone: grouping them was `support`'s peak at a
million schools, 94 MB of hash table at the first read of the reviews (round 71). Each packed
value is one expression of a judgement row `r`, put under an aggregate (`_over_rows`) or over
a line's list of judgements as structs named as the rows' columns (`_over_lines`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from . import staged_lines
from .rows import WORD_BITS, Layout, Rows, unfit_sql

__all__ = ["packed_reviews_sql", "score_fields", "score_words"]

#: A judgement row's column and the staging line's list that holds it (`Rows.lines`).
_LISTS: Final = {"strand": "s", "level": "l", "rank": "r", "has_evidence": "e", "applicable": "p"}


def packed_reviews_sql(layout: Layout, rows: Rows) -> str:
    """The reviews of `rows` as `sql_queries.reviews_sql` stores them, packed (see its notes):
    the key, `k{w}` (and `v{w}`) words, `judged`, `na`. Its first parameter is the list of
    strand ids, then `rows.params`."""
    width, per_word = layout.width, layout.per_word
    fits = f"NOT ({unfit_sql(layout.framework)})"
    not_applicable = f"r.applicable IS false AND {fits}"
    field = f"((r.rank + 1)::BIGINT | (r.has_evidence::BIGINT << {layout.bits + 1}))"
    lines = bool(rows.lines) and len(layout.strands) <= staged_lines.LINE_JUDGEMENTS
    each = _over_lines if lines else _over_rows
    packed = []
    for word in range(layout.words()):
        value = f"CASE WHEN {fits} THEN {field} << ({width} * (r.pos % {per_word})) END"
        if layout.words() > 1:
            value = f"CASE WHEN r.pos // {per_word} = {word} THEN {value} END"
        packed.append(f"coalesce({each('bit_or', value)}, 0) AS k{word}")
    if layout.by_scores:  # each strand's score, a whole number of 1 / denominator
        packed += _packed_scores(layout, fits, each)
    # a row not applicable is not judged (and not packed): in `na` if it fits
    judged = f"CASE WHEN NOT ({not_applicable}) THEN r.strand END"
    packed.append(f"{each('count', judged)} AS judged")
    if lines:
        return _from_lines(rows, packed, not_applicable)
    if rows.key == ("seq",):
        identity = "r.seq, any_value(r.school_id) AS school_id, "
        identity += "any_value(r.assessed_on) AS assessed_on, any_value(r.origin) AS origin"
    else:
        identity = "r.school_id, r.assessed_on, 0::BIGINT AS seq, NULL::VARCHAR AS origin"
    return (
        f"SELECT {identity}, {', '.join(packed)}, "
        f"list(r.pos ORDER BY r.pos) FILTER (WHERE {not_applicable}) AS na "
        f"FROM (SELECT *, list_position(?::VARCHAR[], strand) - 1 AS pos FROM ({rows.sql})) r "
        f"GROUP BY {', '.join(f'r.{c}' for c in rows.key)}"
    )


def _from_lines(rows: Rows, packed: list[str], not_applicable: str) -> str:
    """`packed` over each staged line's judgements (`js`, a list of structs named as the rows'
    columns, `pos` the strand's place), no grouping; `na` NULL for none, as `list` gives."""
    lists = {**_LISTS, "score": "c"} if rows.scores else _LISTS
    fields = ", ".join(f"'{name}': {column}[j]" for name, column in lists.items())
    fields += ", 'pos': list_position(?::VARCHAR[], s[j]) - 1"
    na = f"list_transform(list_filter(js, lambda r: {not_applicable}), lambda r: r.pos)"
    return (
        f"SELECT seq, school_id, assessed_on, origin, {', '.join(packed)}, "
        f"nullif(list_sort({na}), []) AS na FROM (SELECT seq, school_id, assessed_on, origin, "
        f"list_transform(range(1, len(s) + 1), lambda j: {{{fields}}}) AS js FROM ({rows.lines}))"
    )


def _over_rows(kind: str, value: str) -> str:
    """Aggregate `kind` of `value` over a review's judgement rows (grouped)."""
    return f"{kind}({value})"


def _over_lines(kind: str, value: str) -> str:
    """Aggregate `kind` of `value` over a staged line's judgements (`js`)."""
    return f"list_aggregate(list_transform(js, lambda r: {value}), '{kind}')"


def score_fields(layout: Layout) -> tuple[int, int]:
    """The bits of a packed score (its whole number of 1 / denominator + 1, 0 for none:
    `Layout.denominator` keeps the best one below 2^62) and how many fit in a word."""
    bits = ((layout.size - 1) * layout.denominator + 1).bit_length()
    return bits, max(1, WORD_BITS // bits)


def score_words(layout: Layout) -> int:
    """How many packed words (`v{w}`) hold the strands' scores."""
    return -(-len(layout.strands) // score_fields(layout)[1])


def _packed_scores(layout: Layout, fits: str, each: Callable[[str, str], str]) -> list[str]:
    """Step 1's score words: each strand's score packed as its rank is, not a column a
    strand (a thousand filtered aggregates ran DuckDB out of memory, round 52)."""
    bits, per_word = score_fields(layout)
    value = (
        f"(round(r.score * {layout.denominator})::BIGINT + 1) << ({bits} * (r.pos % {per_word}))"
    )
    scored = f"{fits} AND r.score IS NOT NULL"
    words = []
    for word in range(score_words(layout)):
        packed = f"CASE WHEN {scored} AND r.pos // {per_word} = {word} THEN {value} END"
        words.append(f"coalesce({each('bit_or', packed)}, 0) AS v{word}")
    return words
