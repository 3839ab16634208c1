"""`-o /dev/stdout` where standard output is a terminal or another device is opened again by
its name, as it always was; only a pipe or a regular file (`pipe_outputs._standard_copy`,
round 73 and 75) is written through the descriptor the program was given. Pinned by round
76's sweep over round 75's lines: written through that descriptor too, a device the shell
opened for reading only (`1< /dev/null`) failed with "Bad file descriptor", exit 1, where
opened by its name it is written."""

from __future__ import annotations

import os

import pytest

from program import selfreview

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/null"), reason="a POSIX device")

REVIEW = os.path.join(os.path.dirname(__file__), "..", "examples", "example-primary-2025.yaml")


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1"])
def test_a_device_standard_output_opened_to_read_is_written_by_its_name(name: str) -> None:
    with open(os.devnull, "rb") as read_only:
        done = selfreview(["report", REVIEW, "--format", "json", "-o", name], stdout=read_only)
    assert (done.returncode, done.stderr) == (0, f"Wrote {name} (json).\n".encode())
