"""`selfreview plan --status` without `--as-of` reads the plan as of today (a mutation pass
over `cli/plan.py`, round 44: every other test of `plan` fixes today's date)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli

PLAN = Path(__file__).resolve().parents[2] / "examples" / "plan" / "example-primary-plan.yaml"


def test_the_status_is_as_of_today_unless_told() -> None:
    today = dt.date.today().isoformat()
    told = CliRunner().invoke(cli, ["plan", "--status", str(PLAN), "--as-of", today])
    assert told.exit_code == 0, told.output
    left = CliRunner().invoke(cli, ["plan", "--status", str(PLAN)])
    assert (left.exit_code, left.stdout) == (0, told.stdout)
    long_ago = CliRunner().invoke(cli, ["plan", "--status", str(PLAN), "--as-of", "2000-01-01"])
    assert long_ago.stdout != told.stdout  # the date matters: overdue actions differ
