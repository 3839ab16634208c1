"""A user's cohort files as DuckDB reads them: each name given literally (DuckDB's readers
take `*`, `?` and `[` for a pattern, and a name like an address for one to fetch), and
DuckDB's errors told as errors in the file, named as the user gave it. Every query that
reads a cohort file goes through `literal_path`, and every read of its rows through
`reading`, so a file damaged within is named whatever command reads it."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Final

import duckdb

from ..errors import CohortFileError

__all__ = ["duckdb_reason", "literal_path", "reading"]

#: What DuckDB's file readers take for a pattern in a file's name.
_PATTERN: Final = re.compile(r"[*?[]")


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


@contextmanager
def reading(files: Sequence[str]) -> Iterator[None]:
    """Tell cohort `files` DuckDB cannot read as a `CohortFileError` naming the one it names
    (all when none), with DuckDB's reason: their footers and columns are checked first
    (`parquet.check_columns`), so a file damaged within (a data page flipped) shows only
    when its rows are read. Without `files` (a staging file of this process's own, not the
    user's), DuckDB's error is left as it is."""
    try:
        yield
    except duckdb.Error as error:
        if not files:
            raise
        reason, named = duckdb_reason(error, files)
        which = "the Parquet file" if named or len(files) == 1 else "a Parquet file of these"
        raise CohortFileError(
            f"{which} cannot be read: {reason}",
            file=named or ", ".join(files),
            hint="write it again with `selfreview collect`",
            code="not-parquet",
        ) from None
