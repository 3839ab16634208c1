"""DuckDB's work past its memory limit that finds no room in the work folder it spills
into (round 76).

Past its memory limit, DuckDB writes what it holds to files in the command's work folder,
in the temporary folder (TMPDIR). Where that folder's disk is full, DuckDB says "Out of
Memory Error: failed to offload data block" (it takes the room left on the disk as the most
it may spill, `max_temp_directory_size`): `collect` of 100,000 schools into a full
temporary folder said "writing the cohort file ran out of memory: DuckDB reached its limit
of 160MB (try fewer schools at a time)", of schools that fit in it. A spill file past
`ulimit -f` was DuckDB's "IO Error", raw. Both now name the folder (or the file) and
TMPDIR, exit 1, as a work file without room does (`work.no_room`), and the folder is
removed. A full disk is made here by DuckDB's own cap on what it spills, set to little.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import duckdb
import pytest
import yaml
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.cohort import rows
from selfreview_core.cohort.file_reading import reading
from selfreview_core.cohort.lowered_memory import lowered_memory
from selfreview_core.cohort.work import COUNTING, WorkFolder, no_room_to_spill

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"
#: A sort DuckDB spills within 30 MB.
SPILLED = "CREATE TABLE t AS SELECT i, md5(i::VARCHAR) AS s FROM range(3000000) r(i) ORDER BY s"
SAID = (
    "went past DuckDB's memory limit, into a cohort's work folder: TMPDIR names another "
    "folder for it)"
)


def failed(
    settings: str,
    within: Callable[[duckdb.DuckDBPyConnection], AbstractContextManager[None]] = (
        lambda con: nullcontext()
    ),
) -> tuple[Exception, str]:
    """The error of a query DuckDB spills under `settings` (and `within` a block), in a
    work folder (its name)."""
    folder = ""
    try:
        with WorkFolder() as work:
            folder = work.folder
            con = work.connection()
            con.execute(settings)
            with within(con):
                con.execute(SPILLED)
    except Exception as error:  # whichever it is: checked by the caller
        return error, folder
    raise AssertionError("the query fitted")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """TMPDIR, an empty folder of its own."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)  # TMPDIR read again
    return folder


def test_no_room_to_spill_is_said_naming_the_work_folder_and_tmpdir(work: Path) -> None:
    error, folder = failed("SET memory_limit = '30MB'; SET max_temp_directory_size = '1MB'")
    assert isinstance(error, OSError)
    assert error.errno == 28
    assert error.filename == folder
    assert error.strerror == f"No space left on device ({COUNTING} {SAID}"
    assert list(work.iterdir()) == []  # the folder, and what DuckDB spilled, removed


def test_running_out_of_memory_with_room_to_spill_is_still_said_as_memory(work: Path) -> None:
    from selfreview_core.errors import CohortMemoryError

    error, _ = failed("SET memory_limit = '1MB'")
    assert isinstance(error, CohortMemoryError)
    assert str(error).startswith(f"{COUNTING} ran out of memory: DuckDB reached its limit of ")
    assert list(work.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file size limits")
def test_a_spill_file_past_the_file_size_limit_is_named_with_tmpdir(work: Path) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2_000_000, hard))
    try:
        error, folder = failed("SET memory_limit = '30MB'")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert isinstance(error, OSError)
    assert error.errno == 27
    assert re.fullmatch(re.escape(folder) + r"/duckdb_temp_[^/]+\.tmp", str(error.filename)), (
        error.filename
    )
    assert error.strerror == f"File too large ({COUNTING} {SAID}"
    assert list(work.iterdir()) == []


def test_a_spill_file_s_error_is_never_said_as_the_cohort_file_s() -> None:
    """A cohort file read as DuckDB spills: its error is the work folder's, left to it."""
    spilled = duckdb.IOException('IO Error: Could not write file "/t/duckdb_temp_1_0.tmp": x')
    with pytest.raises(duckdb.IOException) as raised, reading(["cohort.parquet"]):
        raise spilled
    assert raised.value is spilled


def test_collect_into_a_full_temporary_folder_names_it_and_writes_nothing(
    tmp_path: Path, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    review = yaml.safe_load((COHORT / "primary-1-2025.yaml").read_text(encoding="utf-8"))
    review["assessed_on"] = dt.date.isoformat(review["assessed_on"])
    cohort = tmp_path / "cohort.jsonl"
    with cohort.open("w", encoding="utf-8") as out:
        for n in range(3000):  # 36,000 rows: spilled within 48 MB as they are written
            out.write(
                json.dumps({**review, "school": {**review["school"], "id": str(1_000_000 + n)}})
                + "\n"
            )
    monkeypatch.setattr(rows, "MEMORY_LIMIT", "48MB")
    connect = rows.connect

    def full(work_dir: str | os.PathLike[str] | None = None) -> duckdb.DuckDBPyConnection:
        con = connect(work_dir)
        con.execute("SET max_temp_directory_size = '300KB'")
        return con

    target = tmp_path / "out.parquet"
    command = ["collect", str(cohort), "-o", str(target)]
    monkeypatch.setattr(rows, "connect", full)
    result = CliRunner().invoke(cli, command, catch_exceptions=False)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert re.fullmatch(
        f"Error: {re.escape(str(work))}/selfreview-cohort-[0-9a-f]+: No space left on "
        f"device \\(writing the cohort file {re.escape(SAID)}",
        line,
    ), line
    assert result.stdout == ""
    assert not target.exists()
    assert list(work.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.jsonl", "tmp"]
    monkeypatch.setattr(rows, "connect", connect)  # with room, the same schools fit
    result = CliRunner().invoke(cli, command, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert target.exists()


def test_no_room_to_spill_within_a_lowered_limit_is_said_as_the_folder_not_memory(
    work: Path,
) -> None:
    """`support` and `collect` run within a lower limit than the connection's
    (`lowered_memory`), which says running out of it naming it: no room to spill is not
    running out of memory there either."""
    error, folder = failed(
        "SET max_temp_directory_size = '1MB'", lambda con: lowered_memory(con, 30)
    )
    assert isinstance(error, OSError)
    assert error.errno == 28
    assert error.filename == folder
    assert list(work.iterdir()) == []


def test_another_error_of_a_spill_file_is_left_as_duckdb_said_it() -> None:
    """Only no room is said as TMPDIR's: a disk's read error is DuckDB's own."""
    folder = "/tmp/selfreview-cohort-0"
    failing = duckdb.IOException(
        f'IO Error: Could not write file "{folder}/duckdb_temp_1.tmp": Input/output error'
    )
    assert no_room_to_spill(failing, folder, COUNTING) is None
    full = duckdb.IOException(
        f'IO Error: Could not write file "{folder}/duckdb_temp_1.tmp": No space left on device'
    )
    said = no_room_to_spill(full, folder, COUNTING)
    assert said is not None
    assert (said.errno, said.filename) == (28, f"{folder}/duckdb_temp_1.tmp")
