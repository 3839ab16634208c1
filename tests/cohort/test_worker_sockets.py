"""A TMPDIR whose path is too long for a Unix socket in it (round 77): workers started afresh
are asked of a fork server through a socket `multiprocessing` makes there, and `support
--jobs 2` (whose workers always start afresh) failed with "Error: AF_UNIX path too long".
Its folder is now made in the system's temporary folder; the command's own work stays in
TMPDIR and is gone after, and the output is the same as with a short TMPDIR. Where no
system folder can hold it, the command is refused, naming TMPDIR and its length."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path

import pytest

from program import python, selfreview
from selfreview_core.cohort import worker_sockets

if os.name != "posix" or sys.platform == "darwin":
    pytest.skip("Linux sockets' path limit", allow_module_level=True)

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"


def _long_tmpdir(tmp_path: Path) -> Path:
    """A temporary folder whose path is 120 bytes long: past a socket's 107 with what
    `multiprocessing` adds, whatever pytest's own is."""
    folder = tmp_path / ("t" * (119 - len(os.fsencode(tmp_path))))
    folder.mkdir()
    assert len(os.fsencode(folder)) == 120
    return folder


def test_support_with_jobs_under_a_long_tmpdir_works_and_leaves_it_empty(tmp_path: Path) -> None:
    folder = _long_tmpdir(tmp_path)
    args = ["support", str(COHORT), "--jobs", "2"]
    long = selfreview(args, env={**os.environ, "TMPDIR": str(folder)})
    short = selfreview(args, env={k: v for k, v in os.environ.items() if k != "TMPDIR"})
    assert long.returncode == short.returncode == 0, long.stderr
    assert (long.stdout, long.stderr) == (short.stdout, short.stderr)
    assert long.stdout  # the list itself, not nothing
    assert list(folder.iterdir()) == []  # the work folder removed, nothing else made


#: `collect --jobs 2` in a process that holds a thread of its own, as a plugin's: staging's
#: workers are then started afresh (`staging._threaded`), through the socket.
_THREADED = (
    "import sys, threading, time\n"
    "threading.Thread(target=time.sleep, args=(600,), daemon=True).start()\n"
    "from selfreview_core.cohort import staging\n"
    "assert staging._threaded()\n"
    "sys.argv[0] = 'selfreview'\n"
    "from selfreview_core._launch import main\n"
    "main()\n"
)


def test_collect_with_workers_started_afresh_under_a_long_tmpdir(tmp_path: Path) -> None:
    folder = _long_tmpdir(tmp_path)
    out = tmp_path / "out.parquet"
    done = python(
        ["-c", _THREADED, "collect", str(COHORT), "--jobs", "2", "-o", str(out)],
        env={**os.environ, "TMPDIR": str(folder)},
    )
    assert done.stderr.decode().splitlines() == [f"Collected 11 reviews (108 rows) into {out}."], (
        done.stderr
    )
    assert done.returncode == 0
    assert list(folder.iterdir()) == []


