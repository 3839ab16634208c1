"""`python -m bench.instructions report --rules N`: goal (b)'s engine counted (round 78),
each school's instructions with a pack of N single-test rules, by the same two runs."""

from __future__ import annotations

from typing import Any

import pytest
from bench import instructions


def test_the_rules_reach_both_runs_and_name_the_count(monkeypatch: pytest.MonkeyPatch) -> None:
    commands: list[list[str]] = []

    def counted(command: list[str], seed: int = 0) -> int:
        commands.append(list(command))
        few = command[command.index("--inner") + 1] == "10"  # --small 10, then --large 40
        return 1_000 if few else 31_000

    monkeypatch.setattr(instructions, "count", counted)
    said = instructions.report(10, 40, 0, 240)
    assert said == "engine.report with 240 single-test rules: 1,000 instructions a school"
    assert [command[-3:] for command in commands] == [["10", "40", "240"], ["40", "40", "240"]]


def test_without_rules_the_count_is_the_reports_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    commands: list[list[str]] = []

    def counted(command: list[str], seed: int = 0) -> int:
        commands.append(list(command))
        return 0 if command[command.index("--inner") + 1] == "10" else 30_000

    monkeypatch.setattr(instructions, "count", counted)
    assert instructions.report(10, 40, 0) == "engine.report: 1,000 instructions a school"
    assert [command[-3:] for command in commands] == [
        ["--inner", "10", "40"],
        ["--inner", "40", "40"],
    ]


def test_the_inner_program_reports_with_the_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    from selfreview_core import Engine

    made: list[int] = []
    real = Engine.__init__

    def init(self: Engine, **options: Any) -> None:
        packs = options.get("rule_packs", ())
        made.append(sum(len(pack.rules) for pack in packs))
        real(self, **options)

    monkeypatch.setattr(Engine, "__init__", init)
    monkeypatch.setattr("bench.goals._schools", lambda framework, n, seed: [])
    instructions._reports(0, 1, 12)
    assert made == [0, 12]


def test_a_negative_count_of_rules_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/valgrind")
    with pytest.raises(SystemExit) as raised:
        instructions.main(["report", "--rules", "-1"])
    assert raised.value.code == 2
    assert "--rules must be at least 0" in capsys.readouterr().err
