"""A cohort command that runs out of open files (`ulimit -n`, round 77) says so in one line:
the file it was opening where there is one, the limit, and what to do; exit 1, no
traceback, no output and no work folder left. It said "Error: Too many open files" and no
more, or DuckDB's `IOException` as an internal error, and left its work folder behind
when the limit was reached as the worker processes were started."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import duckdb
import pytest

from program import selfreview
from selfreview_core import Engine
from selfreview_core.cohort.open_files import open_files_said, out_of_files
from selfreview_core.cohort.staging import Reader, stage
from selfreview_core.cohort.work import WorkFolder

if sys.platform == "win32":
    pytest.skip("POSIX limits of open files", allow_module_level=True)

import resource

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"


def _advice(limit: int | None = None) -> str:
    """What is said of this process (or one limited to `limit`) out of open files."""
    if limit is None:
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        limit = None if soft == resource.RLIM_INFINITY else soft
    held = "no more" if limit is None else f"{limit:,} at once"
    more = max(1024, 4 * (limit or 256))
    return (
        f"Too many open files: this command may hold {held} (`ulimit -n`), and needed more: "
        f"raise that limit (`ulimit -n {more}`), or give fewer --jobs, and run it again"
    )


def test_the_process_out_of_files_names_the_file_the_limit_and_what_to_do() -> None:
    told = out_of_files(OSError(errno.EMFILE, "Too many open files", "/schools/a.yaml"))
    assert told is not None
    assert (told.errno, told.filename, told.strerror) == (
        errno.EMFILE,
        "/schools/a.yaml",
        _advice(),
    )
    assert out_of_files(told) is None  # said once


def test_a_pipe_has_no_file_to_name() -> None:
    told = out_of_files(OSError(errno.EMFILE, "Too many open files"))
    assert told is not None
    assert (told.filename, told.strerror) == (None, _advice())


def test_the_system_out_of_files_is_said_as_the_system_s() -> None:
    told = out_of_files(OSError(errno.ENFILE, "Too many open files in system", "/s/b.json"))
    assert told is not None
    assert (told.errno, told.filename) == (errno.ENFILE, "/s/b.json")
    assert told.strerror is not None
    assert told.strerror.startswith(
        "Too many open files in system: the system's open files are all in use, by every "
        "program together (this one may hold "
    )
    assert told.strerror.endswith(
        "`ulimit -n`): close some programs, or raise the system's limit, and run the command again"
    )


def test_duckdb_s_error_names_the_file_it_was_opening() -> None:
    error = duckdb.IOException(
        'IO Error: Cannot open file "/tmp/w/staged.jsonl": Too many open files'
    )
    told = out_of_files(error)
    assert told is not None
    assert (told.errno, told.filename, told.strerror) == (
        errno.EMFILE,
        "/tmp/w/staged.jsonl",
        _advice(),
    )
    unnamed = out_of_files(duckdb.IOException("IO Error: Too many open files"))
    assert unnamed is not None
    assert unnamed.filename is None


@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.ENOENT, "No such file or directory", "x"),
        OSError(errno.ENOSPC, "No space left on device"),
        ValueError("Too many open files"),  # no system error: its words alone are not enough
        duckdb.IOException('IO Error: Cannot open file "x": Permission denied'),
        None,
    ],
)
def test_other_errors_are_left_as_they_are(error: BaseException | None) -> None:
    assert out_of_files(error) is None


def test_an_input_not_opened_for_want_of_descriptors_stops_the_staging_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the file's fault: it was skipped as unreadable, "cannot read: Too many open
    files", and so was every file after it."""
    files = sorted(str(f) for f in COHORT.glob("*.yaml"))
    opened = os.open

    def open_file(path: str, flags: int, mode: int = 0o777) -> int:
        if path == files[3]:
            raise OSError(errno.EMFILE, "Too many open files", path)
        return opened(path, flags, mode)

    monkeypatch.setattr(os, "open", open_file)
    with (
        (tmp_path / "staged.jsonl").open("wb") as out,
        pytest.raises(OSError, match="Too many") as raised,
    ):
        stage(files, Reader(Engine().framework_names()), out)
    assert (raised.value.errno, raised.value.filename) == (errno.EMFILE, files[3])


