"""`output_checks.check_target`: a device among a command's inputs and its output too.

`report /dev/null -o /dev/null` was refused as an output that would replace its input
(exit 2, "`/dev/null` is ASSESSMENT, which this command reads"), while `report /dev/null >
/dev/null` told what is wrong, the input being a device (exit 1). A device is written to,
never replaced: both now say the input's own refusal (round 53). A named pipe both read and
written is still refused as an output (opened to write, it would wait for a reader).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

import pytest

from program import ended, selfreview
from selfreview_core.errors import OutputRefused
from selfreview_core.outputs.checks import Inputs, check_target

if sys.platform == "win32" or not Path("/dev/null").exists():  # pragma: no cover
    pytest.skip("devices as POSIX has them", allow_module_level=True)

REFUSED = (
    f"{os.devnull}: error: is a character device, not a regular file (selfreview reads"
    " files, not streams or devices: save the text to a file)"
)


@pytest.mark.parametrize("schools", [[], ["school.yaml"]])
def test_a_device_input_written_to_by_o_is_refused_as_when_standard_output_goes_there(
    schools: list[str], root: Path, tmp_path: Path
) -> None:
    """`-o /dev/null` and `> /dev/null` give the same lines and the same exit: the device
    refused as an input, the other school's report written there; nothing else made."""
    if schools:
        (tmp_path / "school.yaml").write_bytes(
            (root / "examples" / "example-primary-2026.yaml").read_bytes()
        )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    args = ["report", os.devnull, *schools, "--format", "json"]
    named = selfreview([*args, "-o", os.devnull], cwd=tmp_path)
    sent = selfreview(args, cwd=tmp_path, stdout=subprocess.DEVNULL)
    told = named.stderr.decode().splitlines()
    assert named.returncode == sent.returncode == 1, told
    if schools:
        assert told == [
            REFUSED,
            f"1 report written to {os.devnull}; 1 assessment skipped (errors above)",
        ]
        assert sent.stderr.decode().splitlines() == [
            REFUSED,
            "1 report written; 1 assessment skipped (errors above)",
        ]
    else:
        assert told == sent.stderr.decode().splitlines() == [REFUSED]
    assert named.stdout == b""
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_device_among_the_inputs_is_let_through_as_the_output(tmp_path: Path) -> None:
    """`check_target` lets a character device that is an input through (it is written to,
    never replaced), and still refuses a regular file or a named pipe that is one."""
    inputs = Inputs().add("ASSESSMENT", os.devnull)
    assert check_target(os.devnull, inputs) == Path(os.devnull)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    school = tmp_path / "school.yaml"
    school.write_text("x: 1\n", encoding="utf-8")
    for read in (pipe, school):
        with pytest.raises(OutputRefused, match="which this command reads") as caught:
            check_target(read, Inputs().add("ASSESSMENT", read))
        assert caught.value.first.code == "output-is-input"
    assert school.read_text(encoding="utf-8") == "x: 1\n"


@pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="no /dev/stdin")
@pytest.mark.parametrize("out", ["/dev/stdin", "/dev/fd/0"])
def test_the_pipe_standard_input_reads_is_refused_as_the_output(
    out: str, root: Path, tmp_path: Path
) -> None:
    """`cat a.yaml | selfreview report - -o /dev/stdin`: opened to write, `/dev/stdin` is
    the pipe the command reads, so it wrote its reports into its own input and waited for
    ever for that pipe to be read (round 63: the command never returned). A pipe standard
    input reads is refused as an output as the file it reads is (exit 2, nothing
    written); `-o a.yaml` beside a pipe is still written
    (`test_attack_matrix.test_a_file_piped_in_is_no_input_to_keep_and_is_written_as_asked`)."""
    review = (root / "examples" / "example-primary-2026.yaml").read_bytes()
    read, write = os.pipe()
    os.write(write, review)  # within a pipe's buffer: nothing waits for a reader
    os.close(write)
    with os.fdopen(read, "rb") as stdin:
        done = selfreview(["report", "-", "--format", "json", "-o", out], stdin=stdin, cwd=tmp_path)
    assert _refusal(done) == (
        f"Error: Invalid value for -o: `{out}` is ASSESSMENT (`<stdin>`), which this command"
        " reads: writing there would replace it, so nothing was written (choose another"
        " output file)"
    )
    assert list(tmp_path.iterdir()) == []


