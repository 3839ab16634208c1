"""A cohort command whose work file finds no room names it (`work.staging_file`, round 75).

`collect`, `benchmark` and `support` stage the reviews they read in a file of their work
folder, in the temporary folder (TMPDIR). A write there that failed for want of room (a full
disk, a quota, `ulimit -f`) was said as Python's error alone, "Error: File too large": no
file named, nothing to say that the temporary folder was the one full, not an input or the
output. Here the file size limit (`RLIMIT_FSIZE`, which Python meets as `EFBIG`: it ignores
SIGXFSZ) is lowered below the staged file's size while the command runs.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

if sys.platform == "win32":
    pytest.skip("POSIX file size limits", allow_module_level=True)

import resource

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"
BEFORE = b"the previous output, kept\n"


@contextmanager
def files_no_larger_than(size: int) -> Iterator[None]:
    """This process's writes capped at `size` bytes a file, its soft limit put back after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def _in_work_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> tuple[Path, Path]:
    """The work folder `TMPDIR` names (made, empty), and `command`'s output, written
    `BEFORE`, run from `tmp_path`."""
    work = tmp_path / "tmp"
    work.mkdir()
    monkeypatch.setenv("TMPDIR", str(work))
    monkeypatch.setattr(tempfile, "tempdir", None)  # TMPDIR read again
    monkeypatch.chdir(tmp_path)
    target = tmp_path / command[-1]
    target.write_bytes(BEFORE)
    return work, target


@pytest.mark.parametrize(
    "command",
    [
        ["collect", str(COHORT), "-o", "out.parquet"],
        ["benchmark", str(COHORT), "--format", "json", "-o", "out.json"],
        ["support", str(COHORT), "--format", "json", "-o", "out.json"],
    ],
    ids=["collect", "benchmark", "support"],
)
def test_a_work_file_without_room_is_named_with_the_folder_to_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    work, target = _in_work_folder(tmp_path, monkeypatch, command)
    with files_no_larger_than(4096):  # the example cohort stages some 30 KB
        result = CliRunner().invoke(cli, command, catch_exceptions=False)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {work}/selfreview-cohort-"), line
    assert line.endswith(
        "/staged.jsonl: File too large (a cohort's work file: TMPDIR names another folder for it)"
    ), line
    assert result.stdout == ""
    assert target.read_bytes() == BEFORE  # the output as it was
    assert list(work.iterdir()) == []  # the work folder removed
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["tmp", target.name])


@pytest.mark.parametrize(
    "command",
    [
        ["collect", str(COHORT), "--jobs", "2", "-o", "out.parquet"],
        ["benchmark", str(COHORT), "--jobs", "2", "--format", "json", "-o", "out.json"],
        ["support", str(COHORT), "--jobs", "2", "--format", "json", "-o", "out.json"],
    ],
    ids=["collect", "benchmark", "support"],
)
def test_a_worker_s_own_file_without_room_is_named_as_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """With `--jobs`, each worker writes what it staged to a file of its own in the work
    folder, copied into the staging file after: one that found no room was said as
    `staged.jsonl`, a file that had not filled (round 76). Every example review stages
    past 1 KB, so the first worker's file is the one that fills. The workers are forked, as
    the commands' are before DuckDB starts: started afresh beside a test runner's threads,
    they would be asked of a fork server, whose socket's name in TMPDIR is too long here."""
    from selfreview_core.cohort import staging

    monkeypatch.setattr(staging, "_threaded", lambda: False)
    work, target = _in_work_folder(tmp_path, monkeypatch, command)
    with files_no_larger_than(1024):
        result = CliRunner().invoke(cli, command, catch_exceptions=False)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert re.fullmatch(
        f"Error: {re.escape(str(work))}/selfreview-cohort-[0-9a-f]+/\\.selfreview-jobs-[^/]+/"
        r"[0-9]+-[0-9]+: File too large \(a cohort's work file: TMPDIR names another folder "
        r"for it\)",
        line,
    ), line
    assert result.stdout == ""
    assert target.read_bytes() == BEFORE  # the output as it was
    assert list(work.iterdir()) == []  # the work folder, and the workers' files, removed
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["tmp", target.name])


def test_a_worker_s_file_that_fails_for_another_reason_keeps_its_own_error(
    tmp_path: Path,
) -> None:
    """Only no room is said as TMPDIR's: a worker's folder gone (the command ending) is
    the system's own error, naming the file."""
    from selfreview_core.cohort.staging import _Done

    gone = tmp_path / "gone"
    with pytest.raises(FileNotFoundError) as raised:
        _Done(lines=["{}\n"]).seal(str(gone))
    assert str(raised.value.filename).startswith(f"{gone}/")
