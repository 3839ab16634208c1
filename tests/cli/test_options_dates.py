"""`cli/_options.DATE`, the type of every date option (`assess --date`, `combine --date`,
`plan --due`, `plan --as-of`). With click's `DateTime` a date no calendar has, written
as asked (`--due 2025-02-30`), was said not to "match the format '%Y-%m-%d'", which it
does; now the reason is the date's own, and the form is said in words a user writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core.cli import cli
from selfreview_core.cli._options import DATE

ROOT = Path(__file__).resolve().parents[2]
REVIEW = str(ROOT / "examples" / "example-primary-2025.yaml")
PLAN = str(ROOT / "examples" / "plan" / "example-primary-plan.yaml")

COMMANDS = {
    "assess --date": ["assess", "becta-srf", "-o", "out.yaml", "--date"],
    "combine --date": ["combine", str(ROOT / "examples"), "-o", "out.yaml", "--date"],
    "plan --due": ["plan", REVIEW, "-o", "out.yaml", "--due"],
    "plan --as-of": ["plan", "--status", PLAN, "--as-of"],
}


@pytest.mark.parametrize("command", COMMANDS, ids=list(COMMANDS))
@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2025-02-30", "day is out of range for month"),
        ("2025-13-01", "month must be in 1..12"),
        ("31/01/2027", "write it as YYYY-MM-DD"),
        ("2025-1-31", "write it as YYYY-MM-DD"),
        ("20250131", "write it as YYYY-MM-DD"),
        ("2025-01-31T10:00", "write it as YYYY-MM-DD"),
        ("2025-01-31\n", "write it as YYYY-MM-DD"),
    ],
)
def test_a_date_that_is_none_is_a_usage_error_saying_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, written: str, reason: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, [*COMMANDS[command], written], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    option = command.split()[1]
    shown = written.replace("\n", "\\n")
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '{option}': '{shown}' is not a date: {reason}"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_control_character_in_a_date_is_shown_escaped() -> None:
    with pytest.raises(click.BadParameter) as caught:
        DATE.convert("2025-01-01\x1b[31m", None, None)
    assert caught.value.message == "'2025-01-01\\x1b[31m' is not a date: write it as YYYY-MM-DD"


@given(st.dates())
def test_every_date_written_yyyy_mm_dd_is_that_date(day: dt.date) -> None:
    written = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    assert DATE.convert(written, None, None) == day
    assert DATE.convert(day, None, None) == day  # a default given as a date


def test_the_due_date_given_is_each_action_s(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    args = ["plan", REVIEW, "-o", str(out), "--due", "2024-02-29"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.count("due: 2024-02-29") == text.count("- id: ") > 0


def test_the_as_of_date_given_counts_what_is_overdue() -> None:
    runner = CliRunner()
    before = runner.invoke(cli, ["plan", "--status", PLAN, "--as-of", "2000-01-01"])
    after = runner.invoke(cli, ["plan", "--status", PLAN, "--as-of", "2999-12-31"])
    assert before.exit_code == after.exit_code == 0, before.output + after.output
    assert before.stdout.endswith("; 0 overdue as of 2000-01-01.\n"), before.stdout
    assert after.stdout.endswith("; 2 overdue as of 2999-12-31.\n"), after.stdout


def test_help_shows_the_form_to_write() -> None:
    result = CliRunner().invoke(cli, ["plan", "--help"])
    assert "--due YYYY-MM-DD" in result.stdout
    assert "--as-of YYYY-MM-DD" in result.stdout
