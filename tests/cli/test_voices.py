"""`selfreview voices`'s command line: what it asks for, the format told from `-o`'s name,
and names shown escaped (a mutation pass over `cli/voices.py`, round 44)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

RESPONDENTS = Path(__file__).resolve().parents[2] / "examples" / "respondents"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_paths_are_required() -> None:
    result = run("voices")
    assert result.exit_code == 2
    assert "Missing argument 'PATH...'" in result.stderr


def test_a_folder_as_the_output_is_a_usage_error(tmp_path: Path) -> None:
    result = run("voices", str(RESPONDENTS), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "is a directory" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["view", "view.xyz", "a\nb"])
def test_an_output_whose_format_cannot_be_told_names_what_was_read(
    tmp_path: Path, name: str
) -> None:
    """No suffix: the name itself; an unknown suffix: the suffix; on one line."""
    output = tmp_path / name
    told = ".xyz" if name.endswith(".xyz") else str(output).replace("\n", "\\n")
    result = run("voices", str(RESPONDENTS), "-o", str(output))
    assert result.exit_code == 2
    said = f"cannot tell the format from `{told}`; give --format (table, json, csv, html)\n"
    assert result.stderr.endswith(said)
    assert not output.exists()


def test_the_file_written_is_named_on_one_line(tmp_path: Path) -> None:
    output = tmp_path / "view\nok: forged.json"
    result = run("voices", str(RESPONDENTS), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert output.is_file()
    shown = str(output).replace("\n", "\\n")
    assert result.stderr == f"Wrote {shown} (json).\n"
