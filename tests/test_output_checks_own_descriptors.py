"""`-o /proc/self/fd/N` (or `/dev/fd/N`, `/proc/thread-self/fd/N`, a link to one) naming a
descriptor the program opened for itself, which was not open when the command started
(`descriptor_names.own_descriptor`, `_held.KEPT`: its copies of the standard descriptors, the
folder it started in): refused before any work, exit 2. Before round 69 a report to the
copy of standard output went to standard output with "Wrote /proc/self/fd/5 (json).",
exit 0, one to the copy of standard error into the error stream, and one to the copy of
standard input into whatever that was. A descriptor the command was started with is still
written, as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from program import selfreview
from selfreview_core.outputs.descriptor_names import own_descriptor

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="/proc/self/fd: Linux")
ROOT = Path(__file__).resolve().parents[1]
REVIEW = ROOT / "examples" / "example-primary-2025.yaml"


def _report(
    folder: Path, output: str, pass_fds: tuple[int, ...] = ()
) -> subprocess.CompletedProcess[bytes]:
    """`selfreview report school.yaml --format json -o OUTPUT` in `folder`, with standard
    input `/dev/null` and no descriptor but the standard ones unless `pass_fds` says."""
    (folder / "school.yaml").write_bytes(REVIEW.read_bytes())
    args = ["report", "school.yaml", "--format", "json", "-o", output]
    return selfreview(args, cwd=folder, stdin=subprocess.DEVNULL, pass_fds=pass_fds)


def _refused(done: subprocess.CompletedProcess[bytes], told_as: str) -> str:
    """What the command said, once checked a usage error (exit 2) whose last line tells
    `-o` as `told_as`, with nothing on standard output."""
    told = done.stderr.decode()
    assert done.returncode == 2, told
    assert done.stdout == b""
    assert told.splitlines()[-1] == f"Error: Invalid value for -o: {told_as}"
    return told


@pytest.mark.parametrize(
    ("output", "number"),
    [
        ("/proc/self/fd/4", 4),  # the copy of standard input
        ("/proc/self/fd/5", 5),  # of standard output: the report went there
        ("/dev/fd/6", 6),  # of standard error: the report went there
        ("/proc/thread-self/fd/5", 5),
        ("link", 5),  # a link to /proc/self/fd/5
        # The folder it started in: "File '/proc/self/fd/3' is a directory." (round 69).
        ("/proc/self/fd/3", 3),
        ("/dev/fd/3", 3),
    ],
)
def test_a_descriptor_the_program_opened_for_itself_is_refused(
    tmp_path: Path, output: str, number: int
) -> None:
    (tmp_path / "link").symlink_to("/proc/self/fd/5")
    told = _refused(
        _report(tmp_path, output),
        f"`{output}` is descriptor {number}, which the program opened for itself (it was not "
        "open when the command started): there is no file of yours there, so nothing was "
        "written (give a file name)",
    )
    assert "{" not in told
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "school.yaml"]


def test_a_descriptor_the_command_was_started_with_is_written(tmp_path: Path) -> None:
    """`N> out.json` then `-o /dev/fd/N`: the user's own descriptor, the program's copies
    made at other numbers."""
    with (tmp_path / "out.json").open("wb") as out:
        number = out.fileno()
        done = _report(tmp_path, f"/dev/fd/{number}", pass_fds=(number,))
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert done.stderr == f"Wrote /dev/fd/{number} (json).\n".encode()
    assert (tmp_path / "out.json").read_bytes().startswith(b"{\n")


def test_a_program_keeping_no_descriptor_names_none() -> None:
    """A program embedding the engine keeps none: nothing is its own."""
    assert own_descriptor("/proc/self/fd/1", set()) is None


def test_the_names_of_a_kept_descriptor(tmp_path: Path) -> None:
    kept = os.dup(1)
    try:
        (tmp_path / "link").symlink_to(f"/proc/self/fd/{kept}")
        for name in (f"/proc/self/fd/{kept}", f"/dev/fd/{kept}", f"/proc/{os.getpid()}/fd/{kept}"):
            assert own_descriptor(name, {kept}) == kept
        assert own_descriptor(f"/proc/thread-self/fd/{kept}", {kept}) == kept
        assert own_descriptor(str(tmp_path / "link"), {kept}) == kept
        assert own_descriptor("/proc/self/fd/1", {kept}) is None  # not kept: the user's
        assert own_descriptor(str(tmp_path / "fd" / str(kept)), {kept}) is None  # no table
        assert own_descriptor(f"/proc/1/fd/{kept}", {kept}) is None  # another process's
    finally:
        os.close(kept)


@pytest.mark.parametrize("output", ["/proc/self/fd/9", "/dev/fd/40", "/proc/thread-self/fd/9"])
def test_a_descriptor_not_open_is_refused_before_any_work(tmp_path: Path, output: str) -> None:
    """Before round 70 `-o /proc/self/fd/9` passed every check: the report was made, then
    "Error: /proc/self/fd/9: No such file or directory", exit 1 (and a file the program
    had opened at 9 meanwhile would have been written over). Now a usage error, exit 2,
    before anything is made."""
    number = output.rsplit("/", 1)[1]
    _refused(
        _report(tmp_path, output),
        f"`{output}` is descriptor {number}, which is not open: there is no file there to "
        "write, so nothing was written (give a file name)",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["school.yaml"]


def test_a_folder_the_command_was_started_with_is_told_as_any_folder(tmp_path: Path) -> None:
    """`N< folder` then `-o /dev/fd/N`: the user's own folder, told in the words of `-o
    folder`, the name escaped as every name is."""
    (tmp_path / "out\x1b").mkdir()
    number = os.open(tmp_path / "out\x1b", os.O_RDONLY)
    try:
        given = _report(tmp_path, f"/dev/fd/{number}", pass_fds=(number,))
    finally:
        os.close(number)
    named = _report(tmp_path, "out\x1b")
    for done, name in ((given, f"/dev/fd/{number}"), (named, "out\\x1b")):
        assert done.returncode == 2
        assert done.stdout == b""
        assert done.stderr.decode().splitlines()[-1] == (
            f"Error: Invalid value for '-o' / '--output': File '{name}' is a directory."
        )
    assert [p.name for p in (tmp_path / "out\x1b").iterdir()] == []


@pytest.mark.parametrize(
    "output",
    [
        "/dev/fd/x.json",
        "/proc/self/fd/\u0663",  # an Arabic-Indic 3, which `int` reads as the folder's 3
        "/proc/self/fd/\u0665",  # and 5, the copy of standard output (file_names, round 70)
        "/proc/self/fd/x",
        "/proc/self/fd/3x",
    ],
)
def test_a_name_in_the_table_of_descriptors_that_is_none_is_refused(
    tmp_path: Path, output: str
) -> None:
    """The table holds only the descriptors open, and no file can be made in it: `-o
    /dev/fd/x.json` made the report, then "No such file or directory", exit 1, before
    round 70. A digit of another script names no descriptor, the program's own or not."""
    _refused(
        _report(tmp_path, output),
        f"`{output}` names no descriptor open (the table of them holds no other file, and "
        "none can be made there), so nothing was written (give a file name)",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["school.yaml"]


FOLDER_AT_5 = ("--output-dir", "/proc/self/fd/5")


def test_an_output_folder_at_a_descriptor_of_the_programs_own_is_refused(tmp_path: Path) -> None:
    """`--output-dir /proc/self/fd/5`, the copy of standard output: click's "Directory
    '/proc/self/fd/5' is a file." before round 70; told as `-o` is, asking for a folder."""
    (tmp_path / "school.yaml").write_bytes(REVIEW.read_bytes())
    done = selfreview(
        ["report", "school.yaml", *FOLDER_AT_5], cwd=tmp_path, stdin=subprocess.DEVNULL
    )
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().splitlines()[-1] == (
        "Error: Invalid value for --output-dir: `/proc/self/fd/5` is descriptor 5, which the "
        "program opened for itself (it was not open when the command started): there is no "
        "file of yours there, so nothing was written (give a folder name)"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["school.yaml"]
