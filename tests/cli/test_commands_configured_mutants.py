"""What `cli/_commands.configured_first` (round 70: a broken configuration file stops a
command when it runs, not its `--help`) does that its other tests did not pin: found by the
round-71 mutation pass over its lines. Each test is a program adding its own command to the
group, as `cli.add_command` lets it."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from selfreview_core.cli import cli


def test_a_group_a_program_adds_without_a_callback_runs_its_commands(
    commands_added_taken_off: Path,
) -> None:
    """A program's group of commands (`click.Group("tools")`, no callback of its own) added
    to ours runs its commands: it is not wrapped as if it had a callback, which would fail
    ("'NoneType' object is not callable") before its command ran."""
    tools = click.Group("tools")
    tools.add_command(click.Command("hello", callback=lambda: click.echo("hello, school")))
    cli.add_command(tools)
    result = CliRunner().invoke(cli, ["tools", "hello"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "hello, school\n", "")
    assert tools.callback is None


def test_a_command_added_again_and_again_runs_as_it_did(commands_added_taken_off: Path) -> None:
    """A program that adds the same command each time it is set up (a test fixture of its
    own, say) gets it held to the configuration file once, not once more for each add: it
    runs as it did the first time, and a broken file still stops it, placed, exit 1."""
    ran: list[str] = []
    command = click.Command("again", callback=lambda: ran.append("ran"))
    for _ in range(1500):  # past Python's recursion limit, were each add one more wrapping
        cli.add_command(command)
    result = CliRunner().invoke(cli, ["again"])
    assert (result.exit_code, result.output, ran) == (0, "", ["ran"])
    config = commands_added_taken_off / "selfreview.toml"
    config.write_text("policy = 3\n", encoding="utf-8")
    stopped = CliRunner().invoke(cli, ["again"])
    assert stopped.exit_code == 1
    assert stopped.stderr.startswith(f"{config}:1:10: error: policy: ")
    assert (stopped.stdout, ran) == ("", ["ran"])


def test_an_added_commands_callback_is_still_a_plain_function(
    commands_added_taken_off: Path,
) -> None:
    """A program that calls its own command's callback directly, outside any command line
    (as its own tests may), still gets it run: there is no configuration file to stop at,
    and no click context is needed for the check."""
    ran: list[str] = []
    command = click.Command("direct", callback=lambda school: ran.append(school))
    cli.add_command(command)
    assert command.callback is not None
    command.callback("Hillside Primary")
    assert ran == ["Hillside Primary"]
