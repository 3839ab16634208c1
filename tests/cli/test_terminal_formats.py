"""The format `-o`'s name chooses (`_terminal.format_from_output`, `exporters.choosing`), the
same in every command that tells one from it: `report`, `voices`, `benchmark`, `support`.

Before round 49 `.htm` was HTML to none of them (`report` and `voices` refused it,
`benchmark` and `support` wrote a table into it), and a name whose extension names no format
(`out.txt2`, `cohort.yaml`) was refused by `report` and `voices` but given a table by
`benchmark` and `support`, which the next program to read `cohort.yaml` failed on."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
#: Each command, what it reads, and the formats it offers when it cannot tell one.
COMMANDS = {
    "report": (
        ROOT / "examples" / "example-primary-2025.yaml",
        "table, json, csv, markdown, html, summary",
    ),
    "voices": (ROOT / "examples" / "respondents", "table, json, csv, html"),
    "benchmark": (ROOT / "examples" / "cohort", "table, json, csv, html"),
    "support": (ROOT / "examples" / "cohort", "table, json, csv, html"),
}


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", ["page.htm", "PAGE.HTM", "page.html"])
def test_htm_is_html_in_every_command(tmp_path: Path, command: str, name: str) -> None:
    given, _ = COMMANDS[command]
    output = tmp_path / name
    result = run(command, str(given), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {output} (html).\n"
    assert result.stdout == ""
    written = output.read_bytes()
    assert written.startswith(b"<!DOCTYPE html>")
    assert written == run(command, str(given), "--format", "html").stdout_bytes


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("name", "told"),
    [
        ("out.txt2", "`.txt2`"),
        ("cohort.yaml", "`.yaml`"),
        ("out.JSN", "`.jsn`"),
        ("noext", "`{output}`"),
        (".txt", "`{output}`, a name with no extension"),
    ],
)
def test_a_name_that_names_no_format_is_refused_by_every_command(
    tmp_path: Path, command: str, name: str, told: str
) -> None:
    given, formats = COMMANDS[command]
    output = tmp_path / name
    result = run(command, str(given), "-o", str(output))
    assert result.exit_code == 2
    said = told.format(output=output)
    assert result.stderr.endswith(
        f"Error: Invalid value for -o: cannot tell the format from {said}; give --format "
        f"({formats})\n"
    )
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_format_given_wins_over_any_name(tmp_path: Path, command: str) -> None:
    given, _ = COMMANDS[command]
    output = tmp_path / "out.txt2"
    result = run(command, str(given), "--format", "json", "-o", str(output))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {output} (json).\n"
    assert output.read_bytes().startswith(b"{")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_name_that_tells_no_format_is_said_on_one_line(tmp_path: Path, command: str) -> None:
    given, formats = COMMANDS[command]
    output = tmp_path / "out\nput"
    result = run(command, str(given), "-o", str(output))
    assert result.exit_code == 2
    escaped = str(output).replace("\n", "\\n")
    assert result.stderr.endswith(
        f"Error: Invalid value for -o: cannot tell the format from `{escaped}`; give --format "
        f"({formats})\n"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_an_output_over_an_input_is_said_before_its_format(tmp_path: Path, command: str) -> None:
    """`-o` naming an input (`.yaml`, which tells no format) is refused as an input, the
    graver fault, in every command: `benchmark` and `support` told the format first."""
    name = "governor-1.yaml" if command == "voices" else "example-primary-2025.yaml"
    source = ROOT / "examples" / ("respondents" if command == "voices" else "") / name
    given = tmp_path / name
    given.write_bytes(source.read_bytes())
    result = run(command, str(given), "-o", str(given))
    assert result.exit_code == 2
    assert f"Invalid value for -o: `{given}` is " in result.stderr
    assert "which this command reads" in result.stderr
    assert "cannot tell the format" not in result.stderr
    assert given.read_bytes() == source.read_bytes()
