"""A standard stream that cannot be written: a full disk under `> report.json` (here
`/dev/full`, which fails every write with "No space left on device"), or a log file on it
taking standard error.

Before round 37, `selfreview --help > /dev/full` and `--version` ended in a traceback; a
command whose output could not be written said only "Error: No space left on device",
naming no file, while `-o FILE` names its file; and with standard error on a full disk, a
usage error exited 1 instead of 2, and `report -o FILE`, its report written, exited 1
because its "Wrote FILE" line could not be.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from program import selfreview

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")

FULL = "No space left on device"


def _run(
    args: list[str], cwd: Path, *, stdout: str | None = None, stderr: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The command, with standard output or error opened on `stdout` or `stderr` (else
    captured)."""
    with open(stdout or os.devnull, "wb") as out, open(stderr or os.devnull, "wb") as err:
        return selfreview(
            args,
            cwd=cwd,
            stdout=out if stdout else subprocess.PIPE,
            stderr=err if stderr else subprocess.PIPE,
        )


@pytest.fixture
def batch(tmp_path: Path, root: Path) -> Path:
    """Two schools' reviews in a folder: a report for each, as JSON Lines on stdout."""
    folder = tmp_path / "schools"
    folder.mkdir()
    for year in ("2025", "2026"):
        name = f"example-primary-{year}.yaml"
        (folder / name).write_bytes((root / "examples" / name).read_bytes())
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["show", "--help"],
        ["show", "becta-srf"],
        ["report", "examples/example-primary-2026.yaml"],
        ["report", "examples/example-primary-2026.yaml", "--format", "json"],
        ["report", "BATCH", "--format", "json"],
        ["report", "BATCH", "--format", "json", "--jobs", "2"],
    ],
    ids=lambda args: " ".join(args),
)
def test_standard_output_on_a_full_disk_is_named_and_ends_the_command(
    args: list[str], root: Path, batch: Path
) -> None:
    """One line naming standard output, as `-o FILE` names its file; exit 1; no
    traceback, whether the output is help, a page, one report or a JSON Lines batch."""
    args = [str(batch) if arg == "BATCH" else arg for arg in args]
    done = _run(args, root, stdout="/dev/full")
    assert done.stderr.decode() == f"Error: standard output: {FULL}\n"
    assert done.returncode == 1


def test_o_on_a_full_disk_names_its_file(root: Path) -> None:
    done = _run(
        ["report", "examples/example-primary-2026.yaml", "--format", "json", "-o", "/dev/full"],
        root,
    )
    assert done.stderr.decode() == f"Error: /dev/full: {FULL}\n"
    assert done.returncode == 1


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["no-such-command"], 2),
        (["show", "becta-srf", "--format", "no-such-format"], 2),
        (["validate", "no-such-file.yaml"], 2),
        (["validate", "examples/example-primary-2026.yaml"], 0),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_standard_error_on_a_full_disk_leaves_the_exit_status_as_it_is(
    args: list[str], code: int, root: Path
) -> None:
    """What could not be told is lost; the status a script reads is not: 2 for a usage
    error, as with standard error writable."""
    told = _run(args, root)
    assert told.returncode == code
    untold = _run(args, root, stderr="/dev/full")
    assert untold.returncode == code
    assert untold.stdout == told.stdout


def test_a_report_written_with_standard_error_on_a_full_disk_succeeds(
    root: Path, tmp_path: Path
) -> None:
    """Its "Wrote FILE" line is lost; the report is written, whole, and the command
    exits 0, where it exited 1 as if the report had failed."""
    told, untold = tmp_path / "told.json", tmp_path / "untold.json"
    example = "examples/example-primary-2026.yaml"
    assert _run(["report", example, "-o", str(told)], root).returncode == 0
    done = _run(["report", example, "-o", str(untold)], root, stderr="/dev/full")
    assert done.returncode == 0
    assert untold.read_bytes() == told.read_bytes()


def test_both_streams_on_a_full_disk_end_with_1_and_no_hang(root: Path, batch: Path) -> None:
    """`selfreview report ... > log 2>&1` on a full disk: nothing can be told, the command
    still ends, with 1."""
    done = _run(
        ["report", str(batch), "--format", "json"], root, stdout="/dev/full", stderr="/dev/full"
    )
    assert done.returncode == 1
