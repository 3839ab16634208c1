"""Cohort files: one Parquet table, one row per judgement (SPEC section 8), written by DuckDB.

The columns, in this order, with their DuckDB (and Parquet) types:

| column | type | holds |
| --- | --- | --- |
| `school_id` | VARCHAR | the school's id |
| `school_name` | VARCHAR | its name |
| `authority` | VARCHAR | its authority (null: the review gives none, or one that says nothing) |
| `framework` | VARCHAR | the framework's id |
| `version` | VARCHAR | the framework's version |
| `assessed_on` | DATE | the review's date |
| `respondent_group` | VARCHAR | null for a school's own review (SPEC section 9) |
| `strand` | VARCHAR | the strand judged |
| `aspect` | VARCHAR | the strand's aspect |
| `element` | VARCHAR | the strand's element |
| `level` | INTEGER | the level given |
| `rank` | INTEGER | 0 at the worst level up to the scale's size - 1 at the best |
| `has_evidence` | BOOLEAN | whether the judgement's evidence says anything |
| `score` | DOUBLE | its score (SPEC section 10, `Profile.score`): the rank, or its answers' sum |
| `applicable` | BOOLEAN | false for a strand not applicable (SPEC section 10), true if judged |
| `evidence` | VARCHAR | the evidence text: only in a file written `--with-evidence` |

Rows are in input order, a review's rows together in framework order. A review that judges
no strand still has one row, with `strand`, `aspect`, `element`, `level`, `rank` and
`has_evidence` (and `score`) null: the school took part, so it counts in a benchmark (as not judged
everywhere), and a query of judgements (`WHERE strand IS NOT NULL`) leaves it out. A strand
the review marks not applicable has its row too ("one row per judgement"), its `level`,
`rank` and `score` null and `applicable` false: not applicable is not unjudged, and a file
without such rows could not tell them apart (`applicable` is null in the row of a review
that judges nothing).

Parquet is written by DuckDB itself (`COPY ... TO ... (FORMAT parquet)`), so nothing else
is needed (no pyarrow); it is written to a temporary file and copied whole over the target
(`outputs.open_atomic`): never half-written, never over an input.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final

import duckdb

from ..errors import CohortFileError, InvalidDocument
from ..files.kinds import is_parquet
from ..files.source import open_regular
from ..outputs.writing import open_atomic
from .file_reading import cut_short, literal_path, reading
from .interrupting import unwatch
from .lowered_memory import lowered_memory
from .rows import connect, quoted, staged_source

__all__ = [
    "APPLICABLE_COLUMN",
    "COLUMNS",
    "EVIDENCE_COLUMN",
    "SCORE_COLUMN",
    "CohortFileError",
    "StagedDuplicate",
    "check_columns",
    "has_scores",
    "inventory",
    "is_parquet",
    "staged_duplicates",
    "write_parquet",
]

COLUMNS: Final = (
    ("school_id", "VARCHAR"),
    ("school_name", "VARCHAR"),
    ("authority", "VARCHAR"),
    ("framework", "VARCHAR"),
    ("version", "VARCHAR"),
    ("assessed_on", "DATE"),
    ("respondent_group", "VARCHAR"),
    ("strand", "VARCHAR"),
    ("aspect", "VARCHAR"),
    ("element", "VARCHAR"),
    ("level", "INTEGER"),
    ("rank", "INTEGER"),
    ("has_evidence", "BOOLEAN"),
)
#: Written by `collect` since issue 19 (after `has_evidence`); files without it are read.
SCORE_COLUMN: Final = ("score", "DOUBLE")
#: Written by `collect` since round 51 (after `score`): false for a strand not applicable
#: (SPEC section 10), true for one judged; files without it are read as all applicable.
APPLICABLE_COLUMN: Final = ("applicable", "BOOLEAN")
EVIDENCE_COLUMN: Final = ("evidence", "VARCHAR")
#: What a Parquet file starts (and ends) with.
_MAGIC: Final = b"PAR1"


def write_parquet(
    staged: str,
    target: str,
    *,
    evidence: bool = False,
    work_dir: str | None = None,
    leave_out: Sequence[int] = (),
    con: duckdb.DuckDBPyConnection | None = None,
) -> int:
    """The staged reviews (`staging`) as a cohort file at `target` (atomically; `-`
    for standard output), but those whose place (`q`) is in `leave_out`; returns the
    number of rows written. On `con` if given (`connect`ed to `work_dir`), left open."""
    work = work_dir or os.path.dirname(os.path.abspath(staged))
    handle, written = tempfile.mkstemp(prefix=".collect-", suffix=".parquet", dir=work)
    os.close(handle)
    columns = [
        "i AS school_id",
        "n AS school_name",
        "a AS authority",
        "f AS framework",
        "v AS version",
        "d AS assessed_on",
        "g AS respondent_group",
        "unnest(s) AS strand",
        "unnest(x) AS aspect",
        "unnest(y) AS element",
        "unnest(l) AS level",
        "unnest(r) AS rank",
        "unnest(e) AS has_evidence",
        "unnest(c) AS score",
        "unnest(p) AS applicable",
    ]
    if evidence:
        columns.append("unnest(t) AS evidence")
    # `p` is there only for a review with a strand not applicable: true for every other
    # strand's row, null for the row of a review that judges nothing
    applicable = "CASE WHEN strand IS NOT NULL THEN coalesce(applicable, true) END AS applicable"
    kept = _kept_lines(staged, leave_out, work) if leave_out else staged
    try:
        with _connection(work, con) as db:
            db.execute("SET preserve_insertion_order = true")
            # COPY answers with the number of rows it wrote: the file is not read back for it.
            with lowered_memory(db):  # what it holds in order spills: well under 400 MB
                count_row = db.execute(
                    f"COPY (SELECT * REPLACE ({applicable}) FROM (SELECT {', '.join(columns)} "
                    f"FROM {staged_source(quoted(kept))})) "
                    f"TO {quoted(written)} (FORMAT parquet, COMPRESSION zstd)"
                ).fetchone()
    finally:
        if kept != staged:
            os.unlink(kept)
    try:
        if target == "-":
            import sys

            with open(written, "rb") as stream:
                shutil.copyfileobj(stream, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with open(written, "rb") as stream, open_atomic(target) as out:
                shutil.copyfileobj(stream, out)
    finally:
        os.unlink(written)
    return int(count_row[0]) if count_row else 0


def _kept_lines(staged: str, leave_out: Sequence[int], work: str) -> str:
    """A copy of the staging file `staged`, in `work`, but the lines of the reviews whose
    place is in `leave_out`, in the order read. Left out in SQL (`q NOT IN (...)`, which
    DuckDB runs as a join, and a join keeps no order: its "order preservation" page), the
    rows of 100,000 schools less a tenth came out of input order on two threads, in
    another order each run; sorted back, `collect` of a million schools reached 407 MB
    (round 64). A copy costs a second of processor time a million reviews, and no memory.
    Each line starts with its place (`staged_lines.staged_text`: `{"q":N,`)."""
    handle, path = tempfile.mkstemp(prefix=".kept-", suffix=".jsonl", dir=work)
    left = set(leave_out)
    try:
        with os.fdopen(handle, "wb") as out, open(staged, "rb") as lines:
            out.writelines(line for line in lines if _place(line) not in left)
    except BaseException:
        os.unlink(path)
        raise
    return path


def _place(line: bytes) -> int:
    """The place a staged line starts with (`{"q":N,`)."""
    return int(line[len(b'{"q":') : line.index(b",")])


#: A review's key, a repeated key's (`staged_duplicates`): no respondent group is one.
_SAME_KEY: Final = " AND ".join(
    f"reviews.{key} IS NOT DISTINCT FROM repeated.{key}" for key in ("i", "d", "f", "v", "g")
)


def staged_duplicates(
    staged: str, work_dir: str | None = None, con: duckdb.DuckDBPyConnection | None = None
) -> list[StagedDuplicate]:
    """Reviews staged more than once for one school, date, framework version and
    respondent group, by school id and date: they cannot all be kept (a cohort file holds
    one review of a school on a date), so the last one read is, and the others are named.
    On `con` if given, left open."""
    work = work_dir or os.path.dirname(os.path.abspath(staged))
    with _connection(work, con) as db, lowered_memory(db):
        found = db.execute(
            # a review of many strands is several lines of one place (`staged_lines`)
            f"WITH reviews AS (SELECT DISTINCT q, o, i, d, f, v, g FROM {staged_source()}), "
            "repeated AS (SELECT i, d, f, v, g FROM reviews GROUP BY ALL HAVING count(*) > 1) "
            "SELECT i, d, list(o ORDER BY q), list(q ORDER BY q), f, v FROM reviews "
            f"SEMI JOIN repeated ON {_SAME_KEY} GROUP BY i, d, f, v, g ORDER BY i, d, min(q)",
            [staged],
        ).fetchall()
    return [
        StagedDuplicate(str(school), day, tuple(sources), tuple(int(q) for q in places), f"{f}@{v}")
        for school, day, sources, places, f, v in found
    ]


@contextmanager
def _connection(
    work: str, con: duckdb.DuckDBPyConnection | None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """`con`, or a connection of this block's own (`connect`, spilling to `work`)."""
    if con is not None:
        yield con
        return
    made = connect(work)
    try:
        yield made
    finally:
        unwatch(made)
        made.close()


