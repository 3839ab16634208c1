"""`cohort/parquet.py`: what the mutation pass of round 42 (second wave) found no test
holding, and what probing its readers found.

A cohort file is read as the one file named, whatever its name holds, and a file that
cannot be read is named whole in what is said about it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import io
from pathlib import Path

import duckdb
import pytest

from program import selfreview
from selfreview_core import Assessment, Framework, Judgement, School
from selfreview_core.cohort.parquet import (
    COLUMNS,
    SCORE_COLUMN,
    CohortFileError,
    StagedDuplicate,
    check_columns,
    has_scores,
    inventory,
    write_parquet,
)
from selfreview_core.cohort.staged_lines import record


def _cohort_file(path: Path, framework: str, rows: int, *, scores: bool = True) -> Path:
    """A cohort file of `rows` rows of `framework` version 1, each column as SPEC section 8
    types it (and the score column, `scores`)."""
    kinds = [*COLUMNS, *([SCORE_COLUMN] if scores else [])]
    values = {"framework": f"'{framework}'", "version": "'1'", "respondent_group": "NULL"}
    columns = ", ".join(f"{values.get(name, 'NULL')}::{kind} AS {name}" for name, kind in kinds)
    con = duckdb.connect()
    try:
        con.execute(f"COPY (SELECT {columns} FROM range({rows})) TO '{path}' (FORMAT parquet)")
    finally:
        con.close()
    return path


def _foreign_file(path: Path) -> Path:
    con = duckdb.connect()
    try:
        con.execute(f"COPY (SELECT 1 AS a) TO '{path}' (FORMAT parquet)")
    finally:
        con.close()
    return path


@pytest.mark.parametrize(
    ("name", "neighbour"),
    [("x[1].parquet", "x1.parquet"), ("y*.parquet", "y-2.parquet"), ("z?.parquet", "zz.parquet")],
)
def test_a_cohort_file_whose_name_reads_as_a_pattern_is_read_itself(
    tmp_path: Path, name: str, neighbour: str
) -> None:
    """DuckDB reads `*`, `?` and `[` in a file's name as a pattern: `x[1].parquet` was
    checked and counted as `x1.parquet`, `y*.parquet` as itself and its neighbours."""
    con = duckdb.connect()
    try:
        path = str(_cohort_file(tmp_path / name, "mine", 3, scores=False))
        _cohort_file(tmp_path / neighbour, "theirs", 5)
        assert check_columns(con, path) is False
        assert inventory(con, path) == [("mine", "1", 3)]
        assert has_scores(con, path) is False
        foreign = str(_foreign_file(tmp_path / f"foreign-{name}"))
        _cohort_file(tmp_path / f"foreign-{neighbour}", "theirs", 5)
        with pytest.raises(CohortFileError, match="not a cohort file: missing"):
            check_columns(con, foreign)
    finally:
        con.close()


def _refused(path: Path) -> CohortFileError:
    """What `check_columns` raises for the file at `path`."""
    con = duckdb.connect()
    try:
        with pytest.raises(CohortFileError) as caught:
            check_columns(con, str(path))
    finally:
        con.close()
    return caught.value


@pytest.mark.parametrize("name", ["line\nbreak.parquet", "plain.parquet", "x[1].parquet"])
def test_a_parquet_file_that_cannot_be_read_is_named_whole(tmp_path: Path, name: str) -> None:
    """A footer whose length points before the file's start: DuckDB's first line after our
    words, naming the file as it was given, never cut at a line break in its name. (A file
    cut short is found before DuckDB reads it, since round 51.)"""
    whole = _cohort_file(tmp_path / "whole.parquet", "mine", 3).read_bytes()
    path = tmp_path / name
    path.write_bytes(whole[:-8] + (len(whole) + 100).to_bytes(4, "little") + b"PAR1")
    caught = _refused(path)
    message = caught.first.message
    assert message.startswith(
        "the Parquet file is damaged: its contents cannot be decoded; DuckDB says: "
    )
    assert message.endswith(f"'{path}'")
    assert caught.file == str(path)
    assert caught.first.code == "not-parquet"
    assert caught.first.hint == "write it again with `selfreview collect`"
    path.write_bytes(whole[:200])
    caught = _refused(path)
    assert caught.first.message == (
        "the Parquet file is cut short: it does not end as a Parquet file does"
    )
    assert caught.first.hint == "copy it again whole, or write it again with `selfreview collect`"


def test_a_local_cohort_file_named_like_an_address_is_read_from_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`http://host/c.parquet` is also a local path (`http:/host/c.parquet`): when that file
    is there it is the one read, and DuckDB never sets out to fetch it (or the extension
    to fetch it with)."""
    folder = tmp_path / "http:" / "localhost:9"
    folder.mkdir(parents=True)
    _cohort_file(folder / "c.parquet", "mine", 2)
    monkeypatch.chdir(tmp_path)
    con = duckdb.connect()
    try:
        path = "http://localhost:9/c.parquet"
        assert check_columns(con, path) is False
        assert inventory(con, path) == [("mine", "1", 2)]
        assert has_scores(con, path) is True
    finally:
        con.close()


