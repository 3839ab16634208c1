"""A usage error click raises with no command to it (an option given no value) inside a
program's own group (`tools hello -o`), pinned where a mutation pass (round 73) found
`cli._Group._running` untested there: the group does not know which of the program's
commands raised it, so it shows no usage, rather than the program's group's usage and help,
which name another command than the one typed."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli


@pytest.mark.usefixtures("commands_added_taken_off")
def test_an_option_with_no_value_in_a_programs_group_is_said_alone() -> None:
    ran: list[str] = []
    tools = click.Group("tools")
    hello = click.Command("hello", params=[click.Option(["-o"])], callback=lambda o: ran.append(o))
    tools.add_command(hello)
    cli.add_command(tools)
    result = CliRunner().invoke(cli, ["tools", "hello", "-o"])
    assert result.exit_code == 2
    assert result.output == "Error: Option '-o' requires an argument.\n"
    assert ran == []
