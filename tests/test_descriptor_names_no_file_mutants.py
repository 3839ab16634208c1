"""Two of round 71's outputs that name no file, pinned where a mutation pass (round 72) found
them untested: a name holding a character no file name can hold besides a NUL (a lone
surrogate, which a program may give and no system call takes), and the reading end of a
pipe given as standard output's descriptor (`-o /dev/fd/1 1< <(cmd)`), which is refused
as any other descriptor's is, while standard input's is told as standard input's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from program import selfreview
from selfreview_core.errors import OutputRefused
from selfreview_core.outputs.checks import check_folder, check_target
from selfreview_core.outputs.descriptor_names import closed_standard, no_file_at, own_descriptor

ROOT = Path(__file__).resolve().parents[1]
REVIEW = str(ROOT / "examples" / "example-primary-2025.yaml")
HELD = "is not a possible file name: it holds a character no file name can hold"


@pytest.mark.parametrize("name", ["a\ud800b.json", "/dev/fd/\udfff1", "/proc/self/fd/1\ud800"])
def test_a_name_holding_a_lone_surrogate_is_refused_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A library caller's checks of an output name holding a surrogate that stands for no
    byte (not one of the \\udc80-\\udcff a system's own undecodable names come as): every
    check says why, none raises `UnicodeEncodeError` out of `realpath` or `lstat`."""
    monkeypatch.chdir(tmp_path)
    told = f"`{name}` {HELD}, so nothing was written"
    assert no_file_at(name, {5}) == told
    assert own_descriptor(name, {1, 5}) is None
    assert closed_standard(name) is None
    for check, give in ((check_target, "a file name"), (check_folder, "a folder name")):
        with pytest.raises(OutputRefused) as refused:
            check(name)
        assert (refused.value.first.message, refused.value.file) == (told, name)
        assert refused.value.hint == f"give {give}"
    assert list(tmp_path.iterdir()) == []


def _report(name: str, stdin: int, stdout: int) -> subprocess.CompletedProcess[bytes]:
    return selfreview(
        ["report", REVIEW, "--format", "json", "-o", name], stdin=stdin, stdout=stdout
    )


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/fd: Linux")
def test_standard_outputs_descriptor_reading_a_pipe_is_refused_before_any_work() -> None:
    """`-o /dev/fd/1` with standard output the reading end of a pipe (`1< <(cmd)`): what is
    written there would go back into the pipe. Refused before any work, exit 2, as the
    reading end of a pipe at any other descriptor but standard input's is; the pipe left
    empty."""
    reading, writing = os.pipe()
    try:
        done = _report("/dev/fd/1", stdin=subprocess.DEVNULL, stdout=reading)
        assert done.returncode == 2
        assert done.stderr.decode().splitlines()[-1] == (
            "Error: Invalid value for -o: `/dev/fd/1` is descriptor 1, the reading end of a "
            "pipe: what is written there goes back into it, where nothing reads it, so "
            "nothing was written (give a file name)"
        )
        os.set_blocking(reading, False)
        with pytest.raises(BlockingIOError):
            os.read(reading, 1)  # empty
    finally:
        os.close(reading)
        os.close(writing)


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/fd: Linux")
@pytest.mark.parametrize("name", ["/dev/fd/0", "/dev/stdin"])
def test_standard_inputs_pipe_is_told_as_standard_inputs(name: str) -> None:
    """Standard input's pipe, given as `-o`, is told as where standard input comes from,
    with the hint to leave out `-o` (`output_checks`), not as a descriptor numbered 0."""
    reading, writing = os.pipe()
    try:
        done = _report(name, stdin=reading, stdout=subprocess.PIPE)
        assert done.returncode == 2
        assert done.stdout == b""
        assert done.stderr.decode().splitlines()[-1] == (
            f"Error: Invalid value for -o: `{name}` is the pipe standard input comes from: "
            "what is written there goes back into it, where nothing reads it, so nothing was "
            "written (leave out -o to write to standard output, or give a file name)"
        )
    finally:
        os.close(reading)
        os.close(writing)
