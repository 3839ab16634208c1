"""Outputs that name no file at all (`descriptor_names.no_file_at`), refused before any work,
exit 2, as a descriptor not open is: a loop of symbolic links, and a name holding a NUL
(which a program gives, `main([...])`, where no shell can). Before round 71 the loop passed
every check and the command did its work, then stopped at writing ("Too many levels of
symbolic links", exit 1; `--output-dir`: "cannot create the folder: File exists"), and a
NUL raised `ValueError` ("embedded null byte") out of the checks: "internal error"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from program import selfreview
from selfreview_core.cli import cli
from selfreview_core.errors import OutputRefused
from selfreview_core.outputs.checks import check_folder, check_target
from selfreview_core.outputs.descriptor_names import closed_standard, no_file_at, own_descriptor

ROOT = Path(__file__).resolve().parents[1]
REVIEW = str(ROOT / "examples" / "example-primary-2025.yaml")
LOOP = (
    "goes round a loop of symbolic links (one leads back to another): it names nothing "
    "that can be written, so nothing was written"
)
NUL = "is not a possible file name: it holds a NUL character, so nothing was written"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def refused(*args: str) -> str:
    """The last line of the error the command stops at before any work: exit 2, nothing
    on standard output."""
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    return result.stderr.splitlines()[-1]


def refused_in_a_process(name: str, folder: Path, reading: int) -> str:
    """The last line of the error `report -o NAME`, run from `folder` as a command of its
    own given the pipe's reading end as its own descriptor (as `CliRunner` cannot give it),
    stops at before any work: exit 2, nothing on standard output, the pipe left empty."""
    args = ["report", REVIEW, "--format", "json", "-o", name]
    done = selfreview(args, cwd=folder, stdin=subprocess.DEVNULL, pass_fds=(reading,))
    assert done.returncode == 2, done.stderr.decode()
    assert done.stdout == b""
    os.set_blocking(reading, False)
    with pytest.raises(BlockingIOError):
        os.read(reading, 1)  # empty
    return done.stderr.decode().splitlines()[-1]


@pytest.fixture
def loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`a` a link to `b`, `b` a link to `a`, in the current folder."""
    if sys.platform == "win32":
        pytest.skip("symbolic links need privileges on Windows")
    monkeypatch.chdir(tmp_path)
    os.symlink("b", "a")
    os.symlink("a", "b")
    return tmp_path


def _only_the_loop(folder: Path) -> None:
    assert sorted(os.listdir(folder)) == ["a", "b"]
    assert (os.readlink(folder / "a"), os.readlink(folder / "b")) == ("b", "a")


@pytest.mark.parametrize(
    ("args", "named", "give"),
    [
        (["report", REVIEW, "--format", "json", "-o", "a"], "-o: `a`", "a file name"),
        (["report", REVIEW, "--format", "json", "-o", "b/x.json"], "-o: `b/x.json`", "a file"),
        (["report", REVIEW, "--output-dir", "a"], "--output-dir: `a`", "a folder name"),
        (["collect", REVIEW, "-o", "b"], "-o: `b`", "a file name"),
    ],
    ids=["report -o", "a folder of -o's", "report --output-dir", "collect -o"],
)
def test_an_output_going_round_a_loop_of_links_is_refused_before_any_work(
    loop: Path, args: list[str], named: str, give: str
) -> None:
    last = refused(*args)
    assert last.startswith(f"Error: Invalid value for {named} {LOOP} (give {give}")
    _only_the_loop(loop)


