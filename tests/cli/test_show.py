"""`selfreview show`'s command line: `--help` gives the default format, and the text is
written as the display makes it, ending in one line break (a mutation pass over
`cli/show.py`, round 44)."""

from __future__ import annotations

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
