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

Whether a text that holds no printable ASCII character says something is asked of the
loader's own test (`unseen_only`), in Python, for each such value once: DuckDB's RE2 tables
of marks are another Unicode version's than pydantic-core's, and until round 80 an id of
U+0897 alone (a mark since Unicode 16), refused by every file, was a cohort's school, and
one of U+1171E (a mark in RE2's tables, no longer) was refused by a cohort and by no file
(37 code points; tests/cohort/test_identities_one_table.py asks every one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import duckdb

from .._words import plural
from ..errors import CohortRowsError, cut
from ..model.unseen import unseen_only

if TYPE_CHECKING:
    from .rows import Rows

__all__ = [
    "check_names",
    "names_sql",
    "not_a_date",
    "not_an_id",
    "not_text",
    "refuse",
    "unseen_values",
]

#: RE2 classes of every character `str.isspace` is true of: Unicode's White_Space and the
#: separators U+001C..U+001F (`model.base.Id`, `model.base.Text`).
_SPACE: Final = r"\s\x{0B}\x{85}\pZ\x{1C}-\x{1F}"


def unseen_values(con: duckdb.DuckDBPyConnection, table: str, column: str) -> str:
    """A temporary table (named for `column`) of the values of `column` in `table` that say
    nothing by the loader's test (`unseen_only`: blank, what prints as nothing, marks on
    nothing), for `not_an_id` and `not_text`. Only values with no printable ASCII character
    are asked, each once: most ids and names hold one, and say something by any tables."""
    found = con.execute(  # the first character first: a third of the time at a million
        f"SELECT DISTINCT {column} FROM {table} WHERE (left({column}, 1) < '!' "
        f"OR left({column}, 1) > '~') AND NOT regexp_matches({column}, '[!-~]')"
    ).fetchall()
    name = f"unseen_{column}"
    said_nothing = [value for (value,) in found if unseen_only(value)]
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT unnest(?::VARCHAR[]) AS v", [said_nothing]
    )
    return name


def not_an_id(column: str, unseen: str) -> str:
    """SQL: whether `column` is not an id (`model.base.Id`: null, a space or `@`, or empty
    or only what prints as nothing: among `unseen`, an `unseen_values` table of it)."""
    return (
        f"({column} IS NULL OR NOT regexp_full_match({column}, '[^{_SPACE}@]*') "
        f"OR {column} IN (SELECT v FROM {unseen}))"
    )


def not_a_date(column: str) -> str:
    """SQL: whether `column` is not a review's date: null, or a year before 1 or after 9999,
    which no Python date holds (a flipped byte of a file gave 47780: DuckDB handed it over
    as text, and the warning of dates after today failed on it, round 60)."""
    return f"({column} BETWEEN DATE '0001-01-01' AND DATE '9999-12-31') IS NOT true"


def not_text(column: str, unseen: str) -> str:
    """SQL: whether `column` is not text that says something (`model.base.Text`: null,
    blank, or only what prints as nothing, a zero-width space, since round 72, as every
    file refuses it): among `unseen`, an `unseen_values` table of it."""
    return f"({column} IS NULL OR {column} IN (SELECT v FROM {unseen}))"


def names_sql(rows: Rows) -> str:
    """SQL: each review's key, school name and authority, grouped from the rows of a cohort
    file (whose `Rows.names` is empty). Per review, not per row. An authority that says
    nothing (a zero-width space alone, written by another tool) is made null by
    `check_names`, which every table of it meets before use."""
    keys = ", ".join(rows.key)
    return (
        f"SELECT {keys}, any_value(school_name) AS school_name, "
        f"any_value(authority) AS authority FROM ({rows.sql}) GROUP BY {keys}"
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
            f"school {'with no id' if s is None else repr(cut(s))} on {d or 'no date'}"
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
    (staged from assessments, whose schools were checked as they were read). An authority
    that says nothing (`not_text`) is read as null, as `benchmarking.authority_of` holds
    an assessment's."""
    unsaid = unseen_values(con, table, "authority")
    con.execute(f"UPDATE {table} SET authority = NULL WHERE authority IN (SELECT v FROM {unsaid})")
    if name is not None:
        unseen = unseen_values(con, table, "school_name")
        refuse(con, name, table, not_text("school_name", unseen), "no school name")
