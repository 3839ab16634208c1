"""Fixtures of the command-line tests: a copy of the example cohort to add files to, a
folder for those that add a program's own commands to `cli`, and `multiprocessing`'s folder
kept where a test pretends the end by a signal."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfreview_core.cli import _signals, cli


@pytest.fixture(autouse=True)
def _multiprocessing_folder_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that ends a command by a signal in this process (`os.kill` replaced) goes on
    running, and so does its worker: the end's removal of `multiprocessing`'s folder
    (`_signals`, round 77) would take the fork server's socket from every later test there
    ("No such file or directory" at the next cohort with `--jobs 2`). The removal is tested
    where the process really ends (test_signals_multiprocessing_folder.py, in a child)."""
    monkeypatch.setattr(_signals, "_multiprocessing_folder_removed", lambda: None)


@pytest.fixture
def copied(cohort_dir: Path, tmp_path: Path) -> Path:
    """A copy of the example cohort that a test may add files to."""
    target = tmp_path / "cohort"
    shutil.copytree(cohort_dir, target)
    return target


@pytest.fixture
def commands_added_taken_off(repo_at_root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A repository with no configuration file (`repo_at_root`), with SELFREVIEW_DEBUG not
    set either; the commands the test adds to the group are taken off it afterwards."""
    monkeypatch.delenv("SELFREVIEW_DEBUG", raising=False)
    before = set(cli.commands)
    yield repo_at_root
    for name in set(cli.commands) - before:
        del cli.commands[name]