def test_no_system_folder_to_hold_it_refuses_naming_tmpdir_and_its_length(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _long_tmpdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    (tmp_path / "file").write_text("a file, not a folder")
    with pytest.raises(OSError, match="TMPDIR, 120 bytes") as raised:
        worker_sockets.short_socket_folder((str(tmp_path / "none"), str(tmp_path / "file")))
    error = raised.value
    assert error.errno == errno.ENAMETOOLONG
    assert error.filename == str(folder)
    assert error.strerror == (
        "the temporary folder's path is too long for the socket that starts worker processes "
        f"(TMPDIR, 120 bytes; at most 75), and none of {tmp_path}/none, {tmp_path}/file can "
        "hold it instead: set TMPDIR to a shorter path, or give --jobs 1"
    )


#: `support --jobs 2` where no system folder can hold the socket's (none of them exists).
_NO_SYSTEM_FOLDER = (
    "import sys\n"
    "from selfreview_core.cohort import worker_sockets\n"
    "worker_sockets.short_socket_folder.__defaults__ = (('/nonexistent-selfreview',),)\n"
    "sys.argv[0] = 'selfreview'\n"
    "from selfreview_core._launch import main\n"
    "main()\n"
)


def test_support_refused_says_so_in_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    folder = _long_tmpdir(tmp_path)
    done = python(
        ["-c", _NO_SYSTEM_FOLDER, "support", str(COHORT), "--jobs", "2"],
        env={**os.environ, "TMPDIR": str(folder)},
    )
    assert done.stderr.decode().splitlines() == [
        f"Error: {folder}: the temporary folder's path is too long for the socket that "
        "starts worker processes (TMPDIR, 120 bytes; at most 75), and none of "
        "/nonexistent-selfreview can hold it instead: set TMPDIR to a shorter path, or give "
        "--jobs 1"
    ], done.stderr
    assert (done.returncode, done.stdout) == (1, b"")
    assert list(folder.iterdir()) == []


def test_a_short_tmpdir_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing is asked of the system folders where TMPDIR's path is short enough."""
    monkeypatch.setattr(tempfile, "tempdir", "/tmp")
    worker_sockets.short_socket_folder(("/nonexistent-selfreview",))  # not refused


@pytest.mark.parametrize(("size", "refused"), [(75, False), (76, True)])
def test_the_longest_tmpdir_a_socket_fits_in(
    monkeypatch: pytest.MonkeyPatch, size: int, refused: bool
) -> None:
    """75 bytes, with the 32 `multiprocessing` adds and the path's end, fill a socket's 108."""
    monkeypatch.setattr(tempfile, "tempdir", "/" + "t" * (size - 1))
    if refused:
        with pytest.raises(OSError, match=f"TMPDIR, {size} bytes; at most 75"):
            worker_sockets.short_socket_folder(("/nonexistent-selfreview",))
    else:
        worker_sockets.short_socket_folder(("/nonexistent-selfreview",))


#: In a process of its own (`multiprocessing` makes its folder once a process): the socket's
#: folder made in the one system folder that can hold it, or a folder made already in
#: TMPDIR refused.
_PLACED = (
    "import multiprocessing.util, sys, tempfile\n"
    "from selfreview_core.cohort import worker_sockets\n"
    "if sys.argv[1] == 'made':\n"
    "    multiprocessing.util.get_temp_dir()\n"
    "try:\n"
    "    worker_sockets.short_socket_folder(tuple(sys.argv[2:]))\n"
    "except OSError as error:\n"
    "    print('refused', error.filename)\n"
    "else:\n"
    "    print(multiprocessing.util.get_temp_dir())\n"
)


def test_the_socket_s_folder_is_made_in_a_system_folder_that_can_hold_it(tmp_path: Path) -> None:
    folder = _long_tmpdir(tmp_path)
    system = tmp_path / "s"
    system.mkdir()
    (tmp_path / "f").write_text("a file, not a folder")
    (tmp_path / "f").chmod(0o700)  # one that can be written and "entered": still no folder
    done = python(
        ["-c", _PLACED, "new", str(tmp_path / "f"), str(tmp_path / "none"), str(system)],
        env={**os.environ, "TMPDIR": str(folder)},
    )
    made = Path(done.stdout.decode().strip())
    assert made.parent == system, done.stdout
    assert made.name.startswith("pymp-")
    assert not made.exists()  # removed at exit, as `multiprocessing` removes its own
    assert list(folder.iterdir()) == []


def test_a_socket_folder_made_in_the_long_tmpdir_already_is_refused(tmp_path: Path) -> None:
    folder = _long_tmpdir(tmp_path)
    done = python(["-c", _PLACED, "made", "/tmp"], env={**os.environ, "TMPDIR": str(folder)})
    assert done.stdout.decode() == f"refused {folder}\n", done.stderr
