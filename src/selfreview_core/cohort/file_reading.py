"""A user's cohort files as DuckDB reads them: their rows (`parquet_rows`), each name given
literally (DuckDB's readers take `*`, `?` and `[` for a pattern, and a name like an address
for one to fetch), and DuckDB's errors told as errors in the file, named as the user gave
it. Every query that reads a cohort file goes through `literal_path`, and every read of its
rows through `reading`, so a file damaged within is named whatever command reads it."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Final

import duckdb

from ..errors import CohortFileError
from ..model.framework import Framework
from .rows import Rows

__all__ = [
    "CUT_SHORT",
    "cut_short",
    "duckdb_reason",
    "literal_path",
    "parquet_rows",
    "reading",
    "unreadable",
]

#: DuckDB's errors in the SQL itself or its running, never in a file: a bug of ours (an
#: arithmetic overflow too), the machine's memory, or a query a signal interrupted (Ctrl-C,
#: `kill`: `interrupting`); told as such, never as a file to write again.
_OURS: Final = (
    duckdb.InterruptException,
    duckdb.BinderException,
    duckdb.CatalogException,
    duckdb.ParserException,
    duckdb.SyntaxException,
    duckdb.InternalException,
    duckdb.OutOfRangeException,
    duckdb.OutOfMemoryException,
)
#: The names of DuckDB's own files in its temporary folder: an error writing one is the
#: work folder's (`work.no_room_to_spill`), not the cohort file's being read meanwhile.
_SPILLED: Final = "duckdb_temp_"
#: What DuckDB's file readers take for a pattern in a file's name.
_PATTERN: Final = re.compile(r"[*?[]")
#: A file that ends before its footer, as its own check (`parquet.check_columns`) finds it.
CUT_SHORT: Final = "is cut short: it does not end as a Parquet file does"
#: What to do about a file damaged or cut short: a file whole on the disk is written again.
_WRITE_AGAIN: Final = "write it again with `selfreview collect`"
#: DuckDB's I/O error for a footer or page that points past the file's end: damage, not
#: the disk.
_PAST_THE_END: Final = "Could not read enough bytes"


def literal_path(path: str) -> str:
    """`path` as DuckDB's readers take that one file: they read `*`, `?` and `[` as a
    pattern (`x[1].parquet` read `x1.parquet`, `y*.parquet` every `y...parquet`), each now
    a class of its own (`[*]`); and absolute, so that a local `http:/...` is not fetched."""
    return _PATTERN.sub(lambda found: f"[{found.group()}]", os.path.abspath(path))


def duckdb_reason(error: duckdb.Error, paths: Sequence[str]) -> tuple[str, str | None]:
    """DuckDB's first line of `error` with each of `paths` named as the user gave it (DuckDB
    names the file it opened, absolute, or as `literal_path` wrote it; a name may hold a
    line break), and the first of `paths` it names, if any."""
    text, named = str(error), None
    for n, path in enumerate(paths):
        marker = f"\0{n}\0"
        for read in (literal_path(path), os.path.abspath(path)):
            if read in text:
                text, named = text.replace(read, marker), named or path
    line = text.splitlines()[0] if text else ""
    for n, path in enumerate(paths):
        line = line.replace(f"\0{n}\0", path)
    return line, named


def unreadable(error: duckdb.Error, files: Sequence[str]) -> CohortFileError:
    """A cohort file among `files` DuckDB cannot read, told in our words first (damaged,
    or not read from the disk), then DuckDB's reason as it gives it: its reasons
    ("TProtocolException: Invalid data", "don't know what type") say nothing to a user on
    their own. Named as DuckDB names it (all of `files` when it names none)."""
    reason, named = duckdb_reason(error, files)
    which = "the Parquet file" if named or len(files) == 1 else "a Parquet file of these"
    disk = isinstance(error, duckdb.IOException) and _PAST_THE_END not in reason
    said = "cannot be read from the disk" if disk else "is damaged: its contents cannot be decoded"
    return CohortFileError(
        f"{which} {said}; DuckDB says: {reason}",
        file=named or ", ".join(files),
        hint=None if disk else _WRITE_AGAIN,
        code="not-parquet",
    )


def cut_short(path: str) -> CohortFileError:
    """A cohort file that ends before its footer (a copy or a download stopped part-way)."""
    return CohortFileError(
        f"the Parquet file {CUT_SHORT}",
        file=path,
        hint=f"copy it again whole, or {_WRITE_AGAIN}",
        code="not-parquet",
    )


@contextmanager
def reading(files: Sequence[str]) -> Iterator[None]:
    """Tell cohort `files` DuckDB cannot read as a `CohortFileError` (`unreadable`): their
    footers and columns are checked first (`parquet.check_columns`), so a file damaged
    within (a data page flipped) shows only when its rows are read. Without `files` (a
    staging file of this process's own, not the user's), and for an error in the SQL itself
    (`_OURS`), DuckDB's error is left as it is."""
    try:
        yield
    except duckdb.Error as error:
        if not files or isinstance(error, _OURS) or _SPILLED in str(error):
            raise
        raise unreadable(error, files) from None


def parquet_rows(
    paths: str | Sequence[str],
    framework: Framework,
    *,
    evidence: bool = False,
    unscored: Sequence[str] = (),
    marked: Sequence[str] = (),
) -> Rows:
    """The school's own reviews (no respondent group) of `framework` in cohort files, with
    each strand's score for a framework with questions: its rank in the `unscored` files,
    those of `paths` without a `score` column (written before it was), and only in those,
    so that a file that has its scores keeps them beside one that has none. `applicable`
    is the column of the `marked` files, those with it (written since round 51), and null
    (applicable) in the others."""
    files = [paths] if isinstance(paths, str) else list(paths)
    columns = "school_id, school_name, authority, assessed_on, strand, level, rank, has_evidence"
    columns += ", applicable" if marked else ", NULL::BOOLEAN AS applicable"
    read, params = "read_parquet(?)", [[literal_path(f) for f in files]]
    if marked and not set(marked) >= set(files):  # some of each: missing, it is read as null
        read = "read_parquet(?, union_by_name = true)"
    scores = framework.has_questions
    if scores and not unscored:
        columns += ", score"
    elif scores and set(unscored) >= set(files):
        columns += ", rank::DOUBLE AS score"
    elif scores:  # some of each: each file's own (its name as DuckDB gives it, absolute)
        columns += (
            ", CASE WHEN list_contains(?, filename) THEN rank::DOUBLE ELSE score END AS score"
        )
        read = "read_parquet(?, union_by_name = true, filename = true)"
        params.insert(0, [os.path.abspath(f) for f in unscored])
    if evidence:
        columns += ", evidence"
    return Rows(
        sql=f"SELECT 0::BIGINT AS seq, NULL::VARCHAR AS origin, {columns} FROM {read} "
        "WHERE framework = ? AND version = ? AND respondent_group IS NULL",
        params=(*params, framework.id, framework.version),
        key=("school_id", "assessed_on"),
        evidence=evidence,
        name=", ".join(files),
        scores=scores,
        files=tuple(files),
    )