#: `-o /dev/stdin`, in JSON (its name tells no format).
JSON_TO_STDIN = ("--format", "json", "-o", "/dev/stdin")


def _refusal(done: subprocess.CompletedProcess[bytes]) -> str:
    """The last line of a run refused as a usage error (exit 2) that printed nothing."""
    told = done.stderr.decode()
    assert done.returncode == 2, told
    assert done.stdout == b""
    return told.splitlines()[-1]


def _fed(stdin: BinaryIO, folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m selfreview_core ARGS` run in `folder`, `stdin` its standard input."""
    return selfreview(args, stdin=stdin, cwd=folder)


@pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="no /dev/stdin")
@pytest.mark.parametrize("command", ["report", "benchmark"])
def test_the_pipe_on_standard_input_is_refused_as_the_output_where_nothing_reads_it(
    command: str, root: Path, tmp_path: Path
) -> None:
    """`-o /dev/stdin` typed for `/dev/stdout` in a script whose standard input is a pipe
    (`yes |`, a CI runner, `ssh`), by a command that reads files, not standard input:
    opened to write, it is that pipe, which nothing reads. Before round 64 the output went
    into it and was lost, "Wrote /dev/stdin", exit 0; past the pipe's 64 KB (a batch of 40
    reports) the command waited for ever. Now refused before any work (exit 2), nothing
    put into the pipe and no file made beside the review."""
    school = tmp_path / "school.yaml"
    school.write_bytes((root / "examples" / "example-primary-2026.yaml").read_bytes())
    read, write = os.pipe()  # the write end held open, as `yes |` holds it
    try:
        with os.fdopen(read, "rb") as stdin:
            done = selfreview([command, "school.yaml", *JSON_TO_STDIN], stdin=stdin, cwd=tmp_path)
            os.set_blocking(read, False)
            with pytest.raises(BlockingIOError):  # nothing was put into the pipe
                os.read(read, 1)
    finally:
        os.close(write)
    told = done.stderr.decode()
    assert done.returncode == 2, told
    assert told.splitlines()[-1] == (
        "Error: Invalid value for -o: `/dev/stdin` is the pipe standard input comes from: "
        "what is written there goes back into it, where nothing reads it, so nothing was "
        "written (leave out -o to write to standard output, or give a file name)"
    )
    assert done.stdout == b""
    assert [p.name for p in tmp_path.iterdir()] == ["school.yaml"]


def test_a_named_pipe_on_standard_input_is_refused_by_its_name_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`report a.yaml -o feed < feed`: the named pipe standard input reads is the same
    pipe by its name, and is refused as `/dev/stdin` is; another named pipe is still
    written to (`-o` to a pipe a reader waits on: since round 72 one nothing reads is
    refused), and so is the same pipe when standard input is closed."""
    feed, other = tmp_path / "feed", tmp_path / "other"
    os.mkfifo(feed)
    os.mkfifo(other)
    fd = os.open(feed, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        with pytest.raises(OutputRefused, match="is the pipe standard input comes from") as e:
            check_target(feed, Inputs())
        assert e.value.first.code == "output-is-input"
        assert e.value.first.file == str(feed)
        reading_other = os.open(other, os.O_RDONLY | os.O_NONBLOCK)  # a reader waits on it
        assert check_target(other, Inputs()) == other
        os.close(reading_other)
        monkeypatch.setattr(sys, "stdin", None)
        assert check_target(feed, Inputs()) == feed


@pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="no /dev/stdin")
@pytest.mark.parametrize("output", ["/dev/stdin", "/proc/self/fd/0", "answers.txt"])
@pytest.mark.parametrize("command", ["report", "benchmark"])
def test_the_file_on_standard_input_is_refused_as_the_output_that_would_replace_it(
    command: str, output: str, root: Path, tmp_path: Path
) -> None:
    """`-o /dev/stdin` typed for `/dev/stdout` in a script run as `script < answers.txt`,
    by a command that reads files, not standard input: `/dev/stdin` is `answers.txt`, and
    before round 65 the report replaced it, "Wrote /dev/stdin", exit 0, the answers lost
    (round 64 refused only a pipe). Now refused before any work (exit 2), by any name of
    the file, which keeps every byte; no file made beside it."""
    if not Path(output).exists() and output.startswith("/"):
        pytest.skip(f"no {output}")
    school = tmp_path / "school.yaml"
    school.write_bytes((root / "examples" / "example-primary-2026.yaml").read_bytes())
    answers = tmp_path / "answers.txt"
    answers.write_bytes(b"4\n3\nyes\n")
    with answers.open("rb") as stdin:
        done = _fed(stdin, tmp_path, command, "school.yaml", *JSON_TO_STDIN[:3], output)
    assert _refusal(done) == (
        f"Error: Invalid value for -o: `{output}` is the file standard input comes from: "
        "writing there would replace it, so nothing was written (leave out -o to write to "
        "standard output, or give another file name)"
    )
    assert answers.read_bytes() == b"4\n3\nyes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.txt", "school.yaml"]


def _closed(fd: int, folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m selfreview_core ARGS` run in `folder` by a shell, with descriptor `fd`
    closed (`<&-`, `>&-`)."""
    program = [sys.executable, "-m", "selfreview_core", *args]
    process = subprocess.Popen(
        ["sh", "-c", f'exec "$@" {fd}>&-', "sh", *program],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=folder,
    )
    return ended(process)  # the shell execs the program: the bound watches the program's work


#: `/proc/thread-self` (Linux 3.17 and later): the descriptors as the thread sees them.
THREAD_SELF = (
    [(0, "standard input"), (1, "standard output")] if Path("/proc/thread-self").exists() else []
)


@pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="no /dev/stdin")
@pytest.mark.parametrize(
    ("fd", "output", "closed"),
    [
        (0, "/dev/stdin", "standard input"),
        (0, "/dev/fd/0", "standard input"),
        (0, "/proc/self/fd/0", "standard input"),
        (1, "/dev/stdout", "standard output"),
        # The thread's own table (round 68: "No such file or directory", exit 1).
        *[(d, f"/proc/thread-self/fd/{d}", n) for d, n in THREAD_SELF],
    ],
)
@pytest.mark.parametrize("command", ["report", "benchmark"])
def test_o_naming_a_standard_descriptor_closed_at_the_start_is_refused_for_what_it_is(
    command: str, fd: int, output: str, closed: str, root: Path, tmp_path: Path
) -> None:
    """`-o /dev/stdin` in a command started with standard input closed (`<&-`): click's
    "File '/dev/stdin' is a directory" before round 66 (the folder the command started in,
    which the program holds open, took descriptor 0), and once that was moved, "Error:
    /proc/PID/fd/0: No such file or directory" after the work, exit 1. Now refused before
    any work for what it is, exit 2, no file made."""
    school = tmp_path / "school.yaml"
    school.write_bytes((root / "examples" / "example-primary-2026.yaml").read_bytes())
    done = _closed(fd, tmp_path, command, "school.yaml", *JSON_TO_STDIN[:3], output)
    told = done.stderr.decode()
    assert done.returncode == 2, told
    assert told.splitlines()[-1] == (
        f"Error: Invalid value for -o: `{output}` is {closed}, which was closed when the "
        "command started: there is no file there to write, so nothing was written (give a "
        "file name)"
    )
    assert done.stdout == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["school.yaml"]
