"""`selfreview plan` behaviour its other tests did not pin (mutation passes over
`cli/plan.py`, round 44): the status read as of today unless told, the exit code of a file
that is not there or not a file, where each line goes when a plan cannot be saved, and the
bytes of the status view."""

from __future__ import annotations

import datetime as dt
import errno
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from selfreview_core import load_plan
from selfreview_core.cli import cli
from selfreview_core.plans import building, files
from test_engine import _EntryPoint

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "plan" / "example-primary-plan.yaml"
REVIEW_2025 = ROOT / "examples" / "example-primary-2025.yaml"
REVIEW_2026 = ROOT / "examples" / "example-primary-2026.yaml"


def run(*args: str | Path, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_the_status_is_as_of_today_unless_told() -> None:
    today = dt.date.today().isoformat()
    told = CliRunner().invoke(cli, ["plan", "--status", str(PLAN), "--as-of", today])
    assert told.exit_code == 0, told.output
    left = CliRunner().invoke(cli, ["plan", "--status", str(PLAN)])
    assert (left.exit_code, left.stdout) == (0, told.stdout)
    long_ago = CliRunner().invoke(cli, ["plan", "--status", str(PLAN), "--as-of", "2000-01-01"])
    assert long_ago.stdout != told.stdout  # the date matters: overdue actions differ


# -- a file that is not there or not a file: a usage error, exit 2 ----------------------------


def test_a_folder_given_as_the_assessment_is_a_usage_error(tmp_path: Path) -> None:
    folder = tmp_path / "reviews"
    folder.mkdir()
    output = tmp_path / "plan.yaml"
    result = run("plan", folder, "-o", output)
    assert result.exit_code == 2
    assert f"Invalid value for '[ASSESSMENT]': File '{folder}' is a directory." in result.stderr
    assert not output.exists()


def test_a_folder_given_as_the_plan_whose_status_is_asked_is_a_usage_error(
    tmp_path: Path,
) -> None:
    result = run("plan", "--status", tmp_path)
    assert result.exit_code == 2
    assert f"Invalid value for '--status': File '{tmp_path}' is a directory." in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_later_review_that_is_not_a_file_is_a_usage_error(tmp_path: Path, kind: str) -> None:
    review = tmp_path / "later.yaml"
    if kind == "folder":
        review.mkdir()
    result = run("plan", "--status", PLAN, "--review", review)
    assert result.exit_code == 2
    words = "does not exist" if kind == "missing" else "is a directory"
    assert f"Invalid value for '--review': File '{review}' {words}." in result.stderr
    assert result.stdout == ""


# -- the status view's bytes ----------------------------------------------------------------


def test_the_status_table_ends_with_one_line_end() -> None:
    result = run("plan", "--status", PLAN, "--review", REVIEW_2026, "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n")
    assert not result.stdout.endswith("\n\n")


def test_the_status_as_json_is_indented_two_spaces_a_level() -> None:
    args = ("plan", "--status", PLAN, "--review", REVIEW_2026, "--format", "json")
    result = run(*args, "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert result.stdout == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# -- where each line goes -------------------------------------------------------------------


def test_a_plugin_that_fails_to_load_is_told_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's problems hold the engine's: the command tells them itself, once."""
    broken = _EntryPoint("broken", "broken:main", error=ImportError("No module named 'x'"))
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [broken])
    result = run("plan", REVIEW_2025, "-o", tmp_path / "plan.yaml", "--priority", "high")
    assert result.exit_code == 0, result.output
    told = [line for line in result.stderr.splitlines() if "plugin broken" in line]
    assert len(told) == 1, result.stderr


def test_stopping_at_a_question_is_told_on_stderr(tmp_path: Path) -> None:
    output = tmp_path / "plan.yaml"
    result = run("plan", REVIEW_2025, "-o", output, "--priority", "high", "-i", input="")
    assert result.exit_code == 1
    assert result.stderr.endswith("Stopped before anything was written.\n")
    assert "Stopped" not in result.stdout
    assert not output.exists()


def test_a_plan_saved_nowhere_is_shown_whole_and_the_why_on_two_lines_of_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PLAN made by another program meanwhile, and no room beside it: the plan is printed
    on stdout as the file would have held it; the message and its hint on stderr, one line
    each, even for a file name with a line break in it."""
    output = tmp_path / "plan\nerror: forged.yaml"
    made_by = building.plan_from_report

    def and_meanwhile(*args: Any, **kwargs: Any) -> Any:
        made = made_by(*args, **kwargs)
        output.write_text("kind: plan\n", encoding="utf-8")
        return made

    def no_room(path: Path, text: str) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "plan_from_report", and_meanwhile)
    monkeypatch.setattr(files, "write_new", no_room)
    result = run("plan", REVIEW_2025, "-o", output, "--priority", "high")
    assert result.exit_code == 1
    assert output.read_text(encoding="utf-8") == "kind: plan\n"  # the other program's
    assert result.stdout.endswith("\n")
    assert not result.stdout.endswith("\n\n")
    shown_plan = tmp_path / "kept.yaml"
    shown_plan.write_text(result.stdout, encoding="utf-8")
    assert len(load_plan(shown_plan).actions) == 5
    message, hint = result.stderr.splitlines()
    assert "could not be saved beside it either (No space left on device)" in message
    assert message.endswith("Your plan is shown above.")
    assert hint.startswith("Keep it in a file of your own and compare it with ")
    assert "plan\\nerror: forged.yaml" in hint
