"""A program's group held to the configuration file once (`cli/_commands._held_as_found`),
pinned where a mutation pass (round 73) found it untested: a group added again and again
(a program's test fixture that sets it up each time) is wrapped once, not once more for each
add, so its commands run as they did (past Python's recursion limit, each add one more
wrapping made `tools hello` fail), and a broken file still stops them, placed, exit 1."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli


@pytest.mark.usefixtures("commands_added_taken_off")
def test_a_group_added_again_and_again_runs_its_commands_as_it_did(tmp_path: Path) -> None:
    ran: list[str] = []
    tools = click.Group("tools")
    tools.add_command(click.Command("hello", callback=lambda: ran.append("hello")))
    for _ in range(1500):  # past Python's recursion limit, were each add one more wrapping
        cli.add_command(tools)
    result = CliRunner().invoke(cli, ["tools", "hello"])
    assert (result.exit_code, result.output, ran) == (0, "", ["hello"])
    (tmp_path / "selfreview.toml").write_text("policy = 3\n", encoding="utf-8")
    stopped = CliRunner().invoke(cli, ["tools", "hello"])
    assert stopped.exit_code == 1
    assert stopped.stderr.startswith(f"{tmp_path / 'selfreview.toml'}:1:10: error: policy: ")
    assert (stopped.stdout, ran) == ("", ["hello"])
