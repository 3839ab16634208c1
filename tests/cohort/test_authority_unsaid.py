"""A school's authority that says nothing (a zero-width space alone, blank, marks on nothing)
is no authority in every cohort output, and groups with the schools of none (round 75).

Every view of a review had shown such an authority as none since round 73
(`model.unseen.says_something`), and `benchmark --school`'s heading since round 74; the
cohort's CSV, its JSON and `collect`'s Parquet still wrote it as the file had it. A
spreadsheet's pivot or DuckDB's `GROUP BY authority` over them then made a group of its own
that prints as nothing, beside the schools of no authority. Now the cohort holds it as none
wherever it reads it (`benchmarking.authority_of`; a cohort file written by another tool:
`identities.names_sql`): empty in the CSV, null in the JSON and the Parquet. An authority
that says something keeps every character it was written with, invisible ones too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from pathlib import Path

import duckdb
from hypothesis import example, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Judgement, School, benchmark
from selfreview_core.cohort.file_reading import parquet_rows
from selfreview_core.cohort.parquet import write_parquet
from selfreview_core.cohort.positions import Cohort
from selfreview_core.cohort.rows import connect
from selfreview_core.cohort.sql import SqlCohort, benchmark_sql
from selfreview_core.cohort.staged_lines import staged_text
from selfreview_core.cohort.views import cohort_csv
from selfreview_core.exporters.csv import csv_cell
from selfreview_core.model.unseen import says_something
from selfreview_core.testing.fixtures import _small_framework

FRAMEWORK = _small_framework()
#: What an authority is made of: what prints as nothing (a zero-width space, a word joiner,
#: a byte order mark, a soft hyphen, the Hangul filler, bidirectional controls, a mark on
#: nothing), white space of several kinds, and a few characters that are seen.
ALPHABET = "\u200b\u2060\ufeff\u00ad\u3164\u202e\u2066\u0301 \t\u00a0\u3000\x1cLé1\u05d0"


def _reviews(authority: str) -> list[Assessment]:
    """School s0 of `authority`, s1 of none, s2 of "Leeds": one review each."""
    level = FRAMEWORK.scale.from_rank(1)
    return [
        Assessment(
            framework=FRAMEWORK.ref,
            school=School(id=f"s{n}", name=f"School {n}", authority=given),
            assessed_on=dt.date(2025, 6, 1),
            judgements={s: Judgement(level=level) for s in FRAMEWORK.strand_ids},
        )
        for n, given in enumerate((authority, None, "Leeds"))
    ]


def _authorities(cohort: Cohort) -> dict[str, str | None]:
    return {entry.school.id: entry.school.authority for entry in cohort.schools}


def _csv_authorities(cohort: Cohort) -> dict[str, str]:
    return {
        row["school_id"]: row["authority"]
        for row in csv.DictReader(io.StringIO(cohort_csv(cohort).removeprefix("\ufeff")))
    }


def _groups(con: duckdb.DuckDBPyConnection, parquet: str) -> dict[str | None, list[str]]:
    """The schools of each authority, as a user's `GROUP BY authority` over the file has them."""
    found = con.execute(
        "SELECT authority, list(DISTINCT school_id ORDER BY school_id) FROM read_parquet(?) "
        "GROUP BY authority",
        [parquet],
    ).fetchall()
    return dict(found)


@settings(max_examples=scaled(8), deadline=None)
@given(st.text(ALPHABET, max_size=5))
@example("\u200b")
@example("Leeds\u200b")
@example("\u00ad\u0301")
def test_an_authority_that_says_nothing_is_none_in_every_output_and_groups_with_none(
    authority: str,
) -> None:
    expected = authority if says_something(authority) else None
    wanted = {"s0": expected, "s1": None, "s2": "Leeds"}
    reviews = _reviews(authority)
    # Python's cohort and DuckDB's from the same reviews, and the CSV of each.
    for cohort in (benchmark(FRAMEWORK, reviews), benchmark_sql(FRAMEWORK, reviews)):
        assert _authorities(cohort) == wanted
        # Written by the CSV's convention (`csv_cell`: a control character escaped), none empty.
        assert _csv_authorities(cohort) == {k: str(csv_cell(v)) for k, v in wanted.items()}
        shown = json.loads(cohort.model_dump_json())["schools"]
        assert {s["school"]["id"]: s["school"]["authority"] for s in shown} == wanted
    # `collect`'s Parquet, and a user's grouping by authority over it.
    con = connect()
    with tempfile.TemporaryDirectory() as work:
        staged, parquet = str(Path(work, "staged.jsonl")), str(Path(work, "cohort.parquet"))
        Path(staged).write_text(
            "".join(
                staged_text(FRAMEWORK, r, f"#{n}", n, evidence=False) for n, r in enumerate(reviews)
            ),
            encoding="utf-8",
        )
        write_parquet(staged, parquet, work_dir=work, con=con)
        groups = {"Leeds": ["s2"], None: ["s1"]}
        groups.update({None: ["s0", "s1"]} if expected is None else {expected: ["s0"]})
        assert _groups(con, parquet) == groups
        # The same file as another tool wrote it, the authority as given: read as none too.
        written = str(Path(work, "written.parquet"))
        con.execute(
            f"COPY (SELECT * REPLACE (CASE WHEN school_id = 's0' THEN ? ELSE authority END "
            f"AS authority) FROM read_parquet(?)) TO '{written}' (FORMAT parquet)",
            [authority, parquet],
        )
        rows = parquet_rows(written, FRAMEWORK)
        read = SqlCohort(con, rows, FRAMEWORK, "median", True, False).cohort()
        assert _authorities(read) == wanted
        con.close()
