"""Every command's `--help` ends with what its exit codes mean, in the same words as its
neighbours (`Exits 0 when ...; 1 ...; 2 on a usage error.`), and does what it says. Round
80: a new user reading `selfreview report --help` found no exit code (only the group's own
help, and the README, gave them), `show`, `plan`, `config`, `frameworks`, `schema` and
`assess` none either, and the others said them each their own way ("the exit code is then
1", "Either way the exit code is 1", "(exit 1)"), none of them what 2 means. `schema`'s
usage line named no KIND, as SPEC section 5 writes it, but `{assessment|framework|...}`."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from selfreview_core.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
BAD = ROOT / "tests" / "data" / "bad" / "unknown-strand.yaml"


def _help(name: str) -> str:
    result = CliRunner().invoke(cli, [name, "--help"], prog_name="selfreview", terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.output


def _exits_paragraph(name: str) -> str:
    """The paragraph of the command's help that starts `Exits`, its lines joined."""
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    assert command.help is not None
    paragraphs = [" ".join(p.split()) for p in command.help.split("\n\n")]
    found = [p for p in paragraphs if p.startswith("Exits 0 ")]
    assert len(found) == 1, (name, paragraphs)
    return found[0]


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_s_help_ends_by_saying_what_each_exit_code_means(name: str) -> None:
    paragraph = _exits_paragraph(name)
    assert paragraph.endswith(("2 on a usage error.", "and on a usage error.")), paragraph
    if name != "schema":  # nothing it reads can be invalid: its one argument is a choice
        assert "; 1 " in paragraph, paragraph
    shown = " ".join(_help(name).split())
    assert paragraph in shown  # given to the user, not only in the source
    assert shown.index(paragraph) < shown.index("Options:")  # last before the options


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_exits_2_on_a_usage_error_as_its_help_says(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--nonsense"], prog_name="selfreview")
    assert result.exit_code == 2
    assert "Error: No such option '--nonsense'" in result.output
    assert f"Try 'selfreview {name} --help' for help." in result.output


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("validate", [str(BAD)]),
        ("report", [str(BAD)]),
        ("awards", [str(BAD)]),
        ("show", [str(EXAMPLES / "example-primary-2026.yaml")]),  # an assessment, no framework
        ("benchmark", [str(EXAMPLES / "cohort"), str(BAD)]),
        ("support", [str(EXAMPLES / "cohort"), str(BAD)]),
        ("voices", [str(EXAMPLES / "respondents"), str(BAD)]),
    ],
)
def test_invalid_input_exits_1_as_the_help_says(name: str, args: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, [name, *args], prog_name="selfreview")
    assert result.exit_code == 1, result.output
    assert "error:" in result.output
    assert "Traceback" not in result.output


def test_schema_names_its_argument_kind_as_spec_does_and_lists_each() -> None:
    shown = _help("schema")
    assert shown.startswith("Usage: selfreview schema [OPTIONS] KIND\n")
    assert "KIND is assessment, framework, rules, migration, plan or report." in " ".join(
        shown.split()
    )
    result = CliRunner().invoke(cli, ["schema", "plans"], prog_name="selfreview")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: Invalid value for 'KIND': 'plans' is not one of 'assessment', 'framework', "
        "'rules', 'migration', 'plan', 'report' (did you mean `plan`?)\n"
    )
