"""What `selfreview report` over many files (`cli/_report_batch.py`) does that its other tests
did not pin: found by the round-42 mutation pass over the module, and by hand."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from program import WAIT

COHORT = "examples/cohort"


@pytest.mark.skipif(os.name != "posix", reason="a closed descriptor, as a POSIX shell's `>&-`")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_to_a_closed_standard_output_says_so_and_fails(root: Path, jobs: str) -> None:
    """`selfreview report DIR >&-`: no report can be written, which is said as a full disk
    is said (exit 1); it was "internal error: AttributeError ... This is a bug"."""
    done = subprocess.run(
        [sys.executable, "-m", "selfreview_core", "report", COHORT, "--format", "json"]
        + ["--jobs", jobs],
        cwd=root,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),  # the child's standard output, closed before exec
        timeout=WAIT,
        check=False,
    )
    error = done.stderr.decode()
    assert done.returncode == 1, error
    assert error.strip() == "Error: standard output: Bad file descriptor"