def test_the_system_out_of_files_said_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its soft limit, the one it runs under, not its hard one."""
    monkeypatch.setattr(resource, "getrlimit", lambda _: (64, 4096))
    told = out_of_files(OSError(errno.ENFILE, "Too many open files in system"))
    assert told is not None
    assert told.strerror == (
        "Too many open files in system: the system's open files are all in use, by every "
        "program together (this one may hold 64, `ulimit -n`): close some programs, or "
        "raise the system's limit, and run the command again"
    )


def test_a_low_soft_limit_is_the_one_said_and_raised_to_a_thousand(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(resource, "getrlimit", lambda _: (64, 4096))
    told = out_of_files(OSError(errno.EMFILE, "Too many open files", "a.yaml"))
    assert told is not None
    assert told.strerror == (
        "Too many open files: this command may hold 64 at once (`ulimit -n`), and needed "
        "more: raise that limit (`ulimit -n 1024`), or give fewer --jobs, and run it again"
    )
    monkeypatch.setattr(resource, "getrlimit", lambda _: (2_000, 4096))
    told = out_of_files(OSError(errno.EMFILE, "Too many open files", "a.yaml"))
    assert told is not None
    assert "may hold 2,000 at once (`ulimit -n`)" in str(told.strerror)
    assert "(`ulimit -n 8000`)" in str(told.strerror)


def test_duckdb_s_words_for_the_system_out_of_files_are_the_system_s() -> None:
    """ "Too many open files in system" holds the process's words too: the system's are
    looked for first."""
    error = duckdb.IOException('IO Error: Cannot open file "/w/x": Too many open files in system')
    told = out_of_files(error)
    assert told is not None
    assert (told.errno, told.filename) == (errno.ENFILE, "/w/x")


def test_open_files_said_tells_only_running_out_of_files() -> None:
    with pytest.raises(OSError, match="ulimit -n") as raised, open_files_said():
        raise OSError(errno.EMFILE, "Too many open files", "b.json")
    assert (raised.value.filename, raised.value.__cause__) == ("b.json", None)
    other = ValueError("no")
    with pytest.raises(ValueError, match="no") as kept, open_files_said():
        raise other
    assert kept.value is other


def test_a_work_folder_tells_running_out_of_files_and_is_removed(tmp_path: Path) -> None:
    """`report --cohort` works in one too, without the cohort commands' own telling."""
    work = WorkFolder()
    folder = Path(work.folder)
    with pytest.raises(OSError, match="ulimit -n") as raised, work:
        raise OSError(errno.EMFILE, "Too many open files", "c.yaml")
    assert raised.value.filename == "c.yaml"
    assert not folder.exists()


def _limited(count: int) -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (count, count))


@pytest.mark.parametrize(("jobs", "lowest", "highest"), [("1", 8, 14), ("2", 8, 22)])
def test_collect_under_each_low_limit_says_so_and_leaves_nothing(
    tmp_path: Path, jobs: str, lowest: int, highest: int
) -> None:
    """Limits from where the command cannot start its work to where it does it all: each
    stage in turn runs out (a module imported, DuckDB's pipe, its files, the workers'
    pipes, the output)."""
    named: set[str] = set()
    done_at = None
    for limit in range(lowest, highest + 1):
        work = tmp_path / f"t{limit}"
        work.mkdir()
        out = tmp_path / f"o{limit}.parquet"
        done = selfreview(
            ["collect", str(COHORT), "--jobs", jobs, "-o", str(out)],
            env={**os.environ, "TMPDIR": str(work)},
            preexec_fn=lambda limit=limit: _limited(limit),  # type: ignore[misc]
        )
        said = done.stderr.decode().splitlines()
        assert list(work.iterdir()) == [], (limit, said)  # no work folder left
        if done.returncode == 0:
            done_at = done_at or limit
            assert said == [f"Collected 11 reviews (108 rows) into {out}."]
            continue
        assert done_at is None, (limit, said)  # more room never fails where less did not
        assert done.returncode == 1, (limit, said)
        assert not out.exists()
        assert len(said) == 1, (limit, said)
        where, _, told = said[0].partition(": Too many open files")
        assert "Too many open files" + told == _advice(limit), (limit, said)
        named.add(Path(where.removeprefix("Error: ")).name if where != "Error" else "")
    assert done_at is not None  # the command did it all, given room
    if jobs == "1":  # DuckDB's file, and the output, each named as it was opened
        assert {"staged.jsonl", f"o{done_at - 1}.parquet"} <= named, named
