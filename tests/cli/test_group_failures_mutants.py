"""What the command group (`cli/__init__.py`, `SelfReviewGroup._failed`) does with an error
no command caught, that its other tests did not pin: found by the round-71 mutation pass
over the module. Each test is a program's own command, added to the group, that fails,
but one: `NO_COLOR`, which the group reads for every command."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

pytestmark = pytest.mark.usefixtures("commands_added_taken_off")


def failing(error: Exception) -> Result:
    def fail() -> None:
        raise error

    cli.add_command(click.Command("failing", callback=fail))
    return CliRunner().invoke(cli, ["failing"])


def test_a_system_error_names_its_file_and_says_what_went_wrong() -> None:
    """An `OSError` no command caught is told as the system's words about its file, exit 1:
    no "internal error", no traceback, and no `[Errno 2]` repeating the file's name."""
    result = failing(FileNotFoundError(2, "No such file or directory", "school.yaml"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: school.yaml: No such file or directory\n"


def test_a_system_errors_file_name_is_told_on_one_line() -> None:
    """A file named with a line break (`a` newline `ok: b.yaml`): its name is told with the
    break shown as `\\n`, so that no second line seems to say something of its own."""
    result = failing(PermissionError(13, "Permission denied", "a\nok: b.yaml"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: a\\nok: b.yaml: Permission denied\n"


def test_an_internal_errors_message_is_told_on_one_line() -> None:
    """An unexpected error (a bug, ours or a plugin's) is one line naming its type and
    message, the message's line breaks shown as `\\n`, then how to see where, exit 1."""
    result = failing(ValueError("first line\nok: second line"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: internal error: ValueError: first line\\nok: second line\n"
        "This is a bug in selfreview or a plugin; set SELFREVIEW_DEBUG=1 to see where.\n"
    )


def test_no_color_in_the_environment_takes_the_colour_out_of_a_terminals_output() -> None:
    """`NO_COLOR=1` (https://no-color.org): `validate`'s green `ok` is plain even where the
    output is a terminal's (click's `color=True`); an empty `NO_COLOR` asks for nothing."""
    review = str(Path(__file__).resolve().parents[2] / "examples" / "example-primary-2025.yaml")
    plain = CliRunner(env={"NO_COLOR": "1"}).invoke(cli, ["validate", review], color=True)
    coloured = CliRunner(env={"NO_COLOR": ""}).invoke(cli, ["validate", review], color=True)
    assert (plain.exit_code, coloured.exit_code) == (0, 0)
    assert plain.stdout.startswith(f"{review}: ok: assessment of becta-srf@2010 ")
    assert "\x1b[" not in plain.output
    assert coloured.stdout.startswith(f"{review}: \x1b[32mok\x1b[0m: assessment of ")


def test_a_reader_gone_while_a_command_writes_ends_it_quietly_with_success() -> None:
    """A command whose reader went away (`selfreview ... | head`, the pipe broken while it
    printed): exit 0 and nothing told, as `head` got what it asked for; no "Broken pipe"
    and no internal error."""
    result = failing(BrokenPipeError(32, "Broken pipe"))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
