"""`selfreview show`'s command line: `--help` gives the default format, and the text is
written as the display makes it, ending in one line break (a mutation pass over
`cli/show.py`, round 44)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli


def test_help_gives_the_default_format() -> None:
    result = CliRunner().invoke(cli, ["show", "--help"])
    assert "[default: table]" in " ".join(result.stdout.split())


def test_a_strand_is_shown_ending_in_one_line_break() -> None:
    result = CliRunner().invoke(cli, ["show", "becta-srf", "1a1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n")
    assert not result.stdout.endswith("\n\n")
    assert "1a1" in result.stdout


_EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "example-primary-2025.yaml")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["show", ""], "Invalid value for FRAMEWORK: no framework has an empty name"),
        (
            ["show", "becta-srf", ""],
            "Invalid value for ID: an empty id is not an element, aspect or strand of "
            "becta-srf@2010",
        ),
        (["migrate", _EXAMPLE, "--to", ""], "Invalid value for --to: no framework has an empty"),
        (["report", _EXAMPLE, "--format", ""], "Invalid value for --format: no exporter has an"),
    ],
)
def test_an_empty_name_or_id_is_said_to_be_empty(args: list[str], said: str) -> None:
    """Round 46: an empty name on the command line was shown as nothing in backticks ("no
    framework `` is available", "`` is not an element, aspect or strand")."""
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "``" not in result.stderr
    assert f"Error: {said}" in " ".join(result.stderr.split())
    assert result.exception is None or isinstance(result.exception, SystemExit)