def test_a_long_chain_of_links_that_ends_is_still_written(tmp_path: Path) -> None:
    """45 links, past the 40 the system follows, end at a file: `realpath` follows them
    to it, and the report replaces it, as before (no loop)."""
    if sys.platform == "win32":
        pytest.skip("symbolic links need privileges on Windows")
    (tmp_path / "report.json").write_text("old", encoding="utf-8")
    previous = "report.json"
    for n in range(45):
        os.symlink(previous, tmp_path / f"l{n}")
        previous = f"l{n}"
    result = run("report", REVIEW, "--format", "json", "-o", str(tmp_path / previous))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.json").read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize(
    "name", ["a\0b.json", "/proc/self/fd/1\0", "/proc/self/fd/\0/1", "/dev/fd/\x001"]
)
def test_a_name_holding_a_nul_is_refused_not_raised(tmp_path: Path, name: str) -> None:
    """A library caller's checks of an output name: every one says why, none raises
    `ValueError`."""
    assert no_file_at(name, {5}) == f"`{name}` {NUL}"
    assert own_descriptor(name, {1, 5}) is None
    assert closed_standard(name) is None
    for check, give in ((check_target, "a file name"), (check_folder, "a folder name")):
        with pytest.raises(OutputRefused) as refused:
            check(name)
        assert (refused.value.first.message, refused.value.file) == (f"`{name}` {NUL}", name)
        assert refused.value.hint == f"give {give}"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["report", REVIEW, "--format", "json", "-o", "a\0b.json"], "'-o' / '--output'"),
        (["report", REVIEW, "--output-dir", "a\0b"], "'--output-dir'"),
        (["report", REVIEW, "--rules", "r\0.yaml"], "'--rules'"),
        (["validate", "a\0b.json"], "'PATHS...'"),
    ],
    ids=["-o", "--output-dir", "--rules", "an input"],
)
def test_a_program_giving_a_name_holding_a_nul_gets_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], named: str
) -> None:
    """`main([...])` with a NUL in a path: click's own check of it raised `ValueError`,
    "internal error: ValueError: embedded null byte", exit 1. Now a usage error naming the
    parameter and the name as ours show it, exit 2, nothing written."""
    monkeypatch.chdir(tmp_path)
    nul = next(arg for arg in args if "\0" in arg).replace("\0", "\\x00")
    assert refused(*args) == (
        f"Error: Invalid value for {named}: '{nul}' is not a possible file name: it holds "
        "a NUL character"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform != "linux", reason="/proc/self/fd: Linux")
