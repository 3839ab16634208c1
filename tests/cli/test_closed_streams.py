"""Standard output closed when the program starts (a shell's `selfreview ... >&-`): every
command says so as it says a full disk (`test_full_streams.py`), and exits 1. Standard input
closed (`<&-`): an input at its end, for the questions of `assess` and `plan -i` and for `-`.

Before round 42, most commands lost their output and exited 0 (`combine -o -` saying "Wrote
standard output"), and `benchmark`, `support`, `collect -o -` and a batch of reports told
"internal error: AttributeError ... This is a bug".
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from program import selfreview

from .test_full_streams import batch

__all__ = ["batch"]  # a fixture, used by name

pytestmark = pytest.mark.skipif(os.name != "posix", reason="a closed descriptor, as `>&-`")


def _closed_stdout(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The command started with standard output closed, as a shell's `>&-` starts it."""
    return selfreview(args, cwd=cwd, stdout=None, preexec_fn=lambda: os.close(1))  # the child's


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["show", "becta-srf"],
        ["report", "examples/example-primary-2026.yaml"],
        ["report", "BATCH", "--format", "json"],
        ["report", "BATCH", "--format", "json", "--jobs", "2"],
        ["benchmark", "BATCH"],
        ["support", "BATCH"],
        ["collect", "BATCH", "-o", "-"],
        ["combine", "examples/respondents", "-o", "-"],
    ],
    ids=lambda args: " ".join(args),
)
def test_a_closed_standard_output_is_named_and_ends_the_command(
    args: list[str], root: Path, batch: Path
) -> None:
    """One line naming standard output, exit 1, whatever the command writes there."""
    args = [str(batch) if arg == "BATCH" else arg for arg in args]
    done = _closed_stdout(args, root)
    assert done.stderr.decode() == "Error: standard output: Bad file descriptor\n"
    assert done.returncode == 1


def test_a_closed_standard_output_changes_nothing_for_a_report_to_a_file_or_a_usage_error(
    root: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.json"
    example = "examples/example-primary-2026.yaml"
    written = _closed_stdout(["report", example, "-o", str(target)], root)
    assert written.returncode == 0, written.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["assessment"]["school"]["id"]
    usage = _closed_stdout(["report", example, "--format", "no-such-format"], root)
    assert usage.returncode == 2


def _closed_stderr(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The command started with standard error closed, as a shell's `2>&-` starts it."""
    return selfreview(args, cwd=cwd, stderr=None, preexec_fn=lambda: os.close(2))


def test_with_standard_error_closed_no_message_reaches_standard_output(
    root: Path, tmp_path: Path
) -> None:
    """click wrote a usage error to standard output when there was no standard error
    (round 43): into the JSON or CSV a pipe reads there. Messages now go nowhere, as the
    shell asked; the exit status still says what happened."""
    example = "examples/example-primary-2026.yaml"
    usage = _closed_stderr(["report", example, "--format", "no-such-format"], root)
    assert (usage.returncode, usage.stdout) == (2, b"")
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: assessment\nframework: becta-srf\n", encoding="utf-8")
    refused = _closed_stderr(["report", str(bad), "--format", "json"], root)
    assert (refused.returncode, refused.stdout) == (1, b"")
    made = _closed_stderr(["report", example, "--format", "json"], root)
    assert made.returncode == 0
    assert json.loads(made.stdout)["assessment"]["school"]["id"] == "100000"


# -- standard input closed (`<&-`) ----------------------------------------------------------


def _closed_stdin(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The command started with standard input closed, as a shell's `<&-` starts it."""
    return selfreview(args, cwd=cwd, preexec_fn=lambda: os.close(0))


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "becta-srf", "-o", "OUT/review.yaml"],
        ["plan", "examples/example-primary-2025.yaml", "-o", "OUT/plan.yaml", "-i"],
    ],
    ids=["assess", "plan -i"],
)
def test_a_closed_standard_input_ends_the_questions_as_its_end_does(
    args: list[str], root: Path, tmp_path: Path
) -> None:
    """No answer can come: stopped at the first question, as with `< /dev/null`, exit 1,
    nothing written. Before round 50: "internal error: RuntimeError: input(): lost
    sys.stdin ... This is a bug"."""
    args = [arg.replace("OUT", str(tmp_path)) for arg in args]
    done = _closed_stdin(args, root)
    assert done.returncode == 1, done.stderr
    assert done.stderr.decode().endswith("Stopped before anything was written.\n")
    assert b"internal error" not in done.stderr
    assert list(tmp_path.iterdir()) == []
    with open(os.devnull, "rb") as nothing:  # the same as the end of an input
        ended = selfreview(args, cwd=root, stdin=nothing)
    assert (ended.returncode, ended.stderr) == (done.returncode, done.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ["report", "-"],
        ["validate", "-", "--format", "json"],
        ["show", "-"],
        ["migrate", "examples/example-primary-2025.yaml", "--to", "-"],
        ["report", "examples/example-primary-2025.yaml", "--framework", "-"],
        ["voices", "-"],
    ],
    ids=lambda args: " ".join(args),
)
def test_a_closed_standard_input_is_a_usage_error_where_dash_reads_it(
    args: list[str], root: Path
) -> None:
    """`-` with no standard input at all: a usage error saying it is closed, exit 2,
    nothing on standard output. Before round 67: "<stdin>:1:1: error: the file is empty",
    exit 1, the file's fault, as for an empty pipe (which still says so)."""
    done = _closed_stdin(args, root)
    assert (done.returncode, done.stdout) == (2, b""), done.stderr
    lines = done.stderr.decode().splitlines()
    assert lines[-1].startswith("Error: Invalid value for ")
    assert lines[-1].endswith(
        ": `-` reads standard input, which is closed: pipe a file in, or name it"
    )
    assert "Traceback" not in done.stderr.decode()
    with open(os.devnull, "rb") as nothing:  # an empty pipe: the file is empty, as before
        empty = selfreview(args, cwd=root, stdin=nothing)
    assert empty.returncode == 1
    assert b"<stdin>" in empty.stdout + empty.stderr
    assert b"the file is empty" in empty.stdout + empty.stderr


@pytest.mark.parametrize("target", ["/dev/stderr", "/proc/self/fd/2", "/dev/fd/2"])
def test_a_report_to_a_closed_standard_error_is_refused_not_lost(
    target: str, root: Path, tmp_path: Path
) -> None:
    """`-o /dev/stderr 2>&-`: no file is there to write, as for standard output (`>&-`).
    Before round 67 the report went to what the program had opened at descriptor 2 in its
    place (`/dev/null`), exit 0: a report lost with a success. Now a usage error, exit 2,
    nothing on standard output, the input as it was."""
    review = tmp_path / "review.yaml"
    review.write_bytes((root / "examples" / "example-primary-2026.yaml").read_bytes())
    before = review.read_bytes()
    args = ["report", str(review), "--format", "json", "-o", target]
    done = _closed_stderr(args, root)
    assert (done.returncode, done.stdout) == (2, b"")
    assert review.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.yaml"]
