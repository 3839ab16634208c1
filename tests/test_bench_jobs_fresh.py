"""(d) of `python -m bench.run` (`bench.goals.jobs`): every timed run writes its output
afresh. Before round 77 the first round's runs wrote new files and each later round's
replaced the file the round before had left, whose removal the system makes within the
command's rename (60 to 155 ms of wall time for 400 MB on this project's machine): a best
of three mixed runs that paid for it with runs that did not. Nothing is timed here: the
commands are stood in for, and each notes whether its output was there when it began."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench import goals  # noqa: E402

#: A run's (CPU, wall): any figures do; none of them is checked.
_TIMING = (1.0, 1.0)


def _output(command: Sequence[str]) -> str:
    """The file a `selfreview report ... -o OUT` command writes."""
    return command[list(command).index("-o") + 1]


def test_each_timed_run_of_d_writes_a_new_output(monkeypatch: pytest.MonkeyPatch) -> None:
    began: list[tuple[str, bool]] = []  # (output's name, whether it was there already)

    def run(command: Sequence[str]) -> None:
        path = _output(command)
        began.append((os.path.basename(path), os.path.exists(path)))
        Path(path).write_bytes(b"{}\n")  # what the command leaves, the same for each

    def one_after_another(
        repeat: int, *commands: Sequence[str], cwd: Path = ROOT
    ) -> list[tuple[float, float]]:
        del cwd
        for _ in range(repeat):
            for command in commands:
                run(command)
        return [_TIMING] * len(commands)

    def side_by_side(*commands: Sequence[str], cwd: Path = ROOT) -> tuple[float, float]:
        del cwd
        for command in commands:
            run(command)
        return _TIMING

    monkeypatch.setattr(goals, "best_command", one_after_another)
    monkeypatch.setattr(goals, "_side_by_side", side_by_side)
    result = goals.jobs(n=3, repeat=3)

    assert result.skipped is None, result.skipped
    names = ["one.jsonl", "two.jsonl", "none.jsonl", "out0.jsonl", "out1.jsonl"]
    assert [name for name, _ in began] == names * 3  # every run of the three rounds
    assert [name for name, there in began if there] == []  # none over a previous output
    assert "outputs byte-identical: True" in result.details  # the last round's, kept
    assert result.details[0].startswith("3 schools; best of 3, each run writing its output")
