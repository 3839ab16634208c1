"""Fixtures of the command-line tests: a copy of the example cohort to add files to, and a
folder for those that add a program's own commands to `cli`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfreview_core.cli import cli


@pytest.fixture
def copied(cohort_dir: Path, tmp_path: Path) -> Path:
    """A copy of the example cohort that a test may add files to."""
    target = tmp_path / "cohort"
    shutil.copytree(cohort_dir, target)
    return target


@pytest.fixture
def commands_added_taken_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A repository (it has `.git`) with no configuration file, run from inside it, with
    neither SELFREVIEW_DEBUG nor SELFREVIEW_DISABLE set; the commands the test adds to the
    group are taken off it afterwards."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path.parent))
    monkeypatch.delenv("SELFREVIEW_DEBUG", raising=False)
    monkeypatch.delenv("SELFREVIEW_DISABLE", raising=False)
    before = set(cli.commands)
    yield tmp_path
    for name in set(cli.commands) - before:
        del cli.commands[name]
