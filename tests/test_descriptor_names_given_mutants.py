"""Pins of `descriptor_names._holding`'s descriptors that sweep75's mutation pass found untested:
a named pipe the command was given to read as descriptor 3 (`-o feed 3<>feed`, the first a
shell user would pick) is refused, as descriptor 5 is (tests/test_descriptor_names_given.py);
standard error open on it (`2<>feed`) is the group's, not a reading end the command holds.

Descriptors 2 and 3 cannot be taken in pytest's own process (its capture and xdist's
channels may hold them), so one small process is given them, as a shell gives them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from program import python

pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not os.path.isdir("/dev/fd"), reason="named pipes, /dev/fd"
)

_GIVEN = """
import os, sys
feed = sys.argv[1]
given = os.open(feed, os.O_RDWR | os.O_NONBLOCK)
if given != 3:
    os.dup2(given, 3, inheritable=True)
    os.close(given)
os.set_inheritable(3, True)
from selfreview_core.outputs.descriptor_names import no_file_at
print(no_file_at(feed, set()))
os.dup2(3, 2, inheritable=True)  # standard error now reads (and writes) the pipe
os.close(3)
print(no_file_at(feed, set()))
"""


def test_descriptor_3_reading_a_named_pipe_is_refused_and_standard_errors_is_not(
    tmp_path: Path,
) -> None:
    feed = tmp_path / "feed"
    os.mkfifo(feed)
    done = python(
        ["-c", _GIVEN, str(feed)], env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    )
    assert done.returncode == 0, done.stderr.decode()
    told = done.stdout.decode().splitlines()
    assert told == [
        f"`{feed}` is a pipe whose reading end the command holds, as descriptor 3: what is "
        "written there goes back into it, where nothing reads it, so nothing was written (if "
        "another program reads it too, close 3 for the command: `3<&-`)",
        "None",
    ]