@pytest.mark.parametrize("name", ["/dev/fd/01", "/proc/self/fd/01", "/proc/self/fd/003"])
def test_a_descriptor_written_with_a_leading_zero_names_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The table of descriptors names each without a leading 0: `/dev/fd/01` is no entry.
    Before round 71 it was read as descriptor 1, open, and passed every check: the command
    did its work, then "No such file or directory", exit 1 (`003`: "descriptor 3, which
    the program opened for itself"). Now refused before any work, exit 2, as another
    name the table cannot hold is."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.json").write_text("kept", encoding="utf-8")
    assert refused("report", REVIEW, "--format", "json", "-o", name) == (
        f"Error: Invalid value for -o: `{name}` names no descriptor open (the table of them "
        "holds no other file, and none can be made there), so nothing was written (give a "
        "file name)"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/fd: Linux")
@pytest.mark.parametrize("spelling", ["/dev/fd/{}", "/proc/self/fd/{}", "link"])
def test_the_reading_end_of_a_pipe_is_refused_before_any_work(
    tmp_path: Path, spelling: str
) -> None:
    """`-o /dev/fd/5 5< <(cmd)`: opened to write, the reading end the command was given is
    the same pipe, which only the command holds to read. Before round 71 the report went
    into it, "Wrote /dev/fd/5 (json).", exit 0, and was lost; one larger than the pipe
    holds left the command waiting for ever. Now refused before any work, exit 2, the
    pipe left empty; the writing end of a pipe is still written."""
    reading, writing = os.pipe()
    try:
        name = spelling.format(reading)
        if spelling == "link":
            os.symlink(f"/dev/fd/{reading}", tmp_path / "link")
        assert refused_in_a_process(name, tmp_path, reading) == (
            f"Error: Invalid value for -o: `{name}` is descriptor {reading}, the reading end "
            "of a pipe: what is written there goes back into it, where nothing reads it, so "
            "nothing was written (give a file name)"
        )
        assert os.listdir(tmp_path) == ([] if spelling != "link" else ["link"])
    finally:
        os.close(reading)
        os.close(writing)


@pytest.mark.skipif(sys.platform != "linux", reason="/proc: Linux")
def test_the_reading_end_of_a_pipe_through_another_process_table_is_refused(
    tmp_path: Path,
) -> None:
    """`-o /proc/PPID/fd/5`, the shell's entry (`exec 5< <(cmd)`), names the pipe whose
    reading end the command was given as its own 5 too: found by the pipe's identity, and
    refused before any work, exit 2, the pipe left empty. Before round 72 only this
    process's table was read: the report went into the pipe, "Wrote", exit 0, lost."""
    reading, writing = os.pipe()
    try:
        name = f"/proc/{os.getpid()}/fd/{reading}"
        assert refused_in_a_process(name, tmp_path, reading) == (
            f"Error: Invalid value for -o: `{name}` is a pipe whose reading end the command "
            f"holds, as descriptor {reading}: what is written there goes back into it, where "
            "nothing reads it, so nothing was written (give a file name)"
        )
        assert os.listdir(tmp_path) == []
    finally:
        os.close(reading)
        os.close(writing)


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/fd: Linux")
@pytest.mark.parametrize("spelling", ["/dev/fd/{}", "/proc/self/fd/{}"])
def test_a_descriptor_open_to_read_and_write_a_pipe_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    """`-o /dev/fd/5 5<>feed`: the command holds the named pipe to read as well as write,
    and never reads it. Before round 73 the report went into it, "Wrote /dev/fd/5", exit
    0, lost (nothing else read it); one larger than the pipe holds (64 KiB, a batch)
    waited for ever. Refused before any work, exit 2, as the reading end is; the pipe
    left empty."""
    os.mkfifo(tmp_path / "feed")
    monkeypatch.chdir(tmp_path)
    both = os.open("feed", os.O_RDWR | os.O_NONBLOCK)
    try:
        name = spelling.format(both)
        assert refused("report", REVIEW, "--format", "json", "-o", name) == (
            f"Error: Invalid value for -o: `{name}` is descriptor {both}, open to read a pipe "
            f"as well as write it (`{both}<>`): what is written there goes into a pipe the "
            "command holds to read, and never reads, so nothing was written (give a file name)"
        )
        with pytest.raises(BlockingIOError):
            os.read(both, 1)  # empty
    finally:
        os.close(both)
    assert os.listdir(tmp_path) == ["feed"]


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/fd: Linux")
@pytest.mark.parametrize("spelling", ["/dev/fd/{}", "/proc/self/fd/{}"])
def test_a_descriptor_open_on_a_file_since_deleted_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    """`-o /dev/fd/7` after `exec 7>x.json; rm x.json`: the output is made beside its
    file's name and renamed over it, and that name is gone. Before round 73 it was
    written as `x.json (deleted)`, the name the system shows for the descriptor, a file
    nobody named, "Wrote /dev/fd/7", exit 0. Refused before any work, exit 2."""
    monkeypatch.chdir(tmp_path)
    gone = os.open("x.json", os.O_WRONLY | os.O_CREAT, 0o644)
    os.unlink("x.json")
    try:
        name = spelling.format(gone)
        assert refused("report", REVIEW, "--format", "json", "-o", name) == (
            f"Error: Invalid value for -o: `{name}` is descriptor {gone}, open on a file "
            "since deleted: there is no name left to write the output under, so nothing was "
            "written (give a file name)"
        )
        assert os.fstat(gone).st_size == 0
    finally:
        os.close(gone)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(("number", "refused"), [(1, False), (2, False), (3, True), (7, True)])
def test_standard_output_open_to_read_and_write_a_pipe_is_left_to_the_group(
    monkeypatch: pytest.MonkeyPatch, number: int, refused: bool
) -> None:
    """Standard output (and error) opened on a pipe to read and write (`1<>feed`, as a
    supervisor may start a program) is the group's, written as the command's own output
    is; any other descriptor so open is refused (`-o /dev/fd/5 5<>feed`)."""
    from selfreview_core.outputs import descriptor_names

    monkeypatch.setattr(descriptor_names, "_named_descriptor", lambda _name: number)
    monkeypatch.setattr(
        descriptor_names, "_reads_a_pipe", lambda _n, mode=os.O_RDONLY: mode == os.O_RDWR
    )
    said = descriptor_names._read_end("/dev/fd/N")
    assert (said is not None) == refused
    if said is not None:
        assert said.startswith(f"`/dev/fd/N` is descriptor {number}, open to read a pipe as well")
