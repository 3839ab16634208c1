"""A rule pack found in a folder by a command that applies none (round 55).

A folder made for `report` holds the framework, a rule pack and the schools; `benchmark`,
`collect`, `voices` and `combine` walk it too. Before round 55 they read the rule pack as an
assessment: "kind: expected an assessment file, not a rules file", exit 1 (`voices` and
`combine` refused the whole folder). Now each passes it by with one note on standard error
naming the file, and gives what it gives without it, exit 0. `report` and `support`, which
take `--rules`, apply it (tests/cli/test_folder_frameworks.py); so does `Engine.benchmark`
pass it by, as `selfreview benchmark` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import Engine
from selfreview_core.cli import cli

from .test_folder_frameworks import COMMANDS, RULES, SCHOOL, _folder, _run

ROOT = Path(__file__).resolve().parents[2]
V1 = ROOT / "examples" / "migration" / "example-srf-1.yaml"


@pytest.mark.parametrize("name", ["benchmark", "collect", "voices", "combine"])
def test_a_rule_pack_in_a_folder_is_passed_by_with_a_note(tmp_path: Path, name: str) -> None:
    command = COMMANDS[name]
    v1 = V1.read_text(encoding="utf-8")
    folder = _folder(tmp_path, command, {"framework.yaml": v1}, "example-srf@1")
    plain = _run(command, folder)
    assert plain.exit_code == 0, plain.stderr
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    found = _run(command, folder)
    assert found.exit_code == 0, found.stderr
    assert found.output == plain.output
    note = f"{folder / 'rules.yaml'}: note: a rule pack, not read: `{name}` applies none\n"
    assert found.stderr == note + plain.stderr
    assert "expected an assessment file" not in found.stderr


def test_a_rule_pack_in_a_folder_of_voices_is_passed_by_for_the_report(tmp_path: Path) -> None:
    """`report SCHOOL --voices DIR`: DIR holds responses; a rule pack there is passed by."""
    command = COMMANDS["voices"]
    v1 = V1.read_text(encoding="utf-8")
    folder = _folder(
        tmp_path, command, {"framework.yaml": v1, "rules.yaml": RULES}, "example-srf@1"
    )
    school = tmp_path / "school.yaml"
    school.write_text(SCHOOL, encoding="utf-8")

    args = ["report", str(school), "--voices", str(folder), "--format", "json"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    note = f"{folder / 'rules.yaml'}: note: a rule pack, not read: `--voices` reads responses only"
    assert note in result.stderr
    assert "expected an assessment file" not in result.stderr


def test_the_library_benchmark_passes_it_by_too(tmp_path: Path) -> None:
    v1 = V1.read_text(encoding="utf-8")
    folder = _folder(tmp_path, COMMANDS["benchmark"], {"framework.yaml": v1}, "example-srf@1")
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    result = Engine(entry_points=False).benchmark([folder])
    assert result.skipped == []
    assert result.cohort is not None
    assert len(result.cohort.schools) == 2
