"""`selfreview combine`'s command line: what it asks for, what it writes to standard output,
and what it says of one response (a mutation pass over `cli/combine.py`, round 44)."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

GOVERNOR = Path(__file__).resolve().parents[2] / "examples" / "respondents" / "governor-1.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_paths_and_the_output_are_both_required() -> None:
    no_paths = run("combine", "-o", "draft.yaml")
    assert no_paths.exit_code == 2
    assert "Missing argument 'PATH...'" in no_paths.stderr
    no_output = run("combine", str(GOVERNOR))
    assert no_output.exit_code == 2
    assert "Missing option '-o' / '--output'" in no_output.stderr


def test_a_folder_as_the_output_is_a_usage_error(tmp_path: Path) -> None:
    result = run("combine", str(GOVERNOR), "-o", str(tmp_path), "--min-group", "1")
    assert result.exit_code == 2
    assert "is a directory" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_one_response_drafted_to_standard_output(tmp_path: Path) -> None:
    """The draft is the whole of standard output, ending in one line break; "1 response",
    not "1 responses", in its header and on standard error."""
    result = run("combine", str(GOVERNOR), "-o", "-", "--min-group", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# A draft of the school's review from 1 response, made ")
    assert result.stdout.endswith("\n")
    assert not result.stdout.endswith("\n\n")
    draft = yaml.safe_load(result.stdout)
    assert draft["judgements"]["1a1"]["level"] == 3
    assert result.stderr.startswith(
        "Wrote standard output: 12 of 12 strands drafted from 1 response.\n"
    )


def test_an_output_name_with_a_line_break_is_shown_escaped(tmp_path: Path) -> None:
    output = tmp_path / "draft\nok: forged.yaml"
    result = run("combine", str(GOVERNOR), "-o", str(output), "--min-group", "1")
    assert result.exit_code == 0, result.output
    assert output.is_file()
    shown = str(output).replace("\n", "\\n")
    assert f"Wrote {shown}: 12 of 12 strands drafted from 1 response.\n" in result.stderr
    assert "\nok: forged" not in result.stderr
