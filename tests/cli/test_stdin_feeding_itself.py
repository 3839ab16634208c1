"""`-` where standard input is a pipe open to read and write (`0<>feed`,
`files.stdin.stdin_unreadable`): the command holds a writing end of the pipe itself, so it
never ends; before round 81 the command read what was in it and waited for ever, as one
whose standard output is so opened did before round 80 (`1<>feed`,
tests/cli/test_standard_output_feeding_itself.py). Now a usage error, exit 2, before it
reads a byte: what the pipe holds is still there for its reader.

The tests open the pipe without blocking (`O_NONBLOCK`), and the open is shared with the
command: a command that reads it on fails at once (EAGAIN) rather than waiting, so the
old behaviour fails the test and never hangs it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from program import selfreview

#: What the pipe holds: a framework, as `cat f.yaml > feed` would write into it.
_FED = b"id: fed\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes (POSIX)")
@pytest.mark.parametrize(
    ("args", "param"),
    [
        (["validate", "-"], "'PATHS...'"),
        (["report", "-", "--format", "json"], "'ASSESSMENT...'"),
        (["show", "-"], "FRAMEWORK"),
        (["report", "examples/example-primary-2025.yaml", "--framework", "-"], "'--framework'"),
    ],
    ids=lambda given: " ".join(given) if isinstance(given, list) else given,
)
def test_a_pipe_open_to_read_and_write_as_standard_input_is_a_usage_error(
    args: list[str], param: str, root: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "feed"
    os.mkfifo(feed)
    pipe = os.open(feed, os.O_RDWR | os.O_NONBLOCK)
    try:
        os.write(pipe, _FED)
        done = selfreview(args, cwd=root, stdin=pipe)
        left = os.read(pipe, 1 << 16)
    finally:
        os.close(pipe)
    assert (done.returncode, done.stdout) == (2, b""), done.stderr
    stderr = done.stderr.decode()
    assert "Traceback" not in stderr
    assert stderr.splitlines()[0].startswith(f"Usage: selfreview {args[0]} ")
    assert stderr.splitlines()[-1] == (
        f"Error: Invalid value for {param}: `-` reads standard input, which is a pipe open "
        "to write as well as read (`0<>`): the command holds its writing end, so the pipe "
        "would never end and the command would wait for ever: pipe a file in (`<`, `|`), "
        "or name it"
    )
    assert left == _FED  # not a byte read: still there for the pipe's reader
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed"]


def test_a_file_open_to_read_and_write_as_standard_input_is_read(
    root: Path, tmp_path: Path
) -> None:
    """Only a pipe so opened never ends: a file opened so (`0<>school.yaml`) ends where it
    does, and is read as `<` gives it."""
    framework = root / "frameworks" / "becta-srf.yaml"
    given = tmp_path / "f.yaml"
    given.write_bytes(framework.read_bytes())
    handle = os.open(given, os.O_RDWR)
    try:
        done = selfreview(["validate", "-"], cwd=root, stdin=handle)
    finally:
        os.close(handle)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[-1] == "1 file checked: 1 valid, 0 invalid"
    assert given.read_bytes() == framework.read_bytes()
