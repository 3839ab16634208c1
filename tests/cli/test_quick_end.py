"""The `selfreview` program ends `report`'s batch without tearing its interpreter down
(`cli.main`, `_common.end_without_teardown`): what a user relies on is unchanged (every byte
of the output, the summary and errors on standard error, the exit code, no temporary file
left, exit functions run), and nothing else ends that way: another command, a thread still
running, or a program calling `main` with arguments in its own process."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from program import python
from selfreview_core.cli import main

#: Run as the `selfreview` program (`main()` reading `sys.argv`), in a process that says
#: whether exit functions ran and whether its objects were torn down (a `__del__` of an
#: object of `__main__`, which only the interpreter's teardown calls).
PROGRAM = """\
import atexit, os, sys, threading
class Torn:
    def __del__(self):
        os.write(2, b"[torn down]\\n")
kept = Torn()
atexit.register(lambda: os.write(2, b"[exit functions ran]\\n"))
if os.environ.get("SLOW_THREAD"):
    def late():  # ends once the main thread has (in Python's shutdown), not before
        threading.main_thread().join()
        os.write(2, b"[thread ended]\\n")
    threading.Thread(target=late).start()
if os.environ.get("ENDLESS_THREAD"):  # never ends: the program ends without it
    threading.Thread(target=threading.Event().wait, name="endless").start()
if os.environ.get("DAEMON_THREAD"):  # runs for ever; Python never waits for a daemon
    threading.Thread(target=threading.Event().wait, daemon=True).start()
from selfreview_core.cli import main
sys.argv = ["selfreview", *sys.argv[1:]]
main()
"""


def program(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """`PROGRAM ARGS` in `root`, `env` added to this environment, bounded by its processor
    time (`program.python`): a batch of the cohort three times over is slow on a loaded
    machine, not stuck."""
    return python(["-c", PROGRAM, *args], cwd=root, env={**os.environ, **env})


@pytest.fixture
def lines(tmp_path: Path, root: Path) -> Path:
    """The example cohort three times over, as JSON Lines."""
    rows = []
    for file in sorted((root / "examples/cohort").glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        data["assessed_on"] = data["assessed_on"].isoformat()
        rows.append(json.dumps(data))
    target = tmp_path / "in" / "cohort.jsonl"
    target.parent.mkdir()
    target.write_text("\n".join(rows * 3) + "\n", encoding="utf-8")
    return target


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_ends_quickly_with_its_output_whole(
    lines: Path, tmp_path: Path, root: Path, jobs: str
) -> None:
    out = tmp_path / "out" / "reports.jsonl"
    out.parent.mkdir()
    out.write_bytes(b"last year's reports")
    done = program(root, "report", str(lines), "--format", "json", "-o", str(out), "--jobs", jobs)
    errors = done.stderr.decode()
    assert done.returncode == 0, errors
    assert "[exit functions ran]" in errors
    assert "[torn down]" not in errors  # the quick end
    count = len(lines.read_text(encoding="utf-8").splitlines())
    assert f"{count} reports written to {out}" in errors
    assert "Traceback" not in errors
    # The same bytes as the usual end gives (`main` called with arguments).
    usual = tmp_path / "out" / "usual.jsonl"
    script = (
        "import sys\nfrom selfreview_core.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n    sys.exit(e.code)\n"
    )
    command = ["-c", script, "report", str(lines), "--format", "json"]
    again = python([*command, "-o", str(usual)], cwd=root)
    assert again.returncode == 0, again.stderr
    assert out.read_bytes() == usual.read_bytes()
    assert len(out.read_bytes().splitlines()) == count
    assert sorted(p.name for p in out.parent.iterdir()) == ["reports.jsonl", "usual.jsonl"]


@pytest.mark.slow
def test_a_batch_with_a_skipped_line_ends_quickly_with_exit_1(
    lines: Path, tmp_path: Path, root: Path
) -> None:
    with lines.open("a", encoding="utf-8") as stream:
        stream.write("not json\n")
    count = len(lines.read_text(encoding="utf-8").splitlines())
    done = program(root, "report", str(lines), "--format", "json", "-o", "-")
    errors = done.stderr.decode()
    assert done.returncode == 1, errors
    assert f"{lines}:{count}:1: error:" in errors
    assert f"{count - 1} reports written; 1 assessment skipped (errors above)" in errors
    assert "[exit functions ran]" in errors
    assert "[torn down]" not in errors
    # Standard output flushed before the end: every report, each one line.
    reports = done.stdout.splitlines()
    assert len(reports) == count - 1
    assert all(line.startswith(b'{"framework":') for line in reports)


@pytest.mark.slow
def test_a_thread_still_running_gets_the_usual_end(lines: Path, tmp_path: Path, root: Path) -> None:
    out = tmp_path / "reports.jsonl"
    done = program(root, "report", str(lines), "-o", str(out), SLOW_THREAD="1")
    errors = done.stderr.decode()
    assert done.returncode == 0, errors
    assert "[thread ended]" in errors  # waited for, as Python does
    assert "[torn down]" in errors


def test_a_daemon_thread_running_leaves_the_quick_end_as_it_is(
    lines: Path, tmp_path: Path, root: Path
) -> None:
    """Only a thread Python would wait for changes how the program ends."""
    out = tmp_path / "reports.jsonl"
    done = program(root, "report", str(lines), "-o", str(out), DAEMON_THREAD="1")
    errors = done.stderr.decode()
    assert done.returncode == 0, errors
    assert "[exit functions ran]" in errors
    assert "[torn down]" not in errors


def test_a_thread_that_never_ends_is_left_after_the_exit_functions_ran(
    lines: Path, tmp_path: Path, root: Path
) -> None:
    """What a program's exit functions do (a plugin's, coverage's) is done before the
    program ends without the thread (cli/_ending.py)."""
    out = tmp_path / "reports.jsonl"
    done = program(root, "report", str(lines), "-o", str(out), ENDLESS_THREAD="1")
    errors = done.stderr.decode()
    assert done.returncode == 0, errors
    assert "[exit functions ran]" in errors
    assert "ran on when the command ended, `endless`: not waited for" in errors


def test_other_commands_get_the_usual_end(root: Path) -> None:
    done = program(root, "validate", "frameworks/becta-srf.yaml")
    errors = done.stderr.decode()
    assert done.returncode == 0, errors
    assert "[exit functions ran]" in errors
    assert "[torn down]" in errors


def test_main_called_with_arguments_returns_by_raising(
    lines: Path, tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A program running the command in its own process (as these tests do) gets
    `SystemExit` back, not its process ended."""
    monkeypatch.chdir(root)
    out = tmp_path / "reports.jsonl"
    with pytest.raises(SystemExit) as ended:
        main(["report", str(lines), "--format", "json", "-o", str(out)])
    assert ended.value.code in (0, None)
    assert len(out.read_bytes().splitlines()) == len(lines.read_text().splitlines())