@dataclass(frozen=True, slots=True)
class StagedDuplicate:
    """Reviews of one school on one date: where each came from and their places, in the
    order read; the last is kept. `framework`: their framework's `id@version`."""

    school: str
    assessed_on: dt.date
    sources: tuple[str, ...]
    places: tuple[int, ...]
    framework: str = ""


def check_columns(con: object, path: str) -> bool:
    """Whether the cohort file at `path` has the evidence column; `CohortFileError` when
    it is not a Parquet file or lacks a column of SPEC section 8 (or has it as another
    type)."""
    import duckdb

    assert isinstance(con, duckdb.DuckDBPyConnection)
    try:
        # Opened as every input is: a named pipe or a device is refused, never waited on
        # (`open` itself blocks on a named pipe with no writer).
        with open_regular(path) as stream:
            head = stream.read(4)
            # A Parquet file ends with its footer, the footer's length and the magic again.
            size = stream.seek(0, os.SEEK_END)
            stream.seek(max(size - 4, 0))
            tail = stream.read(4) if size >= 12 else b""
    except InvalidDocument as error:
        raise CohortFileError(error.diagnostics) from None
    except OSError as error:
        raise CohortFileError(
            f"cannot read the cohort file: {error.strerror or error}", file=path, code="unreadable"
        ) from None
    if head != _MAGIC:
        raise CohortFileError(
            "not a Parquet file (a cohort file is written by `selfreview collect`)",
            file=path,
            code="not-parquet",
        )
    if tail != _MAGIC:
        raise cut_short(path)
    read = literal_path(path)
    with reading([path]):
        found = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [read]).fetchall()
    types = {str(name): str(kind) for name, kind, *_ in found}
    missing = [f"{name} ({kind})" for name, kind in COLUMNS if types.get(name) != kind]
    if missing:
        raise CohortFileError(
            f"not a cohort file: missing or of another type: {', '.join(missing)}",
            file=path,
            hint="a cohort file has the columns `selfreview collect` writes (SPEC section 8)",
            code="not-a-cohort",
        )
    return types.get(EVIDENCE_COLUMN[0]) == EVIDENCE_COLUMN[1]


