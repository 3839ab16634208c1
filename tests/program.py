"""`selfreview` as a user runs it: in a process of its own (`python -m selfreview_core`),
so that what only the program does (its streams, its signals, its working directory) is
what is tested; a timeout ends a command that blocks, failing the test instead of hanging
the suite."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO

#: Seconds a command may take before it is taken to hang.
WAIT = 60.0


def selfreview(
    args: Sequence[str],
    *,
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    stdout: int | IO[bytes] = subprocess.PIPE,
    stderr: int | IO[bytes] = subprocess.PIPE,
) -> subprocess.CompletedProcess[bytes]:
    """`selfreview ARGS`, standard output and error captured unless given a file."""
    return subprocess.run(
        [sys.executable, "-m", "selfreview_core", *args],
        stdout=stdout,
        stderr=stderr,
        cwd=cwd,
        env=env,
        timeout=WAIT,
        check=False,
    )
