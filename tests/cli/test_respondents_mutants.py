"""What `cli/_respondents.py` does that its other tests did not pin: found by round 43's
mutation pass over the module, run again with its whole set of tests (the first run's set
was too narrow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.cli._respondents import group_problem

ROOT = Path(__file__).resolve().parents[2]
NEW = str(ROOT / "examples" / "example-primary-2026.yaml")
RESPONDENTS = ROOT / "examples" / "respondents"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize(("group", "code"), [("tea\x1bchers", "001B"), ("teachers\u202e", "202E")])
def test_a_group_holding_a_control_character_is_refused_with_the_reason(
    group: str, code: str
) -> None:
    """Not an id either: the text's own problem is said (the mutant let it through)."""
    assert group_problem(group) == f"control characters (here U+{code}) cannot be kept"


def test_a_group_with_a_space_is_told_a_group_is_an_id() -> None:
    assert group_problem("year 6") == (
        "a group is an id: no spaces and no `@` (such as teachers, support-staff, year-6)"
    )
    assert group_problem("year-6") is None


@pytest.mark.parametrize("command", ["voices", "combine"])
def test_min_group_shows_its_default_in_the_help(command: str) -> None:
    result = run(command, "--help")
    assert "[default: 5; x>=1]" in result.stdout


def test_report_takes_a_min_group_of_one() -> None:
    """`--min-group 1` with `--voices`: every group's median shown, however few answered."""
    result = run(
        "report", NEW, "--voices", str(RESPONDENTS), "--min-group", "1", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    voices = json.loads(result.stdout)["voices"]
    assert voices["min_group"] == 1
    governors = [g for s in voices["strands"] for g in s["groups"] if g["group"] == "governors"]
    assert governors
    assert all(g.get("median") is not None for g in governors)


def test_voices_is_repeatable_and_each_path_is_read() -> None:
    result = run(
        "report", NEW, "--format", "json",
        "--voices", str(RESPONDENTS / "governor-1.yaml"),
        "--voices", str(RESPONDENTS / "teachers.jsonl"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    groups = json.loads(result.stdout)["voices"]["groups"]
    assert groups == [
        {"group": "teachers", "respondents": 7},
        {"group": "governors", "respondents": 1},
    ]


def test_a_folder_of_no_responses_is_named_on_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "line\nbreak"
    empty.mkdir()
    result = run("voices", str(empty))
    assert result.exit_code == 2
    last = result.stderr.splitlines()[-1]
    assert last.startswith(
        "Error: Invalid value for PATH: no YAML, JSON or JSON Lines files under "
    )
    assert last.endswith("line\\nbreak")


def test_a_voices_path_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    """Refused before anything is read, exit 2, where the mutant read on and failed later
    (exit 1, "cannot read")."""
    missing = tmp_path / "nope.yaml"
    result = run("report", NEW, "--voices", str(missing))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '--voices': Path '{missing}' does not exist."
    )
    assert result.stdout == ""
