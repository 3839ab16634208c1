"""A cohort file's reviews named as an assessment names them: each with its school's id and
name and its date (SPEC section 8, `model.assessment.School`).

`collect` writes them so; a file written by another tool (DuckDB, pyarrow, a spreadsheet
export) may hold a null, an empty text, an id with a space or one that prints as nothing
(a zero-width space, a byte order mark: refused since round 71), a name that prints as
nothing (since round 72). Such a review cannot be
placed: a null id or date is grouped with nothing (a school counted in the figures but
missing from the list of schools), and a review read back (`benchmark --school`, `support`)
is an assessment, whose school needs an id and a name. So they are refused, the first few
named, before anything is made of them.

A missing name is refused where a school is named (positions: `--format json`, `--school`,
the dashboard, `support`, `report --cohort`), not by `benchmark`'s table of figures, which
names none: its figures are whole and right without names, and the check reads every name
again (the regex on each row, or a group of every review as `SqlCohort._names` makes):
0.07 s at 100,000 schools, three times the plain DuckDB query of the level counts, when the
whole table is held to five times that query (docs/performance.md, "Cohorts on DuckDB",
issue 17). An id or a date is refused everywhere: the figures group by them.

Checked per review (a table of one row per review), never per judgement row, in DuckDB's
RE2, whose `\\s` is ASCII only: a space is what `str.isspace` takes, Unicode's White_Space
and the four separators U+001C..U+001F, in an id (`model.base.Id`, since round 73: an id of
U+001C alone was an id) as in a blank name (the model strips the name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import duckdb

from .._words import plural
from ..errors import CohortRowsError
from ..escaping import BIDI_CONTROLS, FORMAT_CLASS, UNSEEN_CLASS

if TYPE_CHECKING:
    from .rows import Rows

__all__ = ["check_names", "names_sql", "not_a_date", "not_an_id", "not_text", "refuse"]

#: RE2 classes of every character `str.isspace` is true of: Unicode's White_Space and the
#: separators U+001C..U+001F (`model.base.Id`, `model.base.Text`).
_SPACE: Final = r"\s\x{0B}\x{85}\pZ\x{1C}-\x{1F}"
#: And of what prints as nothing, or only marks the character before it: an id needs one
#: character besides (`model.base.Id`, `unseen_only`; since round 71, as in every file),
#: and a name (`model.base.Text`, since round 72).
_UNSEEN: Final = (
    "".join(
        c if c == "-" else f"\\x{{{ord(c):X}}}"
        for c in "".join(sorted(BIDI_CONTROLS)) + FORMAT_CLASS + UNSEEN_CLASS
    )
    + r"\p{Mn}\p{Me}"
)


def not_an_id(column: str) -> str:
    """SQL: whether `column` is not an id (`model.base.Id`: null, empty, a space or `@`, or
    only what prints as nothing)."""
    some = f"[^{_SPACE}@]*"
    return f"coalesce(NOT regexp_full_match({column}, '{some}[^{_SPACE}@{_UNSEEN}]{some}'), true)"


def not_a_date(column: str) -> str:
    """SQL: whether `column` is not a review's date: null, or a year before 1 or after 9999,
    which no Python date holds (a flipped byte of a file gave 47780: DuckDB handed it over
    as text, and the warning of dates after today failed on it, round 60)."""
    return f"({column} BETWEEN DATE '0001-01-01' AND DATE '9999-12-31') IS NOT true"


def not_text(column: str) -> str:
    """SQL: whether `column` is not text that says something (`model.base.Text`: null,
    blank, or only what prints as nothing, a zero-width space, since round 72, as every
    file refuses it)."""
    return f"coalesce(regexp_full_match({column}, '[{_SPACE}{_UNSEEN}]*'), true)"


def names_sql(rows: Rows) -> str:
    """SQL: each review's key, school name and authority, grouped from the rows of a cohort
    file (whose `Rows.names` is empty), an authority that says nothing (`not_text`: a
    zero-width space alone, written by another tool) read as null, as
    `benchmarking.authority_of` holds an assessment's. Per review, not per row."""
    keys = ", ".join(rows.key)
    authority = f"CASE WHEN {not_text('authority')} THEN NULL ELSE authority END"
    return (
        f"SELECT * REPLACE ({authority} AS authority) FROM (SELECT {keys}, "
        f"any_value(school_name) AS school_name, any_value(authority) AS authority "
        f"FROM ({rows.sql}) GROUP BY {keys})"
    )


def refuse(con: duckdb.DuckDBPyConnection, name: str, table: str, where: str, what: str) -> None:
    """Refuse the reviews of `table` (of the cohort file(s) `name`) that `where` finds, the
    first few named (counted, without an id, for `--anonymise`: `CohortRowsError.unnamed`),
    saying `what` they lack; nothing when there is none. Each date as the
    file has it: DuckDB hands Python its endless dates as 9999-12-31 and 0001-01-01."""
    found = con.execute(
        f"SELECT school_id, CAST(assessed_on AS VARCHAR), count(*) OVER () FROM {table} "
        f"WHERE {where} ORDER BY school_id NULLS FIRST, assessed_on NULLS FIRST LIMIT 3"
    ).fetchall()
    if found:
        named = "; ".join(
            f"school {'with no id' if s is None else repr(s)} on {d or 'no date'}"
            for s, d, _ in found
        )
        error = CohortRowsError(
            f"reviews with {what}: {named}",
            file=name,
            hint="a cohort file names the school (its id and name) and the date of every "
            "review, as `selfreview collect` writes them",
            code="cohort-rows",
        )
        error.unnamed = f"reviews with {what}: {plural(found[0][-1], 'review')}"
        raise error


def check_names(con: duckdb.DuckDBPyConnection, name: str | None, table: str) -> None:
    """Refuse a review of `table` (one row per review, with `school_name`) with no school
    name or a blank one; `name`: the cohort file(s), None for rows that are not a file's
    (staged from assessments, whose schools were checked as they were read)."""
    if name is not None:
        refuse(con, name, table, not_text("school_name"), "no school name")
