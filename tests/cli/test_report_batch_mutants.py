"""What `selfreview report` over many files (`cli/_report_batch.py`) does that its other tests
did not pin: found by the round-42 mutation pass over the module, and by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from selfreview_core.cli import main

COHORT = "examples/cohort"


@pytest.fixture(autouse=True)
def _in_repo(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_without_standard_output_says_so_and_fails(
    jobs: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A program with no standard output (None, as Python leaves it when the descriptor is
    closed) running `report DIR`: said as a full disk is said, exit 1; it was "internal
    error: AttributeError ... This is a bug"."""
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(SystemExit) as done:
        main(["report", COHORT, "--format", "json", "--jobs", jobs])
    assert done.value.code == 1
    assert capsys.readouterr().err == "Error: standard output: Bad file descriptor\n"
