"""A report table's problems show each name they quote as a name is shown (`\\u200b`), as the
Markdown and HTML views and the warning on standard error do (`escaping.quotes_shown`).
Until round 73 the table printed the plugin name of `--disable` raw: `no plugin named `
and a zero-width space, which reads as an empty name."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2026.yaml"


def test_a_problem_quoting_a_name_of_nothing_to_see_shows_it_escaped() -> None:
    args = ["report", str(REVIEW), "--disable", "\u200b", "--disable", "x"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index("Problems (2)")
    assert lines[at + 1 :] == [
        "  warning: engine: no plugin named `\\u200b` to disable",
        "  warning: engine: no plugin named `x` to disable",
    ]
    assert lines[0] == "Example Primary School (100000), Example LEA"  # the rest as it was
    assert "warning: no plugin named `\\u200b` to disable" in result.stderr
