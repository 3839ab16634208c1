"""`tests/program.py`'s `selfreview_here` says what the program says: its usage lines
name `selfreview`, its environment is the one asked for, and its standard output is no
terminal (as a pipe's), whatever the test process's own output is."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from program import selfreview, selfreview_here

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
