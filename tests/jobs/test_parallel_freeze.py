"""`parallel.freeze`: what `report` freezes for the collector around its batch, noted, so
that forking its workers does not count the frozen objects (`gc.get_freeze_count` walks
each of them: 2.5 to 5 ms of processor, serial, before any worker starts; round 80)."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.test_batch import as_json_lines, cohort_files
from selfreview_core.cli import cli
from selfreview_core.jobs import parallel

pytestmark = pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The calls of `gc.get_freeze_count` made in this process (not in its workers)."""
    calls: list[int] = []
    real: Callable[[], int] = gc.get_freeze_count
    here = os.getpid()

    def counting() -> int:
        if os.getpid() == here:
            calls.append(1)
        return real()

    monkeypatch.setattr(gc, "get_freeze_count", counting)
    return calls


def _frozen(chunk: list[int]) -> list[int]:
    return [gc.get_freeze_count() for _ in chunk]


def test_workers_forked_within_a_freeze_start_without_counting_what_is_frozen(
    counted: list[int],
) -> None:
    """The workers still inherit everything frozen, and it stays frozen after them until
    `unfreeze`, which hands all of it back."""
    parallel.freeze()
    try:
        before = gc.get_freeze_count()
        counted.clear()
        found = list(parallel.ordered_map(_frozen, [[1], [2], [3]], 2))
        assert counted == []  # the parent never walked the frozen objects
        assert all(count >= before for chunk in found for count in chunk)
        assert gc.get_freeze_count() >= before > 1000
    finally:
        parallel.unfreeze()
    assert gc.get_freeze_count() == 0


def test_without_a_freeze_the_workers_start_as_before(counted: list[int]) -> None:
    """Not within `freeze`: counted, frozen for the fork, thawed after (as a caller's own
    `gc.freeze` is kept: tests/cli/test_jobs.py)."""
    found = list(parallel.ordered_map(_frozen, [[1], [2], [3]], 2))
    assert counted  # asked whether anything was frozen before
    assert all(count > 1000 for chunk in found for count in chunk)
    assert gc.get_freeze_count() == 0


def test_unfreeze_ends_the_freeze_however_often_it_is_asked() -> None:
    parallel.freeze()
    parallel.unfreeze()
    parallel.unfreeze()  # one too many: everything is thawed, nothing noted
    assert gc.get_freeze_count() == 0
    assert not parallel._FROZEN


@pytest.mark.parametrize("strict", [False, True])
def test_the_report_commands_batch_forks_its_workers_without_counting(
    root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    counted: list[int],
    strict: bool,
) -> None:
    """`report --jobs 2` into a file: its batch is frozen by `freeze` (no count when the
    workers start), its output as `--jobs 1` writes it, and nothing left frozen after,
    stopped by `--strict` or not."""
    monkeypatch.chdir(root)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])
    source = as_json_lines(tmp_path / "in.jsonl", cohort_files() * 4, "not json")
    flags = ["--strict"] if strict else []
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        args = ["report", str(source), "--format", "json", "-o", str(out), "--jobs", jobs]
        result = CliRunner().invoke(cli, [*args, *flags], catch_exceptions=False)
        assert counted == []  # none when the workers were forked
        assert result.exit_code == 1  # the line that is not JSON
        assert f"{source}:{len(cohort_files()) * 4 + 1}:" in result.stderr
        assert gc.get_freeze_count() == 0
        counted.clear()
        said = result.stderr.replace(out.name, "OUT")
        outputs.append((out.read_bytes() if out.exists() else None, said))
    assert outputs[0] == outputs[1]
    assert (outputs[0][0] is None) is strict