def test_a_cohort_file_holds_the_evidence_text_only_when_asked(
    tmp_path: Path, small_framework: Framework
) -> None:
    """SPEC section 8: the evidence column only in a file written with evidence; by
    default, none, though the staged reviews carry it."""
    strand = small_framework.strand_ids[0]
    review = Assessment(
        framework=small_framework.ref,
        school=School(id="a", name="A"),
        assessed_on=dt.date(2025, 9, 1),
        judgements={strand: Judgement(level=small_framework.scale.best, evidence="Secret")},
    )
    staged = tmp_path / "staged.jsonl"
    line = record(small_framework, review, "#1", evidence=True)
    staged.write_text(f'{{"q":0,{line[1:]}\n', encoding="utf-8")
    con = duckdb.connect()
    try:
        plain, full = tmp_path / "plain.parquet", tmp_path / "full.parquet"
        assert write_parquet(str(staged), str(plain), work_dir=str(tmp_path)) == 1
        write_parquet(str(staged), str(full), evidence=True, work_dir=str(tmp_path))
        assert check_columns(con, str(plain)) is False
        assert check_columns(con, str(full)) is True
        assert b"Secret" not in plain.read_bytes()
    finally:
        con.close()


def test_a_staged_duplicate_is_frozen() -> None:
    found = StagedDuplicate("a", dt.date(2025, 9, 1), ("x", "y"), (0, 1), "f@1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.school = "b"  # type: ignore[misc]
    assert not hasattr(found, "__dict__")


@pytest.mark.parametrize("command", ["benchmark", "support"])
@pytest.mark.parametrize(
    ("make", "said"),
    [
        ("empty", "not a Parquet file (a cohort file is written by `selfreview collect`)"),
        ("text", "not a Parquet file (a cohort file is written by `selfreview collect`)"),
        ("folder", "is a directory, not a file"),
    ],
)
def test_a_cohort_file_that_is_no_parquet_file_is_told_so(
    tmp_path: Path, command: str, make: str, said: str
) -> None:
    """An empty file, a text file and a folder given as a cohort file (`x.parquet`): what
    it is, in words (not DuckDB's reason, nor Python's `[Errno 21]`), the file named as
    given, exit 1, nothing on standard output."""
    target = tmp_path / "x.parquet"
    if make == "folder":
        target.mkdir()
    else:
        target.write_text("" if make == "empty" else "school_id,level\nX,3\n", encoding="utf-8")
    done = selfreview([command, "x.parquet"], cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == b""
    assert done.stderr.decode().splitlines()[0] == f"x.parquet: error: {said}"


def test_a_cohort_file_that_fails_as_it_is_read_names_the_reason_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened, then failing to read (a disk error, a network share gone): the system's
    words, not Python's `[Errno 5]`."""

    class Failing(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise OSError(errno.EIO, "Input/output error")

    target = tmp_path / "x.parquet"
    target.write_bytes(b"PAR1")
    monkeypatch.setattr("selfreview_core.cohort.parquet.open_regular", lambda path: Failing())
    caught = _refused(target)
    assert str(caught) == f"{target}: cannot read the cohort file: Input/output error"
    assert caught.first.code == "unreadable"
