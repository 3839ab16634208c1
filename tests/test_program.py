"""`tests/program.py`'s `selfreview_here` says what the program says: its usage lines
name `selfreview`, its environment is the one asked for, and its standard output is no
terminal (as a pipe's), whatever the test process's own output is. Its `python` (and so
`selfreview`) ends a command that hangs or runs away, failing the test."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import program
from program import python, selfreview, selfreview_here

NEW = Path(__file__).resolve().parents[1] / "examples" / "example-primary-2026.yaml"


def test_a_usage_error_names_the_program_as_the_program_does() -> None:
    here = selfreview_here(["report"])
    assert here.returncode == 2
    assert here.stderr.startswith(b"Usage: selfreview report [OPTIONS] ")
    program = selfreview(["report"])
    assert (here.returncode, here.stdout, here.stderr) == (
        program.returncode,
        program.stdout,
        program.stderr,
    )


def test_the_table_is_a_pipes_though_this_process_writes_to_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    piped = selfreview_here(["report", str(NEW)], env={"COLUMNS": None, "LINES": None})
    monkeypatch.setattr(os, "get_terminal_size", lambda fd=1: os.terminal_size((50, 24)))
    monkeypatch.delenv("COLUMNS", raising=False)
    here = selfreview_here(["report", str(NEW)])
    assert here.returncode == piped.returncode == 0
    assert here.stdout == piped.stdout
    assert max(len(line) for line in here.stdout.decode().splitlines()) > 50  # not fitted


def _plugins(env: dict[str, str | None] | None = None) -> list[str]:
    done = selfreview_here(["plugins", "--format", "json"], env=env)
    assert done.returncode == 0, done.stderr
    return [plugin["name"] for plugin in json.loads(done.stdout)["plugins"]]


def test_the_environment_is_changed_while_the_command_runs_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SELFREVIEW_DISABLE", "next-steps")
    assert "next-steps" not in _plugins()
    unset = _plugins({"SELFREVIEW_DISABLE": None})
    assert {"next-steps", "lea-support"} <= set(unset)
    assert "lea-support" not in _plugins({"SELFREVIEW_DISABLE": "lea-support"})  # set
    assert os.environ["SELFREVIEW_DISABLE"] == "next-steps"  # as it was


def test_a_script_is_run_as_the_program_is_its_output_and_status_kept() -> None:
    done = python(["-c", "import sys; print('out'); sys.exit('err')"])
    assert (done.returncode, done.stdout, done.stderr) == (1, b"out\n", b"err\n")


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="reads /proc/PID/stat")
@pytest.mark.parametrize(
    ("script", "said"),
    [
        ("import time; time.sleep(600)", "no processor time used for 1 s: it hangs"),
        ("while True: pass", "s of processor time, and still at work"),
    ],
    ids=["hangs", "runs-away"],
)
def test_a_command_that_hangs_or_runs_away_fails_its_test_killed(
    script: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the bound (`program.Bound`) is for: a test whose command blocks or never ends
    fails, saying which, the command killed, not the suite held up; a slow command on a
    loaded machine, using its processor time as it works, is neither."""
    monkeypatch.setattr(program, "WAIT", 1.0)  # the runaway's cost (round 82: 2.0, 3 s of it)
    with pytest.raises(AssertionError, match=said):
        python(["-c", script])
