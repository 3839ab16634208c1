"""The dash hint (`cli/_dashes.py`) with the group's own option before a program's command:
found by round 74's mutation pass over round 73's lines, where `_arguments`' walk up from
the command to the group (`while here is not ctx`) as `is` survived. The command's words
were then read by its parser with the group's words still in them: a program's command does
not know `--no-color`, the line could not be read, and an option's value was hinted at as
an option ("did you mean `-o`?") where `-o` would be that value too."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from selfreview_core.cli import cli


def test_a_dashed_options_value_in_a_programs_command_after_the_groups_option_is_not_hinted(
    commands_added_taken_off: Path,
) -> None:
    """`selfreview --no-color tools hello --format \u2013o`: the word is `--format`'s value,
    told as `--format -o` is, with or without the group's `--no-color` before."""
    ran: list[object] = []
    tools = click.Group("tools")
    hello = click.Command(
        "hello",
        params=[click.Option(["--format"], type=click.Choice(["a", "b"])), click.Option(["-o"])],
        callback=lambda **given: ran.append(given),
    )
    tools.add_command(hello)
    cli.add_command(tools)
    for before in ([], ["--no-color"]):
        for word in ("\u2013o", "-o"):
            result = CliRunner().invoke(cli, [*before, "tools", "hello", "--format", word])
            assert result.exit_code == 2
            assert result.stdout == ""
            assert result.stderr.splitlines()[-1] == (
                f"Error: Invalid value for '--format': '{word}' is not one of 'a', 'b'."
            )
    assert ran == []
    assert [p.name for p in commands_added_taken_off.iterdir()] == [".git"]  # nothing written