def has_scores(con: object, path: str, column: tuple[str, str] = SCORE_COLUMN) -> bool:
    """Whether a cohort file has the `score` column (`collect` writes it since issue 19; a
    file written otherwise, with only the columns of SPEC section 8, may not), or another
    `column` written since (`APPLICABLE_COLUMN`), of its type."""
    import duckdb

    assert isinstance(con, duckdb.DuckDBPyConnection)
    with reading([path]):
        found = con.execute(
            "DESCRIBE SELECT * FROM read_parquet(?)", [literal_path(path)]
        ).fetchall()
    return any((str(name), str(kind)) == column for name, kind, *_ in found)


def inventory(con: object, path: str) -> list[tuple[str, str, int]]:
    """(framework id, version, rows) of the schools' own reviews in a cohort file, the
    framework versions in the order first met. Read from the file's footer when its
    statistics settle it (`_inventory_from_footer`), else by reading those columns."""
    import duckdb

    assert isinstance(con, duckdb.DuckDBPyConnection)
    with reading([path]):  # a footer's statistics may be damaged where its columns are not
        known = _inventory_from_footer(con, path)
        if known is not None:
            return known
        found = con.execute(
            "SELECT framework, version, count(*), min(file_row_number) AS first "
            "FROM read_parquet(?, file_row_number = true) WHERE respondent_group IS NULL "
            "GROUP BY ALL ORDER BY first",
            [literal_path(path)],
        ).fetchall()
    return [(str(f), str(v), int(n)) for f, v, n, _ in found]


def _inventory_from_footer(con: object, path: str) -> list[tuple[str, str, int]] | None:
    """`inventory` from the row groups' statistics, without reading a row: exact when each
    row group holds one framework version (its exact minimum and maximum agree, no nulls)
    and no respondent's review (its `respondent_group` all null), as a file `collect`
    writes for one framework does. None when they do not settle it."""
    import duckdb

    assert isinstance(con, duckdb.DuckDBPyConnection)
    found = con.execute(
        "SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, "
        "min_is_exact AND max_is_exact, stats_null_count, row_group_num_rows "
        "FROM parquet_metadata(?) WHERE path_in_schema IN ('framework', 'version', "
        "'respondent_group') ORDER BY row_group_id, path_in_schema",
        [literal_path(path)],
    ).fetchall()
    groups: dict[int, dict[str, tuple[object, object, object, object, int]]] = {}
    for group, column, low, high, exact, nulls, count in found:
        groups.setdefault(int(group), {})[str(column)] = (low, high, exact, nulls, int(count))
    out: dict[tuple[str, str], int] = {}
    for columns in groups.values():
        if len(columns) != 3:
            return None
        kept = []
        for name in ("framework", "version"):
            low, high, exact, nulls, _ = columns[name]
            if low is None or low != high or exact is not True or nulls != 0:
                return None
            kept.append(str(low))
        *_, nulls, count = columns["respondent_group"]
        if nulls != count:
            return None
        key = (kept[0], kept[1])
        out[key] = out.get(key, 0) + count
    return [(framework, version, count) for (framework, version), count in out.items()]
